"""Faults of issue 15, each reproduced on a real index: a segment cut short
under a running server (1), a damaged ``CURRENT`` (3), a disk that fills
during an incremental reindex (4), the reindex leader killed with SIGKILL
(5), postings overwritten with garbage (6), an incremental reindex over a
damaged segment (8), and ``searcher check`` on a whole index.

Every subprocess runs the code these tests import (``PYTHONPATH`` set to its
root), on loopback only, and has a timeout; no test measures time.
"""

from __future__ import annotations

import contextlib
import gzip
import html
import http.client
import json
import os
import random
import resource
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import SEED_A, shared_path, write_corpus_sample

import searcher
from searcher.cli import main
from searcher.index import _PARALLEL_WRITE_BYTES as PARALLEL_BYTES  # a full build past it runs sub-writers
from web import create_app

CODE_ROOT = Path(searcher.__file__).resolve().parents[1]  # the code under test, for subprocesses
ENV = {**os.environ, "PYTHONPATH": str(CODE_ROOT)}
REPAIR = "searcher reindex --full"
QUERY = "le quoc hung"  # finds SEED_A first
WAIT = 120  # seconds: the bound of every wait below (a reindex on a busy machine), never a threshold
FILE_LIMIT = 200 * 1024  # bytes: the lock file and the seeds' index fit, a segment of 440 releases does not


def _cli(*args: str, timeout: float = 300, **kwargs) -> subprocess.CompletedProcess:
    """``searcher ARGS`` in a subprocess running the code under test."""
    return subprocess.run([sys.executable, "-m", "searcher.cli", *args], env=ENV, capture_output=True,
                          text=True, timeout=timeout, stdin=subprocess.DEVNULL, **kwargs)


def _invoke(runner, *args: str):
    """``searcher ARGS`` in this process (click's runner); stdout and stderr together."""
    return runner.invoke(main, list(args), catch_exceptions=True)


def _live_gen(index: Path) -> Path:
    return index / (index / "CURRENT").read_text(encoding="ascii").strip()


def _segments(index: Path) -> list[Path]:
    """The live generation's segment files, largest first."""
    return sorted(_live_gen(index).glob("*.seg"), key=lambda p: p.stat().st_size, reverse=True)


def _count(index: Path) -> int:
    engine = searcher.open_index(str(index))
    try:
        assert engine.search(QUERY).hits[0].doc_id == SEED_A
        return engine.doc_count
    finally:
        engine.close()


def _assert_failed_cleanly(result, *words: str) -> None:
    """Exit status 3, a message naming ``words``, no traceback (runner or subprocess)."""
    out = result.output if hasattr(result, "output") else result.stdout + result.stderr
    code = result.exit_code if hasattr(result, "exit_code") else result.returncode
    assert code == 3, out
    assert "Traceback" not in out and "error:" in out, out
    for word in words:
        assert word in out, (word, out)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> tuple[Path, int]:
    """An index of the seeds, 400 vietnews and 40 ntrex releases (one
    segment of ~18 MB); tests that damage it work on a copy."""
    docs = tmp_path_factory.mktemp("fault-docs")
    expected = write_corpus_sample(docs)
    index = tmp_path_factory.mktemp("fault-index") / "index"
    report = searcher.build_index(docs, index, full=True)
    assert report.releases == expected and not report.problems
    return index, expected


def _copy(corpus: tuple[Path, int], tmp_path: Path) -> Path:
    """A copy of the corpus index (times kept: the copy is whole)."""
    return Path(shutil.copytree(corpus[0], tmp_path / "index"))


# --- a healthy index -----------------------------------------------------------------


def test_check_says_a_whole_index_is_whole(corpus, runner):
    """`searcher check` (issue 15) on a whole index: exit 0, "whole", and healthy JSON."""
    index, expected = corpus
    r = _invoke(runner, "check", "--index", str(index))
    assert r.exit_code == 0 and "whole" in r.output and f"{expected} releases" in r.output, r.output
    r = _invoke(runner, "check", "--index", str(index), "--json")
    assert r.exit_code == 0, r.output
    found = json.loads(r.stdout)
    assert found["healthy"] is True and found["problems"] == [] and found["releases"] == expected


