"""The body-span dev queries (eval/make_body_spans.py, eval/body-span-dev.tsv):
each span is what the issue asks for, checked against the corpus."""

from __future__ import annotations

import csv
import sys
from collections import Counter

from conftest import ROOT, shared_path, vietnews_bodies

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


# --- typo-dev.tsv (eval/make_typos.py) ------------------------------------------

def _typo_rows() -> list[dict]:
    with open(ROOT / "eval" / "typo-dev.tsv", encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh, delimiter="\t"))


def test_each_typo_is_one_edit_in_one_long_syllable_of_its_releases_title():
    from make_typos import MIN_LETTERS

    from searcher.spelling import _edits

    rows = _typo_rows()
    kinds = Counter(r["kind"] for r in rows)
    assert kinds["typo"] >= 300 and kinds["typo-nodiac"] == kinds["typo"], kinds
    titles = vietnews_bodies({r["doc_id"] for r in rows}, part="title")
    for r in rows:
        typed = [fold(w).lower() for w, _, _ in syllables(nfc(r["query"]))]
        title = [fold(w).lower() for w, _, _ in syllables(nfc(titles[r["doc_id"]]))]
        n = len(typed)
        spans = [title[i:i + n] for i in range(len(title) - n + 1)]
        # exactly one syllable differs, by one edit, and it was a long one
        assert any(_one_edit(span, typed, _edits, MIN_LETTERS) for span in spans), r
    pairs = {r["qid"][:-1]: [] for r in rows}
    for r in rows:
        pairs[r["qid"][:-1]].append(r)
    for a, b in pairs.values():
        assert b["query"] == fold(a["query"]) and a["doc_id"] == b["doc_id"]


def _one_edit(span: list[str], typed: list[str], edits, min_letters: int) -> bool:
    changed = [(a, b) for a, b in zip(span, typed, strict=True) if a != b]
    return len(changed) == 1 and edits(*changed[0]) == 1 and len(changed[0][0]) >= min_letters


def test_seed_like_queries_name_one_seed_each():
    with open(ROOT / "eval" / "seed-like-dev.tsv", encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh, delimiter="\t"))
    seeds = {p.stem for p in shared_path("seeds").glob("*.txt")}
    assert len(rows) >= 60 and {r["doc_id"] for r in rows} == seeds
    by_text: dict[str, set[str]] = {}
    for r in rows:
        by_text.setdefault(r["query"], set()).add(r["doc_id"])
    assert all(len(v) == 1 for v in by_text.values()), "a query asked for both seeds has no single answer"
    assert any(not has_diacritics(r["query"]) for r in rows) and any(has_diacritics(r["query"]) for r in rows)
