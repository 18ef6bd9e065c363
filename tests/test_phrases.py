"""Phrases by position in bounded work (searcher/phrases.py), on the corpus
sample index (seeds, 400 vietnews releases, 40 ntrex releases)."""

from __future__ import annotations

import random
import threading

import numpy as np
import pytest
from conftest import middle_body_spans
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from whoosh import query as Q

import searcher
from searcher.analysis import syllables
from searcher.phrases import PHRASE_WORK, match_phrase, phrase_budget
from searcher.querytypes import MAX_RUN_SYLLABLES, query_cost
from searcher.results import NOTICES
from searcher.textnorm import fold


def _whoosh_phrase(gen, field: str, words: list[str]) -> np.ndarray:
    """Whoosh's own phrase matcher: what ``match_phrase`` must agree with."""
    spelled = [[Q.Term(field, s) for s in gen.scorer.variants(field, w)] for w in words]
    if any(not s for s in spelled):
        return gen.none()
    q = Q.Sequence([s[0] if len(s) == 1 else Q.Or(s) for s in spelled])
    return gen.docs_for_query(q)


def _body_runs(engine, n: int, seed: int) -> list[list[str]]:
    """``n`` runs of 2-8 consecutive syllables taken from release bodies."""
    rng = random.Random(seed)
    gen = engine._current().gen
    out = []
    while len(out) < n:
        rel = gen.release(rng.randrange(gen.size))
        words = [w.lower() for w, _, _ in syllables(rel.body)]
        if len(words) > 10:
            start = rng.randrange(len(words) - 9)
            out.append(words[start:start + rng.randint(2, 8)])
    return out


@pytest.mark.parametrize("folded", [False, True])
def test_phrase_matches_agree_with_whoosh(sample_engine, folded):
    """Sixty phrases from the bodies, typed with and without diacritics:
    the same releases as Whoosh's span matcher, in both body fields."""
    gen = sample_engine._current().gen
    for field in ("body", "body_en"):
        for words in _body_runs(sample_engine, 30, seed=3):
            words = [fold(w) for w in words] if folded else words
            ours = match_phrase(gen.scorer, field, [gen.scorer.variants(field, w) for w in words])
            assert not ours.partial
            assert np.array_equal(ours.mask & gen.live, _whoosh_phrase(gen, field, words) & gen.live), words


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(["của", "và", "công", "an", "cong", "la", "người", "the", "police", "xyz"]),
                min_size=1, max_size=6))
def test_any_word_sequence_agrees_with_whoosh(sample_engine, words):
    gen = sample_engine._current().gen
    ours = match_phrase(gen.scorer, "body", [gen.scorer.variants("body", w) for w in words])
    assert np.array_equal(ours.mask & gen.live, _whoosh_phrase(gen, "body", words) & gen.live)


def test_the_work_of_one_search_is_capped_and_the_cut_is_said(sample_engine):
    """Fault 2: a phrase of the commonest syllables reads at most the budget
    of position lists, and says its match is partial."""
    gen = sample_engine._current().gen
    common = ["của", "và", "các", "là", "có", "được", "cho", "trong", "với", "người"]
    words = [common[i % len(common)] for i in range(12)]
    with phrase_budget(50):
        found = match_phrase(gen.scorer, "body", [[w] for w in words])
    assert found.partial
    with phrase_budget(PHRASE_WORK):
        whole = match_phrase(gen.scorer, "body", [[w] for w in words])
    assert not whole.partial and not (found.mask & ~whole.mask).any()  # partial: a subset, never a guess


def test_a_pasted_paragraph_is_searched_by_its_beginning(sample_engine):
    """Fault 2: two hundred syllables of a body, quoted or not, find that
    release; only the first ``MAX_RUN_SYLLABLES`` are searched, and the
    results say so."""
    gen = sample_engine._current().gen
    rel = next(gen.release(d) for d in range(gen.size) if gen.release(d).lang == "vi"
               and len(syllables(gen.release(d).body)) > 220 and '"' not in gen.release(d).body)
    words = [w for w, _, _ in syllables(rel.body)][:200]
    for q in (" ".join(words), '"' + " ".join(words) + '"'):
        res = sample_engine.search(q)
        assert res.hits and res.hits[0].doc_id == rel.doc_id, q[:60]
        assert res.notice == NOTICES["cut"].format(held=MAX_RUN_SYLLABLES, words=200)


def test_long_queries_are_told_apart():
    assert query_cost("Lê Quốc Hùng thăm Australia") != "long"
    assert query_cost('"Bộ Công an" OR "Cảnh sát Liên bang Australia"') != "long"
    assert query_cost(" ".join(["công"] * 41)) == "long"
    assert query_cost(" OR ".join(f'"a{i} b{i}"' for i in range(4))) == "long"


def test_every_notice_has_both_languages_in_the_web_ui():
    from web.i18n import labels_for

    for kind in NOTICES:
        for lang in ("vi", "en"):
            assert labels_for(lang)[f"notice_{kind}"].format(held=1, words=2)


