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
    aliases: list[str] = field(default_factory=list)

    def to_dict(self) -> dict:
        out = {"name": self.name, "role": self.role}
        if self.aliases:
            out["aliases"] = self.aliases
        return out


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
    return (bool(_ACRONYM.match(word)) or (word.isupper() and word.isalpha() and len(word) <= 12)) \
        and sum(c.isupper() for c in word) >= 2


class _Collector:
    """Keeps the first spelling of each entity and merges later mentions."""

    def __init__(self) -> None:
        self.officials: dict[str, Official] = {}
        self.mentions: dict[str, int] = {}  # official key -> mentions, for the main spelling
        self.agencies: dict[str, Agency] = {}

    def official(self, name: str, role: str, single_ok: bool = False) -> None:
        """A one-word name is kept only after a real title ("Tổng thống Trump")."""
        name = _strip_possessive(name.strip())
        k = entity_key(name)
        if not k or (len(k.split()) < 2 and not (single_ok and len(k) >= 3)):
            return
        self.mentions[k] = self.mentions.get(k, 0) + 1
        known = self.officials.get(k)
        if known is None:
            self.officials[k] = Official(name, role)
        elif not known.role and role:
            known.role = role

    def agency(self, name: str, acronym: str = "") -> None:
        name = name.strip()
        if not name or gz.key(name) in gz.GENERIC_AGENCIES:
            return
        k = entity_key(name)
        known = self.agencies.get(k)
        if known is None:
            self.agencies[k] = known = Agency(name, acronym)
        elif acronym and not known.acronym:
            known.acronym = acronym

    def result(self) -> tuple[list[Official], list[Agency]]:
        agencies = _merge_agencies(list(self.agencies.values()))
        _attach_known_names(agencies)
        return _merge_officials(list(self.officials.values()), self.mentions), agencies


def _strip_possessive(name: str) -> str:
    return name[:-2] if name.endswith(("'s", "’s")) else name


# --- one entity, many spellings -------------------------------------------

_ROMANISATION = (("oo", "u"), ("ou", "u"), ("ee", "i"), ("eo", "o"), ("-", " "))


@lru_cache(maxsize=65536)
def _loose_key(name: str) -> str:
    """Key that also equates romanisations ("Yoo Jae-seong" = "Yu Jae-seong")."""
    k = entity_key(name)
    for a, b in _ROMANISATION:
        k = k.replace(a, b)
    return " ".join(k.split())


def _merge_officials(officials: list[Official], mentions: dict[str, int]) -> list[Official]:
    """One official per person: romanisation variants and a bare surname
    ("Trump" after "Donald Trump") become aliases of the fullest, most used name."""
    order = {id(o): n for n, o in enumerate(officials)}
    officials = sorted(officials, key=lambda o: (
        -len(o.name.split()), -mentions.get(entity_key(o.name), 0), order[id(o)]))
    kept: list[Official] = []
    for o in officials:
        ok = _loose_key(o.name)
        host = next((h for h in kept if _loose_key(h.name) == ok or (
            " " not in ok and _loose_key(h.name).split()[-1] == ok)), None)
        if host is None:
            kept.append(o)
            continue
        host.aliases.append(o.name)
        if not host.role and o.role:
            host.role = o.role
    return sorted(kept, key=lambda o: order[id(o)])


def _known_entry(name: str):
    return _KNOWN_BY_KEY.get(entity_key(name))


def _merge_agencies(agencies: list[Agency]) -> list[Agency]:
    """One agency per body: names of the same gazetteer entry, an acronym
    used alone, and a shorter name that opens a longer one ("Trung tâm Cơ
    sở dữ liệu" in "Trung tâm Cơ sở dữ liệu lớn Canberra") unless what
    follows is a place, which names another body ("Bộ Công an Trung Quốc")."""
    kept: list[Agency] = []
    for a in sorted(agencies, key=lambda a: (not _canonical(a.name), -len(a.name))):
        host = _agency_host(a, kept)
        if host is None:
            kept.append(a)
            continue
        if a.name not in host.aliases and a.name != host.acronym:
            host.aliases.append(a.name)
        if a.acronym and not host.acronym:
            host.acronym = a.acronym
    order = {id(a): n for n, a in enumerate(agencies)}
    return sorted(kept, key=lambda a: order[id(a)])


def _canonical(name: str) -> bool:
    """The name is a gazetteer entry's own Vietnamese or English name."""
    entry = _known_entry(name)
    return entry is not None and entity_key(name) in (entity_key(entry[0]), entity_key(entry[1]))


