"""Officials and agencies named in a release (rules plus a small gazetteer).

Officials: a person's name with the title or rank written before it
("Thứ trưởng Lê Quốc Hùng", "bà Lesa Gale", "Deputy Minister Le Quoc Hung").
A run of capitalised words counts as a name when it starts with a Vietnamese
surname or directly follows a title.  Agencies: a capitalised head word
("Bộ", "Cơ quan", "Ủy ban", ...; "Ministry of", "... Police") and the name
that follows, with an acronym in parentheses bound to it
("Cảnh sát Liên bang Australia (AFP)").  Known agencies are also recognised
by any of their names, so every name is indexed for each of them.

Also: a title written after a name ("Marvin Cooke, giám đốc điều hành";
"said Heather Nauert, the department's spokeswoman"), a role that runs on
through "tại"/"của"/"và" ("Tổng lãnh sự tại Sydney X"), one place head shared
by two bodies ("HĐND, UBND tỉnh Nam Định"), companies and media by an English
tail ("United Airlines") or by name ("Toyota UK"), and well-known public
figures named without a title (gazetteer.KNOWN_OFFICIALS).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from . import gazetteer as gz
from .analysis import words as vi_words
from .textnorm import fold

__all__ = ["Agency", "Official", "entity_key", "extract"]


@dataclass
class Official:
    name: str
    role: str = ""
    aliases: list[str] = field(default_factory=list)

    def to_dict(self) -> dict:
        out: dict[str, str | list[str]] = {"name": self.name, "role": self.role}
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


@lru_cache(maxsize=65536)
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
        name = _strip_address(_strip_possessive(name.strip()))
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
        if not name or gz.key(name) in gz.GENERIC_AGENCIES or gz.key(name) in gz.PLACES:
            return  # a bare head, or a place that starts like one ("Hội An")
        k = entity_key(name)
        known = self.agencies.get(k)
        if known is None:
            self.agencies[k] = known = Agency(name, acronym)
        elif acronym and not known.acronym:
            known.acronym = acronym

    def result(self) -> tuple[list[Official], list[Agency]]:
        agencies = _merge_agencies(list(self.agencies.values()))
        _attach_known_names(agencies)
        officials = _merge_officials(list(self.officials.values()), self.mentions)
        officials = [o for o in officials if not _addressed_only(o) and not _names_body(o, agencies)]
        for o in officials:
            _name_known_figure(o)
        return officials, agencies


def _surname_referents() -> dict[str, str]:
    """Bare surname -> the one known public figure it names (foreign names:
    a Vietnamese name is not called by its family name alone)."""
    by_surname: dict[str, set[str]] = {}
    for entry in gz.KNOWN_OFFICIALS:
        words = entry[0].split()
        if len(words) > 1 and fold(entry[0]) == entry[0] and words[0] not in gz.SURNAMES_VI:
            by_surname.setdefault(words[-1], set()).add(entry[0])
    out = {s: next(iter(names)) for s, names in by_surname.items() if len(names) == 1}
    out.update(gz.SURNAME_REFERENTS)
    return out


_SURNAME_REFERENTS = _surname_referents()


def _name_known_figure(o: Official) -> None:
    """A well-known figure named by surname only ("President Trump", with no
    "Donald Trump" in the release) gets the full name, the surname as an
    alias: one entity page for all the releases about them."""
    full = _SURNAME_REFERENTS.get(o.name) if " " not in o.name else None
    if full:
        o.aliases.append(o.name)
        o.name = full


def _strip_possessive(name: str) -> str:
    return name[:-2] if name.endswith(("'s", "’s")) else name


_ADDRESS_WORDS = frozenset({"mr", "mrs", "ms", "miss", "dr", "ông", "bà"})


def _strip_address(name: str) -> str:
    """ "Mr Goldsmith" (after "Ông"): forms of address are not part of a name."""
    words = name.split()
    while len(words) > 1 and gz.key(words[0].rstrip(".")) in _ADDRESS_WORDS:
        words.pop(0)
    return " ".join(words)


def _addressed_only(o: Official) -> bool:
    """A bare surname met only after "Mr"/"Ms" that names no one with a
    title in the text (it would have merged) nor a known public figure."""
    return len(o.name.split()) == 1 and gz.key(o.role.rstrip(".")) in _ADDRESS_WORDS \
        and fold(gz.key(o.name)) not in _KNOWN_SURNAMES


def _names_body(o: Official, agencies: list[Agency]) -> bool:
    """ "Tổng giám đốc Nhật Cường": the name after the title is the proper
    name of a company or body in the same text ("Công ty ... Nhật Cường")."""
    k = entity_key(o.name)
    if k.split(" ")[0] in _FOLDED_SURNAMES or _people_in(o.name, True):
        return False  # a Vietnamese name or a known figure is a person
    return any(entity_key(n).endswith(" " + k) and _match_phrase_key(entity_key(n)[:-len(k)].strip())
               for a in agencies for n in (a.name, *a.aliases))


def _match_phrase_key(head: str) -> bool:
    """The words before a proper name open a company or body."""
    first = head.split(" ")[0] if head else ""
    return first in _FOLDED_HEAD_OPENERS


# --- one entity, many spellings -------------------------------------------

_ROMANISATION = (("oo", "u"), ("ou", "u"), ("ee", "i"), ("eo", "o"), ("-", " "), (".", " "))


@lru_cache(maxsize=65536)
def loose_key(name: str) -> str:
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
        host = next((h for h in kept if _same_person(loose_key(h.name), loose_key(o.name))), None)
        if host is None:
            kept.append(o)
            continue
        host.aliases.append(o.name)
        if not host.role and o.role:
            host.role = o.role
    return sorted(kept, key=lambda o: order[id(o)])


def _same_person(full: str, short: str) -> bool:
    """``short`` names the person ``full`` names: the same, the given names
    ("Việt Anh" of "Bùi Việt Anh"), or a bare surname in front or at the end
    ("Kim" of "Kim Jong Un", "Trump" of "Donald Trump")."""
    if full == short:
        return True
    fw, sw = full.split(), short.split()
    if len(sw) == 1:
        return sw[0] in (fw[0], fw[-1])
    return len(sw) < len(fw) and fw[-len(sw):] == sw


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
        if _variant(h.name, a.name):
            return h
        if hk.startswith(ak + " ") and len(ak.split()) >= 2:
            rest = hk[len(ak) + 1:]
            if gz.key(rest) not in gz.PLACES or rest in ("viet nam", "vn"):
                return h
    return None


_MEDIA_HEAD_KEYS = frozenset(fold(h) for h in gz.MEDIA_HEADS_VI)


def _unlinked(k: str) -> str:
    """A key without the locative links "ở"/"tại" (folded "o"/"tai")."""
    return " ".join(w for w in k.split() if w not in ("o", "tai"))


def _variant(a: str, b: str) -> bool:
    """Either name is a longer spelling of the other (see _longer_variant)."""
    return _longer_variant(a, b) or _longer_variant(b, a)


def _longer_variant(long: str, short: str) -> bool:
    """Two spellings of one body: a medium with and without its head ("Báo
    VOV", "VOV"), or a head and proper name with and without lowercase
    descriptors ("Công ty TNHH thương mại Nhật Cường", "Công ty Nhật Cường")."""
    lk, sk = entity_key(long), entity_key(short)
    if _unlinked(lk) == _unlinked(sk):
        return True  # "X ở Nam Sudan", "X Nam Sudan"
    if " - " in long and entity_key(long.split(" - ")[0]) == sk:
        return True  # the child with its dashed parent: "Cục X - Bộ Công an", "Cục X"
    for head in _MEDIA_HEAD_KEYS:
        if lk.startswith(head + " ") and lk[len(head) + 1:] == sk:
            return True
    lw, sw = long.split(), short.split()
    tail = 0
    while tail < len(sw) - 1 and _is_cap(sw[-1 - tail]):
        tail += 1
    if tail < 2 or len(lw) <= len(sw) or entity_key(" ".join(lw[-tail:])) != entity_key(" ".join(sw[-tail:])):
        return False
    start = len(sw) - tail
    middle = lw[start:len(lw) - tail]
    return entity_key(" ".join(lw[:start])) == entity_key(" ".join(sw[:start])) \
        and all(not _is_cap(w) or gz.key(w) in gz.PLACE_LEVELS_VI or gz.key(w) in _COMPANY_FORMS
                for w in middle)


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


# One-word names of known bodies ("Toyota", "Kremlin"): they count when a
# capitalised run is exactly that word, not inside a longer name.
_KNOWN_SINGLE = frozenset(gz.key(n) for e in gz.KNOWN_AGENCIES for n in (e[0], e[1])
                          if " " not in n.strip()) - gz.BARE_HEADS_VI


# --- the gazetteer of known officials ------------------------------------

_PIECE = re.compile(r"[^\s\-–]+")


def _people_table(fold_marks: bool) -> dict[str, list[tuple[str, ...]]]:
    """Known officials' spellings as syllable keys, by first syllable."""
    table: dict[str, list[tuple[str, ...]]] = {}
    for entry in gz.KNOWN_OFFICIALS:
        for name in entry:
            keys = tuple(_piece_key(p, fold_marks) for p in _PIECE.findall(name))
            table.setdefault(keys[0], []).append(keys)
    return table


def _piece_key(piece: str, fold_marks: bool) -> str:
    k = gz.key(_strip_possessive(piece).rstrip("."))
    return fold(k) if fold_marks else k


_PEOPLE_VI = _people_table(False)
_PEOPLE_EN = _people_table(True)
# Last names of known figures ("Mr Trump", "the Trump administration").
_KNOWN_SURNAMES = frozenset(_piece_key(n.split()[-1], True) for e in gz.KNOWN_OFFICIALS for n in e
                            if len(n.split()) > 1 and fold(n) == n)
_FOLDED_SURNAMES = frozenset(fold(s) for s in gz.SURNAMES_VI)
_FOLDED_HEAD_OPENERS = frozenset(fold(h.split(" ")[0]) for h in gz.AGENCY_HEADS_VI)


def _known_people(run: str, out: _Collector, fold_marks: bool, role: str = "") -> None:
    """Record every known official named inside a run of capitalised words."""
    for name in _people_in(run, fold_marks):
        out.official(name, role)


@lru_cache(maxsize=65536)
def _people_in(run: str, fold_marks: bool) -> tuple[str, ...]:
    table = _PEOPLE_EN if fold_marks else _PEOPLE_VI
    pieces = [(m.group(), m.start(), m.end()) for m in _PIECE.finditer(run)]
    keys = [_piece_key(p[0], fold_marks) for p in pieces]
    found = []
    for s, k in enumerate(keys):
        for cand in table.get(k, ()):
            if tuple(keys[s:s + len(cand)]) == cand:
                found.append(run[pieces[s][1]:pieces[s + len(cand) - 1][2]])
    return tuple(found)


def _known_people_vi(run: str, out: _Collector) -> None:
    _known_people(run, out, False)


def _attach_known_names(agencies: list[Agency]) -> None:
    for agency in agencies:
        entry = _known_entry(agency.name) or (_known_entry(agency.acronym) if agency.acronym else None)
        if entry:
            names = [entry[0], entry[1], *entry[2]]
            agency.aliases = [n for n in names if entity_key(n) != entity_key(agency.name)]
            if not agency.acronym and entry[2]:
                agency.acronym = entry[2][0]


# A capitalised word standing alone (not hyphenated, not the start of a
# longer English name: "NBC News"); the known acronyms are looked up among
# them, which is much faster than one alternation of every acronym.
_ACRONYM_CANDIDATE = re.compile(r"(?<![\w-])[A-Z]\w*(?![\w-])(?! [A-Z][a-z]+\b)")
assert all(_ACRONYM_CANDIDATE.fullmatch(a) for a in _KNOWN_ACRONYMS)


def _known_mentions(text: str, out: _Collector) -> None:
    """Gazetteer acronyms that stand alone in the text."""
    found = (m for m in _ACRONYM_CANDIDATE.findall(text) if m in _KNOWN_ACRONYMS)
    for acronym in dict.fromkeys(found):
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
                          "tập đoàn", "tổng công ty", "trường", "đồn", "đồn biên phòng",
                          "bộ đội biên phòng", "phái bộ", "phái đoàn", "quân đội", "đội", "ngân hàng"})
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
    for k in range(j + 1, min(j + 8, len(ws))):  # "TNHH thương mại và dịch vụ kỹ thuật X"
        if not ws[k][3] or (gz.key(ws[k][0]) in gz.AGENCY_STOPS_VI and gz.key(ws[k][0]) != "và"):
            return 0
        if _is_cap(ws[k][0]):
            return k - j
    return 0


