"""Bounded load test of `searcher serve` on loopback, with hostile clients.

    python bench/load.py --index DIR [--shared ../shared] [--clients 16] [--attackers 4]
                         [--seconds 60] [--think 1.0]

Starts `searcher serve` on 127.0.0.1.  ``--clients`` users search as people
do: in turn a short query (a name written with capitals in a development
query, or a title's first three words) and a development query (a title, a
question), often with filters (language, a year range, date order, a
second page), half on /search (HTML with facets and snippets), half on
/api/search, then pause for a random think time (exponential, mean
``--think`` seconds; 0 sends back to back).  Meanwhile ``--attackers``
clients send, back to back, quoted phrases of 200 common syllables (about
1 KB of URL), each one new, and every 25th user query is hostile syntax.
Prints, for the users and the attackers apart: requests, 5xx and failed
connections, 429s (a long query refused its turn), latency percentiles;
and the server's peak RSS.  Exit status 1 on any 5xx or failed connection.
Traffic never leaves 127.0.0.1.
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.serving import peak_rss_mb, serving  # noqa: E402
from searcher.eval import _percentile, load_queries  # noqa: E402

HOSTILE = ['"unclosed', "title:(", "AND OR NOT", "*" * 3000, "<script>alert(1)</script>", "a\x00b"]
FILTERS = [{}, {}, {"lang": "vi"}, {"lang": "en"}, {"from": "2016", "to": "2019"}, {"sort": "date"},
           {"page": "2"}, {"from": "2017", "undated": "1"}, {"lang": "vi", "sort": "date"}]


@dataclass
class Tally:
    """What one kind of client saw."""

    latencies: list[float] = field(default_factory=list)
    ended: list[float] = field(default_factory=list)  # when each request ended (monotonic)
    errors: list[str] = field(default_factory=list)
    refused: int = 0  # 429: a long query refused its turn
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, ms: float, status: int, detail: str) -> None:
        with self.lock:
            self.latencies.append(ms)
            self.ended.append(time.monotonic())
            self.refused += status == 429
            if detail:
                self.errors.append(detail)

    def line(self, name: str, start: float, end: float) -> str:
        """Requests that ended between ``start`` and ``end`` (monotonic)."""
        ms = [m for m, t in zip(self.latencies, self.ended, strict=True) if start <= t < end]
        n = len(ms)
        return (f"{name}: {n} requests ({n / max(end - start, 1e-9):.1f}/s); latency "
                f"p50 {_percentile(ms, 50):.0f} ms, p95 {_percentile(ms, 95):.0f} ms, "
                f"p99 {_percentile(ms, 99):.0f} ms, max {max(ms, default=0):.0f} ms")


def fetch(url: str) -> tuple[float, int, str]:
    """(milliseconds, HTTP status, error detail or "")."""
    t0 = time.perf_counter()
    status, detail = 200, ""
    try:
        with urllib.request.urlopen(url, timeout=60) as r:
            r.read()
    except urllib.error.HTTPError as exc:
        status = exc.code
        detail = f"HTTP {exc.code}" if exc.code >= 500 else ""
    except OSError as exc:
        status, detail = 0, repr(exc)
    return (time.perf_counter() - t0) * 1000, status, detail


def common_syllables(shared: Path, n: int = 300) -> list[str]:
    """The ``n`` most frequent syllables of the first vietnews releases."""
    counts: dict[str, int] = {}
    with gzip.open(shared / "corpus" / "vietnews-test.jsonl.gz", "rt", encoding="utf-8") as fh:
        for k, line in enumerate(fh):
            if k >= 500:
                break
            for w in json.loads(line)["body"].lower().split():
                if w.isalpha():
                    counts[w] = counts.get(w, 0) + 1
    return sorted(counts, key=counts.__getitem__, reverse=True)[:n]


SHORT = 6  # words: a user's query this short is a cheap request (a name, an agency, a topic)


def short_queries(queries: list[str]) -> list[str]:
    """What people mostly type: names written with capitals inside the
    development queries ("Nguyễn Xuân Phúc", "Bộ Công an") and the first
    three words of a title (a topic)."""
    out: list[str] = []
    for q in queries:
        words = q.split()
        out.append(" ".join(words[:3]))
        run: list[str] = []
        for w in words[1:] + [""]:
            if w[:1].isupper() and w.isalpha():
                run.append(w)
                continue
            if 2 <= len(run) <= 4:
                out.append(" ".join(run))
            run = []
    return out


def user(base: str, k: int, queries: tuple[list[str], list[str]], tallies: tuple[Tally, Tally], deadline: float,
         think: float) -> None:
    """One person searching: a short query (a name, a topic) or a
    development query (a title, a question) in turn, often with filters,
    then a pause; short queries are tallied apart from long ones."""
    rng = random.Random(k)
    n = k
    while time.monotonic() < deadline:
        q = HOSTILE[n % len(HOSTILE)] if n % 25 == 0 else rng.choice(queries[n % 2])
        path = "/search" if n % 2 else "/api/search"
        params = {"q": q, **rng.choice(FILTERS)}
        ms, status, detail = fetch(base + path + "?" + urllib.parse.urlencode(params))
        tally = tallies[0] if len(q.split()) <= SHORT else tallies[1]
        tally.add(ms, status, f"{path} {q[:40]!r} {params}: {detail}" if detail else "")
        n += 1
        if think:
            time.sleep(rng.expovariate(1 / think))


def attacker(base: str, k: int, syllables: list[str], tally: Tally, deadline: float) -> None:
    rng = random.Random(1000 + k)
    while time.monotonic() < deadline:
        q = '"' + " ".join(rng.choice(syllables) for _ in range(200)) + '"'
        path = "/search" if k % 2 else "/api/search"
        ms, status, detail = fetch(base + path + "?" + urllib.parse.urlencode({"q": q}))
        tally.add(ms, status, f"{path} phrase: {detail}" if detail else "")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--index", required=True)
    ap.add_argument("--shared", default=str(ROOT.parent / "shared"))
    ap.add_argument("--clients", type=int, default=16)
    ap.add_argument("--attackers", type=int, default=4)
    ap.add_argument("--seconds", type=float, default=60.0)
    ap.add_argument("--think", type=float, default=1.0, help="users' mean pause between searches (s)")
    ap.add_argument("--threads", type=int, default=16, help="waitress threads per worker")
    ap.add_argument("--workers", type=int, default=2, help="server worker processes")
    ap.add_argument("--warmup", type=float, default=30.0,
                    help="also report apart the first SECONDS (cold caches) and the rest")
    args = ap.parse_args()
    shared = Path(args.shared)
    tsvs = [shared / "eval" / "known-item-dev.tsv", shared / "eval" / "xquad-dev.tsv"]
    queries = [q.text for q in load_queries(tsvs)]
    syllables = common_syllables(shared)
    short, longer, attackers = Tally(), Tally(), Tally()
    with serving(args.index, args.threads, args.workers) as (base, pid):
        deadline = time.monotonic() + args.seconds
        threads = [threading.Thread(target=user, args=(base, k, (short_queries(queries), queries), (short, longer),
                                                      deadline, args.think))
                   for k in range(args.clients)]
        threads += [threading.Thread(target=attacker, args=(base, k, syllables, attackers, deadline))
                    for k in range(args.attackers)]
        started = time.monotonic()
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        elapsed = time.monotonic() - started
        hwm = peak_rss_mb(pid)
    print(f"{args.clients} users (think {args.think} s), {args.attackers} attackers (200-syllable phrases), "
          f"{args.workers} workers x {args.threads} threads, {elapsed:.1f} s")
    windows = [("whole run", started, started + elapsed + 1)]
    if args.warmup:
        windows += [(f"first {args.warmup:.0f} s (cold caches)", started, started + args.warmup),
                    (f"after {args.warmup:.0f} s", started + args.warmup, started + elapsed + 1)]
    for label, start, end in windows:
        print(f"-- {label}")
        print("  " + short.line(f"users, cheap (<= {SHORT} words)", start, end))
        print("  " + longer.line("users, longer (titles, questions)", start, end))
        print("  " + attackers.line("attackers", start, end))
    refused = short.refused + longer.refused + attackers.refused
    print(f"5xx or failed: users {len(short.errors) + len(longer.errors)}, attackers {len(attackers.errors)}; "
          f"refused (429): users {short.refused + longer.refused}, attackers {attackers.refused} of {refused}")
    print(f"server peak RSS: {hwm:.0f} MB (supervisor and workers)")
    errors = short.errors + longer.errors + attackers.errors
    for e in errors[:10]:
        print("error:", e)
    sys.exit(1 if errors else 0)


if __name__ == "__main__":
    main()
