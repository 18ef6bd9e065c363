"""The numpy BM25F of ``searcher.scoring`` against the formula worked out
here, on a real index of 33 releases (12 ntrex lines, 18 vietnews
releases, and three copies of one of them, for ties).

The reference reads nothing the scorer computes: each release's text is
analysed here with the index's own analysers, the lengths are the token
counts stored the way Whoosh stores them (one byte), and BM25F is summed
from those counts:

    acc(t, d)   = sum over the fields f queried for t of
                  w_f * tf(t, f, d) / ((1 - b_f) + b_f * len(f, d) / avg_len(f))
    score(d)    = sum over terms t of
                  max_f(boost / w_f) * idf(df_t) * acc * (k1 + 1) / (acc + k1)

with w_f the field weight, avg_len over the live releases that have the
field, df_t the releases holding t in any of its fields, and idf
Robertson-Sparck Jones (log(1 + (N - df + .5) / (df + .5))) or Whoosh's
(log(N / (df + 1)) + 1).  Without ``combine_fields`` each (field, term) is
saturated on its own.  A diacritic-free syllable in a Vietnamese field
counts every spelling that folds to it.  Needs ../shared (the corpus).
"""

from __future__ import annotations

import dataclasses
import gzip
import json
import math
import shutil
from collections import Counter
from pathlib import Path

import numpy as np
import pytest
from conftest import shared_path
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from whoosh import index as windex
from whoosh import query as Q
from whoosh.util.numeric import byte_to_length, length_to_byte

import searcher
from searcher import scoring
from searcher.analysis import english_analyzer, vietnamese_analyzer
from searcher.config import DEFAULT
from searcher.query import parse_query
from searcher.scoring import Scorer
from searcher.storage import current_generation
from searcher.textnorm import fold

VI_FIELDS = ("title", "officials", "agencies", "lead", "body")
EN_FIELDS = ("title_en", "lead_en", "body_en")
FIELDS = VI_FIELDS + EN_FIELDS
NTREX, VIETNEWS, COPIES = 12, 18, 3
COPIED = "vnt-000001"  # a release indexed four times over (itself and three copies)


def _write_sample(docs: Path) -> dict[str, list[dict]]:
    """The sample's releases as JSON lines, one file per source."""
    with open(shared_path("corpus", "ntrex-dev.jsonl"), encoding="utf-8") as src:
        ntrex = [json.loads(line) for _, line in zip(range(NTREX), src, strict=False)]
    with gzip.open(shared_path("corpus", "vietnews-test.jsonl.gz"), "rt", encoding="utf-8") as src:
        vietnews = [json.loads(line) for _, line in zip(range(VIETNEWS), src, strict=False)]
    original = next(r for r in vietnews if r["id"] == COPIED)
    copies = [{**original, "id": f"copy-{n}"} for n in range(1, COPIES + 1)]
    files = {"ntrex.jsonl": ntrex, "vietnews.jsonl": vietnews, "copies.jsonl": copies}
    for name, records in files.items():
        (docs / name).write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records),
                                 encoding="utf-8")
    return files


def _open_scorer(index_dir: Path, config=DEFAULT) -> Scorer:
    ix = windex.open_dir(str(current_generation(index_dir)))
    return Scorer(ix.searcher(), FIELDS, folded_fields=VI_FIELDS, config=config)