def _agency_at(ws, i: int) -> int:
    """Length in words of an agency name starting at i (0 if none), with a
    parent joined by a dash ("Cục Cảnh sát hình sự - Bộ Công an" is one body)."""
    n = _agency_body(ws, i)
    return n + _dashed_parent(ws, i + n) if n else 0


def _dashed_parent(ws, j: int) -> int:
    """Words of " - Bộ Công an" right after a body's name, else 0."""
    if j + 1 >= len(ws) or ws[j][0] not in ("-", "–") or not _is_cap(ws[j + 1][0]) \
            or _title_at(ws, j + 1):
        return 0
    p = _agency_body(ws, j + 1) or _known_at(ws, j + 1)
    return 1 + p if p else 0


def _descriptor_tail(ws, j: int, reach: int = 4) -> int:
    """Words of lowercase descriptors and the place or proper name that ends
    them: "cửa khẩu quốc tế Nậm Cắn", "tiểu học xã Tây Sơn", "thống nhất Hàn
    Quốc".  The name must not be a person's nor open another body
    ("đoàn công tác Bộ Công an" names Bộ Công an only)."""
    k = j
    while k < min(j + reach, len(ws)) and ws[k][3] and not _is_cap(ws[k][0]) \
            and gz.key(ws[k][0]) not in gz.AGENCY_STOPS_VI and gz.key(ws[k][0]) not in gz.PLACE_LEVELS_VI \
            and not _title_at(ws, k):
        k += 1
    if k == j or k >= len(ws) or not ws[k][3]:
        return 0
    p = _place_after(ws, k)
    if p:
        return k + p - j
    if not _is_cap(ws[k][0]) or _is_person_start(ws, k) or _match_phrase(ws, k, gz.AGENCY_HEADS_VI, 2) \
            or _is_acronym(ws[k][0].split()[0]) or _known_at(ws, k):
        return 0
    end = k
    while end < min(k + 4, len(ws)) and ws[end][3] and _is_cap(ws[end][0]) and not _title_at(ws, end):
        end += 1
        if _is_place(ws[end - 1][0]):
            break
    if end + 1 < len(ws) and gz.key(ws[end][0]) in ("ở", "tại") and _is_place(ws[end + 1][0]):
        end += 2  # "Phái bộ ... Liên Hợp Quốc ở Nam Sudan"
    return end - j


