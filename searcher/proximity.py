"""Adjacency: the query's syllables standing side by side in a release.

BM25 scores each word apart, so a release holding "Sở Cảnh sát Seoul"
scores no more than one with "sở", "cảnh sát" and "Seoul" in three
different sentences.  Each pair of the query's adjacent syllables counts
here as one more query term (an ordered bigram, as in the sequential
dependence model): a release holding the pair side by side gains the
pair's idf, times ``RankingConfig.adjacency``.  Pairs are read from the
presence-only ``pairs`` field (folded, lowercased, never across clause
punctuation), so "so canh sat seoul" gains exactly as "Sở Cảnh sát Seoul"
does, every release is scored, and no positions are read.
"""

from __future__ import annotations

import numpy as np

from .analysis import adjacent_pairs
from .fields import PAIRS
from .scoring import Scorer

__all__ = ["adjacency_scores"]


def adjacency_scores(scorer: Scorer, text: str) -> np.ndarray:
    """For every release, the summed idf of the query's adjacent-syllable
    pairs (and runs of three with a capital: names) it holds side by side."""
    out = np.zeros(scorer.size, dtype=np.float32)
    for pair in dict.fromkeys(adjacent_pairs(text)):
        ids = scorer.postings(PAIRS, pair, True)[0]
        if len(ids):
            out[ids] += np.float32(scorer.idf(len(ids)))
    return out
