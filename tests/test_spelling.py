"""Spelling correction and the respelling fallback (searcher/spelling.py,
Engine._ranked), on the corpus sample index (seeds, 400 vietnews, 40 ntrex)."""

from __future__ import annotations

import random

from hypothesis import given
from hypothesis import strategies as st

from searcher.analysis import syllables
from searcher.results import NOTICES
from searcher.spelling import _edits, correction
from searcher.textnorm import fold


def _title_names(engine, n: int, seed: int) -> list[tuple[str, str, int]]:
    """(title span of 3 syllables holding a long capitalised syllable,
    release id, index of that syllable) from vietnamese titles."""
    gen = engine._current().gen
    rng = random.Random(seed)
    out = []
    for d in rng.sample(range(gen.size), gen.size):
        rel = gen.release(d)
        found = syllables(rel.title)
        if rel.lang != "vi" or len(found) < 4:
            continue
        for i in range(1, len(found) - 1):
            w = found[i][0]
            gaps = [rel.title[a[2]:b[1]] for a, b in zip(found[i - 1:i + 1], found[i:i + 2], strict=True)]
            if w[:1].isupper() and len(fold(w)) >= 5 and fold(w).isalpha() and gaps == [" ", " "]:
                out.append((" ".join(x for x, _, _ in found[i - 1:i + 2]), rel.doc_id, 1))
                break
        if len(out) >= n:
            break
    return out


def test_a_query_typed_right_is_never_respelled(sample_engine):
    gen = sample_engine._current().gen
    spans = _title_names(sample_engine, 60, 3)
    assert len(spans) >= 40
    for text, _, _ in spans:
        assert correction(gen, text) is None, text
        assert correction(gen, fold(text)) is None, text


def test_a_misspelt_name_is_restored_in_context(sample_engine):
    """A letter dropped from the middle of a name: the correction gives
    the name back (its neighbours in the title decide among candidates)."""
    gen = sample_engine._current().gen
    restored = total = 0
    for text, _, i in _title_names(sample_engine, 60, 5):
        words = text.split()
        w = words[i]
        words[i] = w[:len(w) // 2] + w[len(w) // 2 + 1:]
        typo = " ".join(words)
        if fold(typo).lower() == fold(text).lower():
            continue
        total += 1
        fixed = correction(gen, fold(typo))
        restored += fixed is not None and fold(fixed).lower() == fold(text).lower()
    assert total >= 40
    assert restored >= 0.8 * total, (restored, total)


def test_a_query_no_release_holds_falls_back_on_its_respelling_with_a_notice(sample_engine):
    spans = _title_names(sample_engine, 30, 9)
    fell_back = 0
    for text, doc_id, i in spans:
        words = text.split()
        words[i] = words[i][0] + words[i][2:] if len(words[i]) > 4 else words[i]
        typo = " ".join(words)
        res = sample_engine.search(typo, limit=10)
        if res.loosened and res.loosened[0] == "respelled":
            fell_back += 1
            assert res.notice == NOTICES["respelled"].format(held=res.loosened[1], words=typo)
            assert doc_id in [h.doc_id for h in res.hits], (typo, res.loosened)
            assert res.total == sample_engine.search(res.loosened[1], limit=1).total
    assert fell_back >= 0.6 * len(spans), fell_back


def test_words_held_as_typed_are_searched_as_typed(sample_engine):
    """A rare real word that a commoner close one outnumbers is searched as
    typed when releases hold it: matches as typed are never replaced."""
    gen = sample_engine._current().gen
    for text, _, _ in _title_names(sample_engine, 20, 11):
        res = sample_engine.search(text, limit=5)
        assert res.total and res.loosened is None
    assert gen is not None


@given(st.text(alphabet="abcdeghiklmnopqrstuvxy", min_size=1, max_size=9), st.integers(0, 50),
       st.sampled_from(["substitute", "delete", "insert", "swap"]), st.sampled_from("abcdeghiklmnopqrstuvxy"))
def test_edit_count_of_one_edit_is_at_most_one(word, at, kind, letter):
    i = at % len(word)
    if kind == "substitute":
        other = word[:i] + letter + word[i + 1:]
    elif kind == "delete":
        other = word[:i] + word[i + 1:]
    elif kind == "insert":
        other = word[:i] + letter + word[i:]
    else:
        i = min(i, len(word) - 2)
        other = word[:i] + word[i + 1] + word[i] + word[i + 2:] if len(word) > 1 else word
    assert _edits(other, word) == _edits(word, other) <= 1
    assert (_edits(other, word) == 0) == (other == word)
