"""First-stage scores: BM25F of a query's terms over every release.

A plain query's terms in both languages are scored together; raw scores of
the two languages are not comparable (a Vietnamese query matches every
Vietnamese release on common syllables, while its few translated words
reach the English release it is about with a small score), so the other
language is put on the scale of the query's own (``cross_scaled``).
"""

from __future__ import annotations

import numpy as np

from .generation import Generation, Memo
from .querytypes import FreeText, flat_terms

__all__ = ["Retrieval"]

Flat = list[tuple[str, str, float]]


class Retrieval:
    """Score arrays for one generation, under its ranking configuration."""

    def __init__(self, gen: Generation):
        self.gen = gen
        self.config = gen.config
        self._plain: Memo[np.ndarray] = Memo(8)

    def scores(self, flat: Flat) -> np.ndarray:
        """BM25F of (field, text, boost) terms over every release."""
        return self.gen.scorer.scores(flat, self.config.field_weights)

    def plain_scores(self, node: FreeText, sources: np.ndarray | None) -> np.ndarray:
        """BM25F of a plain query over every release (``sources``: the
        releases that set the cross-language scale; None: all of them).
        The unfiltered scores are kept for the next call (a copy is given)."""
        flat = flat_terms(node) or []
        if sources is None:
            return self._plain.get(repr(node), lambda: self.scaled(flat, node.lang_hint, None)).copy()
        return self.scaled(flat, node.lang_hint, sources)

    def scaled(self, flat: Flat, lang: str | None, sources: np.ndarray | None) -> np.ndarray:
        """Scores, cross-scaled when the query's language is known."""
        if flat and lang and self.config.cross_scale:
            return self.cross_scaled(flat, lang, sources)
        return self.scores(flat)

    def cross_scaled(self, flat: Flat, lang: str, mask: np.ndarray | None) -> np.ndarray:
        """Scores where the best release in the other language stands at
        ``cross_scale`` times the best same-language one (among ``mask``)."""
        scores = self.scores(flat)
        is_en = self.gen.is_english
        live = self.gen.live if mask is None else (self.gen.live & mask)
        same = live & (is_en if lang == "en" else ~is_en)
        other = live & (~is_en if lang == "en" else is_en)
        top_same = float(scores[same].max()) if same.any() else 0.0
        top_other = float(scores[other].max()) if other.any() else 0.0
        if top_same > 0 and top_other > 0:
            scores[other] *= np.float32(self.config.cross_scale * top_same / top_other)
        return scores
