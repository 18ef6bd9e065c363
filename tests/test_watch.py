"""`searcher serve --watch` (searcher/watch.py): a release dropped into the
sources reaches search and the feed within seconds; a bad file is logged
and serving goes on."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

import feedparser
from conftest import SEEDS

import searcher
from bench.serving import free_port

WITHIN = 10.0  # seconds a new release may take to be found


def _get(base: str, path: str, **args: str) -> bytes:
    with urllib.request.urlopen(f"{base}{path}?{urllib.parse.urlencode(args)}", timeout=5) as r:
        return r.read()


def _until(check, seconds: float) -> float:
    """Seconds until ``check()`` holds; fails after ``seconds``."""
    started = time.monotonic()
    while time.monotonic() - started < seconds:
        try:
            if check():
                return time.monotonic() - started
        except OSError:
            pass
        time.sleep(0.2)
    raise AssertionError(f"not seen within {seconds} s")


def _release(docs: Path, name: str, title: str, body: str, date: str) -> None:
    record = {"id": name, "lang": "vi", "title": title, "body": body, "date": date}
    tmp = docs.parent / (name + ".tmp")
    tmp.write_text(json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")
    tmp.replace(docs / (name + ".jsonl"))  # appears whole, as a copy finished elsewhere would


def test_a_dropped_release_is_found_and_first_in_its_feed(tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    for f in SEEDS.glob("*.txt"):
        shutil.copy(f, docs / f.name)
    index = tmp_path / "index"
    searcher.build_index(docs, index)
    port = free_port()
    with open(tmp_path / "serve.log", "w+") as log:
        proc = subprocess.Popen([sys.executable, "-m", "searcher.cli", "serve", "--index", str(index),
                                 "--port", str(port), "--processes", "2", "--watch"], stderr=log)
        try:
            _journey(f"http://127.0.0.1:{port}", docs, proc)
        finally:
            proc.terminate()
            proc.wait(15)
        log.seek(0)
        text = log.read()
    assert "broken.jsonl" in text and "reindexed" in text


def _journey(base: str, docs: Path, proc: subprocess.Popen) -> None:
    _until(lambda: json.loads(_get(base, "/healthz"))["documents"] == 2, 60)
    time.sleep(1.0)  # the watcher has started watching (it logs first, then watches)
    _release(docs, "watch-1", "Bộ Công an tiếp đoàn Interpol Singapore",
             "Thứ trưởng Lê Quốc Hùng tiếp đoàn cảnh sát Singapore tại Hà Nội ngày 30/11/2026.",
             "2026-11-30")
    found = lambda: json.loads(_get(base, "/api/search", q="Interpol Singapore"))["total"] == 1  # noqa: E731
    took = _until(found, WITHIN)
    entries = feedparser.parse(_get(base, "/feed", q="Bộ Công an")).entries
    assert entries[0].link.endswith("/doc/watch-1") and len(entries) == 3, took

    # a truncated file: logged, skipped, serving goes on; a good one after it still arrives
    (docs / "broken.jsonl").write_bytes(b'{"id": "x", "title": "cut sh')
    _release(docs, "watch-2", "Cảnh sát biển Nhật Bản thăm Việt Nam", "Đoàn cảnh sát biển Nhật Bản.",
             "2026-12-01")
    _until(lambda: json.loads(_get(base, "/api/search", q="cảnh sát biển Nhật Bản"))["total"] >= 1, WITHIN)
    assert proc.poll() is None