# --- 1. a segment cut short under a running server ------------------------------------


class _Server:
    """``searcher serve`` in a subprocess on a free loopback port."""

    def __init__(self, index: Path, log: Path, workers: int = 1):
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            self.port = sock.getsockname()[1]
        self.log = log
        with open(log, "wb") as fh:
            self.proc = subprocess.Popen(
                [sys.executable, "-m", "searcher.cli", "serve", "--index", str(index), "--host", "127.0.0.1",
                 "--port", str(self.port), "--threads", "4", "--workers", str(workers)],
                env=ENV, stdin=subprocess.DEVNULL, stdout=fh, stderr=subprocess.STDOUT)

    def get(self, path: str) -> tuple[int, str, str]:
        """(status, content type, body); a server that is gone fails the test."""
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        try:
            conn.request("GET", path)
            resp = conn.getresponse()
            return resp.status, resp.getheader("Content-Type", ""), resp.read().decode("utf-8")
        except (OSError, http.client.HTTPException) as exc:
            raise AssertionError(f"GET {path}: {exc!r}; server exit status {self.proc.poll()} "
                                 f"(-7 is SIGBUS); log: {self.log.read_text(errors='replace')[-2000:]}") from None
        finally:
            conn.close()

    def wait_ready(self) -> None:
        deadline = time.monotonic() + WAIT
        while time.monotonic() < deadline:
            assert self.proc.poll() is None, self.log.read_text(errors="replace")
            with contextlib.suppress(OSError, http.client.HTTPException):
                conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=5)
                try:
                    conn.request("GET", "/healthz")
                    if conn.getresponse().status == 200:
                        return
                finally:
                    conn.close()
            time.sleep(0.2)
        raise AssertionError(f"the server did not answer /healthz: {self.log.read_text(errors='replace')}")

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
        self.proc.wait(30)


def _routes(doc_id: str) -> list[str]:
    q = "q=le+quoc+hung"
    return [f"/doc/{doc_id}", f"/api/search?{q}", f"/search?{q}", f"/api/doc/{doc_id}", "/healthz"]


def _assert_unavailable(status: int, ctype: str, body: str, path: str) -> None:
    assert status == 503, (path, status, body[:500])
    assert REPAIR in html.unescape(body), (path, body[:2000])
    if path.startswith(("/api", "/healthz")):
        assert ctype.startswith("application/json"), (path, ctype)