class Reference:
    """Term counts and field lengths of every live release, from its text."""

    def __init__(self, index_dir: Path, scorer: Scorer):
        engine = searcher.open_index(str(index_dir))
        try:
            self.size = scorer.size
            self.doc_ids = [scorer.searcher.stored_fields(d)["doc_id"] for d in range(scorer.size)]
            reader = scorer.searcher.reader()
            self.live = [d for d in range(scorer.size) if not reader.is_deleted(d)]
            self.counts: dict[tuple[int, str], Counter] = {}
            self.folded: dict[tuple[int, str], Counter] = {}
            self.tokens: dict[tuple[int, str], int] = {}
            vi, en = vietnamese_analyzer(), english_analyzer()
            for d in self.live:
                for field, text in _field_texts(engine.document(self.doc_ids[d])).items():
                    toks = [t.text for t in (vi if field in VI_FIELDS else en)(text)] if text else []
                    self.counts[d, field] = Counter(toks)
                    self.folded[d, field] = Counter(fold(t) for t in toks if "_" not in t)
                    self.tokens[d, field] = len(toks)
        finally:
            engine.close()

    def length(self, d: int, field: str) -> float:
        """The length Whoosh keeps: the token count, rounded to one byte."""
        return float(byte_to_length(length_to_byte(self.tokens.get((d, field), 0))))

    def avg_length(self, field: str) -> float:
        having = [self.tokens[d, field] for d in self.live if self.tokens.get((d, field), 0)]
        return sum(having) / len(having) if having else 1.0

    def tf(self, d: int, field: str, text: str) -> int:
        if field in VI_FIELDS and "_" not in text and fold(text) == text:
            return self.folded.get((d, field), Counter())[text]  # every spelling of the syllable
        return self.counts.get((d, field), Counter())[text]

    def idf(self, df: int, config) -> float:
        n = len(self.live)
        if config.idf_formula == "whoosh":
            return math.log(n / (df + 1)) + 1.0
        return math.log(1.0 + (n - df + 0.5) / (df + 0.5))

    def scores(self, terms, field_weights: dict[str, float], config=DEFAULT) -> np.ndarray:
        groups: dict = {}
        for field, text, boost in terms:
            groups.setdefault(text if config.combine_fields else (field, text), []).append((field, text, boost))
        avg = {f: self.avg_length(f) for f in FIELDS}
        out = np.zeros(self.size)
        for entries in groups.values():
            acc = {}
            for d in self.live:
                total = 0.0
                for field, text, _ in entries:
                    tf = self.tf(d, field, text)
                    if tf:  # (with b = 1 an empty field's norm is 0)
                        b = config.b.get(field, config.default_b)
                        norm = (1 - b) + b * self.length(d, field) / avg[field]
                        total += field_weights.get(field, 1.0) * tf / norm
                if total > 0:
                    acc[d] = total
            weight = max(boost / field_weights.get(field, 1.0) for field, _, boost in entries)
            idf = self.idf(len(acc), config)
            for d, a in acc.items():
                out[d] += weight * idf * a * (config.k1 + 1) / (a + config.k1)
        return out


def _field_texts(doc) -> dict[str, str]:
    """What each field of the index holds for a release: its text in its
    language's fields, its officials' names and aliases, its agencies'
    names, acronyms and aliases, one per line."""
    suffix = "_en" if doc.lang == "en" else ""
    officials = "\n".join(n for o in doc.officials for n in (o.name, *o.aliases))
    agencies = "\n".join("\n".join([a.name, a.acronym, *a.aliases]).strip() for a in doc.agencies)
    return {"title" + suffix: doc.title, "lead" + suffix: doc.lead, "body" + suffix: doc.body,
            "officials": officials, "agencies": agencies}


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    docs = tmp_path_factory.mktemp("scoring-docs")
    files = _write_sample(docs)
    index_dir = tmp_path_factory.mktemp("scoring-index")
    report = searcher.build_index(docs, index_dir)
    assert report.releases == NTREX + VIETNEWS + COPIES and not report.problems
    scorer = _open_scorer(index_dir)
    return index_dir, scorer, Reference(index_dir, scorer), files


def _flat(q) -> list[tuple[str, str, float]]:
    """(field, text, boost) of every scored term of a plain query's OR."""
    if isinstance(q, Q.Term):
        return [(q.fieldname, q.text, q.boost)] if q.fieldname in FIELDS else []
    assert isinstance(q, Q.Or), f"not a plain query: {q!r}"
    return [(f, t, b * q.boost) for child in q.children() for f, t, b in _flat(child)]


