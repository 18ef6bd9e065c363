"""What first searches would build, kept beside the generation at reindex
(searcher.derived): the same data as built from the segments, found again by
a new process, and a missing or damaged file only makes the first search
slower, never wrong."""

from __future__ import annotations

import gzip
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from conftest import write_corpus_sample

import searcher
from searcher.derived import DERIVED, load_derived
from searcher.generation import Generation
from searcher.storage import current_generation

QUERIES = ("le quoc hung", "công an", "cong an tinh", "police", "Bộ Quốc phòng", "hoa binh", "xyzzy")


def _generation(index: Path) -> Path:
    return index / current_generation(index)


def _answers(index: Path) -> list:
    engine = searcher.open_index(str(index))
    try:
        return [(r.total, [h.doc_id for h in r.hits], [h.snippet for h in r.hits], r.facets)
                for r in (engine.search(q, facets=True) for q in QUERIES)]
    finally:
        engine.close()


@pytest.fixture(scope="module")
def copy_of_sample(sample_index, tmp_path_factory) -> Path:
    target = tmp_path_factory.mktemp("derived") / "index"
    shutil.copytree(sample_index, target)
    return target


def test_reindex_keeps_the_derived_data_beside_the_generation(sample_index):
    gen = _generation(sample_index)
    key = Generation(gen).commit_key
    data = load_derived(gen, key)
    assert {"lengths", "spellings", "facets", "pairs"} <= set(data)
    assert load_derived(gen, (key[0] + 1, key[1])) == {}  # another commit's: not used


def test_derived_data_equals_what_the_segments_give(sample_index):
    gen_path = _generation(sample_index)
    kept, fresh = Generation(gen_path), Generation(gen_path)
    fresh.scorer._stored_lengths, fresh.scorer._spellings = {}, {}
    for field, lengths in kept.scorer.lengths.items():
        fresh.scorer._load_lengths(field)
        assert np.array_equal(fresh.scorer.lengths[field], lengths), field
        assert fresh.scorer.avg_length[field] == pytest.approx(kept.scorer.avg_length[field])
    for field in sorted(kept.scorer.folded_fields):
        built, stored = fresh.scorer._spelling_map(field), kept.scorer._spelling_map(field)
        assert list(stored) == sorted(built), field
        for key in built:
            assert stored.get(key, []) == built[key], (field, key)
        assert stored.get("no-such-syllable", []) == []
    matched = kept.live.copy()
    assert kept.facets.counts(matched, 50) == fresh.facets.counts(matched, 50)
    assert np.array_equal(kept.twin_docnums, fresh.twin_docnums) and kept.twins == fresh.twins
    kept.close()
    fresh.close()


@pytest.mark.parametrize("damage", ["missing", "truncated", "garbage"])
def test_a_missing_or_damaged_file_only_costs_time(copy_of_sample, damage):
    before = _answers(copy_of_sample)
    path = _generation(copy_of_sample) / DERIVED
    saved = path.read_bytes()
    try:
        if damage == "missing":
            path.unlink()
        elif damage == "truncated":
            path.write_bytes(saved[: len(saved) // 2])
        else:
            path.write_bytes(b"not a pickle at all" * 100)
        assert _answers(copy_of_sample) == before
    finally:
        path.write_bytes(saved)


def test_a_reindex_restores_a_lost_file(copy_of_sample):
    path = _generation(copy_of_sample) / DERIVED
    path.unlink()
    searcher.build_index(None, copy_of_sample)  # nothing changed: only the cache is rebuilt
    assert (_generation(copy_of_sample) / DERIVED).exists()


def test_a_search_process_does_not_load_scikit_learn(sample_index):
    code = ("import sys, searcher\n"
            f"e = searcher.open_index({str(sample_index)!r})\n"
            "e.search('thứ trưởng công an hội đàm'); e.search('le quoc hung', facets=True)\n"
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('sklearn', 'scipy', 'sklearn_crfsuite')))\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]", out.stdout


def test_reindex_names_its_stages_with_the_releases_expected(tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    expected = write_corpus_sample(docs)
    stages: list[tuple[str, int | None]] = []
    written = []
    report = searcher.build_index(docs, tmp_path / "index", progress=written.append,
                                  stage=lambda name, total: stages.append((name, total)))
    assert [name for name, _ in stages] == ["reading", "analysing and writing", "merging segments",
                                            "pairing translations", "keeping search data"]
    assert dict(stages)["analysing and writing"] == expected == report.releases == sum(written)
    again: list[tuple[str, int | None]] = []
    searcher.build_index(docs, tmp_path / "index", stage=lambda name, total: again.append((name, total)))
    assert again == [("reading", None), ("analysing and writing", 0), ("merging segments", None)]


def test_count_records_reads_every_kind_of_source(tmp_path):
    from searcher.ingest import SourceFile, count_records

    def src(name: str, data: bytes) -> SourceFile:
        (tmp_path / name).write_bytes(data)
        return SourceFile(tmp_path / name, name, len(data), 0)

    assert count_records(src("a.txt", "Tiêu đề\n\nNội dung".encode())) == 1
    assert count_records(src("b.jsonl", b'{"id": 1}\n{"id": 2}\n')) == 2
    assert count_records(src("c.jsonl", b'{"id": 1}\n{"id": 2}')) == 2  # no final newline
    assert count_records(src("d.jsonl.gz", gzip.compress(b'{"id": 1}\n' * 5000))) == 5000
    assert count_records(src("e.jsonl.gz", gzip.compress(b'{"id": 1}\n' * 50)[:30])) == 0  # truncated


def test_data_of_an_older_commit_is_never_used(tmp_path):
    """A reindex in place makes a new commit of the live generation; until it
    writes the new data, a process that opens it must not read the old."""
    docs = tmp_path / "docs"
    docs.mkdir()
    write_corpus_sample(docs)
    index = tmp_path / "index"
    searcher.build_index(docs, index)
    path = _generation(index) / DERIVED
    old = path.read_bytes()
    seed = sorted(docs.glob("*.txt"))[0]
    seed.write_text(seed.read_text(encoding="utf-8") + "\n\nBộ trưởng Ngoại giao Phạm Bình Minh phát biểu.",
                    encoding="utf-8")
    searcher.build_index(docs, index)
    assert _generation(index) / DERIVED == path  # updated in place
    path.write_bytes(old)  # as if the new data were not written yet
    gen = Generation(_generation(index))
    assert gen._facets is None and gen.scorer._stored_lengths == {}
    names = dict(gen.facets.counts(gen.live.copy(), 1000)["official"])
    assert "Phạm Bình Minh" in names
    gen.close()
