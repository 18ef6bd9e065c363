"""The collector the rules report each mention to, and the merging that
makes one record per entity: the mentions a release gives of one person or
one body (spellings, a bare surname, an acronym, a shorter name) go into the
fullest, and known bodies get all their gazetteer names."""

from __future__ import annotations

import re

from .. import gazetteer as gz
from ..textnorm import fold
from .countries import Story, national
from .known import (
    FOLDED_HEAD_OPENERS,
    FOLDED_SURNAMES,
    KNOWN_ACRONYMS,
    KNOWN_BY_KEY,
    KNOWN_SURNAMES,
    MEDIA_HEAD_KEYS,
    SURNAME_REFERENTS,
    known_entry,
    people_in,
)
from .media import is_media, outlet_name
from .names import Agency, Official, entity_key, loose_key
from .words import is_cap, strip_possessive

__all__ = ["Collector"]


# "Moon Jae - in" as some sources write "Moon Jae-in": a given name's hyphen.
_SPACED_HYPHEN = re.compile(r"(?<=\w) [-–] (?=[^\W\d_A-ZÀ-Ỹ]\w*\b)")


class Collector:
    """Keeps the first spelling of each entity and merges later mentions."""

    def __init__(self) -> None:
        self.officials: dict[str, Official] = {}
        self.mentions: dict[str, int] = {}  # official key -> mentions, for the main spelling
        self.agencies: dict[str, Agency] = {}
        self.media: dict[str, Agency] = {}  # outlets only a news cue told apart ("theo AFP")
        self.outlets: set[str] = set()  # keys of names written after a media word ("báo X")
        self.story: Story | None = None  # the release's countries, for bare national bodies
        self.nearby: dict[str, str | None] = {}  # bare national body -> country named just before its first mention
        self.privates: set[str] = set()  # keys of persons described as private ("bà X (SN 1979)")

    def official(self, name: str, role: str, single_ok: bool = False) -> None:
        """A one-word name is kept only after a real title ("Tổng thống Trump")."""
        name = _strip_place(_strip_address(strip_possessive(_SPACED_HYPHEN.sub("-", name.strip()))))
        if gz.key(name) in gz.PLACES:
            return  # "Thái Bình Dương" after a title: an ocean, not a person
        k = entity_key(name)
        if not k or (len(k.split()) < 2 and not (single_ok and len(k) >= 3) and k not in KNOWN_SURNAMES):
            return  # "ông Trump" stays: a known figure's surname, named in full below
        self.mentions[k] = self.mentions.get(k, 0) + 1
        known = self.officials.get(k)
        if known is None:
            self.officials[k] = Official(name, role)
        elif not known.role and role:
            known.role = role

    def private(self, name: str) -> None:
        """A person the text describes as private: with no title, no official."""
        self.privates.add(entity_key(_strip_address(name.strip())))

    def known_people(self, run: str, fold_marks: bool) -> None:
        """Record every known official named inside a run of capitalised words."""
        for name in people_in(run, fold_marks):
            self.official(name, "")

    def agency(self, name: str, acronym: str = "") -> None:
        """Record a body; a bare head or a place that starts like one ("Hội An") is none."""
        name = _without_link(name.strip())
        if not name or gz.key(name) in gz.GENERIC_AGENCIES or gz.key(name) in gz.PLACES or _fragment(name):
            return
        k = entity_key(name)
        known = self.agencies.get(k)
        if known is None:
            self.agencies[k] = known = Agency(name, acronym)
        elif acronym and not known.acronym:
            known.acronym = acronym

    def near(self, name: str, country: str | None) -> None:
        """The country named just before a bare national body's first mention."""
        self.nearby.setdefault(entity_key(name), country)

    def outlet(self, name: str, acronym: str = "") -> None:
        """A body named after a media word ("báo Công an nhân dân", "đài
        WAFB"): a medium whatever its name says."""
        self.agency(name, acronym)
        self.outlets.add(entity_key(name))

    def medium(self, acronym: str, meaning: str) -> None:
        """An ambiguous acronym read as the outlet ``meaning`` names ("AFP",
        "Agence France-Presse"), with the gazetteer's names of that outlet."""
        entry = KNOWN_BY_KEY.get(entity_key(meaning))
        names = [entry[0], entry[1], *entry[2]] if entry else [meaning]
        self.media.setdefault(acronym, Agency(acronym, "", [n for n in names if n != acronym]))

    def result(self) -> tuple[list[Official], list[Agency], list[Agency]]:
        """The merged officials, agencies and media, in order of first mention."""
        found = [a for a in (_whose(a, self.story, self.nearby.get(k)) for k, a in self.agencies.items())
                 if a is not None]
        bodies = [a for a in _merge_agencies(found) if not _unresolved(a)]
        _attach_known_names(bodies)
        outlet = {id(a) for a in bodies if is_media(a) or self.outlets & {entity_key(n) for n in _all_names(a)}}
        agencies = [a for a in bodies if id(a) not in outlet]
        media = [a for a in bodies if id(a) in outlet]
        media += [m for m in self.media.values() if not any(m.name == a.name for a in media)]
        media = [m for m in media if not _press_of(m.name)]
        for m in media:
            m.name = _without_lead(m.name)
            if gz.key(m.name) in gz.GENERIC_REMAINDERS_VI:  # "Giao thông" of "báo Giao thông": a common noun
                m.name = next((n for n in m.aliases if gz.key(n).startswith("báo ")), m.name)
            short = outlet_name(m.name)
            if short != m.name:
                m.aliases = [m.name, *(n for n in m.aliases if n != short)]
                m.name = short
        officials = _merge_officials(list(self.officials.values()), self.mentions)
        officials = [o for o in officials if not _addressed_only(o) and not _names_body(o, agencies)
                     and not self._private_only(o)]
        for o in officials:
            _name_known_figure(o)
        return [o for o in officials if " " in o.name or o.name in gz.SINGLE_NAMES], agencies, media

    def _private_only(self, o: Official) -> bool:
        """Described as private somewhere and titled nowhere ("ông"/"bà" only)."""
        return bool(self.privates) and gz.key(o.role.rstrip(".")) in ("", *gz.ADDRESS_WORDS) \
            and any(entity_key(n) in self.privates for n in (o.name, *o.aliases))


