"""Facet counts (language, year, official, agency) over all matches.

Built once per index generation from the ``entity_names`` column and the
``lang``/``year`` terms, into numpy arrays, so counting the facets of a query
that matches 20,000 releases is a few array operations.  Spellings of one
official or agency ("Lê Quốc Hùng", "Le Quoc Hung") share one facet entry,
shown under its most frequent spelling.
"""

from __future__ import annotations

from collections import Counter

import numpy as np

from .entities.names import entity_key

__all__ = ["FacetTable"]


class _Entities:
    """One entity kind (officials or agencies) as a document/entity list."""

    def __init__(self, per_doc: list[list[str]]):
        spellings: dict[str, Counter] = {}
        ids: dict[str, int] = {}
        docs: list[int] = []
        entities: list[int] = []
        for doc, names in enumerate(per_doc):
            seen: set[int] = set()
            for name in names:
                key = entity_key(name)
                if not key:
                    continue
                ent = ids.setdefault(key, len(ids))
                spellings.setdefault(key, Counter())[name] += 1
                if ent not in seen:
                    seen.add(ent)
                    docs.append(doc)
                    entities.append(ent)
        self.keys = list(ids)
        self.display = [spellings[k].most_common(1)[0][0] for k in self.keys]
        self.by_key = {k: self.display[i] for i, k in enumerate(self.keys)}
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


class FacetTable:
    """Facets of one index generation."""

    def __init__(self, scorer):
        officials: list[list[str]] = [[] for _ in range(scorer.size)]
        agencies: list[list[str]] = [[] for _ in range(scorer.size)]
        with scorer.lock:
            for reader, base in scorer.leaves:
                if not reader.has_column("entity_names"):
                    continue
                column = reader.column_reader("entity_names")
                for d in range(reader.doc_count_all()):
                    raw = column[d]
                    if raw:
                        o, _, a = raw.decode("utf-8").partition("\t")
                        officials[base + d] = [n for n in o.split("\n") if n]
                        agencies[base + d] = [n for n in a.split("\n") if n]
        self.officials = _Entities(officials)
        self.agencies = _Entities(agencies)
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
        }

    def entity_spelling(self, text: str) -> str | None:
        """The usual spelling of the official or agency ``text`` names, if any."""
        key = entity_key(text)
        return self.officials.by_key.get(key) or self.agencies.by_key.get(key)
