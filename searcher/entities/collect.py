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

This module holds the collector the rules report to and ``extract``; the
rules are in ``rules_vi`` and ``rules_en``.
"""

from __future__ import annotations

from .. import gazetteer as gz
from .known import ACRONYM_CANDIDATE, KNOWN_ACRONYMS, people_in
from .merge import addressed_only, attach_known_names, merge_agencies, merge_officials, name_known_figure, names_body
from .names import Agency, Official, entity_key
from .rules_en import extract_en
from .rules_vi import extract_vi
from .words import strip_possessive

__all__ = ["Collector", "extract"]


class Collector:
    """Keeps the first spelling of each entity and merges later mentions."""

    def __init__(self) -> None:
        self.officials: dict[str, Official] = {}
        self.mentions: dict[str, int] = {}  # official key -> mentions, for the main spelling
        self.agencies: dict[str, Agency] = {}

    def official(self, name: str, role: str, single_ok: bool = False) -> None:
        """A one-word name is kept only after a real title ("Tổng thống Trump")."""
        name = _strip_address(strip_possessive(name.strip()))
        k = entity_key(name)
        if not k or (len(k.split()) < 2 and not (single_ok and len(k) >= 3)):
            return
        self.mentions[k] = self.mentions.get(k, 0) + 1
        known = self.officials.get(k)
        if known is None:
            self.officials[k] = Official(name, role)
        elif not known.role and role:
            known.role = role

    def known_people(self, run: str, fold_marks: bool) -> None:
        """Record every known official named inside a run of capitalised words."""
        for name in people_in(run, fold_marks):
            self.official(name, "")

    def agency(self, name: str, acronym: str = "") -> None:
        """Record a body; a bare head or a place that starts like one ("Hội An") is none."""
        name = name.strip()
        if not name or gz.key(name) in gz.GENERIC_AGENCIES or gz.key(name) in gz.PLACES:
            return
        k = entity_key(name)
        known = self.agencies.get(k)
        if known is None:
            self.agencies[k] = known = Agency(name, acronym)
        elif acronym and not known.acronym:
            known.acronym = acronym

    def result(self) -> tuple[list[Official], list[Agency]]:
        """The merged entities, in order of first mention."""
        agencies = merge_agencies(list(self.agencies.values()))
        attach_known_names(agencies)
        officials = merge_officials(list(self.officials.values()), self.mentions)
        officials = [o for o in officials if not addressed_only(o) and not names_body(o, agencies)]
        for o in officials:
            name_known_figure(o)
        return officials, agencies


def _strip_address(name: str) -> str:
    """ "Mr Goldsmith" (after "Ông"): forms of address are not part of a name."""
    words = name.split()
    while len(words) > 1 and gz.key(words[0].rstrip(".")) in gz.ADDRESS_WORDS:
        words.pop(0)
    return " ".join(words)


def _known_mentions(text: str, out: Collector) -> None:
    """Gazetteer acronyms that stand alone in the text."""
    found = (m for m in ACRONYM_CANDIDATE.findall(text) if m in KNOWN_ACRONYMS)
    for acronym in dict.fromkeys(found):
        if gz.key(acronym) in gz.BARE_HEADS_VI:
            continue
        if not any(a.acronym == acronym for a in out.agencies.values()):
            out.agency(acronym, acronym)


def extract(texts: list[str], lang: str) -> tuple[list[Official], list[Agency]]:
    """Officials and agencies mentioned in the given texts of one release."""
    out = Collector()
    for text in texts:
        if not text:
            continue
        if lang == "en":
            extract_en(text, out)
        else:
            extract_vi(text, out)
    for text in texts:
        _known_mentions(text, out)
    return out.result()