_HEADS = sorted(gz.AGENCY_HEADS_VI, key=len, reverse=True)
_HEAD_SET = frozenset(_HEADS)


def _without_link(name: str) -> str:
    """A name cut after a linking word ("Sở Giáo dục và") loses the word."""
    words = name.split()
    while len(words) > 1 and gz.key(words[-1]) in gz.NAME_LINKS_VI:
        words.pop()
    return " ".join(words)


def _fragment(name: str) -> bool:
    """A head and nothing that says which body ("UBND TP", "trường THPT",
    "Cục Quản lý"): a fragment of a longer name, or a generic mention."""
    if known_entry(name) is not None:
        return False
    k = gz.key(name)
    head = next((h for h in _HEADS if k.startswith(h + " ")), None)
    if head is None:
        return False
    rest = k[len(head) + 1:].rstrip(".")
    if rest in gz.GENERIC_REMAINDERS_VI or (head in gz.COMPANY_HEADS_VI and rest in gz.PLACES):
        return True  # "UBND TP", "công ty Mỹ"
    if rest in _HEAD_SET and " " not in rest:
        return True  # a bare head after it: "Cảnh sát điều tra Bộ"
    parent = next((h for h in gz.PLACE_HEADS_VI if rest.startswith(h + " ")), None)
    level = rest[len(parent) + 1:].rstrip(".") if parent else ""
    return level in gz.PLACE_LEVELS_VI  # "... Công an huyện": no district


_MEDIA_LEADS = ("trả lời ", "chia sẻ với ", "nói với ", "theo ", "trên ")


def _without_lead(name: str) -> str:
    """ "Trả lời Tuổi Trẻ Online" (a sentence's first words): the outlet's name."""
    k = gz.key(name)
    for lead in _MEDIA_LEADS:
        if k.startswith(lead) and len(name.split()) > len(lead.split()):
            return name.split(None, len(lead.split()))[-1]
    return name


def _press_of(name: str) -> bool:
    """ "Báo Trung Quốc" (the Chinese press), "Al" (a name cut short): no outlet."""
    k = gz.key(name)
    head, _, rest = k.partition(" ")
    return (head in ("báo", "truyền thông", "tờ") and rest in gz.COUNTRIES) or k in gz.NAME_PARTICLES | {"al"}


def _all_names(a: Agency) -> list[str]:
    return [n for n in (a.name, a.acronym, *a.aliases) if n]


def _strip_place(name: str) -> str:
    """ "Mỹ Trump", "Trung Quốc Vương Nghị", "Venezuela Nicolas Maduro": a
    country written between a title and the name belongs to the title."""
    words = name.split()
    for n in (2, 1):
        rest = " ".join(words[n:])
        if len(words) > n and all(w[:1].isupper() for w in words[:n]) and (
                gz.key(" ".join(words[:n])) in gz.PLACES or rest in people_in(rest, False)):
            return rest  # a known place, or what stands before a known figure's full name
    return name


def _strip_address(name: str) -> str:
    """ "Mr Goldsmith" (after "Ông"): forms of address are not part of a name."""
    words = name.split()
    while len(words) > 1 and gz.key(words[0].rstrip(".")) in gz.ADDRESS_WORDS:
        words.pop(0)
    return " ".join(words)


# --- officials ------------------------------------------------------------------


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


