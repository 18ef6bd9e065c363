"""The same story published twice (searcher/stories.py): fingerprints,
grouping at reindex, and results that show a story once with its versions,
on the corpus sample with reprints added (fixed seed): re-runs with a new
title, a sentence added, a paragraph cut."""

from __future__ import annotations

import gzip
import json
import random
import re

import numpy as np
import pytest
from conftest import shared_path, write_corpus_sample

import searcher
from searcher.stories import MAX_BITS, _popcount, fingerprint, story_groups
from web import create_app

REPRINTS = 12


def _bits(a: int, b: int) -> int:
    return int(_popcount(np.array([a ^ b], dtype=np.uint64))[0])


def _vietnews(n: int) -> list[dict]:
    with gzip.open(shared_path("corpus", "vietnews-test.jsonl.gz"), "rt", encoding="utf-8") as src:
        return [json.loads(line) for _, line in zip(range(n), src, strict=False)]


def _reprint(rec: dict, rng: random.Random, k: int) -> dict:
    """A re-run of ``rec``: same story, lightly edited."""
    body = rec["body"]
    edit = k % 3
    if edit == 0:
        body = body + " Theo nguồn tin của phóng viên."
    elif edit == 1:
        body = body[: int(len(body) * 0.8)]
    title = rec["title"] + (" (cập nhật)" if edit != 1 else "")
    return {**rec, "id": rec["id"] + "-reprint", "title": title, "body": body}


@pytest.fixture(scope="module")
def reprinted(tmp_path_factory):
    """The corpus sample and ``REPRINTS`` re-runs of releases in it."""
    docs = tmp_path_factory.mktemp("stories-docs")
    write_corpus_sample(docs)
    rng = random.Random(21)
    originals = rng.sample([r for r in _vietnews(400) if len(r["body"]) > 600], REPRINTS)
    with open(docs / "reprints.jsonl", "w", encoding="utf-8") as out:
        for k, rec in enumerate(originals):
            out.write(json.dumps(_reprint(rec, rng, k), ensure_ascii=False) + "\n")
    index = tmp_path_factory.mktemp("stories-index")
    searcher.build_index(docs, index)
    engine = searcher.open_index(str(index))
    yield engine, index, [r["id"] for r in originals]
    engine.close()


def test_fingerprints_are_close_for_one_story_and_far_for_others():
    recs = [r for r in _vietnews(200) if len(r["body"]) > 600][:60]
    rng = random.Random(3)
    for k, rec in enumerate(recs):
        a = fingerprint(rec["title"] + "\n" + rec["body"][:800])
        again = _reprint(rec, rng, k)
        assert _bits(a, fingerprint(again["title"] + "\n" + again["body"][:800])) <= MAX_BITS + 2
    prints = [fingerprint(r["title"] + "\n" + r["body"][:800]) for r in recs]
    close = [(i, j) for i in range(len(prints)) for j in range(i) if _bits(prints[i], prints[j]) <= MAX_BITS]
    assert not close  # sixty different stories: none taken for another
    assert fingerprint("Ngắn quá") == 0


def test_groups_join_versions_and_nothing_else():
    prints = np.array([0b1111, 0b1110, 0xFFFF0000FFFF0000, 0, 0, 0b1111 ^ (0b111 << 40)], dtype=np.uint64)
    groups = story_groups(prints).tolist()
    assert groups == [0, 0, -1, -1, -1, 0]  # 0 (no fingerprint) never groups


def test_every_reprint_is_grouped_with_its_original(reprinted):
    engine, _, originals = reprinted
    gen = engine._current().gen
    ids = {gen.stored(d)["doc_id"]: d for d in np.flatnonzero(gen.live).tolist()}
    found = 0
    for orig in originals:
        a, b = ids[orig], ids[orig + "-reprint"]
        found += int(gen.stories[a] >= 0 and gen.stories[a] == gen.stories[b])
    assert found >= REPRINTS - 1, found
    grouped = np.flatnonzero(gen.stories >= 0)
    # beyond the reprints, only the corpus's own re-runs: titles sharing most of their words
    for d in grouped.tolist():
        mates = np.flatnonzero(gen.stories == gen.stories[d]).tolist()
        words = [set(re.findall(r"\w+", gen.release(m).title.lower())) for m in mates]
        assert all(len(w & words[0]) >= 0.5 * len(w | words[0]) for w in words), words


def test_results_show_a_story_once_with_its_versions(reprinted):
    engine, index, originals = reprinted
    orig = engine.document(originals[0])
    res = engine.search(orig.title, limit=10)
    ids = [h.doc_id for h in res.hits]
    assert originals[0] in ids and originals[0] + "-reprint" in ids
    first = next(h for h in res.hits if h.doc_id in (originals[0], originals[0] + "-reprint"))
    assert [v["doc_id"] for v in first.versions] in ([originals[0]], [originals[0] + "-reprint"])
    client = create_app(str(index)).test_client()
    html = client.get("/search", query_string={"q": orig.title}).get_data(as_text=True)
    cards = re.findall(r'<li class="hit[^"]*"', html)
    assert len(cards) == len(ids) - 1  # the second version is on the first one's card
    assert "2 bản đăng của cùng tin này" in html
    api = client.get("/api/search", query_string={"q": orig.title}).get_json()
    story = {h["story"] for h in api["hits"] if h["doc_id"].startswith(originals[0])}
    assert len(story) == 1 and None not in story