def _is_place(word: str) -> bool:
    """A place written as one: every syllable capitalised ("Hòa Bình", not
    "Hoà bình", peace)."""
    return gz.key(word) in gz.PLACES and all(_is_cap(s) for s in word.split())


def _agency_body(ws, i: int) -> int:
    """Length in words of an agency name starting at i (0 if none).

    After the head, capitalised words continue the name until a person's
    name or a title (which ends it); a place ends it too.  Lowercase words
    continue it when they are typical inner words ("quốc gia", "hình sự") or
    when an acronym in parentheses closes the phrase a few words on.  A head
    with a place level ("Công an tỉnh Nam Định") or a company form ("Công ty
    cổ phần dược phẩm Thiên Sơn") may go on in lowercase.
    """
    head = _match_phrase(ws, i, gz.AGENCY_HEADS_VI, 2)
    if not head or (gz.key(ws[i][0]) in gz.SURNAMES_VI and _is_person_start(ws, i)):
        return 0  # no head, or a surname ("Đoàn Hồng Phong")
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
    if head_key in gz.DESCRIPTOR_HEADS_VI and j < len(ws) and ws[j][3] and not _is_cap(ws[j][0]):
        d = _descriptor_tail(ws, j)
        if d:
            return head + d
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
    """Length of a run of capitalised words from i (names, places), with the
    particles of foreign names inside ("Staffan de Mistura")."""
    j = i
    while j < len(ws) and ws[j][3] and (_is_cap(ws[j][0]) and not _is_acronym(ws[j][0].split()[0]) or (
            j > i and ws[j][0] in _NAME_PARTICLES and j + 1 < len(ws) and ws[j + 1][3]
            and _is_cap(ws[j + 1][0]))):
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
    if after_title:  # "Giao thông Canada Marc Garneau": the country belongs to the title
        cut = max((n + 1 for n, w in enumerate(run[:-1]) if gz.key(w) in gz.PLACES), default=0)
        lead += sum(len(w.split()) for w in run[:cut])
        run = run[cut:]
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


def _join_name_pieces(ws: list) -> list:
    """Rejoin a foreign name that segmentation split: "O ' Hagan" -> "O'Hagan",
    "Ri Yong - ho" (a Korean given name with a spaced hyphen) -> one word."""
    if not any(w[0] in ("'", "’", "-") for w in ws):
        return ws
    out: list = []
    for w in ws:
        if len(out) >= 2 and out[-1][0] in ("'", "’", "-") and w[3] and _glued(out[-2][0], out[-1][0], w[0]):
            sep, prev = out.pop(), out.pop()
            w = (prev[0] + sep[0] + w[0], prev[1], w[2], True)
        out.append(w)
    return out


