"""The body-span dev queries (eval/make_body_spans.py, eval/body-span-dev.tsv):
each span is what the issue asks for, checked against the corpus."""

from __future__ import annotations

import csv
import sys
from collections import Counter

from conftest import ROOT, vietnews_bodies

from searcher.analysis import syllables
from searcher.textnorm import canonical_tone, fold, has_diacritics, nfc

sys.path.insert(0, str(ROOT / "eval"))
from make_body_spans import MIN_WORDS, other_tone  # noqa: E402

TSV = ROOT / "eval" / "body-span-dev.tsv"


def _rows() -> list[dict]:
    with open(TSV, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh, delimiter="\t"))


def _canon(text: str) -> list[str]:
    return [canonical_tone(w.lower()) for w, _, _ in syllables(nfc(text))]


def _holds(body: list[str], span: list[str]) -> bool:
    n = len(span)
    return any(body[i:i + n] == span for i in range(len(body) - n + 1))


def test_each_kind_has_at_least_300_queries_of_4_to_6_syllables():
    rows = _rows()
    kinds = Counter(r["kind"] for r in rows)
    assert min(kinds[k] for k in ("body-span", "body-span-nodiac", "body-span-tone")) >= 300, kinds
    assert all(4 <= len(syllables(r["query"])) <= 6 for r in rows)
    assert len({r["qid"] for r in rows}) == len(rows)


def test_spans_come_from_the_body_of_a_long_release_as_the_kind_says():
    rows = _rows()
    bodies = vietnews_bodies({r["doc_id"] for r in rows})
    for r in rows:
        body = bodies[r["doc_id"]]
        assert len(body.split()) >= MIN_WORDS, r
        canon = _canon(body)
        if r["kind"] == "body-span-nodiac":
            assert not has_diacritics(r["query"])
            assert _holds([fold(w) for w in canon], [fold(w) for w in _canon(r["query"])]), r
        else:
            assert _holds(canon, _canon(r["query"])), r  # the same words, whatever the tone placement
        if r["kind"] == "body-span-tone":
            assert not _holds([w.lower() for w, _, _ in syllables(nfc(body))],
                              [w.lower() for w, _, _ in syllables(r["query"])]), r  # not as written


def test_other_tone_moves_the_mark_only_where_both_placements_exist():
    assert other_tone("hòa") == "hoà" and other_tone("hoà") == "hòa"
    assert other_tone("ủy") == "uỷ" and other_tone("Khoẻ") == "Khỏe"
    assert other_tone("hoàng") is None and other_tone("quá") is None and other_tone("an") is None
