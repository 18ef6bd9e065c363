"""Query latency: the project beside SQLite FTS5, at two corpus sizes, on
the development queries; then `searcher serve` over HTTP with its peak RSS.

    python bench/query.py [--shared ../shared] [--work bench/out] [--sizes 6600,22644]

Each size takes the first N releases of vietnews-test plus xquad (so the
question queries have their paragraphs).  Both engines index the same
releases and answer the same queries, in the same process, one after the
other.  Our latency is the time to rank the top 10 (as FTS5's), and
separately a full search with snippets.  Run it on an otherwise idle machine.
"""

from __future__ import annotations

import argparse
import gzip
import random
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.serving import peak_rss_mb, serving  # noqa: E402
from searcher.eval import Fts5Baseline, _percentile, _releases, load_queries  # noqa: E402


def _subset(shared: Path, work: Path, size: int) -> Path:
    docs = work / f"query-docs-{size}"
    if (docs / "done").exists():
        return docs
    docs.mkdir(parents=True, exist_ok=True)
    with gzip.open(shared / "corpus" / "vietnews-test.jsonl.gz", "rt", encoding="utf-8") as src, \
            open(docs / "vietnews.jsonl", "w", encoding="utf-8") as out:
        for n, line in enumerate(src):
            if n >= size:
                break
            out.write(line)
    (docs / "xquad.jsonl").write_bytes((shared / "corpus" / "xquad.jsonl").read_bytes())
    (docs / "done").write_text("ok")
    return docs


def _stats(values: list[float]) -> str:
    return " | ".join(f"{_percentile(values, p):.1f}" for p in (50, 95, 99))


def _time(fn, queries) -> list[float]:
    out = []
    for q in queries:
        t0 = time.perf_counter()
        fn(q)
        out.append((time.perf_counter() - t0) * 1000)
    return out


def _serve(index: Path, queries: list[str]) -> tuple[list[float], float]:
    with serving(index) as (base, pid):
        for q in queries[:50]:  # warm the postings cache like a running service
            urllib.request.urlopen(base + "/api/search?" + urllib.parse.urlencode({"q": q})).read()
        times = _time(lambda q: urllib.request.urlopen(
            base + "/api/search?" + urllib.parse.urlencode({"q": q}), timeout=30).read(), queries)
        return times, peak_rss_mb(pid)


def main() -> None:
    import searcher

    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--shared", default=str(ROOT.parent / "shared"))
    ap.add_argument("--work", default=str(ROOT / "bench" / "out"))
    ap.add_argument("--sizes", default="520,22644",
                    help="vietnews releases added to the 480 xquad paragraphs; below 2,000 releases "
                         "the queries are the xquad questions (long questions, short releases)")
    ap.add_argument("--queries", type=int, default=0,
                    help="time this many queries per size, drawn with a fixed seed (default: all)")
    args = ap.parse_args()
    shared, work = Path(args.shared), Path(args.work)
    every = [q.text for q in load_queries([shared / "eval" / "known-item-dev.tsv",
                                           shared / "eval" / "xquad-dev.tsv"])]
    questions = [q.text for q in load_queries([shared / "eval" / "xquad-dev.tsv"])]
    print(f"{len(every)} development queries (known-item + xquad), {len(questions)} xquad questions\n")
    print("| releases | engine | p50 ms | p95 ms | p99 ms |")
    print("|---:|---|---:|---:|---:|")
    last_index = None
    queries = every
    for size in (int(s) for s in args.sizes.split(",")):
        queries = questions if size < 2000 else every
        if args.queries:
            queries = random.Random(18).sample(queries, min(args.queries, len(queries)))
        docs = _subset(shared, work, size)
        index = work / f"query-index-{size}"
        report = searcher.build_index(docs, index)
        engine = searcher.open_index(str(index))
        fts = Fts5Baseline()
        fts.add(_releases([str(docs)]))
        for q in queries[:200]:  # warm both: first touches decode postings / page in
            engine.rank(q)
            fts.search(q)
        ours = _time(engine.rank, queries)
        full = _time(engine.search, queries)
        ref = _time(fts.search, queries)
        ref_full = _time(fts.search_with_snippets, queries)
        n = report.releases
        print(f"| {n} | searcher (rank top 10) | {_stats(ours)} |")
        print(f"| {n} | searcher (search with snippets) | {_stats(full)} |")
        print(f"| {n} | SQLite FTS5 (rank top 10) | {_stats(ref)} |")
        print(f"| {n} | SQLite FTS5 (with highlight() and snippet()) | {_stats(ref_full)} |", flush=True)
        engine.close()
        last_index = index
    if last_index is not None:
        http, rss = _serve(last_index, queries)
        print(f"\n`searcher serve` over HTTP (/api/search, sequential): p50 {_percentile(http, 50):.1f} ms, "
              f"p95 {_percentile(http, 95):.1f} ms; peak RSS {rss:.0f} MB")


if __name__ == "__main__":
    main()