def _agency_host(a: Agency, kept: list[Agency]) -> Agency | None:
    entry = _known_entry(a.name) or (_KNOWN_ACRONYMS.get(a.acronym) if a.acronym else None)
    ak = entity_key(a.name)
    for h in kept:
        if entry is not None and entry is (_known_entry(h.name) or _KNOWN_ACRONYMS.get(h.acronym)):
            return h
        if a.name == a.acronym and h.acronym == a.acronym:
            return h
        hk = entity_key(h.name)
        if hk.startswith(ak + " ") and len(ak.split()) >= 2:
            rest = hk[len(ak) + 1:]
            if gz.key(rest) not in gz.PLACES or rest in ("viet nam", "vn"):
                return h
    return None


# --- the gazetteer of known agencies --------------------------------------

_KNOWN_BY_KEY: dict[str, tuple[str, str, tuple[str, ...]]] = {}
for _entry in gz.KNOWN_AGENCIES:
    for _name in (_entry[0], _entry[1], *_entry[2]):
        _KNOWN_BY_KEY.setdefault(entity_key(_name), _entry)
for _alias, _vi in gz.AGENCY_ALIASES.items():
    _KNOWN_BY_KEY.setdefault(entity_key(_alias), _KNOWN_BY_KEY[entity_key(_vi)])
_KNOWN_ACRONYMS = {a: e for e in gz.KNOWN_AGENCIES for a in e[2]}
# Known names as lookup keys (gz.key form), for matching word runs.
_KNOWN_NAMES = frozenset(gz.key(n) for e in gz.KNOWN_AGENCIES for n in (e[0], e[1]) if " " in n) \
    | frozenset(gz.key(n) for n in gz.AGENCY_ALIASES)
_KNOWN_OPENERS = frozenset(n.split(" ")[0] for n in _KNOWN_NAMES)


def _attach_known_names(agencies: list[Agency]) -> None:
    for agency in agencies:
        entry = _known_entry(agency.name) or (_known_entry(agency.acronym) if agency.acronym else None)
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
        if gz.key(acronym) in gz.BARE_HEADS_VI:
            continue
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
    n = 0  # modifiers, also when pyvi glues two ("cựu phó")
    while i + n < len(ws) and ws[i + n][3] and all(
            syl in gz.TITLE_MODIFIERS_VI for syl in gz.key(ws[i + n][0]).split(" ")):
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


# Lowercase heads that still open a name when a proper name follows
# ("cục Hàng không Việt Nam", "bộ Công an", "công an huyện Thọ Xuân").
_LOWER_HEADS = frozenset({"bộ", "cục", "tổng cục", "sở", "công an", "cảnh sát", "tòa án", "công ty",
                          "tập đoàn", "tổng công ty"})
_COMPANY_FORMS = frozenset({"cổ phần", "tnhh", "cp", "trách nhiệm hữu hạn", "cổ phần đầu tư"})


def _known_at(ws, i: int) -> int:
    """Length in words of a gazetteer agency name starting at i."""
    if not _is_cap(ws[i][0]) or gz.key(ws[i][0]).split(" ")[0] not in _KNOWN_OPENERS:
        return 0
    return _match_phrase(ws, i, _KNOWN_NAMES, 8)


def _place_after(ws, j: int) -> int:
    """Words of "tỉnh Nam Định" / "TP. Đà Nẵng" / "quận 1" starting at j, else 0."""
    if j >= len(ws) or not ws[j][3] or gz.key(ws[j][0]) not in gz.PLACE_LEVELS_VI:
        return 0
    k = j + 1
    if k < len(ws) and ws[k][0] == ".":
        k += 1
    start = k
    while k < len(ws) and ws[k][3] and (_is_cap(ws[k][0]) or (k == start and ws[k][0].isdigit())):
        k += 1
        if gz.key(ws[k - 1][0]) in gz.PLACES or ws[k - 1][0].isdigit():
            break
    return k - j if k > start else 0


def _company_form(ws, j: int) -> int:
    """Lowercase words after "Công ty" up to its capitalised name ("cổ phần dược phẩm")."""
    if j >= len(ws) or gz.key(ws[j][0]) not in _COMPANY_FORMS:
        return 0
    for k in range(j + 1, min(j + 5, len(ws))):
        if not ws[k][3] or gz.key(ws[k][0]) in gz.AGENCY_STOPS_VI:
            return 0
        if _is_cap(ws[k][0]):
            return k - j
    return 0


