"""Officials and agencies named in a release (rules plus a small gazetteer).

Officials: a person's name with the title or rank written before it
("Thứ trưởng Lê Quốc Hùng", "bà Lesa Gale", "Deputy Minister Le Quoc Hung").
A run of capitalised words counts as a name when it starts with a Vietnamese
surname or directly follows a title.  Agencies: a capitalised head word
("Bộ", "Cơ quan", "Ủy ban", ...; "Ministry of", "... Police") and the name
that follows, with an acronym in parentheses bound to it
("Cảnh sát Liên bang Australia (AFP)").  Known agencies are also recognised
by any of their names, so every name is indexed for each of them.
"""

from __future__ import annotations

import re
from functools import lru_cache
from dataclasses import dataclass, field

from . import gazetteer as gz
from .analysis import words as vi_words
from .textnorm import fold

__all__ = ["Official", "Agency", "extract", "entity_key"]


@dataclass
class Official:
    name: str
    role: str = ""

    def to_dict(self) -> dict:
        return {"name": self.name, "role": self.role}


@dataclass
class Agency:
    name: str
    acronym: str = ""
    aliases: list[str] = field(default_factory=list)

    def to_dict(self) -> dict:
        return {"name": self.name, "acronym": self.acronym, "aliases": self.aliases}


def entity_key(name: str) -> str:
    """Spelling-insensitive identity of a name: folded, lowercase, no hyphens."""
    return " ".join(fold(gz.key(name)).replace("-", " ").split())


_ACRONYM = re.compile(r"^[A-Z][A-Za-z0-9&]{1,11}$")


def _is_cap(word: str) -> bool:
    return word[:1].isupper()


def _is_acronym(word: str) -> bool:
    return bool(_ACRONYM.match(word)) and sum(c.isupper() for c in word) >= 2


class _Collector:
    """Keeps the first spelling of each entity and merges later mentions."""

    def __init__(self) -> None:
        self.officials: dict[str, Official] = {}
        self.agencies: dict[str, Agency] = {}

    def official(self, name: str, role: str) -> None:
        k = entity_key(name)
        if len(k.split()) < 2:
            return
        known = self.officials.get(k)
        if known is None:
            self.officials[k] = Official(name, role)
        elif not known.role and role:
            known.role = role

    def agency(self, name: str, acronym: str = "") -> None:
        name = name.strip()
        if not name:
            return
        k = entity_key(name)
        known = self.agencies.get(k)
        if known is None:
            self.agencies[k] = known = Agency(name, acronym)
        elif acronym and not known.acronym:
            known.acronym = acronym

    def result(self) -> tuple[list[Official], list[Agency]]:
        agencies = list(self.agencies.values())
        _attach_known_names(agencies)
        return list(self.officials.values()), agencies


# --- the gazetteer of known agencies --------------------------------------

_KNOWN_BY_KEY: dict[str, tuple[str, str, tuple[str, ...]]] = {}
for _entry in gz.KNOWN_AGENCIES:
    for _name in (_entry[0], _entry[1], *_entry[2]):
        _KNOWN_BY_KEY.setdefault(entity_key(_name), _entry)
_KNOWN_ACRONYMS = {a: e for e in gz.KNOWN_AGENCIES for a in e[2]}


def _attach_known_names(agencies: list[Agency]) -> None:
    for agency in agencies:
        entry = _KNOWN_BY_KEY.get(entity_key(agency.name)) or (
            _KNOWN_BY_KEY.get(entity_key(agency.acronym)) if agency.acronym else None
        )
        if entry:
            names = [entry[0], entry[1], *entry[2]]
            agency.aliases = [n for n in names if entity_key(n) != entity_key(agency.name)]
            if not agency.acronym and entry[2]:
                agency.acronym = entry[2][0]


_KNOWN_ACRONYM_RE = re.compile(
    r"(?<![\w-])(" + "|".join(re.escape(a) for a in sorted(_KNOWN_ACRONYMS, key=len, reverse=True))
    + r")(?![\w-])")


def _known_mentions(text: str, out: _Collector) -> None:
    """Gazetteer acronyms that stand alone in the text."""
    for acronym in dict.fromkeys(_KNOWN_ACRONYM_RE.findall(text)):
        if not any(a.acronym == acronym for a in out.agencies.values()):
            out.agency(acronym, acronym)


# --- Vietnamese -------------------------------------------------------------

