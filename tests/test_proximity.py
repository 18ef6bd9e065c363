"""Adjacency and near matches (searcher/proximity.py, ranking's near
tier), on the corpus sample index (seeds, 400 vietnews, 40 ntrex)."""

from __future__ import annotations

import dataclasses
import random

import numpy as np
from conftest import all_ids, middle_body_spans

import searcher
from searcher.analysis import adjacent_pairs, syllables
from searcher.config import DEFAULT
from searcher.proximity import adjacency_scores
from searcher.textnorm import fold


def _folded_words(text: str) -> list[str]:
    return [fold(w).lower() for w, _, _ in syllables(text)]


def test_adjacency_gains_exactly_where_the_syllables_stand_side_by_side(sample_engine):
    """The releases a pair raises are those whose text holds it side by
    side in one clause, read off the text itself; the gain is the pair's idf."""
    gen = sample_engine._current().gen
    rng = random.Random(7)
    texts = [" ".join((r.title, r.lead, r.body)) for r in (gen.release(d) for d in range(gen.size))]
    held = [set(adjacent_pairs(t)) for t in texts]
    for _ in range(25):
        pairs = adjacent_pairs(texts[rng.randrange(gen.size)])
        pair = rng.choice(pairs)
        if pair.count("_") != 1:
            continue
        a, b = pair.split("_")
        gain = adjacency_scores(gen.scorer, f"{a} {b}")
        expected = np.array([pair in h for h in held])
        assert np.array_equal(gain > 0, expected & gen.live), pair
        assert np.allclose(gain[expected], gen.scorer.idf(int(expected.sum())))


def test_a_remembered_passage_missing_a_word_still_finds_its_long_release(sample_engine):
    """A body passage typed with its middle word left out is held as
    written by no release; the release holding its words a syllable or two
    apart comes first among the hundreds sharing them."""
    gen = sample_engine._current().gen
    texts = {d: " ".join(_folded_words(gen.release(d).text)) for d in range(gen.size)}
    checked = first = 0
    for rel, words in middle_body_spans(sample_engine, 40, 6, 16):
        query = " ".join(words[:2] + words[3:])
        folded = " ".join(_folded_words(query))
        if any(folded in t for t in texts.values()) or not all(len(fold(w)) > 1 for w in words):
            continue
        checked += 1
        first += sample_engine.rank(query, limit=1) == [rel.doc_id]
    assert checked >= 8
    assert first >= 0.8 * checked, (first, checked)


def test_adjacency_leaves_the_matches_and_their_count_alone(sample_engine, sample_index):
    """Adjacency reorders; what matches and how many stay as without it."""
    off = searcher.open_index(str(sample_index), dataclasses.replace(DEFAULT, adjacency=0.0))
    try:
        for q in ("Bộ Công an", "canh sat giao thong", "bao nhiêu người chết vì tai nạn giao thông", "Hàn Quốc"):
            on_ids, off_ids = all_ids(sample_engine, q), all_ids(off, q)
            assert on_ids and sorted(on_ids) == sorted(off_ids), q
    finally:
        off.close()