def _glued(prev: str, sep: str, word: str) -> bool:
    """ "O" ' "Hagan", or a capitalised foreign name - lowercase syllable ("Yong - ho")."""
    if sep != "-":
        return len(prev) == 1 and prev.isupper() and _is_cap(word)
    return _is_cap(prev) and word.isalpha() and word.islower() and fold(word) == word \
        and fold(prev) == prev and len(word) <= 4 and not any(gz.key(p) in gz.PLACES for p in (prev, *prev.split()))


def _extract_vi(text: str, out: _Collector) -> None:
    ws = _join_name_pieces(vi_words(text))
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
            tail = _role_tail(ws, i) if role_start is not None and i == role_end else 0
            if tail:  # "Phó Tổng thư ký Liên hợp quốc phụ trách chính trị X"
                role_end = i = i + tail
                continue
            if role_start is not None and role_end is not None and _carries_role(ws, i, role_end):
                if i == role_end:
                    role_end = i + 1  # a qualifier: "Giám đốc thể chất"
                i += 1
                continue
            if not (listed is not None and gz.key(ws[i][0]) in ("và", "các")):
                role_start = None  # most words: no title, agency or name starts here
                listed = None
            if role_start is None and gz.key(ws[i][0]) in _LOWER_OPENERS:
                a = _media_cue(ws, i, text, out) or _lower_agency(ws, i, text, out)
                if a:
                    i += a
                    continue
            i += 1
            continue
        m = _media_cue(ws, i, text, out) if gz.key(ws[i][0]) in _CUES else 0
        if m:
            role_start = None
            i += m
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
            u = _unit_in_title(ws, i, t, text, out)
            role_end = i + t + u
            i += t + u
            continue
        shared = _shared_place(ws, i, text, out)
        a = shared or max(_agency_at(ws, i), _known_at(ws, i))
        if a:
            end = i + a
            acronym = ""
            if not shared and end + 2 < len(ws) and ws[end][0] == "(" and ws[end + 2][0] == ")" \
                    and _is_acronym(ws[end + 1][0]):
                acronym = ws[end + 1][0]
            if not shared:
                out.agency(text[ws[i][1]:ws[end - 1][2]], acronym)
                end += _next_place(ws, i, end, text, out)
            if role_start is not None:
                role_end = end
            i = end + (3 if acronym else 0)
            continue
        if i + 1 < len(ws) and ws[i + 1][3] and gz.key(ws[i + 1][0]) in gz.ORG_TAILS_EN \
                and _is_cap(ws[i + 1][0]) and _is_acronym(ws[i][0]):
            out.agency(text[ws[i][1]:ws[i + 1][2]])  # "VTC Online"
            if role_start is not None:
                role_end = i + 2
            i += 2
            continue
        if role_start is not None and _is_acronym(ws[i][0]):
            i += 1  # an acronym in the role: "Giám đốc của LSU Joe Alleva"
            role_end = i
            if not _name_after_acronym(ws, i):
                role_start = None  # the body's name goes on: "Giám đốc HTX Xuân Long"
            continue
        n = _name_run(ws, i)
        if n:
            if _run_agency(ws, i, n, text, out):
                role_start = None
                i += n
                continue
            person = _person_at(ws, i, n, text, role_start, role_end, out)
            if person or role_start is None or not (i + n < len(ws) and _carries_role(ws, i + n, -1)):
                role_start = None
                i += n if person else 1
            else:
                i += n  # a portfolio ("Thứ trưởng Khoa học và Công nghệ"): the role goes on
                role_end = i
            continue
        role_start = None
        i += 1


def _unit_in_title(ws, i: int, t: int, text: str, out: _Collector) -> int:
    """ "Trưởng phòng Cảnh sát hình sự - Công an tỉnh Bình Dương" names the
    unit "Phòng Cảnh sát hình sự - Công an tỉnh Bình Dương" (and "Phó chánh
    Văn phòng Nhà Trắng" names "Văn phòng Nhà Trắng", not the White House
    alone).  Records it and returns the words after the title it took."""
    title = gz.key(" ".join(w[0] for w in ws[i:i + t]))
    unit = next((u for k, u in gz.UNIT_TITLES_VI.items() if title == k or title.endswith(" " + k)), None)
    j = i + t
    if unit is None or j >= len(ws) or not ws[j][3] or not _is_cap(ws[j][0]) \
            or _is_person_start(ws, j) or _title_at(ws, j):
        return 0
    head = [(unit, ws[j][1], ws[j][1], True)]
    a = _agency_at(head + ws[j:j + 24], 0)
    if a < 2:
        return 0
    out.agency(unit + " " + text[ws[j][1]:ws[j + a - 2][2]])
    return a - 1


def _name_after_acronym(ws, i: int) -> bool:
    """A person's whole name follows: a Vietnamese one or a foreign one, not
    the rest of a body's name ("CTCP Dược phẩm Thiên Sơn", "VN Pharma")."""
    n = _name_run(ws, i)
    found = _person_in_run(ws, i, n, True) if n else None
    if not found or found[1]:
        return False
    return _is_person_start(ws, i) or _foreign_name(ws, i, n)


