"""Completion as the user types: officials, agencies, news sources and
frequent phrases of the index, with their diacritics ("le qu" -> "Lê Quốc
Hùng").

Built once per index generation, on first use, from the facet table (every
name an entity is known by, with the number of releases naming it) and the
title field's compounds (pyvi's words of two syllables or more found in
``MIN_PHRASE_RELEASES`` titles).  A typed prefix matches at the start of a
name or of any of its words ("quoc hung"), diacritics and case ignored; a
name starting with it comes first, then the most named.
"""

from __future__ import annotations

import bisect
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np

from .analysis import syllables
from .entities.names import entity_key
from .facets import FacetTable
from .scoring import Scorer
from .textnorm import canonical_tone, fold, nfc

__all__ = ["Completer", "Completion", "MAX_COMPLETIONS"]

MAX_COMPLETIONS = 20  # completions one request may ask for
MIN_PHRASE_RELEASES = 5  # titles a compound must be found in to be offered
PHRASE_FIELD = "title"
_SCANNED = 400  # entries read at most for one prefix ("ng" matches thousands)


@dataclass(frozen=True)
class Completion:
    text: str  # as shown and searched, with its diacritics
    kind: str  # "official", "agency", "media" or "phrase"
    releases: int  # releases naming it (phrases: titles holding it)

    def to_dict(self) -> dict:
        return {"text": self.text, "kind": self.kind, "releases": self.releases}


class Completer:
    """Every completion of one generation, reachable by the key of any word start."""

    def __init__(self, facets: FacetTable, scorer: Scorer, titles: Iterable[str]):
        entries: list[Completion] = []
        for kind, ents in (("official", facets.officials), ("agency", facets.agencies), ("media", facets.media)):
            named = np.bincount(ents.entities, minlength=len(ents.keys)).tolist() if len(ents.entities) else []
            entries += [Completion(name, kind, n) for name, n in zip(ents.display, named, strict=False) if n]
        entries += _phrases(scorer, titles)
        keyed: list[tuple[str, int, int]] = []  # (key from a word start, word position, entry)
        for i, entry in enumerate(entries):
            words = _key(entry.text).split(" ")
            keyed += [(" ".join(words[w:]), w, i) for w in range(len(words)) if words[w]]
        keyed.sort()
        self._keys = [k for k, _, _ in keyed]
        self._where = [(w, i) for _, w, i in keyed]
        self._entries = entries

    def complete(self, prefix: str, limit: int = 8) -> list[Completion]:
        """The best ``limit`` completions of ``prefix`` (none for an empty one)."""
        key = _key(prefix)
        if not key:
            return []
        start = bisect.bisect_left(self._keys, key)
        found: dict[int, int] = {}  # entry -> the earliest word it matched at
        for at in range(start, min(len(self._keys), start + _SCANNED)):
            if not self._keys[at].startswith(key):
                break
            word, number = self._where[at]
            found[number] = min(word, found.get(number, word))
        order = sorted(found, key=lambda i: (found[i] > 0, -self._entries[i].releases, self._entries[i].text))
        out: list[Completion] = []
        seen: set[str] = set()
        for i in order:
            hit = self._entries[i]
            if hit.text.casefold() not in seen:  # an agency that is also a phrase is offered once
                seen.add(hit.text.casefold())
                out.append(hit)
            if len(out) >= limit:
                break
        return out


def _key(text: str) -> str:
    """Lowercase, without diacritics, words separated by one space."""
    return " ".join(entity_key(text.replace("_", " ")).split())


def _phrases(scorer: Scorer, titles: Iterable[str]) -> list[Completion]:
    """Words of two or three syllables (pyvi's compounds, which the title
    field holds folded: "cong_an") found in at least ``MIN_PHRASE_RELEASES``
    titles, each as the titles most often write it ("công an", "Hà Nội")."""
    frequent = {term.replace("_", " ") for term, n in scorer.term_frequencies(PHRASE_FIELD).items()
                if "_" in term and n >= MIN_PHRASE_RELEASES and term.replace("_", "").isalpha()}
    inside: dict[str, Counter[str]] = {}  # forms seen within titles
    opening: dict[str, Counter[str]] = {}  # forms opening a title, capitalised whatever the word
    for title in titles:
        for key, form, first in _runs(title, frequent):
            (opening if first else inside).setdefault(key, Counter())[form] += 1
    out = []
    for key in inside.keys() | opening.keys():
        forms = inside.get(key) or opening[key]
        releases = sum(inside.get(key, Counter()).values()) + sum(opening.get(key, Counter()).values())
        if releases >= MIN_PHRASE_RELEASES:
            out.append(Completion(forms.most_common(1)[0][0], "phrase", releases))
    return out


def _runs(title: str, frequent: set[str]) -> set[tuple[str, str, bool]]:
    """(folded key, written form, whether it opens the title) of every run
    of two or three syllables standing side by side (spaces only between
    them) in a title whose key is in ``frequent``, once each."""
    title = nfc(title)
    units = syllables(title)
    folded = [fold(w.lower()) for w, _, _ in units]
    out: set[tuple[str, str, bool]] = set()
    for i in range(len(units) - 1):
        for n in (2, 3):
            if i + n > len(units) or title[units[i + n - 2][2]:units[i + n - 1][1]] != " ":
                break
            key = " ".join(folded[i:i + n])
            if key in frequent:
                out.add((key, " ".join(_written(w) for w, _, _ in units[i:i + n]), i == 0))
    return out


def _written(word: str) -> str:
    """A syllable as a phrase shows it: lowercase unless capitalised
    ("Hà Nội" stays), with one tone placement."""
    return canonical_tone(word if word[:1].isupper() and word[1:].islower() else word.lower())