@pytest.mark.parametrize("cut", ["half", "zero"])
def test_segment_cut_short_under_a_running_server(corpus, tmp_path, cut):
    """Fault 1: segments were memory-mapped, so a segment truncated under
    `searcher serve` killed the server with SIGBUS.  Now every request
    answers 503 naming the repair, the server lives on, and a full reindex
    brings the same server back."""
    index = _copy(corpus, tmp_path)
    server = _Server(index, tmp_path / "server.log")
    try:
        server.wait_ready()
        status, _, body = server.get("/api/search?q=le+quoc+hung")
        assert status == 200 and json.loads(body)["hits"][0]["doc_id"] == SEED_A
        for seg in _segments(index):
            os.truncate(seg, seg.stat().st_size // 2 if cut == "half" else 0)
        for path in _routes(SEED_A):
            _assert_unavailable(*server.get(path), path)
            assert server.proc.poll() is None, server.log.read_text(errors="replace")
        r = _cli("reindex", "--full", "--index", str(index))
        assert r.returncode == 0, r.stderr
        for path in _routes(SEED_A)[:-1]:
            status, _, body = server.get(path)
            assert status == 200 and "Lê Quốc Hùng" in body, (path, status, body[:500])
        assert json.loads(server.get("/healthz")[2])["documents"] == corpus[1]
        assert server.proc.poll() is None
    finally:
        server.stop()


def _worker_pids(pid: int) -> set[int]:
    return {child for child, _ in _children(pid)}


def test_a_worker_that_dies_is_replaced_and_the_server_answers_throughout(corpus, tmp_path):
    """The server never dies: of two worker processes, one killed with
    SIGKILL (as the OOM killer does); every request meanwhile is answered by
    the other, and a new worker takes its place."""
    server = _Server(corpus[0], tmp_path / "server.log", workers=2)
    try:
        server.wait_ready()
        deadline = time.monotonic() + WAIT
        while len(_worker_pids(server.proc.pid)) < 2 and time.monotonic() < deadline:
            time.sleep(0.2)
        workers = _worker_pids(server.proc.pid)
        assert len(workers) == 2, workers
        victim = min(workers)
        os.kill(victim, signal.SIGKILL)
        for _ in range(20):
            status, _, body = server.get("/api/search?q=le+quoc+hung")
            assert status == 200 and json.loads(body)["hits"][0]["doc_id"] == SEED_A
        while time.monotonic() < deadline:
            now = _worker_pids(server.proc.pid)
            if len(now) == 2 and victim not in now:
                break
            time.sleep(0.2)
        assert len(now) == 2 and victim not in now, now
        assert f"worker {victim} ended (signal SIGKILL); starting another" in server.log.read_text()
        assert server.proc.poll() is None
    finally:
        server.stop()


# --- 3. a damaged CURRENT ----------------------------------------------------------------


INDEX_ROUTES = ["/search?q=x", "/search", f"/doc/{SEED_A}", "/official/L%C3%AA%20Qu%E1%BB%91c%20H%C3%B9ng",
                "/agency/AFP", "/api/search?q=x", f"/api/doc/{SEED_A}", "/api/official/x", "/api/agency/AFP",
                "/healthz"]


def _damage_current(index: Path, how: str) -> None:
    pointer = index / "CURRENT"
    if how == "bytes":
        pointer.write_bytes(b"\xff\xfe garbage")
    else:
        pointer.unlink()
        pointer.mkdir()


@pytest.mark.parametrize("how", ["bytes", "folder"])
def test_damaged_current_is_answered_and_repaired(docs, tmp_path, runner, how):
    """Fault 3: CURRENT holding binary bytes, or a folder: every route that
    reads the index answers 503 (not 500) naming the repair; `search` and
    `check` exit 3; `reindex --full` without --docs rebuilds from the
    sources the newest generation's manifest names, and `check` passes."""
    index = tmp_path / "index"
    searcher.build_index(docs, index)
    before = _count(index)
    _damage_current(index, how)
    client = create_app(str(index), {"TESTING": True}).test_client()
    for path in INDEX_ROUTES:
        r = client.get(path)
        _assert_unavailable(r.status_code, r.content_type, r.get_data(as_text=True), path)
    _assert_failed_cleanly(_invoke(runner, "search", "x", "--index", str(index)), "reindex --full")
    r = _invoke(runner, "check", "--index", str(index))
    assert r.exit_code == 3 and "CURRENT" in r.output and REPAIR in r.output, r.output
    r = _invoke(runner, "reindex", "--full", "--index", str(index))
    assert r.exit_code == 0, r.output
    assert str(docs.resolve()) in r.output  # the sources stored in the manifest, not docs_raw
    assert _invoke(runner, "check", "--index", str(index)).exit_code == 0
    assert _count(index) == before
    r = client.get("/api/search?q=le+quoc+hung")
    assert r.status_code == 200 and r.get_json()["hits"][0]["doc_id"] == SEED_A
    assert client.get("/healthz").status_code == 200


# --- 4. a disk that fills during an incremental reindex --------------------------------


def _file_size_limit() -> None:
    """In the reindex process: files may not grow past FILE_LIMIT, and a
    write past it fails with EFBIG instead of killing the process."""
    resource.setrlimit(resource.RLIMIT_FSIZE, (FILE_LIMIT, FILE_LIMIT))
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)


@contextlib.contextmanager
def _small_disk(folder: Path, size: str) -> Iterator[Path]:
    """A tmpfs of ``size`` mounted on ``folder`` (this machine runs the tests as root)."""
    folder.mkdir()
    subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(folder)], check=True, timeout=60)
    try:
        yield folder
    finally:
        if subprocess.run(["umount", str(folder)], timeout=60).returncode:
            subprocess.run(["umount", "-l", str(folder)], timeout=60)


