"""Crashes and concurrency: a reindex killed with SIGKILL, searches during a
reindex, two reindexes at once, a damaged index."""

import json
import os
import random
import signal
import subprocess
import sys
import threading
import time

import pytest
from conftest import SEED_A

import searcher

SYLLABLES = ("công an tỉnh huyện xã điều tra vụ án hình sự tội phạm ma túy lừa đảo tài sản "
             "người dân cán bộ chiến sĩ phòng chống cháy nổ giao thông đường bộ an ninh trật tự "
             "hội nghị tổng kết năm kế hoạch triển khai nhiệm vụ trọng tâm").split()


def _write_many(path, n, seed=7):
    rng = random.Random(seed)
    with open(path, "w", encoding="utf-8") as fh:
        for i in range(n):
            words = " ".join(rng.choice(SYLLABLES) for _ in range(180))
            fh.write(json.dumps({"id": f"bulk-{i}", "title": f"Bản tin {i}", "body": words},
                                ensure_ascii=False) + "\n")


def _reindex_cmd(docs, index, *extra):
    return [sys.executable, "-m", "searcher.cli", "reindex", "--docs", str(docs), "--index", str(index), *extra]




class _Searching(threading.Thread):
    """Searches for a seed in a loop and records every outcome."""

    def __init__(self, index):
        super().__init__(daemon=True)
        self.engine = searcher.open_index(str(index))
        self.stop = threading.Event()
        self.ok = 0
        self.failures: list[str] = []

    def run(self):
        while not self.stop.is_set():
            try:
                hits = self.engine.search("le quoc hung").hits
                if hits and hits[0].doc_id == SEED_A:
                    self.ok += 1
                else:
                    self.failures.append(f"seed not first: {[h.doc_id for h in hits[:3]]}")
            except Exception as exc:  # noqa: BLE001 - any error is a failure here
                self.failures.append(repr(exc))
            time.sleep(0.02)