def _match_phrase(ws, i: int, table: frozenset[str], max_words: int = 4) -> int:
    """Number of words from i whose joined text is in ``table`` (longest)."""
    best = 0
    text = ""
    for j in range(i, min(i + max_words, len(ws))):
        if not ws[j][3]:
            break
        text = (text + " " + gz.key(ws[j][0])).strip()
        if text in table:
            best = j - i + 1
    return best


# First syllables that can open a title: most words are ruled out by one lookup.
_TITLE_OPENERS = frozenset(t.split(" ")[0] for t in gz.TITLES_VI | gz.TITLE_MODIFIERS_VI)


@lru_cache(maxsize=131072)
def _opens_title(word: str) -> bool:
    return gz.key(word).split(" ")[0] in _TITLE_OPENERS


def _title_at(ws, i: int) -> int:
    """Length in words of a (possibly modified) title starting at i."""
    if not ws[i][3] or not _opens_title(ws[i][0]):
        return 0
    n = 0
    while i + n < len(ws) and ws[i + n][3] and gz.key(ws[i + n][0]) in gz.TITLE_MODIFIERS_VI:
        n += 1
    m = _match_phrase(ws, i + n, gz.TITLES_VI)
    if m:
        return n + m
    # pyvi may glue a modifier to its title ("Phó_Tổng_Tư_lệnh").
    k = gz.key(ws[i][0]) if i < len(ws) and ws[i][3] else ""
    first, _, rest = k.partition(" ")
    if first in gz.TITLE_MODIFIERS_VI and rest in gz.TITLES_VI:
        return 1
    return 0


def _agency_at(ws, i: int) -> int:
    """Length in words of an agency name starting at i (0 if none).

    After the head, capitalised words continue the name until a person's
    name, another agency head or a place (which ends it); lowercase words
    continue it when they are typical inner words ("quốc gia", "hình sự") or
    when an acronym in parentheses closes the phrase a few words on.
    """
    if not _is_cap(ws[i][0]):
        return 0
    head = _match_phrase(ws, i, gz.AGENCY_HEADS_VI, 2)
    if not head:
        return 0
    j = i + head
    if j >= len(ws) or not ws[j][3] or not _is_cap(ws[j][0]) or _is_person_start(ws, j):
        return 0
    closing = _acronym_ahead(ws, j)
    while j < len(ws) and ws[j][3]:
        w = gz.key(ws[j][0])
        if closing is not None and j < closing:
            j += 1
            continue
        if j > i + head and _is_cap(ws[j][0]):
            if _is_person_start(ws, j) or _match_phrase(ws, j, gz.AGENCY_HEADS_VI, 2) \
                    or _title_at(ws, j):
                break
        elif j > i + head and w not in gz.AGENCY_INNER_VI and not (
                w == "và" and j + 1 < len(ws) and _is_cap(ws[j + 1][0])
                and not _match_phrase(ws, j + 1, gz.AGENCY_HEADS_VI, 2)):
            break
        j += 1
        if w in gz.PLACES:
            break
    return j - i


def _acronym_ahead(ws, j: int, reach: int = 7) -> int | None:
    """Index of "(" when "(ACRONYM)" follows within ``reach`` words."""
    for k in range(j, min(j + reach, len(ws))):
        if not ws[k][3]:
            if ws[k][0] == "(" and k + 2 < len(ws) and ws[k + 2][0] == ")" and _is_acronym(ws[k + 1][0]):
                return k
            return None
        if gz.key(ws[k][0]) in gz.AGENCY_STOPS_VI:
            return None
    return None


def _is_person_start(ws, j: int) -> bool:
    first = gz.key(ws[j][0]).split(" ")[0]
    return first in gz.SURNAMES_VI and len(ws[j][0].split()) >= 2 and gz.key(ws[j][0]) not in gz.PLACES


def _name_run(ws, i: int) -> int:
    """Length of a run of capitalised words from i (names, places)."""
    j = i
    while j < len(ws) and ws[j][3] and _is_cap(ws[j][0]) and not _is_acronym(ws[j][0].split()[0]):
        j += 1
    return j - i


def _person_in_run(ws, i: int, n: int, after_title: bool) -> str | None:
    """The person's name inside capitalised words ws[i:i+n], if any."""
    run = [ws[k][0] for k in range(i, i + n)]
    # Drop leading places ("Hàn Quốc Yu Jae-seong", "Sydney Nguyễn Đăng Thắng").
    while run and gz.key(run[0]) in gz.PLACES:
        run.pop(0)
    syllables = " ".join(run).split()
    if not all(_is_cap(syl) for syl in syllables) or gz.key(" ".join(syllables)) in gz.NOT_NAMES:
        return None
    for s, syl in enumerate(syllables):
        if gz.key(syl) in gz.SURNAMES_VI and 2 <= len(syllables) - s <= 5 and s < 3:
            return " ".join(syllables[s:])
    if after_title and 2 <= len(syllables) <= 4:
        return " ".join(syllables)
    return None