def _person_at(ws, i: int, n: int, text: str, role_start, role_end, out: _Collector) -> bool:
    """Record the official named in the run ws[i:i+n], if any; whether a person was found."""
    prev = gz.key(ws[i - 1][0]) if i > 0 and ws[i - 1][3] else ""
    if prev in gz.PLACE_MARKERS:
        return False  # "đường Võ Văn Kiệt"
    _known_people_vi(text[ws[i][1]:ws[i + n - 1][2]], out)
    if prev == "of" and role_start is not None:
        i, n = i + 1, n - 1  # "Tổng Chưởng lý District of Columbia Karl Racine"
    if n <= 0 or (i + n + 1 < len(ws) and gz.key(ws[i + n][0]) == "of" and _is_cap(ws[i + n + 1][0])):
        return False
    if gz.key(ws[i + n - 1][0]).rpartition(" ")[2] in gz.ORG_TAILS_EN:
        return False  # "Võ Việt Chung International" is a company
    found = _person_in_run(ws, i, n, role_start is not None)
    after = _titled_after(ws, i + n) if role_start is None else ""
    if found is None and after and _foreign_name(ws, i, n) and _title_ends_phrase(ws, i + n + 1):
        found = (text[ws[i][1]:ws[i + n - 1][2]], 0)  # "Marvin Cooke, giám đốc điều hành"
    if not found or (n == 1 and _match_phrase(ws, i, gz.AGENCY_HEADS_VI, 1)):
        return False  # no one, or a head: "thẩm phán tại Tòa kháng cáo"
    name, before = found
    if all(len(syl) == 1 for syl in name.split()):
        return False  # initials that hide a name ("C V")
    role = text[ws[role_start][1]:ws[role_end - 1][2]] if role_start is not None else ""
    if role and before:
        role = text[ws[role_start][1]:ws[i][1]] + " ".join(" ".join(
            ws[k][0] for k in range(i, i + n)).split()[:before])
    if role or after:
        real = role_start is not None and gz.key(ws[role_start][0]) not in _ADDRESS_VI
        out.official(name, role or after, single_ok=real)
    return True


def _title_ends_phrase(ws, j: int) -> bool:
    """The title at j is followed by a body or lowercase words, not by the
    next person's name ("Người Đưa Tin, Trung tá Nguyễn ...")."""
    k = j + _title_at(ws, j)
    return k >= len(ws) or not ws[k][3] or not _is_cap(ws[k][0]) \
        or gz.key(ws[k][0]) in _KNOWN_SINGLE or bool(_agency_at(ws, k) or _known_at(ws, k))


# Lowercase words that keep a title's role open when a capitalised word
# follows: "Tổng lãnh sự tại Sydney X", "Đặc phái viên của Liên Hợp Quốc X".
_ROLE_LINKS = frozenset({"và", "&", "của", "tại", "ở", "of"})


def _carries_role(ws, i: int, role_end: int) -> bool:
    """A qualifier right after the title, or a link to a capitalised word;
    after "của" that word must open a body (the title-holder's, not a person
    they serve: "luật sư của Diego Maradona")."""
    k = gz.key(ws[i][0])
    if i == role_end and k in gz.TITLE_QUALIFIERS_VI:
        return True
    if k not in _ROLE_LINKS or i + 1 >= len(ws) or not ws[i + 1][3] or not _is_cap(ws[i + 1][0]):
        return False
    if k == "và":  # joins a portfolio's words, not a title to a name ("ông và Lê Giang")
        return i > 0 and ws[i - 1][3] and not _title_at(ws, i - 1)
    return k != "của" or _is_acronym(ws[i + 1][0]) or bool(_agency_at(ws, i + 1) or _known_at(ws, i + 1)) \
        or bool(_title_at(ws, i + 1))  # "phát ngôn viên của Tổng thư ký Liên Hợp Quốc X"


# Words after a title that take a lowercase field up to the name:
# "phụ trách chính trị", "kiêm nhiệm".
_ROLE_TAIL_WORDS = frozenset({"phụ trách", "kiêm", "kiêm nhiệm", "về"})


def _role_tail(ws, i: int, reach: int = 5) -> int:
    """Words of "phụ trách <lowercase field>" when a capitalised word follows."""
    if gz.key(ws[i][0]) not in _ROLE_TAIL_WORDS:
        return 0
    for k in range(i + 1, min(i + 1 + reach, len(ws))):
        if not ws[k][3] or gz.key(ws[k][0]) in gz.AGENCY_STOPS_VI:
            return 0
        if _is_cap(ws[k][0]):
            return k - i if k > i + 1 else 0
    return 0


# Lowercase media words before a name ("đài WAFB", "tờ Tuổi Trẻ"): the name is the body.
_MEDIA_WORDS = frozenset({"đài", "kênh", "báo", "tờ", "hãng tin", "hãng thông tấn"})
_CUES = gz.MEDIA_CUES_VI | gz.KNOWN_MEDIA_CUES_VI
_LOWER_OPENERS = _MEDIA_WORDS | _LOWER_HEADS | frozenset(h.split(" ")[0] for h in _LOWER_HEADS) | _CUES
# Known outlets without their head word ("Thanh Niên" of "Báo Thanh Niên").
_BARE_HEADS = ("báo", "tờ", "đài", "hãng thông tấn", "hãng tin")
_MEDIA_BARE = frozenset(
    b for e in gz.KNOWN_AGENCIES for h in _BARE_HEADS if gz.key(e[0]).startswith(h + " ")
    for b in (gz.key(e[0])[len(h) + 1:], gz.key(e[1]).removeprefix("the ")) if b not in gz.PLACES)


def _media_cue(ws, i: int, text: str, out: _Collector) -> int:
    """A medium or company named after a cue word: "trên Thanh Niên", "báo
    Công an nhân dân" (known outlets only), "tờ Sunday Telegraph", "hãng Air
    Canada" (any capitalised name).  Records it; returns the words taken."""
    j = i + 1
    if j >= len(ws) or not ws[j][3] or not _is_cap(ws[j][0]):
        return 0
    k = gz.key(ws[i][0])
    m = _match_phrase(ws, j, _MEDIA_BARE, 6) if k in gz.KNOWN_MEDIA_CUES_VI else 0
    if not m and k in gz.MEDIA_CUES_VI and not _is_person_start(ws, j) \
            and not _known_at(ws, j) and not _agency_at(ws, j):  # "Tờ Thời báo New York"
        m = min(_name_run(ws, j) or (1 if _is_acronym(ws[j][0]) else 0), 5)
    if not m:
        return 0
    out.agency(text[ws[j][1]:ws[j + m - 1][2]])
    return 1 + m