@pytest.mark.parametrize("full", [False, True])
def test_sigkill_during_reindex_leaves_a_searchable_index(docs, tmp_path, full):
    index = tmp_path / "ix"
    searcher.build_index(docs, index)
    _write_many(docs / "bulk.jsonl", 6000)  # ~11 s of work here: killed well before the end
    loop = _Searching(index)
    loop.start()
    proc = subprocess.Popen(_reindex_cmd(docs, index, *(["--full"] if full else [])),
                            start_new_session=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(3)
    assert proc.poll() is None, "reindex finished before it could be killed"
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    time.sleep(0.3)
    loop.stop.set()
    loop.join()
    assert loop.ok > 10 and not loop.failures
    # The last good index is intact: the seeds, and none of the half-written batch.
    after = searcher.open_index(str(index))
    assert after.search("le quoc hung").hits[0].doc_id == SEED_A
    assert after.doc_count == 2
    # The next reindex completes and sees everything.
    done = subprocess.run(_reindex_cmd(docs, index), capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert after.search("le quoc hung").hits[0].doc_id == SEED_A
    assert after.doc_count == 6002
    assert after.search("Bản tin 5999").hits[0].doc_id == "bulk-5999"


def test_searches_keep_answering_while_a_reindex_swaps(docs, tmp_path):
    index = tmp_path / "ix"
    searcher.build_index(docs, index)
    _write_many(docs / "bulk.jsonl", 400)
    loop = _Searching(index)
    loop.start()
    for _ in range(2):
        searcher.build_index(docs, index, full=True)
    loop.stop.set()
    loop.join()
    assert loop.ok > 5 and not loop.failures
    assert loop.engine.doc_count == 402


def test_second_reindex_process_stops_with_a_message(docs, tmp_path):
    index = tmp_path / "ix"
    _write_many(docs / "bulk.jsonl", 4000)
    first = subprocess.Popen(_reindex_cmd(docs, index), start_new_session=True,
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        time.sleep(1.5)
        second = subprocess.run(_reindex_cmd(docs, index), capture_output=True, text=True)
        assert second.returncode == 3
        assert "another reindex" in second.stderr and "Traceback" not in second.stderr
    finally:
        first.wait(timeout=300)
    assert first.returncode == 0


def test_damaged_index_is_reported_and_repaired(docs, tmp_path):
    from click.testing import CliRunner

    from searcher.cli import main
    from searcher.storage import current_generation
    from web import create_app

    index = tmp_path / "ix"
    searcher.build_index(docs, index)
    gen = current_generation(index)
    for toc in gen.glob("*.toc"):
        toc.write_bytes(b"garbage")
    with pytest.raises(searcher.IndexMissing, match="reindex --full"):
        searcher.open_index(str(index))
    r = CliRunner().invoke(main, ["search", "x", "--index", str(index)])
    assert r.exit_code == 3 and "reindex --full" in r.output
    client = create_app(str(index)).test_client()
    assert client.get("/search?q=x").status_code == 503
    assert client.get("/api/search?q=x").status_code == 503
    r = CliRunner().invoke(main, ["reindex", "--full", "--docs", str(docs), "--index", str(index)])
    assert r.exit_code == 0
    assert searcher.open_index(str(index)).search("le quoc hung").hits[0].doc_id == SEED_A
    assert client.get("/search?q=x").status_code == 200


def test_mixed_folder_of_good_and_bad_inputs(docs, tmp_path):
    """Issue #6's scenario through the CLI: nothing crashes, every bad file is
    named, every good release is found, no snippet carries markup."""
    from click.testing import CliRunner
    from test_ingest import _cp1258

    from searcher.cli import main

    (docs / "binary.txt").write_bytes(b"\x7fELF\x02\x01\x01\x00\x00\x00binary")
    (docs / "empty.txt").write_bytes(b"")
    legacy = "Thứ trưởng Nguyễn Duy Ngọc làm việc với Cục Cảnh sát hình sự về phòng chống tội phạm ma túy."
    (docs / "legacy.txt").write_bytes(_cp1258(legacy))
    (docs / "hostile.txt").write_text(
        "date 2024-05-05 <script>alert('x')</script> Hội nghị an ninh mạng\n\n"
        "Bộ Công an <img src=x onerror=alert(1)> tổ chức hội nghị an ninh mạng quốc tế.", encoding="utf-8")
    lines = [json.dumps({"id": f"ok{i}", "title": f"Thông cáo số {i}", "body": f"Nội dung thông cáo Interpol số {i}."},
                        ensure_ascii=False) for i in range(3)]
    lines.insert(2, '{"id": "broken", "body": ')
    lines.append(json.dumps({"body": "không có id"}, ensure_ascii=False))
    lines.append(json.dumps({"id": "ok1", "body": "trùng id"}, ensure_ascii=False))
    (docs / "batch.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")

    r = CliRunner().invoke(main, ["reindex", "--docs", str(docs), "--index", str(tmp_path / "ix")])
    assert r.exit_code == 1, r.output  # finished, with skipped inputs
    assert "Traceback" not in r.output
    for named in ("skipped binary.txt:", "skipped empty.txt:", "skipped batch.jsonl:3:",
                  "skipped batch.jsonl:5:", "skipped batch.jsonl:6: duplicate id 'ok1'"):
        assert named in r.output
    engine = searcher.open_index(str(tmp_path / "ix"))
    assert engine.search("le quoc hung").hits[0].doc_id == SEED_A
    assert engine.search("Nguyễn Duy Ngọc").hits[0].doc_id == "legacy"
    assert engine.search("Thông cáo số 2").hits[0].doc_id == "ok2"
    assert {h.doc_id for h in engine.search("Interpol", limit=10).hits} >= {"ok0", "ok1", "ok2"}
    res = engine.search("hội nghị an ninh mạng")
    assert res.hits[0].doc_id == "hostile"
    for hit in res.hits:
        for html in (hit.snippet, hit.title_html):
            assert "<script" not in html and "<img" not in html
    assert engine.doc_count == 2 + 1 + 1 + 3