def _fill_the_disk(docs: Path, index: Path, run_failing, causes: tuple[str, ...]) -> None:
    """A seeds' index, then many more releases written by a reindex that
    runs out of room: it fails naming the real cause, and the live
    generation is left as it was."""
    searcher.build_index(docs, index)
    gen = _live_gen(index)
    before = sorted(os.listdir(gen)), sorted(os.listdir(index)), (index / "CURRENT").read_bytes()
    write_corpus_sample(docs)
    r = run_failing()
    _assert_failed_cleanly(r)
    assert any(cause in r.stderr for cause in causes), r.stderr
    assert "writer is closed" not in r.stderr, r.stderr
    after = sorted(os.listdir(gen)), sorted(os.listdir(index)), (index / "CURRENT").read_bytes()
    assert after == before  # no half-written segment left behind
    assert _count(index) == 2


def test_file_too_large_during_an_incremental_reindex(docs, tmp_path):
    """Fault 4: a write failing with EFBIG (as a full disk fails) was
    reported as "This writer is closed" and left half-written segment files
    in the live generation.  Now: exit 3 naming the cause, the live
    generation as it was, and a reindex with room succeeds."""
    index = tmp_path / "index"
    _fill_the_disk(docs, index, lambda: _cli("reindex", "--index", str(index), preexec_fn=_file_size_limit),
                   ("File too large", "Errno 27"))
    r = _cli("reindex", "--index", str(index))
    assert r.returncode == 0, r.stderr
    assert _count(index) == 2 + 400 + 40


def test_no_space_left_during_an_incremental_reindex(docs, tmp_path):
    """Fault 4, with a real ENOSPC: the index on a 2 MB tmpfs.  Exit 3
    naming "No space left", the live generation as it was; once the disk is
    grown, the same reindex succeeds."""
    with _small_disk(tmp_path / "disk", "2m") as disk:
        index = disk / "index"
        _fill_the_disk(docs, index, lambda: _cli("reindex", "--index", str(index)),
                       ("No space left", "Errno 28"))
        subprocess.run(["mount", "-o", "remount,size=200m", str(disk)], check=True, timeout=60)
        r = _cli("reindex", "--index", str(index))
        assert r.returncode == 0, r.stderr
        assert _count(index) == 2 + 400 + 40


# --- 5. the reindex leader killed with SIGKILL --------------------------------------------


def _stat(pid: int) -> list[str] | None:
    """The fields of /proc/PID/stat after the command name (state, ppid, ...), or None."""
    try:
        text = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    return text[text.rindex(")") + 2:].split()


def _children(parent: int) -> list[tuple[int, str]]:
    """(pid, start time) of the processes whose parent is ``parent``."""
    found = []
    for name in os.listdir("/proc"):
        fields = _stat(int(name)) if name.isdigit() else None
        if fields and int(fields[1]) == parent:
            found.append((int(name), fields[19]))
    return found


def _alive(pid: int, started: str) -> bool:
    """Whether that process (not a later one with its number) still runs."""
    fields = _stat(pid)
    return fields is not None and fields[19] == started and fields[0] not in "ZX"


def _wait_for_workers(leader: subprocess.Popen) -> list[tuple[int, str]]:
    deadline = time.monotonic() + WAIT
    while time.monotonic() < deadline:
        assert leader.poll() is None, "the reindex ended before any worker process was seen"
        workers = _children(leader.pid)
        if workers:
            return workers
        time.sleep(0.02)
    raise AssertionError("no worker process of the reindex was seen")


def _survivors(workers: list[tuple[int, str]], within: float) -> list[int]:
    deadline = time.monotonic() + within
    while True:
        left = [pid for pid, started in workers if _alive(pid, started)]
        if not left or time.monotonic() > deadline:
            return left
        time.sleep(0.05)