def _lower_agency(ws, i: int, text: str, out: _Collector) -> int:
    """Words of an agency opened by a lowercase head ("bộ Công an", "đài WAFB")."""
    k = gz.key(ws[i][0])
    if k in _MEDIA_WORDS and i + 1 < len(ws) and ws[i + 1][3] and ws[i + 1][0].isupper() \
            and gz.key(ws[i + 1][0]) not in gz.BARE_HEADS_VI:
        out.agency(ws[i + 1][0], ws[i + 1][0])
        return 2
    if _match_phrase(ws, i, _LOWER_HEADS, 2):
        a = _agency_at(ws, i)
        if a:
            out.agency(text[ws[i][1]:ws[i + a - 1][2]])
        return a
    return 0


_PLACE_HEAD_OPENERS = frozenset(h.split(" ")[0] for h in gz.PLACE_HEADS_VI)


def _place_head(ws, i: int) -> int:
    """Words of a head that takes a place ("UBND", "Công an") at i, else 0."""
    if gz.key(ws[i][0]).split(" ")[0] not in _PLACE_HEAD_OPENERS:
        return 0
    h = _match_phrase(ws, i, gz.AGENCY_HEADS_VI, 4) or _match_phrase(ws, i, gz.PLACE_HEADS_VI, 4)
    return h if h and gz.key(" ".join(w[0] for w in ws[i:i + h])) in gz.PLACE_HEADS_VI else 0


def _shared_place(ws, i: int, text: str, out: _Collector) -> int:
    """ "HĐND, UBND tỉnh Nam Định": the first head takes the place of the
    second.  Records that body and returns the words of the first head."""
    h = _place_head(ws, i)
    j = i + h
    if not h or j + 1 >= len(ws) or ws[j][0] not in (",", "và"):
        return 0
    h2 = _place_head(ws, j + 1)
    p = _place_after(ws, j + 1 + h2) if h2 else 0
    if not p:
        return 0
    place = text[ws[j + 1 + h2][1]:ws[j + h2 + p][2]]
    out.agency(text[ws[i][1]:ws[j - 1][2]] + " " + place)
    return h


def _next_place(ws, i: int, end: int, text: str, out: _Collector) -> int:
    """ "Công an quận Sơn Trà và quận Liên Chiểu": the head serves the second
    place too.  Records that body and returns the words it took."""
    if end + 1 >= len(ws) or ws[end][0] not in (",", "và"):
        return 0
    h = _place_head(ws, i)
    if not h or _place_after(ws, i + h) != end - i - h:
        return 0
    p = _place_after(ws, end + 1)
    if not p or (ws[end][0] == "," and _level_rank(ws[end + 1][0]) > _level_rank(ws[i + h][0])):
        return 0  # "UBND phường Lê Lợi, TP. Vinh": the city locates the ward
    out.agency(text[ws[i][1]:ws[i + h - 1][2]] + " " + text[ws[end + 1][1]:ws[end + p][2]])
    return 1 + p


_LEVEL_RANKS = {"xã": 1, "phường": 1, "thị trấn": 1, "huyện": 2, "quận": 2, "thị xã": 2,
                "tp": 3, "tp.": 3, "thành phố": 3, "tỉnh": 4, "bang": 4, "miền": 5}


def _level_rank(word: str) -> int:
    """How high a place level stands (ward 1 ... province 4)."""
    return _LEVEL_RANKS.get(gz.key(word), 0)


def _run_agency(ws, i: int, n: int, text: str, out: _Collector) -> bool:
    """A capitalised run that names a company or club: a known one-word name
    ("Toyota", "Toyota UK") or an English tail ("United Airlines")."""
    single = gz.key(ws[i][0]) in _KNOWN_SINGLE
    if not single and gz.key(ws[i + n - 1][0]).rpartition(" ")[2] not in gz.ORG_TAILS_EN:
        return False  # most runs
    if single and i + n < len(ws) and ws[i + n][3] and gz.key(ws[i + n][0]) in gz.BRANCH_SUFFIXES:
        n += 1  # "Toyota UK"
    words = " ".join(w[0] for w in ws[i:i + n]).split()
    keys = [gz.key(w) for w in words]
    if _known_single(keys):
        out.agency(text[ws[i][1]:ws[i + n - 1][2]])
        return True
    if len(keys) < 2 or keys[-1] not in gz.ORG_TAILS_EN:
        return False
    drop = 0
    while len(keys) - drop > 2 and keys[drop] in _SENTENCE_WORDS_VI:
        drop += 1  # "Theo Radar Online", "Hiện Vietnam Airlines"
    out.agency(text[ws[i][1]:ws[i + n - 1][2]].split(None, drop)[-1])
    return True


# Capitalised words that open Vietnamese sentences, never a foreign name.
_SENTENCE_WORDS_VI = frozenset({"theo", "tại", "trong", "sau", "ngoài", "khi", "về", "với", "từ",
                                "trước", "ông", "bà", "anh", "chị", "hôm", "ngày", "năm", "tháng",
                                "trên", "hiện", "cả", "như", "còn", "đến"})


def _foreign_name(ws, i: int, n: int) -> bool:
    """Two to four capitalised syllables without Vietnamese tone marks (a
    Vietnamese name needs its surname) that are no place or known body."""
    syllables = " ".join(w[0] for w in ws[i:i + n]).split()
    k = gz.key(" ".join(syllables))
    return 2 <= len(syllables) <= 4 and all(_is_cap(s) and s.isalpha() and len(s) > 1 and fold(s) == s
                                            for s in syllables) \
        and gz.key(syllables[0]) not in _SENTENCE_WORDS_VI and k not in gz.PLACES \
        and k not in _KNOWN_BY_KEY and not any(gz.key(s) in gz.PLACES for s in syllables)


