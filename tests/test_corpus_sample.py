"""Ranking on real text from ../shared (required: these fail when it is
missing).  A sample of vietnews-test releases plus the xquad paragraphs;
the development queries whose release is in the sample must mostly find it
first."""

import gzip
import json

import pytest
from conftest import shared_path

import searcher
from searcher.eval import load_queries

SAMPLE = 400


@pytest.fixture(scope="module")
def corpus_engine(tmp_path_factory):
    queries = load_queries([shared_path("eval", "known-item-dev.tsv")])
    wanted = {q.doc_id for q in queries[:120]}
    docs = tmp_path_factory.mktemp("corpus")
    kept = 0
    with gzip.open(shared_path("corpus", "vietnews-test.jsonl.gz"), "rt", encoding="utf-8") as src, \
            open(docs / "sample.jsonl", "w", encoding="utf-8") as out:
        for n, line in enumerate(src):
            rec = json.loads(line)
            if rec["id"] in wanted or n < SAMPLE:
                out.write(line)
                kept += 1
    xquad = shared_path("corpus", "xquad.jsonl")
    (docs / "xquad.jsonl").write_bytes(xquad.read_bytes())
    index_dir = tmp_path_factory.mktemp("corpus-ix")
    report = searcher.build_index(docs, index_dir)
    assert report.releases == kept + 480 and not report.problems
    eng = searcher.open_index(str(index_dir))
    yield eng, queries[:120]
    eng.close()


def _mrr(engine, queries):
    total = 0.0
    for q in queries:
        ids = engine.rank(q.text)
        total += 1.0 / (ids.index(q.doc_id) + 1) if q.doc_id in ids else 0.0
    return total / len(queries)


@pytest.mark.parametrize("kind, floor", [("title", 0.95), ("title-nodiac", 0.9), ("partial", 0.85),
                                         ("partial-nodiac", 0.8)])
def test_known_item_queries_find_their_release(corpus_engine, kind, floor):
    engine, queries = corpus_engine
    selected = [q for q in queries if q.kind == kind]
    assert len(selected) >= 20
    assert _mrr(engine, selected) >= floor


def test_english_and_vietnamese_questions(corpus_engine):
    engine, _ = corpus_engine
    queries = load_queries([shared_path("eval", "xquad-dev.tsv")])
    by_kind = {}
    for q in queries:
        by_kind.setdefault(q.kind, []).append(q)
    assert _mrr(engine, by_kind["question-en"][:150]) >= 0.8
    assert _mrr(engine, by_kind["question-vi"][:150]) >= 0.6