@contextlib.contextmanager
def _full_reindex_running(index: Path) -> Iterator[tuple[subprocess.Popen, list[tuple[int, str]]]]:
    """A full reindex of ``index`` in a subprocess, once its worker processes
    exist: (the leader, its workers).  Whatever the test leaves running of
    them is killed after, by process id."""
    leader = subprocess.Popen([sys.executable, "-m", "searcher.cli", "reindex", "--full", "--index", str(index)],
                              env=ENV, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL)
    workers: list[tuple[int, str]] = []
    try:
        workers = _wait_for_workers(leader)
        yield leader, workers
    finally:
        if leader.poll() is None:
            leader.kill()
            leader.wait(30)
        for pid in _survivors(workers, within=0):  # only the workers this test started
            os.kill(pid, signal.SIGKILL)


def _more_than_parallel_bytes(docs: Path) -> int:
    """A file of vietnews releases large enough for a full build to run its
    sub-writer processes (``index._PARALLEL_WRITE_BYTES``); its size."""
    size = 0
    with gzip.open(shared_path("corpus", "vietnews-test.jsonl.gz"), "rb") as src, \
            open(docs / "big.jsonl", "wb") as out:
        for line in src:
            if size > PARALLEL_BYTES:
                break
            out.write(line)
            size += len(line)
    return size


def test_reindex_leader_killed_leaves_no_worker_and_no_lock(docs, tmp_path):
    """Fault 5: a full reindex's leader killed with SIGKILL (as the OOM
    killer does) left its sub-writer processes alive, holding the lock, and
    every later reindex said "another reindex is already writing".  Now the
    workers die with the leader and the next reindex runs."""
    index = tmp_path / "index"
    searcher.build_index(docs, index)
    assert _more_than_parallel_bytes(docs) > PARALLEL_BYTES
    with _full_reindex_running(index) as (leader, workers):
        os.kill(leader.pid, signal.SIGKILL)  # the leader only, as the OOM killer does
        leader.wait(WAIT)
        (docs / "big.jsonl").unlink()  # the next reindex need not read it all
        r = _cli("reindex", "--index", str(index))
        assert r.returncode == 0 and "already writing" not in r.stderr, r.stderr
        assert _survivors(workers, within=30) == []  # gone (their number may be another's by now)
    assert _count(index) == 2


def test_second_reindex_names_the_process_holding_the_lock(docs, tmp_path):
    """Fault 5 (the message): a reindex started while another runs stops
    with exit 3, "already writing", and the running one's process id."""
    index = tmp_path / "index"
    searcher.build_index(docs, index)
    _more_than_parallel_bytes(docs)
    with _full_reindex_running(index) as (leader, _):
        os.kill(leader.pid, signal.SIGSTOP)  # it cannot finish while the second reindex asks
        _assert_failed_cleanly(_cli("reindex", "--index", str(index)), "already writing", f"process {leader.pid}")
        os.kill(leader.pid, signal.SIGKILL)
        leader.wait(WAIT)


# --- 6. postings overwritten with garbage ---------------------------------------------------