_ADDRESS_VI = frozenset({"ông", "bà", "đồng chí"})


def _titled_after(ws, j: int) -> str:
    """A title in apposition after a name: "Vũ Đình Duy, nguyên Tổng Giám
    đốc", "Oriol Junqueras, một trong chín nhà lãnh đạo Catalan"."""
    if j + 1 < len(ws) and ws[j][0] in ",(-" and ws[j + 1][3]:
        k = j + 1 + _one_of(ws, j + 1)
        t = _title_at(ws, k) if k < len(ws) and ws[k][3] else 0
        if t and gz.key(ws[k][0]) not in _ADDRESS_VI:
            return " ".join(w[0] for w in ws[j + 1:k + t])
    return ""


def _one_of(ws, j: int) -> int:
    """Words of "một trong (số) (chín)" before a plural title, else 0."""
    if j + 1 >= len(ws) or gz.key(ws[j][0]) != "một" or gz.key(ws[j + 1][0]) not in ("trong", "trong số"):
        return 0
    k = j + 2
    if k < len(ws) and gz.key(ws[k][0]) == "số":
        k += 1
    if k < len(ws) and ws[k][3] and (ws[k][0].isdigit() or gz.key(ws[k][0]) in _NUMBER_WORDS):
        k += 1
    return k - j


_NUMBER_WORDS = frozenset({"hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín", "mười", "các", "những"})


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
                toks[j][0] in _EN_CONNECTORS and j + 1 < len(toks) and _is_cap(toks[j + 1][0])
                and gz.key(toks[j + 1][0].rstrip(".")) not in _ADDRESS_EN) or (
                toks[j][0] == "." and j > i and _abbreviation(toks[j - 1][0]))):
            j += 1
        while j > i and toks[j - 1][0] in _EN_CONNECTORS:
            j -= 1
        _read_en_run(text, toks, i, j, out)
        k = _score_after(toks, j)
        if k:  # "Livingston 1 - 0 Rangers": two clubs
            out.agency(text[toks[i][1]:toks[j - 1][2]])
            out.agency(text[toks[j + 3][1]:toks[k - 1][2]])
            j = k
        i = max(j, i + 1)


def _score_after(toks, j: int) -> int:
    """End of the second team's name in "A 1 - 0 B", else 0."""
    if j + 3 >= len(toks) or not (toks[j][0].isdigit() and toks[j + 1][0] in "-–" and toks[j + 2][0].isdigit()):
        return 0
    k = j + 3
    while k < len(toks) and _is_cap(toks[k][0]) and toks[k][0].isalpha():
        k += 1
    return k if k > j + 3 else 0


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
    if i >= j:
        return
    _known_people(text[toks[i][1]:toks[j - 1][2]], out, True)
    kept = [t for t in toks[i:j] if t[0] != "."]
    cut = next((n + 1 for n, t in enumerate(kept) if t[0].endswith(("'s", "’s"))), len(kept))
    run = [_strip_possessive(t[0]).rstrip(".") for t in kept[:cut]]
    keys = [gz.key(w) for w in run]
    if not keys:
        return
    if len(keys) > 2 and keys[0] in ("member", "members") and keys[1] == "of":
        _read_en_run(text, toks, toks.index(kept[2], i), j, out)  # "Member of Congress"
        return
    if cut == len(kept) and _lower_tail(toks, j):
        out.agency(" ".join(run) + " " + _lower_tail(toks, j))  # "Unite union"
        return
    if "and" in keys and keys[0] not in gz.AGENCY_HEADS_EN and " ".join(keys) not in _KNOWN_NAMES:
        both = toks.index(kept[keys.index("and")], i)  # "Honda, BMW and Jaguar Land Rover"
        _read_en_run(text, toks, i, both, out)
        _read_en_run(text, toks, both + 1, j, out)
        return
    bare = keys[1:] if keys[0] == "the" and len(keys) > 1 else keys
    joined = " ".join(bare)
    if joined in _KNOWN_NAMES or joined in _KNOWN_BY_KEY and len(bare) > 1 or _known_single(bare):
        out.agency(" ".join(run[len(keys) - len(bare):]))
        return
    if _en_official(text, toks, i, j, kept, run, keys, out):
        return
    if _known_surname_modifier(toks, j, keys):
        out.official(run[0], "", single_ok=True)  # "the Trump administration"
        return
    if _en_person(text, toks, i, j, kept, cut, run, keys, out):
        return
    _en_agency(toks, j, run, keys, bare, out)


# Words after a leader's surname that make it a modifier of their office.
_OFFICE_NOUNS = frozenset({"administration", "government", "presidency", "cabinet", "era", "regime"})


def _known_surname_modifier(toks, j: int, keys: list[str]) -> bool:
    """A known figure's surname used as a modifier: "the Trump administration"."""
    return len(keys) == 1 and fold(keys[0]) in _KNOWN_SURNAMES and j < len(toks) \
        and gz.key(toks[j][0]) in _OFFICE_NOUNS


def _known_single(keys: list[str]) -> bool:
    """A known one-word body, alone or with a branch: "Toyota", "Toyota UK"."""
    return bool(keys) and keys[0] in _KNOWN_SINGLE and (
        len(keys) == 1 or (len(keys) == 2 and keys[1] in gz.BRANCH_SUFFIXES))