HAND_MADE = {
    "one syllable, diacritic-free, in three fields": [("title", "cong", 5.0), ("lead", "cong", 1.5),
                                                       ("body", "cong", 1.0)],
    "the exact spelling only": [("title", "công", 2.5), ("body", "công", 0.5)],
    "a compound": [("title", "cong_an", 0.75), ("body", "cong_an", 0.15)],
    "an English stem": [("title_en", "mickelson", 5.0), ("body_en", "mickelson", 1.0)],
    "a rare name and a common word": [("body_en", "furyk", 1.0), ("body_en", "said", 1.0),
                                      ("title", "tong", 5.0), ("officials", "trump", 2.0)],
    "a term no release holds": [("body", "zzqxv", 1.0), ("title_en", "zzqxv", 5.0)],
    "the same term at two boosts in one field": [("body", "nguoi", 1.0), ("body", "nguoi", 0.4)],
}
QUERIES = ["công an", "cong an", "Bộ Công an", "Mickelson Ryder Cup", "lừa đảo chiếm đoạt tài sản",
           "Donald Trump", "tổng thống Trump", "referendum Macedonia name", "tai nạn giao thông",
           "Who is the captain of the American team?", "hoà bình"]


def test_field_lengths_are_the_analysed_token_counts(sample):
    """The lengths the scorer normalises by are the releases' analysed
    token counts as Whoosh stores them, and its averages are over the
    releases that have the field (which checks the reference's reading of
    each field's text, too)."""
    _, scorer, ref, _ = sample
    for field in FIELDS:
        have = np.array([ref.length(d, field) for d in range(scorer.size)])
        assert np.array_equal(scorer.lengths[field], have), field
        assert math.isclose(scorer.avg_length[field], ref.avg_length(field), rel_tol=1e-9), field
    assert scorer.doc_count == len(ref.live) == NTREX + VIETNEWS + COPIES


@pytest.mark.parametrize("name", list(HAND_MADE))
def test_scores_are_bm25f_of_the_releases_text(sample, name):
    _, scorer, ref, _ = sample
    terms = HAND_MADE[name]
    got = scorer.scores(terms, DEFAULT.field_weights)
    want = ref.scores(terms, DEFAULT.field_weights)
    assert np.allclose(got, want, rtol=1e-5, atol=1e-7), (name, got, want)
    if name != "a term no release holds":
        assert (want > 0).sum() > 0, "the sample holds the term"


def _same_ranking(scorer: Scorer, got: np.ndarray, want: np.ndarray) -> None:
    """The scorer's ranking is the reference's (ties in the reference may
    come in doc-number order only)."""
    ranked, matched = scorer.top(got, None, 0, scorer.size)
    assert set(np.flatnonzero(matched)) == set(np.flatnonzero(want > 0))
    ordered = want[ranked]
    tolerance = 1e-5 * float(want.max())
    assert all(a >= b - tolerance for a, b in zip(ordered, ordered[1:], strict=False)), ordered


@pytest.mark.parametrize("query", QUERIES)
def test_scores_of_real_queries_match_the_formula(sample, query):
    _, scorer, ref, _ = sample
    terms = _flat(parse_query(query).query)
    assert terms
    got = scorer.scores(terms, DEFAULT.field_weights)
    want = ref.scores(terms, DEFAULT.field_weights)
    assert np.allclose(got, want, rtol=1e-5, atol=1e-7), query
    assert want.max() > 0, "the sample holds the query's words"
    _same_ranking(scorer, got, want)


def _vocabulary(ref: Reference) -> list[tuple[str, str]]:
    out = set()
    for (_, field), counts in ref.counts.items():
        out.update((field, t) for t in counts)
    for (_, field), counts in ref.folded.items():
        out.update((field, t) for t in counts)
    return sorted(out)


B_VALUES = st.floats(0.0, 1.0)


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(data=st.data(), k1=st.floats(0.05, 4.0), idf=st.sampled_from(["rsj", "whoosh"]),
       combine=st.booleans(), default_b=B_VALUES)