def _agency_at(ws, i: int) -> int:
    """Length in words of an agency name starting at i (0 if none).

    After the head, capitalised words continue the name until a person's
    name or a title (which ends it); a place ends it too.  Lowercase words
    continue it when they are typical inner words ("quốc gia", "hình sự") or
    when an acronym in parentheses closes the phrase a few words on.  A head
    with a place level ("Công an tỉnh Nam Định") or a company form ("Công ty
    cổ phần dược phẩm Thiên Sơn") may go on in lowercase.
    """
    head = _match_phrase(ws, i, gz.AGENCY_HEADS_VI, 2)
    if not head:
        return 0
    head_key = gz.key(" ".join(w[0] for w in ws[i:i + head]))
    if not _is_cap(ws[i][0]) and head_key not in _LOWER_HEADS:
        return 0
    j = i + head
    if head_key in gz.PLACE_HEADS_VI:
        p = _place_after(ws, j)
        if p:
            return head + p
    if head_key in gz.COMPANY_HEADS_VI:
        j += _company_form(ws, j)
        if j < len(ws) and ws[j][0].isdigit():
            return j + 1 - i  # "Tổng công ty 319"
    if j < len(ws) and ws[j][3] and gz.key(ws[j][0]) in ("tối cao", "trung ương") and _is_cap(ws[i][0]):
        return j + 1 - i  # "TAND tối cao", "Ban Nội chính trung ương"
    if j >= len(ws) or not ws[j][3] or not _is_cap(ws[j][0]) or _is_person_start(ws, j):
        return 0
    closing = _acronym_ahead(ws, j)
    while j < len(ws) and ws[j][3]:
        w = gz.key(ws[j][0])
        if closing is not None and j < closing:
            j += 1
            continue
        if j > i + head and _is_cap(ws[j][0]):
            if _is_person_start(ws, j) or _title_at(ws, j):
                break
            nested = _agency_at(ws, j) if _match_phrase(ws, j, gz.AGENCY_HEADS_VI, 2) else 0
            if nested:  # juxtaposed parent: "Cơ quan CSĐT Công an huyện Thọ Xuân"
                return j + nested - i
            if _match_phrase(ws, j, gz.AGENCY_HEADS_VI, 2):
                break
        elif j > i + head and w not in gz.AGENCY_INNER_VI and not (
                w == "và" and j + 1 < len(ws) and _is_cap(ws[j + 1][0])
                and not _match_phrase(ws, j + 1, gz.AGENCY_HEADS_VI, 2)):
            if j > i + head and w in gz.PLACE_LEVELS_VI:
                p = _place_after(ws, j)
                if p:
                    return j + p - i
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
    """A surname opening a name: "Nguyễn Văn Long", or "Nguyễn" + "Khắc Định"
    when pyvi splits them."""
    k = gz.key(ws[j][0])
    if k.split(" ")[0] not in gz.SURNAMES_VI or k in gz.PLACES:
        return False
    if len(ws[j][0].split()) >= 2:
        return True
    return j + 1 < len(ws) and ws[j + 1][3] and _is_cap(ws[j + 1][0]) \
        and not _match_phrase(ws, j + 1, gz.AGENCY_HEADS_VI, 2)


def _name_run(ws, i: int) -> int:
    """Length of a run of capitalised words from i (names, places)."""
    j = i
    while j < len(ws) and ws[j][3] and _is_cap(ws[j][0]) and not _is_acronym(ws[j][0].split()[0]):
        j += 1
    return j - i


def _person_in_run(ws, i: int, n: int, after_title: bool) -> tuple[str, int] | None:
    """The person's name inside capitalised words ws[i:i+n], if any, and how
    many syllables stand before it: after a title they name its portfolio
    ("Bộ trưởng Giao thông Vận tải Nguyễn Văn Thể")."""
    run = [ws[k][0] for k in range(i, i + n)]
    # Drop leading places ("Hàn Quốc Yu Jae-seong", "Sydney Nguyễn Đăng Thắng").
    lead = 0
    while run and gz.key(run[0]) in gz.PLACES:
        lead += len(run.pop(0).split())
    syllables = " ".join(run).split()
    if after_title:  # a portfolio may go lowercase: "Bộ trưởng Doanh nghiệp Greg Clark"
        k = len(syllables)
        while k > 0 and _name_syllable(syllables[k - 1]):
            k -= 1
        lead += k
        syllables = syllables[k:]
        if not syllables or not _is_cap(syllables[0]):
            return None
    if not syllables or gz.key(" ".join(syllables)) in gz.PLACES:
        return None
    if not all(_name_syllable(syl) for syl in syllables) or gz.key(" ".join(syllables)) in gz.NOT_NAMES:
        return None
    reach = len(syllables) - 2 if after_title else 3
    for s, syl in enumerate(syllables):
        if gz.key(syl) in gz.SURNAMES_VI and 2 <= len(syllables) - s <= 5 and s < reach:
            return " ".join(syllables[s:]), lead + s
    if after_title and 1 <= len(syllables) <= 4 and _is_cap(syllables[-1]):
        return " ".join(syllables), lead
    return None