def _en_official(text, toks, i: int, j: int, kept, run, keys, out: _Collector) -> bool:
    """Title, then a name: "Deputy Minister Le Quoc Hung", "U.S. Sens. Lindsey
    Graham", "press secretary, Sarah Sanders"."""
    t = _en_title(keys, 0)
    role_from = i if t else _title_before(toks, i)
    if not t and role_from == i and i > 1 and toks[i - 1][0] == ",":
        role_from = _title_before(toks, i - 1)
        role_from = i if role_from == i - 1 else role_from
    if not (t or role_from < i):
        return False
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
        role = text[toks[role_from][1]:kept[t - 1][2]] if t else \
            text[toks[role_from][1]:toks[i][1]].strip(" ,")
        out.official(" ".join(rest), role, single_ok=True)
        return True
    return False


# Words after "X's" that make X a team's manager ("Gary Holt's team").
_TEAM_WORDS = frozenset({"side", "team", "men", "squad"})
# Words that end the search for a title after a comma ("X, who ...").
_APPOSITION_STOPS = frozenset({"who", "which", "that", "and", "or", "but", "said", "says", "told",
                               "was", "is", "has", "had", "will", "would", "in", "on", "at", "for"})


def _en_person(text, toks, i: int, j: int, kept, cut: int, run, keys, out: _Collector) -> bool:
    """A name with its office after it: "Heather Nauert, the department's
    spokeswoman", "Steven Gerrard's disjointed side"."""
    if not 2 <= len(run) <= 4 or any(k in gz.AGENCY_TAILS_EN or k in _EN_CONNECTORS for k in keys) \
            or not all(_is_cap(w) and w[:1].isalpha() for w in run) or _is_acronym(run[0]) \
            or " ".join(keys) in gz.PLACES:
        return False
    if cut < len(kept) or kept[-1][0].endswith(("'s", "’s")):
        after = [gz.key(toks[k][0]) for k in range(j, min(j + 2, len(toks)))]
        if cut == len(kept) and any(w in _TEAM_WORDS for w in after):
            out.official(" ".join(run), "")
            return True
        return False
    role = _title_after_comma(toks, j) or _title_in_previous_sentence(toks, i, j)
    if role:
        out.official(" ".join(run), role)
        return True
    return False


_SPEECH_VERBS = frozenset({"said", "says", "told", "announced", "warned", "claimed", "confirmed", "reported"})
_AUXILIARIES = frozenset({"has", "have", "had", "was", "is"})


def _title_in_previous_sentence(toks, i: int, j: int, reach: int = 8) -> str:
    """The role of a name that opens a sentence, given at the end of the one
    before: "..., a South Korean lawmaker has said. Park Byeong-seug, citing"."""
    if i < 4 or toks[i - 1][0] not in ".!?" or j >= len(toks) or toks[j][0] != ",":
        return ""
    v = i - 2
    if gz.key(toks[v][0]) not in _SPEECH_VERBS:
        return ""
    end = v - 1 if gz.key(toks[v - 1][0]) in _AUXILIARIES else v
    for a in range(end - 1, max(end - reach, 0), -1):
        if gz.key(toks[a][0]) in ("a", "an"):
            keys = [gz.key(toks[k][0]) for k in range(a + 1, end)]
            if keys and _en_title(keys, 0) == len(keys):
                return " ".join(toks[k][0] for k in range(a + 1, end))
            return ""
        if not toks[a][0][:1].isalpha():
            return ""
    return ""


def _title_after_comma(toks, j: int, reach: int = 7) -> str:
    """The title in ", the department's spokeswoman" / ", Toyota's managing director"."""
    if j + 1 >= len(toks) or toks[j][0] != ",":
        return ""
    keys = []
    for k in range(j + 1, min(j + 1 + reach, len(toks))):
        w = toks[k][0]
        if not w[:1].isalnum() or gz.key(w) in _APPOSITION_STOPS:
            break
        keys.append(gz.key(_strip_possessive(w).rstrip(".")))
    if keys[:2] == ["one", "of"]:  # "one of nine Catalan leaders"
        keys = [w[:-1] if w.endswith("s") else w for w in keys]
    for s in range(len(keys)):
        m = _phrase_len(keys, s, _APPOSITION_TITLES, 3)
        nxt = j + 1 + s + m
        if m and keys[s] not in _ADDRESS_EN and not (nxt < len(toks) and _is_cap(toks[nxt][0])):
            return " ".join(toks[j + 1 + n][0] for n in range(s + m))
    return ""


_APPOSITION_TITLES = gz.TITLES_EN | gz.APPOSITION_TITLES_EN

# Lowercase words that finish a capitalised name ("Unite union", "Senate
# judiciary committee").
_LOWER_TAILS_EN = frozenset({"union", "committee", "subcommittee"})
_NUMBERED_MEDIA = frozenset({"radio", "channel", "tv"})


def _en_agency(toks, j: int, run, keys, bare, out: _Collector) -> None:
    name = " ".join(run[len(keys) - len(bare):])
    if " ".join(bare) in gz.NOT_AGENCIES:
        return
    if keys[-1] in _NUMBERED_MEDIA and j < len(toks) and _strip_possessive(toks[j][0]).isdigit():
        out.agency(name + " " + _strip_possessive(toks[j][0]))  # "BBC Radio 4"
        return
    if (keys[0] in gz.AGENCY_HEADS_EN or keys[-1] in gz.AGENCY_TAILS_EN) and len(bare) >= 2:
        acronym = ""
        if j + 2 < len(toks) and toks[j][0] == "(" and toks[j + 2][0] == ")" and _is_acronym(toks[j + 1][0]):
            acronym = toks[j + 1][0]
        out.agency(name, acronym)


def _lower_tail(toks, j: int) -> str:
    """ "union" or "judiciary committee" right after a run, else ""."""
    for n in (1, 2):
        if j + n <= len(toks) and all(toks[k][0].isalpha() and toks[k][0].islower() for k in range(j, j + n)) \
                and toks[j + n - 1][0] in _LOWER_TAILS_EN:
            return " ".join(toks[k][0] for k in range(j, j + n))
    return ""


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