def _extract_vi(text: str, out: _Collector) -> None:
    ws = vi_words(text)
    i = 0
    role_start = None  # index of the title that opens the current role
    role_end = None
    while i < len(ws):
        if not ws[i][3]:
            role_start = None if ws[i][0] not in "(-" else role_start
            i += 1
            continue
        if not _is_cap(ws[i][0]) and not _opens_title(ws[i][0]):
            role_start = None  # most words: no title, agency or name starts here
            i += 1
            continue
        t = _title_at(ws, i)
        if t:
            if role_start is None:
                role_start = i
            role_end = i + t
            i += t
            continue
        a = _agency_at(ws, i)
        if a:
            end = i + a
            acronym = ""
            if end + 2 < len(ws) and ws[end][0] == "(" and ws[end + 2][0] == ")" and _is_acronym(ws[end + 1][0]):
                acronym = ws[end + 1][0]
            out.agency(text[ws[i][1]:ws[end - 1][2]], acronym)
            if role_start is not None:
                role_end = end
            i = end + (3 if acronym else 0)
            continue
        n = _name_run(ws, i)
        if n:
            prev = gz.key(ws[i - 1][0]) if i > 0 and ws[i - 1][3] else ""
            name = None if prev in gz.PLACE_MARKERS else _person_in_run(ws, i, n, role_start is not None)
            if name:
                role = text[ws[role_start][1]:ws[role_end - 1][2]] if role_start is not None else ""
                out.official(name, role)
            role_start = None
            i += n
            continue
        role_start = None
        i += 1


# --- English ----------------------------------------------------------------

_EN_TOKEN = re.compile(r"[\w][\w'’.-]*[\w]|[\w]|[^\w\s]")
_EN_CONNECTORS = {"of", "and", "for", "on", "the", "de"}


def _extract_en(text: str, out: _Collector) -> None:
    toks = [(m.group(), m.start(), m.end()) for m in _EN_TOKEN.finditer(text)]
    i = 0
    while i < len(toks):
        word = toks[i][0]
        if not _is_cap(word):
            i += 1
            continue
        j = i
        while j < len(toks) and (_is_cap(toks[j][0]) or (
                toks[j][0] in _EN_CONNECTORS and j + 1 < len(toks) and _is_cap(toks[j + 1][0]))):
            j += 1
        while j > i and toks[j - 1][0] in _EN_CONNECTORS:
            j -= 1
        _read_en_run(text, toks, i, j, out)
        i = max(j, i + 1)


def _read_en_run(text, toks, i: int, j: int, out: _Collector) -> None:
    run = [t[0].rstrip(".") for t in toks[i:j]]
    keys = [gz.key(w) for w in run]
    # Title, then a name: "Deputy Minister Le Quoc Hung", "Ambassador Jane Doe".
    t = 0
    while t < len(keys) and keys[t] in gz.TITLE_MODIFIERS_EN:
        t += 1
    m = max((k for k in range(1, 5) if " ".join(keys[t:t + k]) in gz.TITLES_EN), default=0)
    if m:
        rest = run[t + m:]
        if rest and rest[0].lower() == "of":
            rest = []  # "Minister of Public Security" is a role, not a name
        if 2 <= len(rest) <= 4 and not any(gz.key(w) in gz.AGENCY_TAILS_EN for w in rest):
            role = text[toks[i][1]:toks[i + t + m - 1][2]]
            out.official(" ".join(rest), role)
            return
    if keys and (keys[0] in gz.AGENCY_HEADS_EN or keys[-1] in gz.AGENCY_TAILS_EN) and len(run) >= 2:
        acronym = ""
        if j + 2 < len(toks) and toks[j][0] == "(" and toks[j + 2][0] == ")" and _is_acronym(toks[j + 1][0]):
            acronym = toks[j + 1][0]
        out.agency(text[toks[i][1]:toks[j - 1][2]], acronym)


# --- entry point --------------------------------------------------------------

def extract(texts: list[str], lang: str) -> tuple[list[Official], list[Agency]]:
    """Officials and agencies mentioned in the given texts of one release."""
    out = _Collector()
    for text in texts:
        if not text:
            continue
        if lang == "en":
            _extract_en(text, out)
        else:
            _extract_vi(text, out)
    for text in texts:
        _known_mentions(text, out)
    return out.result()
