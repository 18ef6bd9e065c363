"""The index remembers its sources (issue 13, point 5): a reindex without
--docs reuses them, and one that forgets a source refuses instead of
removing its releases (unless --prune)."""

from __future__ import annotations

import gzip
import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import SEED_A, SEEDS, shared_path

import searcher
from searcher.cli import main
from searcher.storage import current_generation

NEWS_A, NEWS_B, LATE = 120, 40, 40  # vietnews lines per file


def _make_sources(base: Path) -> list[Path]:
    """Three sources: the seeds (a folder), news/ (a folder of two JSON Lines
    files) and extra/late.jsonl (a file), from the first 200 vietnews lines."""
    with gzip.open(shared_path("corpus", "vietnews-test.jsonl.gz"), "rt", encoding="utf-8") as fh:
        lines = [next(fh) for _ in range(NEWS_A + NEWS_B + LATE)]
    seeds, news, extra = base / "seeds", base / "news", base / "extra"
    for d in (seeds, news, extra):
        d.mkdir(parents=True)
    for f in SEEDS.glob("*.txt"):
        shutil.copy(f, seeds / f.name)
    (news / "a.jsonl").write_text("".join(lines[:NEWS_A]), encoding="utf-8")
    (news / "b.jsonl").write_text("".join(lines[NEWS_A:NEWS_A + NEWS_B]), encoding="utf-8")
    (extra / "late.jsonl").write_text("".join(lines[NEWS_A + NEWS_B:]), encoding="utf-8")
    return [seeds, news, extra / "late.jsonl"]


def _ids(path: Path) -> list[str]:
    return [json.loads(line)["id"] for line in path.read_text(encoding="utf-8").splitlines()]