def _overwrite_middle(seg: Path, keep_time: bool = False) -> None:
    """64 KB of fixed random bytes in the middle of ``seg``."""
    st = seg.stat()
    with open(seg, "r+b") as fh:
        fh.seek(st.st_size // 2 - 32 * 1024)
        fh.write(random.Random(7).randbytes(64 * 1024))
    if keep_time:  # a disk fault changes no time
        os.utime(seg, ns=(st.st_atime_ns, st.st_mtime_ns))


def test_corrupt_postings_are_answered_and_repaired(corpus, tmp_path, runner):
    """Fault 6: garbage in the middle of a segment gave 500s or tracebacks
    while /healthz said ok.  Now the web answers 503 naming the repair, the
    CLI exits 3, `check` names the segment, and `reindex --full` (its
    sources taken from the manifest) repairs it."""
    index = _copy(corpus, tmp_path)
    client = create_app(str(index), {"TESTING": True}).test_client()
    assert client.get("/api/search?q=le+quoc+hung").status_code == 200
    seg = _segments(index)[0]
    _overwrite_middle(seg)
    for path in ("/search?q=le+quoc+hung", "/api/search?q=le+quoc+hung", "/healthz"):
        r = client.get(path)
        _assert_unavailable(r.status_code, r.content_type, r.get_data(as_text=True), path)
    _assert_failed_cleanly(_invoke(runner, "search", QUERY, "--index", str(index)), "reindex --full")
    r = _invoke(runner, "check", "--index", str(index))
    assert r.exit_code == 3 and seg.name in r.output and REPAIR in r.output, r.output
    r = _invoke(runner, "reindex", "--full", "--index", str(index))
    assert r.exit_code == 0, r.output
    r = _invoke(runner, "check", "--index", str(index))
    assert r.exit_code == 0 and "whole" in r.output, r.output
    assert _count(index) == corpus[1]
    r = client.get("/api/search?q=le+quoc+hung")
    assert r.status_code == 200 and r.get_json()["hits"][0]["doc_id"] == SEED_A
    assert client.get("/healthz").status_code == 200


def test_check_finds_garbage_written_without_changing_the_time(corpus, tmp_path, runner):
    """Fault 6, found by `searcher check` alone: the segment's size and time
    are as written, only its bytes differ; the digest names it."""
    index = _copy(corpus, tmp_path)
    seg = _segments(index)[0]
    _overwrite_middle(seg, keep_time=True)
    r = _invoke(runner, "check", "--index", str(index))
    assert r.exit_code == 3 and seg.name in r.output and REPAIR in r.output, r.output


# --- 8. an incremental reindex over a damaged segment -------------------------------------


EXTRA = {"id": "extra-1", "lang": "en", "title": "A release added after the damage",
         "body": "The ministry met the delegation in Hanoi."}


@pytest.mark.parametrize("cut", ["half", "zero"])
def test_incremental_reindex_over_a_damaged_segment_rebuilds_it(docs, tmp_path, runner, cut):
    """Fault 8 (reindex): a plain `searcher reindex` over a truncated
    segment (and a release added) failed with exit 3 (`[Errno 22]`,
    `EOFError`, `unpack requires ...`).  Now it rebuilds from scratch, says
    so in a note, and `check` passes."""
    index = tmp_path / "index"
    searcher.build_index(docs, index)
    for seg in _segments(index):
        os.truncate(seg, seg.stat().st_size // 2 if cut == "half" else 0)
    (docs / "extra.jsonl").write_text(json.dumps(EXTRA) + "\n", encoding="utf-8")  # something to write
    r = _invoke(runner, "reindex", "--index", str(index))
    assert r.exit_code == 0, r.output
    notes = [line for line in r.output.splitlines() if line.startswith("note:")]
    assert any("damaged" in n and "rebuilt from scratch" in n for n in notes), r.output
    r = _invoke(runner, "check", "--index", str(index))
    assert r.exit_code == 0 and "whole" in r.output, r.output
    assert _count(index) == 3


def test_generations_left_behind_close_their_files(docs, tmp_path):
    """Segments are read through descriptors of our own (no memory maps):
    a generation replaced by a reindex must close them once no search uses
    it, or every reindex leaks descriptors and deleted files stay on disk."""
    import gc
    import threading

    index = tmp_path / "ix"
    searcher.build_index(docs, index)
    engine = searcher.open_index(str(index))

    def open_fds() -> int:
        return len(os.listdir("/proc/self/fd"))

    counts = []
    for _ in range(6):
        threads = [threading.Thread(target=engine.search, args=("Australia",)) for _ in range(8)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(60)
        searcher.build_index(docs, index, full=True)
        assert engine.search("Australia").total == 1
        gc.collect()
        counts.append(open_fds())
    assert max(counts[2:]) <= counts[1] + 2, counts
    deleted = [os.readlink(f"/proc/self/fd/{fd}") for fd in os.listdir("/proc/self/fd")
               if os.path.exists(f"/proc/self/fd/{fd}") and "(deleted)" in os.readlink(f"/proc/self/fd/{fd}")]
    assert not [d for d in deleted if str(index) in d], deleted
    engine.close()