def _addressed_only(o: Official) -> bool:
    """A bare surname met only after "Mr"/"Ms" that names no one with a
    title in the text (it would have merged) nor a known public figure."""
    return len(o.name.split()) == 1 and gz.key(o.role.rstrip(".")) in gz.ADDRESS_WORDS \
        and fold(gz.key(o.name)) not in KNOWN_SURNAMES


def _names_body(o: Official, agencies: list[Agency]) -> bool:
    """ "Tổng giám đốc Nhật Cường": the name after the title is the proper
    name of a company or body in the same text ("Công ty ... Nhật Cường")."""
    k = entity_key(o.name)
    if k.split(" ")[0] in FOLDED_SURNAMES or people_in(o.name, True):
        return False  # a Vietnamese name or a known figure is a person
    return any(entity_key(n).endswith(" " + k) and _opens_body(entity_key(n)[:-len(k)].strip())
               for a in agencies for n in (a.name, *a.aliases))


def _opens_body(head: str) -> bool:
    """The words before a proper name open a company or body."""
    first = head.split(" ")[0] if head else ""
    return first in FOLDED_HEAD_OPENERS


def _name_known_figure(o: Official) -> None:
    """A well-known figure named by surname only ("President Trump", with no
    "Donald Trump" in the release) gets the full name, the surname as an
    alias: one entity page for all the releases about them."""
    full = SURNAME_REFERENTS.get(o.name) if " " not in o.name else None
    if full:
        o.aliases.append(o.name)
        o.name = full


# --- agencies -------------------------------------------------------------------


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
    entry = known_entry(name)
    return entry is not None and entity_key(name) in (entity_key(entry[0]), entity_key(entry[1]))


def _agency_host(a: Agency, kept: list[Agency]) -> Agency | None:
    """The body already kept that ``a`` is another name of, if any."""
    entry = known_entry(a.name) or (KNOWN_ACRONYMS.get(a.acronym) if a.acronym else None)
    ak = entity_key(a.name)
    for h in kept:
        if entry is not None and entry is (known_entry(h.name) or KNOWN_ACRONYMS.get(h.acronym)):
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
    for head in MEDIA_HEAD_KEYS:
        if lk.startswith(head + " ") and lk[len(head) + 1:] == sk:
            return True
    lw, sw = long.split(), short.split()
    tail = 0
    while tail < len(sw) - 1 and is_cap(sw[-1 - tail]):
        tail += 1
    if tail < 2 or len(lw) <= len(sw) or entity_key(" ".join(lw[-tail:])) != entity_key(" ".join(sw[-tail:])):
        return False
    start = len(sw) - tail
    middle = lw[start:len(lw) - tail]
    return entity_key(" ".join(lw[:start])) == entity_key(" ".join(sw[:start])) \
        and all(not is_cap(w) or gz.key(w) in gz.PLACE_LEVELS_VI or gz.key(w) in gz.COMPANY_FORMS_VI
                for w in middle)


def _whose(agency: Agency, story: Story | None, near: str | None) -> Agency | None:
    """Whose a bare national body ("Bộ Quốc phòng", "Hạ viện") is.  In a
    story about Vietnam, or naming no other country, Vietnam's; in one
    mostly about one foreign country, that country's ("Bộ Quốc phòng Nga");
    in one about several, none (unresolved rather than wrong).  A body
    Vietnam lacks ("Hạ viện") is the US's, as the gazetteer reads it, unless
    the story never names the US: then the country named just before it,
    else the story's."""
    if story is None or not national(agency.name):
        return agency
    if gz.key(agency.name) in gz.FOREIGN_ONLY_BODIES_VI:
        if "Mỹ" in story.countries or not (near and near != "Việt Nam" or story.country):
            return agency
        country = near if near and near != "Việt Nam" else story.country
    elif story.domestic or not story.countries:
        return agency
    elif story.country:
        country = story.country
    else:
        return None
    return Agency(f"{agency.name} {country}", agency.acronym, list(agency.aliases))


def _unresolved(agency: Agency) -> bool:
    """An ambiguous acronym ("AFP": the police or the news agency) that the
    release never writes out: it stays unresolved rather than linked to
    the wrong body (``gazetteer.AMBIGUOUS_ACRONYMS``)."""
    return agency.name in gz.AMBIGUOUS_ACRONYMS and not agency.aliases


def _attach_known_names(agencies: list[Agency]) -> None:
    """A known body gets its gazetteer names as aliases and its acronym."""
    for agency in agencies:
        entry = known_entry(agency.name) or (known_entry(agency.acronym) if agency.acronym else None)
        if entry:
            names = [entry[0], entry[1], *entry[2]]
            agency.aliases = [n for n in names if entity_key(n) != entity_key(agency.name)]
            if not agency.acronym and entry[2]:
                agency.acronym = entry[2][0]