def test_any_setting_scores_by_the_formula(sample, data, k1, idf, combine, default_b):
    """k1, b per field, the idf formula and field combination, any values;
    terms drawn from the sample's own vocabulary, any boosts."""
    index_dir, _, ref, _ = sample
    vocabulary = _vocabulary(ref)
    b = {f: data.draw(B_VALUES, label=f"b[{f}]") for f in sorted(data.draw(st.sets(st.sampled_from(FIELDS))))}
    config = dataclasses.replace(DEFAULT, k1=k1, b=b, default_b=default_b, idf_formula=idf, combine_fields=combine)
    texts = data.draw(st.lists(st.sampled_from(vocabulary), min_size=1, max_size=6))
    terms = [(f, t, data.draw(st.floats(0.05, 8.0))) for f, t in texts]
    # The same word in other fields, so combining fields matters.
    terms += [(f, t, data.draw(st.floats(0.05, 8.0))) for _, t in texts
              for f in sorted(data.draw(st.sets(st.sampled_from(FIELDS), max_size=3)))]
    weights = {f: data.draw(st.floats(0.1, 6.0), label=f"w[{f}]") for f in FIELDS}
    scorer = _open_scorer(index_dir, config)
    got = scorer.scores(terms, weights)
    want = ref.scores(terms, weights, config)
    assert np.allclose(got, want, rtol=1e-4, atol=1e-6), (terms, config)


def test_a_changed_setting_changes_the_scores(sample):
    """The settings reach the scores (a scorer ignoring them would pass the
    comparisons above only by luck of the defaults)."""
    index_dir, scorer, ref, _ = sample
    terms = _flat(parse_query("công an Mickelson").query)
    default = scorer.scores(terms, DEFAULT.field_weights)
    for change in ({"k1": 2.0}, {"b": {**DEFAULT.b, "body": 0.2}}, {"idf_formula": "whoosh"},
                   {"combine_fields": False}):
        config = dataclasses.replace(DEFAULT, **change)
        got = _open_scorer(index_dir, config).scores(terms, DEFAULT.field_weights)
        assert not np.allclose(got, default), change
        assert np.allclose(got, ref.scores(terms, DEFAULT.field_weights, config), rtol=1e-5, atol=1e-7), change


def test_postings_cache_eviction_gives_the_scores_of_a_fresh_scorer(sample, monkeypatch):
    index_dir, _, _, _ = sample
    fresh = _open_scorer(index_dir)
    expected = {q: fresh.scores(_flat(parse_query(q).query), DEFAULT.field_weights) for q in QUERIES}
    monkeypatch.setattr(scoring, "CACHE_POSTINGS", 50)  # a few terms' postings at most
    small = _open_scorer(index_dir)
    keys = set()
    for _ in range(2):  # the second round reads back what the first one evicted
        for q in QUERIES:
            terms = _flat(parse_query(q).query)
            keys.update((f, t) for f, t, _ in terms)
            assert np.array_equal(small.scores(terms, DEFAULT.field_weights), expected[q]), q
    assert len(small._cache) < len(keys) / 4, "the cache was bounded"


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(count=st.integers(1, 12), query=st.sampled_from(["lừa đảo công an", "ô tô thanh lý", "Trump",
                                                         "Huy lừa vợ chồng"]),
       masked=st.lists(st.booleans(), min_size=NTREX + VIETNEWS + COPIES, max_size=NTREX + VIETNEWS + COPIES),
       by_date=st.booleans())
