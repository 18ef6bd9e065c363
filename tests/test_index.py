import json
import os

import pytest
from conftest import SEED_A

import searcher
from searcher.storage import ReindexBusy, current_generation, reindex_lock


def test_full_then_incremental(docs, tmp_path):
    ix = tmp_path / "ix"
    first = searcher.build_index(docs, ix)
    assert (first.added, first.updated, first.removed, first.full) == (2, 0, 0, True)
    again = searcher.build_index(docs, ix)
    assert (again.added, again.updated, again.removed, again.unchanged_files, again.full) == (0, 0, 0, 2, False)

    (docs / "new.txt").write_text("date 2024-01-02 Hội nghị Interpol\n\nBộ Công an dự hội nghị Interpol tại Lyon.",
                                  encoding="utf-8")
    target = docs / f"{SEED_A}.txt"
    target.write_text(target.read_text(encoding="utf-8") + "\n\nThứ trưởng gặp gỡ Zelinsky.", encoding="utf-8")
    report = searcher.build_index(docs, ix)
    assert (report.added, report.updated, report.removed, report.unchanged_files) == (1, 1, 0, 1)
    eng = searcher.open_index(str(ix))
    assert eng.search("Zelinsky").hits[0].doc_id == SEED_A
    assert eng.search("Interpol Lyon").hits[0].doc_id == "new"

    os.remove(docs / "new.txt")
    report = searcher.build_index(docs, ix)
    assert report.removed == 1 and report.releases == 2
    assert eng.search('"Lyon"').total == 0  # the open engine sees the new commit (quoted: never respelled)
    eng.close()


def test_full_rebuild_switches_generation_and_keeps_searching(docs, tmp_path):
    ix = tmp_path / "ix"
    searcher.build_index(docs, ix)
    eng = searcher.open_index(str(ix))
    gen1 = current_generation(ix)
    searcher.build_index(docs, ix, full=True)
    gen2 = current_generation(ix)
    assert gen1 != gen2
    assert eng.search("le quoc hung").hits[0].doc_id == SEED_A
    searcher.build_index(docs, ix, full=True)
    assert not gen1.exists()  # only the live and the previous generation are kept
    eng.close()


def test_bad_inputs_skipped_every_good_release_indexed(docs, tmp_path):
    (docs / "empty.txt").write_bytes(b"")
    (docs / "bin.txt").write_bytes(b"\x00\x01\x02binary")
    lines = [json.dumps({"id": f"j{i}", "body": f"Bản tin số {i} của Bộ Công an về Interpol."}, ensure_ascii=False)
             for i in range(3)]
    lines.insert(1, "{not json")
    lines.append(json.dumps({"body": "no id"}))
    lines.append(json.dumps({"id": "j0", "body": "duplicate"}))
    (docs / "batch.jsonl").write_text("\n".join(lines), encoding="utf-8")
    report = searcher.build_index(docs, tmp_path / "ix")
    assert report.releases == 5
    named = {(p.path, p.line) for p in report.problems}
    assert {("empty.txt", None), ("bin.txt", None), ("batch.jsonl", 2), ("batch.jsonl", 5), ("batch.jsonl", 6)} == named
    dup = [p for p in report.problems if "duplicate" in p.reason][0]
    assert "'j0'" in dup.reason and "kept" in dup.reason
    eng = searcher.open_index(str(tmp_path / "ix"))
    assert eng.search("Bản tin số 2").hits[0].doc_id == "j2"
    assert eng.document("j0").body.startswith("Bản tin số 0")
    eng.close()
    # An unchanged bad file is still reported on the next incremental run.
    again = searcher.build_index(docs, tmp_path / "ix")
    assert {(p.path, p.line) for p in again.problems} == named


def test_second_reindex_is_refused_while_one_runs(docs, tmp_path):
    ix = tmp_path / "ix"
    with reindex_lock(ix), pytest.raises(ReindexBusy, match="already"):
        searcher.build_index(docs, ix)


def test_missing_docs_folder(tmp_path):
    with pytest.raises(FileNotFoundError, match="docs folder not found"):
        searcher.build_index(tmp_path / "nope", tmp_path / "ix")


def test_worker_pool_and_parallel_writers_give_the_same_index(tmp_path, monkeypatch):
    lines = [json.dumps({"id": f"p{i}", "title": f"Thông báo {i}",
                         "body": f"Thứ trưởng Nguyễn Văn An{i} làm việc với Cục Cảnh sát hình sự số {i}."},
                        ensure_ascii=False) for i in range(150)]
    (tmp_path / "many.jsonl").write_text("\n".join(lines), encoding="utf-8")
    a = searcher.build_index(tmp_path / "many.jsonl", tmp_path / "a", workers=1)
    b = searcher.build_index(tmp_path / "many.jsonl", tmp_path / "b", workers=2)
    monkeypatch.setattr(searcher.index, "_PARALLEL_WRITE_BYTES", 0)  # Whoosh sub-writers too
    c = searcher.build_index(tmp_path / "many.jsonl", tmp_path / "c", workers=2)
    monkeypatch.setattr(searcher.index, "_SEGMENT_MB", 0.01)  # a new segment every batch
    d = searcher.build_index(tmp_path / "many.jsonl", tmp_path / "d", workers=2)
    assert a.releases == b.releases == c.releases == d.releases == 150
    assert len(list(current_generation(tmp_path / "d").glob("*.seg"))) > 2
    engines = [searcher.open_index(str(tmp_path / x)) for x in "abcd"]
    for q in ("thong bao 42", "Cục Cảnh sát hình sự số 7", '"Thông báo 7"'):
        # Ties may come in another order (doc numbers differ), scores may not.
        results = [{h.doc_id: round(h.score, 4) for page in (1, 2) for h in e.search(q, limit=100, page=page).hits}
                   for e in engines]
        assert results[0] == results[1] == results[2] == results[3]
        assert max(results[0], key=results[0].get) in ("p42", "p7")
    assert engines[0].document("p3").officials == engines[3].document("p3").officials
    # an incremental reindex on top of the many segments
    (tmp_path / "more.jsonl").write_text(json.dumps({"id": "extra", "title": "Hội nghị Interpol",
                                                     "body": "Bộ Công an dự hội nghị tại Lyon."}),
                                         encoding="utf-8")
    report = searcher.build_index([tmp_path / "many.jsonl", tmp_path / "more.jsonl"], tmp_path / "d")
    assert (report.added, report.releases, report.full) == (1, 151, False)
    assert engines[3].search("Interpol Lyon").hits[0].doc_id == "extra"
    assert engines[3].search("thong bao 42").hits[0].doc_id == "p42"
    for e in engines:
        e.close()