_NAME_PARTICLES = frozenset({"de", "da", "di", "van", "von", "der", "bin", "ibn", "la", "le", "du"})


def _name_syllable(syl: str) -> bool:
    """Capitalised, or a particle of a foreign name ("al-Assad", "de Mistura")."""
    return _is_cap(syl) or syl.startswith(("al-", "el-")) or syl in _NAME_PARTICLES


def _extract_vi(text: str, out: _Collector) -> None:
    ws = vi_words(text)
    i = 0
    role_start = None  # index of the title that opens the current role
    role_end = None
    listed = None  # (start, end) of a role that a list of names shares
    while i < len(ws):
        if not ws[i][3]:
            if ws[i][0] in ",:;" and listed is not None:
                role_start, role_end = listed  # "gồm các ông: A, B và C"
            elif ws[i][0] not in "(-":
                role_start = None
            i += 1
            continue
        if not _is_cap(ws[i][0]) and not _opens_title(ws[i][0]):
            if not (listed is not None and gz.key(ws[i][0]) in ("và", "các")):
                role_start = None  # most words: no title, agency or name starts here
                listed = None
            if role_start is None and gz.key(ws[i][0]) in _LOWER_HEADS:
                a = _agency_at(ws, i)
                if a:
                    out.agency(text[ws[i][1]:ws[i + a - 1][2]])
                    i += a
                    continue
            i += 1
            continue
        t = _title_at(ws, i)
        if t:
            if role_start is None:
                role_start = i
            role_end = i + t
            listed = None
            if i + t < len(ws) and ws[i + t][0] == ":" or (
                    i + t + 1 < len(ws) and ws[i + t + 1][0] == ":"):
                listed = (role_start, role_end)
            i += t
            continue
        a = max(_agency_at(ws, i), _known_at(ws, i))
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
            found = None if prev in gz.PLACE_MARKERS else _person_in_run(ws, i, n, role_start is not None)
            if found:
                name, before = found
                role = text[ws[role_start][1]:ws[role_end - 1][2]] if role_start is not None else ""
                if role and before:
                    role = text[ws[role_start][1]:ws[i][1]] + " ".join(" ".join(
                        ws[k][0] for k in range(i, i + n)).split()[:before])
                if role or _titled_after(ws, i + n):
                    real = role_start is not None and gz.key(ws[role_start][0]) not in _ADDRESS_VI
                    out.official(name, role or _titled_after(ws, i + n), single_ok=real)
            role_start = None
            i += n
            continue
        role_start = None
        i += 1


_ADDRESS_VI = frozenset({"ông", "bà", "đồng chí"})


def _titled_after(ws, j: int) -> str:
    """A title in apposition after a name: "Vũ Đình Duy, nguyên Tổng Giám đốc"."""
    if j + 1 < len(ws) and ws[j][0] in ",(-" and ws[j + 1][3]:
        t = _title_at(ws, j + 1)
        if t and gz.key(ws[j + 1][0]) not in _ADDRESS_VI:
            return " ".join(w[0] for w in ws[j + 1:j + 1 + t])
    return ""


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
                toks[j][0] in _EN_CONNECTORS and j + 1 < len(toks) and _is_cap(toks[j + 1][0])) or (
                toks[j][0] == "." and j > i and _abbreviation(toks[j - 1][0]))):
            j += 1
        while j > i and toks[j - 1][0] in _EN_CONNECTORS:
            j -= 1
        _read_en_run(text, toks, i, j, out)
        i = max(j, i + 1)


_ADDRESS_EN = frozenset({"mr", "mrs", "ms", "miss"})


