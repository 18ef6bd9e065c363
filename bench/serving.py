"""A `searcher serve` process on loopback for the benchmarks (query, load)."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


def free_port() -> int:
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


@contextmanager
def serving(index: str | Path, threads: int = 8, workers: int = 1) -> Iterator[tuple[str, int]]:
    """Start `searcher serve` on 127.0.0.1, wait until /healthz answers,
    yield (base URL, pid), and stop it afterwards."""
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "searcher.cli", "serve", "--index", str(index),
                             "--host", "127.0.0.1", "--port", str(port), "--threads", str(threads),
                             "--workers", str(workers)],
                            stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            try:
                urllib.request.urlopen(base + "/healthz", timeout=5).read()
                break
            except OSError:
                time.sleep(0.1)
        yield base, proc.pid
    finally:
        proc.terminate()
        proc.wait(10)


def peak_rss_mb(pid: int) -> float:
    """The peak resident set (VmHWM) of the process and its children, in MB."""
    total = 0.0
    for p in [pid, *_children(pid)]:
        status = Path(f"/proc/{p}/status").read_text()
        total += next(int(line.split()[1]) for line in status.splitlines() if line.startswith("VmHWM")) / 1024
    return total


def _children(pid: int) -> list[int]:
    out = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            out.append(int(stat.parent.name))
    return out