def _manifest(index_dir: Path) -> dict:
    return json.loads((current_generation(index_dir) / "manifest.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def three(tmp_path_factory) -> tuple[list[Path], Path]:
    """The three sources and a pristine index of them (copy it before use)."""
    base = tmp_path_factory.mktemp("three")
    sources = _make_sources(base / "src")
    report = searcher.build_index(sources, base / "ix")
    assert report.releases == 2 + NEWS_A + NEWS_B + LATE and not report.problems
    return sources, base / "ix"


@pytest.fixture
def built(three, tmp_path) -> tuple[list[Path], Path]:
    """A writable copy of the three-source index (its sources are shared:
    tests that change a source build their own)."""
    sources, pristine = three
    shutil.copytree(pristine, tmp_path / "ix")
    return sources, tmp_path / "ix"


def test_manifest_stores_resolved_sources_and_each_files_source(three, tmp_path):
    sources, index_dir = three
    manifest = _manifest(index_dir)
    assert manifest["sources"] == [str(s.resolve()) for s in sources]
    seeds, news, late = (str(s.resolve()) for s in sources)
    assert {p: f["source"] for p, f in manifest["files"].items()} == {
        f"{SEED_A}.txt": seeds, "004_45012c5433f0871f.txt": seeds,
        "a.jsonl": news, "b.jsonl": news, "late.jsonl": late}
    # The same folder typed another way is the same source: nothing removed.
    shutil.copytree(index_dir, tmp_path / "ix")
    roundabout = [sources[0] / ".." / "seeds", sources[1], sources[2]]
    report = searcher.build_index(roundabout, tmp_path / "ix")
    assert (report.added, report.removed, report.unchanged_files) == (0, 0, 5)


def test_reindex_without_docs_reuses_the_stored_sources(built):
    sources, index_dir = built
    report = searcher.build_index(None, index_dir)
    assert (report.added, report.updated, report.removed, report.unchanged_files) == (0, 0, 0, 5)
    assert report.releases == 202
    r = CliRunner().invoke(main, ["reindex", "--index", str(index_dir)])
    assert r.exit_code == 0, r.output
    assert "0 removed" in r.output and "202 releases in the index" in r.output
    assert str(sources[2].resolve()) in r.output  # the sources it reused are named
    assert _manifest(index_dir)["sources"] == [str(s.resolve()) for s in sources]


def test_new_index_without_docs_reads_docs_raw(tmp_path, monkeypatch):
    shutil.copytree(SEEDS, tmp_path / "docs_raw")
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    r = runner.invoke(main, ["reindex", "--index", "ix"])
    assert r.exit_code == 0, r.output
    assert "2 added" in r.output
    assert _manifest(tmp_path / "ix")["sources"] == [str((tmp_path / "docs_raw").resolve())]
    assert searcher.open_index("ix").search("le quoc hung").hits[0].doc_id == SEED_A
    r = runner.invoke(main, ["reindex", "--index", "ix"])
    assert r.exit_code == 0 and "0 added" in r.output and "0 removed" in r.output
    # Python: docs_dir=None means the same.
    assert searcher.build_index(None, "ix").unchanged_files == 2


def test_no_docs_and_no_docs_raw_is_a_clean_error(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    r = CliRunner().invoke(main, ["reindex", "--index", "ix"])
    assert r.exit_code == 3 and "docs folder not found: docs_raw" in r.output
    assert "Traceback" not in r.output


def test_dropping_a_source_refuses_and_leaves_the_index_untouched(built):
    sources, index_dir = built
    late = str(sources[2].resolve())
    gen, before = current_generation(index_dir), _manifest(index_dir)
    r = CliRunner().invoke(main, ["reindex", "--docs", str(sources[0]), "--docs", str(sources[1]),
                                  "--index", str(index_dir)])
    assert r.exit_code == 3, r.output
    assert late in r.output and f"{LATE} releases" in r.output and "--prune" in r.output
    with pytest.raises(searcher.SourceDropped, match="prune=True") as caught:
        searcher.build_index(sources[:2], index_dir)
    assert caught.value.dropped == {late: LATE}
    assert current_generation(index_dir) == gen and _manifest(index_dir) == before
    engine = searcher.open_index(str(index_dir))
    assert engine.doc_count == 202
    late_ids = _ids(sources[2])
    title = engine.document(late_ids[0]).title
    assert late_ids[0] in engine.rank(title, limit=5)
    assert engine.search("le quoc hung").hits[0].doc_id == SEED_A
    engine.close()


def test_dropping_two_sources_names_each(built):
    sources, index_dir = built
    with pytest.raises(searcher.SourceDropped) as caught:
        searcher.build_index(sources[0], index_dir)
    assert caught.value.dropped == {str(sources[1].resolve()): NEWS_A + NEWS_B,
                                    str(sources[2].resolve()): LATE}


def test_prune_removes_exactly_that_sources_releases(built):
    sources, index_dir = built
    r = CliRunner().invoke(main, ["reindex", "--docs", str(sources[0]), "--docs", str(sources[1]),
                                  "--index", str(index_dir), "--prune", "--json"])
    assert r.exit_code == 0, r.output
    report = json.loads(r.output[r.output.index("{"):])
    assert (report["added"], report["removed"], report["releases"]) == (0, LATE, 2 + NEWS_A + NEWS_B)
    engine = searcher.open_index(str(index_dir))
    assert all(engine.document(d) is None for d in _ids(sources[2]))
    assert all(engine.document(d) is not None for d in _ids(sources[1] / "a.jsonl") + _ids(sources[1] / "b.jsonl"))
    assert engine.doc_count == 2 + NEWS_A + NEWS_B
    engine.close()
    assert _manifest(index_dir)["sources"] == [str(s.resolve()) for s in sources[:2]]
    # The pruned source is forgotten: the next run without --docs does not bring it back.
    assert searcher.build_index(None, index_dir).releases == 2 + NEWS_A + NEWS_B


def test_a_file_removed_inside_a_listed_source_is_removed_without_refusal(tmp_path):
    sources = _make_sources(tmp_path / "src")
    index_dir = tmp_path / "ix"
    searcher.build_index(sources, index_dir)
    gone = _ids(sources[1] / "b.jsonl")
    (sources[1] / "b.jsonl").unlink()
    r = CliRunner().invoke(main, ["reindex", "--index", str(index_dir)])
    assert r.exit_code == 0, r.output
    assert f"{NEWS_B} removed" in r.output
    engine = searcher.open_index(str(index_dir))
    assert engine.document(gone[0]) is None and engine.doc_count == 202 - NEWS_B
    engine.close()


def test_full_with_a_dropped_source_refuses_unless_prune(built):
    sources, index_dir = built
    gen = current_generation(index_dir)
    r = CliRunner().invoke(main, ["reindex", "--docs", str(sources[1]), "--docs", str(sources[2]),
                                  "--index", str(index_dir), "--full"])
    assert r.exit_code == 3 and str(sources[0].resolve()) in r.output and "2 releases" in r.output
    with pytest.raises(searcher.SourceDropped):
        searcher.build_index(sources[1:], index_dir, full=True)
    assert current_generation(index_dir) == gen  # no new generation started
    report = searcher.build_index(sources[1:], index_dir, full=True, prune=True)
    assert report.full and report.removed == 2 and report.releases == 200
    # --full with every source listed rebuilds as before.
    assert searcher.build_index(None, index_dir, full=True).releases == 200


def test_same_relative_path_in_two_sources_is_reported_not_lost_silently(tmp_path):
    one, two = tmp_path / "one", tmp_path / "two"
    for d, words in ((one, "Interpol Lyon"), (two, "Europol Hague")):
        d.mkdir()
        (d / "note.txt").write_text(f"date 2024-01-02 Hội nghị {words}\n\nBộ Công an dự hội nghị {words}.",
                                    encoding="utf-8")
    r = CliRunner().invoke(main, ["reindex", "--docs", str(one), "--docs", str(two),
                                  "--index", str(tmp_path / "ix")])
    assert r.exit_code == 1, r.output
    skipped = [line for line in r.output.splitlines() if line.startswith("skipped ")]
    assert len(skipped) == 1
    assert str((two / "note.txt").resolve()) in skipped[0] and str((one / "note.txt").resolve()) in skipped[0]
    engine = searcher.open_index(str(tmp_path / "ix"))
    assert engine.document("note").title.endswith("Interpol Lyon")  # the first source's file is kept
    engine.close()
    # Still reported on the next run, when nothing is re-read.
    again = searcher.build_index(None, tmp_path / "ix")
    assert again.unchanged_files == 1 and len(again.problems) == 1


def test_a_vanished_stored_source_is_named(built, tmp_path):
    sources, _ = built
    moved = tmp_path / "seeds"
    shutil.copytree(sources[0], moved)
    searcher.build_index([moved], tmp_path / "own")
    shutil.rmtree(moved)
    r = CliRunner().invoke(main, ["reindex", "--index", str(tmp_path / "own")])
    assert r.exit_code == 3 and "docs folder not found" in r.output and str(moved.resolve()) in r.output
