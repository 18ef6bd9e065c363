"""Bounded load test of `searcher serve` on loopback.

    python bench/load.py --index DIR [--shared ../shared] [--clients 8] [--seconds 30]

Starts `searcher serve` on 127.0.0.1, sends the development queries from
several concurrent clients (half to /search, half to /api/search, a few
hostile ones mixed in) for a fixed time, then stops.  Prints requests,
errors (any status >= 500 or a failed connection), throughput and latency
percentiles, and the server's peak RSS.  Traffic never leaves 127.0.0.1.
"""

from __future__ import annotations

import argparse
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.serving import peak_rss_mb, serving  # noqa: E402
from searcher.eval import _percentile, load_queries  # noqa: E402

HOSTILE = ['"unclosed', "title:(", "AND OR NOT", "*" * 3000, "<script>alert(1)</script>", "a\x00b"]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--index", required=True)
    ap.add_argument("--shared", default=str(ROOT.parent / "shared"))
    ap.add_argument("--clients", type=int, default=8)
    ap.add_argument("--seconds", type=float, default=30.0)
    ap.add_argument("--threads", type=int, default=8, help="waitress threads")
    args = ap.parse_args()
    queries = [q.text for q in load_queries([Path(args.shared) / "eval" / "known-item-dev.tsv",
                                             Path(args.shared) / "eval" / "xquad-dev.tsv"])]
    with serving(args.index, args.threads) as (base, pid):
        latencies: list[float] = []
        errors: list[str] = []
        lock = threading.Lock()
        deadline = time.monotonic() + args.seconds

        def client(k: int) -> None:
            n = k
            while time.monotonic() < deadline:
                q = HOSTILE[n % len(HOSTILE)] if n % 25 == 0 else queries[n % len(queries)]
                path = "/search" if n % 2 else "/api/search"
                url = base + path + "?" + urllib.parse.urlencode({"q": q})
                t0 = time.perf_counter()
                detail = ""
                try:
                    with urllib.request.urlopen(url, timeout=30) as r:
                        r.read()
                except urllib.error.HTTPError as exc:
                    detail = f"HTTP {exc.code}" if exc.code >= 500 else ""
                except OSError as exc:
                    detail = repr(exc)
                ms = (time.perf_counter() - t0) * 1000
                with lock:
                    latencies.append(ms)
                    if detail:
                        errors.append(f"{path} {q[:40]!r}: {detail}")
                n += args.clients

        threads = [threading.Thread(target=client, args=(k,)) for k in range(args.clients)]
        started = time.monotonic()
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        elapsed = time.monotonic() - started
        hwm = peak_rss_mb(pid)
    print(f"clients: {args.clients}, waitress threads: {args.threads}, duration: {elapsed:.1f} s")
    print(f"requests: {len(latencies)}, errors: {len(errors)}, throughput: {len(latencies) / elapsed:.1f} req/s")
    print(f"latency: p50 {_percentile(latencies, 50):.1f} ms, p95 {_percentile(latencies, 95):.1f} ms, "
          f"p99 {_percentile(latencies, 99):.1f} ms; server peak RSS {hwm:.0f} MB")
    for e in errors[:10]:
        print("error:", e)
    sys.exit(1 if errors else 0)


if __name__ == "__main__":
    main()