def _phrase_len(keys: list[str], start: int, table: frozenset[str], most: int = 4) -> int:
    """Longest run of keys from start whose joined text is in table."""
    return max((k for k in range(1, most + 1) if start + k <= len(keys)
                and " ".join(keys[start:start + k]) in table), default=0)


def _en_title(keys: list[str], start: int) -> int:
    """Words of "[modifiers] title" at start ("U.S. Sens.", "Deputy Minister")."""
    t = start
    while t < len(keys):
        m = _phrase_len(keys, t, gz.TITLE_MODIFIERS_EN, 3)
        if not m:
            break
        t += m
    m = _phrase_len(keys, t, gz.TITLES_EN)
    return t + m - start if m else 0


def _title_before(toks, i: int) -> int:
    """Index where lowercase title words right before a run begin
    ("manager Steven Gerrard", "foreign minister Ri Yong Ho"), else i."""
    keys = [gz.key(toks[k][0].rstrip(".")) for k in range(max(0, i - 3), i)]
    for n in range(len(keys), 0, -1):
        if " ".join(keys[-n:]) in gz.TITLES_EN and toks[i - n][0][:1].islower():
            return i - n
    return i


_ABBREVIATIONS = frozenset({"mr", "mrs", "ms", "dr", "sen", "sens", "rep", "reps", "gov", "gen", "lt",
                            "col", "u.s", "u.k", "st", "jr", "sr", "tt", "pres"})
# Capitalised at the start of a sentence, never part of a name.
_EN_SENTENCE_WORDS = frozenset({"a", "an", "the", "in", "but", "and", "as", "at", "on", "for", "if",
                                "when", "while", "after", "before", "by", "with", "from", "to", "it",
                                "this", "that", "he", "she", "they", "we", "his", "her", "their"})


@lru_cache(maxsize=4096)
def _abbreviation(word: str) -> bool:
    """A token whose following full stop belongs to it ("Mr.", "U.S.", "J.")."""
    return gz.key(word) in _ABBREVIATIONS or (len(word) == 1 and word.isupper())


def _read_en_run(text, toks, i: int, j: int, out: _Collector) -> None:
    while i < j and (toks[i][0] == "." or gz.key(toks[i][0]) in _EN_SENTENCE_WORDS - {"the"}):
        i += 1
    kept = [t for t in toks[i:j] if t[0] != "."]
    cut = next((n + 1 for n, t in enumerate(kept) if t[0].endswith(("'s", "’s"))), len(kept))
    run = [_strip_possessive(t[0]).rstrip(".") for t in kept[:cut]]
    keys = [gz.key(w) for w in run]
    if not keys:
        return
    bare = keys[1:] if keys[0] == "the" and len(keys) > 1 else keys
    joined = " ".join(bare)
    if joined in _KNOWN_NAMES or joined in _KNOWN_BY_KEY and len(bare) > 1:
        out.agency(" ".join(run[len(keys) - len(bare):]))
        return
    # Title, then a name: "Deputy Minister Le Quoc Hung", "U.S. Sens. Lindsey Graham".
    t = _en_title(keys, 0)
    role_from = i if t else _title_before(toks, i)
    if t or role_from < i:
        rest = run[t:]
        if rest and rest[0].lower() == "of":
            rest = []  # "Minister of Public Security" is a role, not a name
        cut = next((n for n, w in enumerate(rest) if w in _EN_CONNECTORS), len(rest))
        both = rest.index("and") if "and" in rest else len(rest)
        if both + 1 < len(rest):  # "Sen. X of South Carolina and Business Secretary Y"
            nxt = toks.index(kept[t + both + 1], i)
            _read_en_run(text, toks, nxt, j, out)
        rest = rest[:cut]
        if 1 <= len(rest) <= 4 and not any(gz.key(w) in gz.AGENCY_TAILS_EN for w in rest) \
                and gz.key(" ".join(rest)) not in _KNOWN_NAMES and not _is_acronym(rest[0]):
            role = text[toks[role_from][1]:kept[t - 1][2]] if t else text[toks[role_from][1]:toks[i][1]].strip()
            out.official(" ".join(rest), role, single_ok=True)
            return
    if (keys[0] in gz.AGENCY_HEADS_EN or keys[-1] in gz.AGENCY_TAILS_EN) and len(bare) >= 2:
        acronym = ""
        if j + 2 < len(toks) and toks[j][0] == "(" and toks[j + 2][0] == ")" and _is_acronym(toks[j + 1][0]):
            acronym = toks[j + 1][0]
        out.agency(" ".join(run[len(keys) - len(bare):]), acronym)


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