def test_a_long_query_waits_its_turn_and_short_ones_pass(sample_index):
    """Fault 2 (web): while a long query runs, another long one waits for
    its turn (429 with Retry-After once the wait runs out) and a short
    search is answered at once."""
    from web import create_app

    app = create_app(str(sample_index), {"TESTING": True, "LANE_WAIT": 0.05})
    client = app.test_client()
    long_q = " ".join(["công an"] * 30)
    gate = app.extensions["searcher_lanes"]["long"].gate
    assert gate.acquire(timeout=1)  # a long query in another request holds the turn
    try:
        busy = client.get("/api/search", query_string={"q": long_q})
        assert busy.status_code == 429 and busy.headers["Retry-After"] == "2"
        assert "long queries" in busy.get_json()["detail"]
        assert client.get("/search", query_string={"q": long_q}).status_code == 429
        assert client.get("/api/search", query_string={"q": "công an"}).status_code == 200
    finally:
        gate.release()
    assert client.get("/api/search", query_string={"q": long_q}).status_code == 200


def test_long_queries_in_threads_all_get_an_answer(sample_index):
    """Four long queries at once: each is answered (200 or 429), never an error."""
    from web import create_app

    app = create_app(str(sample_index), {"TESTING": True})
    statuses: list[int] = []

    def ask(k: int) -> None:
        q = '"' + " ".join(["của", "và", "các", "người"][j % 4] for j in range(k, k + 200)) + '"'
        statuses.append(app.test_client().get("/api/search", query_string={"q": q}).status_code)

    threads = [threading.Thread(target=ask, args=(k,)) for k in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    assert sorted(set(statuses)) in ([200], [200, 429], [429]) and len(statuses) == 4


def test_a_warm_engine_has_loaded_what_a_first_search_needs(sample_index):
    """Fault 9: a server's engine opens warm: the first search with no hits
    finds the spelling tables and columns already loaded."""
    eng = searcher.open_index(str(sample_index), warm=True)
    gen = eng._current().gen
    assert gen._dates is not None and gen._facets is not None and gen.scorer._by_letter
    assert eng.search("qwzxv blorft", facets=True).total == 0
    eng.close()


def test_a_phrase_checked_whole_later_loses_its_partial_mark(sample_engine):
    """A phrase stopped by one search's budget is not reported partial in a
    later search that checked it whole."""
    ranker = sample_engine._current()
    q = Q.Phrase("body", ["của", "các"])
    with phrase_budget(1):
        ranker.matcher._phrase(q)
    assert ranker.matcher.partly_checked(Q.Or([q]))
    with phrase_budget(PHRASE_WORK):
        ranker.matcher._phrase(q)
    assert not ranker.matcher.partly_checked(Q.Or([q]))


def test_a_full_line_for_long_queries_is_refused_at_once():
    """Each long query waiting holds a server thread: past ``queue``
    waiters the next one is refused without waiting."""
    from web.params import Lane

    lane = Lane(1, 5.0, 0.0, queue=0)
    assert lane.enter(0.01)  # the turn is free: no wait, no line
    lane.gate.release()
    assert lane.gate.acquire(timeout=1)  # someone runs
    assert not lane.enter(5.0)  # line full (0 places): refused at once
    lane.gate.release()


def test_a_span_from_deep_in_a_long_body_ranks_its_release_first(sample_engine):
    """Issue 16: five syllables remembered from the middle of a long body,
    typed as written, without diacritics and in other-tone forms, bring
    that release first among hundreds of shorter ones sharing syllables."""
    gen = sample_engine._current().gen
    checked = 0
    for rel, words in middle_body_spans(sample_engine, 20, 5, 16):
        text = " ".join(words)
        holders = [gen.release(h).doc_id for h in range(gen.size)
                   if " ".join(fold(w).lower() for w, _, _ in syllables(gen.release(h).text)).count(fold(text).lower())]
        if holders != [rel.doc_id]:
            continue
        for q in (text, fold(text)):
            assert sample_engine.rank(q, limit=1) == [rel.doc_id], q
        checked += 1
    assert checked >= 5


def test_the_pairs_prefilter_keeps_every_phrase_written_inside_a_clause(sample_engine):
    """``ranking.together`` (neighbouring syllables side by side, from the
    pairs field) drops no release where a body run stands with only spaces
    between its syllables, and narrowing ``match_phrase`` by it finds the
    same releases among those it keeps."""
    import re

    from searcher.ranking import together

    gen = sample_engine._current().gen
    scorer = gen.scorer
    checked = narrower = 0
    for words in _body_runs(sample_engine, 40, seed=11):
        folded = [fold(w) for w in words]
        if len(folded) < 2 or not all(w.isalnum() for w in folded):
            continue
        spellings = [scorer.variants("body", w) for w in folded]
        whole = match_phrase(scorer, "body", spellings).mask & gen.live
        near = together(scorer, folded)
        holds = [scorer.holding("body", w) for w in folded]
        narrowed = match_phrase(scorer, "body", spellings, holds, near).mask
        assert np.array_equal(narrowed, whole & near), words
        narrower += bool((np.logical_and.reduce(holds) & ~near).any())  # words apart: no read
        spaced = re.compile(r"(?<!\w)" + r"\s+".join(folded) + r"(?!\w)")
        for d in np.flatnonzero(whole):
            if spaced.search(fold(gen.release(int(d)).body).lower()):
                assert near[d], (words, gen.release(int(d)).doc_id)
                checked += 1
    assert checked >= 20 and narrower >= 20
