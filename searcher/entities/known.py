"""Lookup tables built once from the gazetteer: known bodies by any of their
names and acronyms, known people by their syllables, and whom a bare
surname refers to.  The rules read them; nothing here looks at a text."""

from __future__ import annotations

import re
from functools import lru_cache

from .. import gazetteer as gz
from ..textnorm import fold
from .names import entity_key
from .words import Phrases, strip_possessive

KnownAgency = tuple[str, str, tuple[str, ...]]  # (Vietnamese name, English name, acronyms)

# --- known agencies -----------------------------------------------------------

KNOWN_BY_KEY: dict[str, KnownAgency] = {}
for _entry in gz.KNOWN_AGENCIES:
    for _name in (_entry[0], _entry[1], *_entry[2]):
        KNOWN_BY_KEY.setdefault(entity_key(_name), _entry)
for _alias, _vi in gz.AGENCY_ALIASES.items():
    KNOWN_BY_KEY.setdefault(entity_key(_alias), KNOWN_BY_KEY[entity_key(_vi)])
KNOWN_ACRONYMS = {a: e for e in gz.KNOWN_AGENCIES for a in e[2]}
# Known names as lookup keys (gz.key form), for matching word runs.
KNOWN_NAMES = frozenset(gz.key(n) for e in gz.KNOWN_AGENCIES for n in (e[0], e[1]) if " " in n) \
    | frozenset(gz.key(n) for n in gz.AGENCY_ALIASES)
KNOWN_OPENERS = frozenset(n.split(" ")[0] for n in KNOWN_NAMES)

# One-word names of known bodies ("Toyota", "Kremlin"): they count when a
# capitalised run is exactly that word, not inside a longer name.
KNOWN_SINGLE = frozenset(gz.key(n) for e in gz.KNOWN_AGENCIES for n in (e[0], e[1])
                         if " " not in n.strip()) - gz.BARE_HEADS_VI

# Phrase tables that word runs are matched against (words.match_phrase).
TITLE_PHRASES = Phrases.of(gz.TITLES_VI)
AGENCY_HEAD_PHRASES = Phrases.of(gz.AGENCY_HEADS_VI)
PLACE_HEAD_PHRASES = Phrases.of(gz.PLACE_HEADS_VI)
LOWER_HEAD_PHRASES = Phrases.of(gz.LOWER_HEADS_VI)
PRIVATE_AFTER_PHRASES = Phrases.of(gz.PRIVATE_AFTER_VI)
KNOWN_NAME_PHRASES = Phrases.of(KNOWN_NAMES)

# Media heads as folded keys ("bao", "dai"): "Báo VOV" and "VOV" are one body.
MEDIA_HEAD_KEYS = frozenset(fold(h) for h in gz.MEDIA_HEADS_VI)

# Known outlets without their head word ("Thanh Niên" of "Báo Thanh Niên").
MEDIA_BARE = Phrases.of(frozenset(
    b for e in gz.KNOWN_AGENCIES for h in gz.OUTLET_HEADS_VI if gz.key(e[0]).startswith(h + " ")
    for b in (gz.key(e[0])[len(h) + 1:], gz.key(e[1]).removeprefix("the ")) if b not in gz.PLACES))

# A capitalised word standing alone (not hyphenated, not the start of a
# longer English name: "NBC News"); the known acronyms are looked up among
# them, which is much faster than one alternation of every acronym.
ACRONYM_CANDIDATE = re.compile(r"(?<![\w-])[A-Z]\w*(?![\w-])(?! [A-Z][a-z]+\b)")
assert all(ACRONYM_CANDIDATE.fullmatch(a) for a in KNOWN_ACRONYMS)

FOLDED_HEAD_OPENERS = frozenset(fold(h.split(" ")[0]) for h in gz.AGENCY_HEADS_VI)


def known_entry(name: str) -> KnownAgency | None:
    """The gazetteer entry a name (any of its spellings) belongs to."""
    return KNOWN_BY_KEY.get(entity_key(name))


def known_single(keys: list[str]) -> bool:
    """A known one-word body, alone or with a branch: "Toyota", "Toyota UK"."""
    return bool(keys) and keys[0] in KNOWN_SINGLE and (
        len(keys) == 1 or (len(keys) == 2 and keys[1] in gz.BRANCH_SUFFIXES))


# --- known officials ------------------------------------------------------------

_PIECE = re.compile(r"[^\s\-–]+")


def _piece_key(piece: str, fold_marks: bool) -> str:
    k = gz.key(strip_possessive(piece).rstrip("."))
    return fold(k) if fold_marks else k


def _people_table(fold_marks: bool) -> dict[str, list[tuple[str, ...]]]:
    """Known officials' spellings as syllable keys, by first syllable."""
    table: dict[str, list[tuple[str, ...]]] = {}
    for entry in gz.KNOWN_OFFICIALS:
        for name in entry:
            keys = tuple(_piece_key(p, fold_marks) for p in _PIECE.findall(name))
            table.setdefault(keys[0], []).append(keys)
    return table


_PEOPLE_VI = _people_table(False)
_PEOPLE_EN = _people_table(True)
# Last names of known figures ("Mr Trump", "the Trump administration").
KNOWN_SURNAMES = frozenset(_piece_key(n.split()[-1], True) for e in gz.KNOWN_OFFICIALS for n in e
                           if len(n.split()) > 1 and fold(n) == n)
FOLDED_SURNAMES = frozenset(fold(s) for s in gz.SURNAMES_VI)


@lru_cache(maxsize=65536)
def people_in(run: str, fold_marks: bool) -> tuple[str, ...]:
    """Known officials named inside ``run``, as written there (English text
    is matched without tone marks: "Nguyen Xuan Phuc")."""
    table = _PEOPLE_EN if fold_marks else _PEOPLE_VI
    pieces = [(m.group(), m.start(), m.end()) for m in _PIECE.finditer(run)]
    keys = [_piece_key(p[0], fold_marks) for p in pieces]
    found = []
    for s, k in enumerate(keys):
        for cand in table.get(k, ()):
            if tuple(keys[s:s + len(cand)]) == cand:
                found.append(run[pieces[s][1]:pieces[s + len(cand) - 1][2]])
    return tuple(found)


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
    return {s: full for s, full in out.items() if full}


SURNAME_REFERENTS = _surname_referents()
