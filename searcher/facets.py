"""Facet counts (language, year, official, agency, media) over all matches.

Built once per index generation from the ``entity_names`` column and the
``lang``/``year`` terms, into numpy arrays, so counting the facets of a query
that matches 20,000 releases is a few array operations.  Spellings of one
official or agency ("Lê Quốc Hùng", "Le Quoc Hung") share one facet entry,
shown under its most frequent spelling.
"""

from __future__ import annotations

from collections import Counter

import numpy as np

from .entities.names import entity_key, loose_key

__all__ = ["FacetTable"]


def _entries(raw: str) -> list[tuple[str, str]]:
    """(name, identity) of each line of one kind in the names column."""
    out = []
    for line in raw.split("\n"):
        name, _, ident = line.partition("\x1f")
        if name and ident:
            out.append((name, ident))
    return out


class _Entities:
    """One entity kind (officials, agencies or media) as a document/entity
    list, grouped by the identity the index gave each name: the one the
    filters match, so an entry's count is what clicking it finds."""

    def __init__(self, per_doc: list[list[tuple[str, str]]], people: bool = False):
        joins = _romanised_joins(per_doc) if people else {}
        spellings: dict[str, Counter] = {}
        ids: dict[str, int] = {}
        docs: list[int] = []
        entities: list[int] = []
        for doc, names in enumerate(per_doc):
            seen: set[int] = set()
            for name, ident in names:
                for group in joins.get(ident, (ident,)):
                    ent = ids.setdefault(group, len(ids))
                    if group == ident:
                        spellings.setdefault(group, Counter())[name] += 1
                    if ent not in seen:
                        seen.add(ent)
                        docs.append(doc)
                        entities.append(ent)
        self.keys = list(ids)
        self.display = [spellings[k].most_common(1)[0][0] for k in self.keys]
        used = {k: sum(spellings[k].values()) for k in self.keys}
        self.by_key = {}  # a name typed without marks -> the most used entity it may be
        for i in sorted(range(len(self.keys)), key=lambda i: used[self.keys[i]]):
            self.by_key[entity_key(self.display[i])] = self.display[i]
        self.docs = np.asarray(docs, dtype=np.int64)
        self.entities = np.asarray(entities, dtype=np.int64)

    def counts(self, matched: np.ndarray, top: int) -> list[tuple[str, int]]:
        if not len(self.docs):
            return []
        hit = self.entities[matched[self.docs]]
        if not len(hit):
            return []
        counts = np.bincount(hit, minlength=len(self.keys))
        order = np.argsort(-counts, kind="stable")[:top]
        return [(self.display[i], int(counts[i])) for i in order if counts[i] > 0]


def _romanised_joins(per_doc: list[list[tuple[str, str]]]) -> dict[str, tuple[str, ...]]:
    """A name written without marks ("~le quoc hung") counts for every marked
    name it could be ("=lê quốc hùng", "=lê quốc hưng"), as a filter by either
    finds it; one no marked name folds to stays an entry of its own."""
    marked: dict[str, set[str]] = {}
    for names in per_doc:
        for _, ident in names:
            if ident.startswith("="):
                exact, bar, field = ident[1:].partition("|")
                marked.setdefault("~" + loose_key(exact) + bar + field, set()).add(ident)
    return {k: tuple(sorted(v)) for k, v in marked.items()}


class FacetTable:
    """Facets of one index generation."""

    def __init__(self, scorer):
        kinds: tuple[list[list[tuple[str, str]]], ...] = tuple([[] for _ in range(scorer.size)] for _ in range(3))
        with scorer.lock:
            for reader, base in scorer.leaves:
                if not reader.has_column("entity_names"):
                    continue
                column = reader.column_reader("entity_names")
                for d in range(reader.doc_count_all()):
                    raw = column[d]
                    if raw:
                        for per_doc, part in zip(kinds, raw.decode("utf-8").split("\t"), strict=False):
                            per_doc[base + d] = _entries(part)
        self.officials = _Entities(kinds[0], people=True)
        self.agencies = _Entities(kinds[1])
        self.media = _Entities(kinds[2])
        self.lang = scorer.term_array("lang", lambda t: 1.0 if t == "vi" else 2.0)
        self.year = scorer.term_array("year", lambda t: float(t) if t.isdigit() else 0.0)

    def counts(self, matched: np.ndarray, top: int = 10) -> dict:
        """{"lang": [(value, n)], "year": [...], "official": [...], "agency": [...]}"""
        langs = np.bincount(self.lang[matched].astype(np.int64), minlength=3)
        lang = [(code, int(langs[i])) for i, code in ((1, "vi"), (2, "en")) if langs[i]]
        years = self.year[matched]
        years = years[years > 0].astype(np.int64)
        year: list[tuple[str, int]] = []
        if len(years):
            values, counts = np.unique(years, return_counts=True)
            year = [(str(v), int(c)) for v, c in sorted(zip(values, counts, strict=True), reverse=True)]
        return {
            "lang": lang,
            "year": year,
            "official": self.officials.counts(matched, top),
            "agency": self.agencies.counts(matched, top),
            "media": self.media.counts(matched, top),
        }

    def entity_spelling(self, text: str) -> str | None:
        """The usual spelling of the official, agency or medium ``text`` names, if any."""
        key = entity_key(text)
        return self.officials.by_key.get(key) or self.agencies.by_key.get(key) or self.media.by_key.get(key)