def test_pages_of_top_are_one_order_with_ties(sample, count, query, masked, by_date):
    """Whatever the page size and filter, pages of ``top`` cut one order:
    score (or the sort key) first, then score, then doc number."""
    _, scorer, _, _ = sample
    scores = scorer.scores(_flat(parse_query(query).query), DEFAULT.field_weights)
    mask = np.array(masked)
    # A sort key with many ties: the first digit of the doc number.
    order = (np.arange(scorer.size) // 10).astype(np.float64) if by_date else None
    whole, matched = scorer.top(scores, mask, 0, scorer.size, order)
    assert set(whole) == set(np.flatnonzero((scores > 0) & mask & scorer.live))
    assert np.array_equal(matched, (scores > 0) & mask & scorer.live)
    key = (lambda d: (-order[d], -scores[d], d)) if order is not None else (lambda d: (-scores[d], d))
    assert list(whole) == sorted(whole, key=key)
    pages = []
    for offset in range(0, len(whole) + count, count):
        page, _ = scorer.top(scores, mask, offset, count, order)
        assert len(page) == min(count, max(0, len(whole) - offset))
        pages += list(page)
    assert pages == list(whole)


def test_copies_of_a_release_tie_and_keep_doc_number_order(sample):
    _, scorer, ref, _ = sample
    scores = scorer.scores(_flat(parse_query("Huy lừa vợ chồng ông Bảo").query), DEFAULT.field_weights)
    copies = [d for d, i in enumerate(ref.doc_ids) if i == COPIED or i.startswith("copy-")]
    assert len(copies) == COPIES + 1 and len({float(scores[d]) for d in copies}) == 1
    firsts = [scorer.top(scores, None, n, 1)[0][0] for n in range(COPIES + 1)]
    assert firsts == sorted(copies), "four equal releases, first in doc-number order, one per page"


def test_removed_releases_are_not_live_and_score_nothing(sample, tmp_path):
    """A reindex after a file is removed: Whoosh keeps the releases in the
    segment, marked deleted; the scorer counts them nowhere."""
    _, _, _, files = sample
    docs = tmp_path / "docs"
    docs.mkdir()
    for name, records in files.items():
        (docs / name).write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records),
                                 encoding="utf-8")
    index_dir = tmp_path / "index"
    searcher.build_index(docs, index_dir)
    (docs / "copies.jsonl").unlink()
    report = searcher.build_index(docs, index_dir)
    assert report.removed == COPIES
    scorer = _open_scorer(index_dir)
    ids = [scorer.searcher.stored_fields(d)["doc_id"] for d in range(scorer.size)]
    gone = [d for d, i in enumerate(ids) if i.startswith("copy-")]
    assert len(gone) == COPIES, "the removed releases are still in the segment, deleted"
    assert scorer.doc_count == NTREX + VIETNEWS
    assert not scorer.live[gone].any() and scorer.live.sum() == scorer.doc_count
    original = ids.index(COPIED)
    for query in ("Huy lừa vợ chồng ông Bảo", "công an", "lừa đảo"):
        terms = _flat(parse_query(query).query)
        scores = scorer.scores(terms, DEFAULT.field_weights)
        assert scores[original] > 0 and not scores[gone].any(), query
        ranked, matched = scorer.top(scores, None, 0, scorer.size)
        assert not set(gone) & set(ranked) and not matched[gone].any(), query
    # Whatever scores it is given (a structured query's), top lists live releases only.
    ranked, matched = scorer.top(np.ones(scorer.size, dtype=np.float32), None, 0, scorer.size)
    assert sorted(ranked) == list(np.flatnonzero(scorer.live)) and matched.sum() == scorer.doc_count
    # Document frequencies count the live releases only, as in an index built without them.
    fresh = tmp_path / "fresh"
    shutil.copytree(docs, fresh / "docs")
    searcher.build_index(fresh / "docs", fresh / "index")
    rebuilt = _open_scorer(fresh / "index")
    for word in ("huy", "thanh_ly", "bảo"):
        assert scorer.doc_frequency("body", word) == rebuilt.doc_frequency("body", word), word
    # Average lengths leave the removed releases out too (Whoosh's totals
    # still count them until a merge): the scores are the fresh build's.
    for field in ("body", "title", "body_en"):
        assert math.isclose(scorer.avg_length[field], rebuilt.avg_length[field], rel_tol=0.01), field
    rebuilt_ids = [rebuilt.searcher.stored_fields(d)["doc_id"] for d in range(rebuilt.size)]
    terms = _flat(parse_query("Huy lừa vợ chồng ông Bảo").query)
    ours, theirs = scorer.scores(terms, DEFAULT.field_weights), rebuilt.scores(terms, DEFAULT.field_weights)
    assert np.allclose(ours[original], theirs[rebuilt_ids.index(COPIED)], rtol=0.005)
