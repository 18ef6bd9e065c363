"""Latency as the archive grows: the 22,644 VietNews releases (plus the xquad
paragraphs) once and ``--times`` times under new ids, each size indexed and
asked the same development queries, FTS5 beside in the same run.

    python bench/scale.py [--shared ../shared] [--work bench/out] [--times 4] [--queries 600]

Prints p50/p95 of our search with snippets and of FTS5 with ``snippet()`` at
each size, and how much each grew.  Building the large index takes a while
(about 4 minutes per 23k releases on 2 cores); run it on an idle machine.
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from searcher.eval import Fts5Baseline, _percentile, _releases, load_queries  # noqa: E402


def _corpus(shared: Path, work: Path, times: int) -> Path:
    """The VietNews releases ``times`` times (ids suffixed ``~2``, ``~3``, ...
    after the first copy) and the xquad paragraphs, in ``work``."""
    docs = work / f"scale-docs-{times}"
    if (docs / "done").exists():
        return docs
    docs.mkdir(parents=True, exist_ok=True)
    with gzip.open(shared / "corpus" / "vietnews-test.jsonl.gz", "rt", encoding="utf-8") as src:
        lines = src.readlines()
    with open(docs / "vietnews.jsonl", "w", encoding="utf-8") as out:
        for copy in range(1, times + 1):
            for line in lines:
                rec = json.loads(line)
                if copy > 1:
                    rec["id"] = f"{rec['id']}~{copy}"
                out.write(json.dumps(rec, ensure_ascii=False) + "\n")
    (docs / "xquad.jsonl").write_bytes((shared / "corpus" / "xquad.jsonl").read_bytes())
    (docs / "done").write_text("ok")
    return docs


def _times(fn, queries: list[str]) -> tuple[float, float]:
    out = []
    for q in queries:
        t0 = time.perf_counter()
        fn(q)
        out.append((time.perf_counter() - t0) * 1000)
    return _percentile(out, 50), _percentile(out, 95)


def _measure(docs: Path, index: Path, queries: list[str]) -> tuple[int, tuple[float, float], tuple[float, float]]:
    import searcher

    report = searcher.build_index(docs, index)
    engine = searcher.open_index(str(index))
    fts = Fts5Baseline()
    fts.add(_releases([str(docs)]))
    for q in queries[:100]:  # warm both
        engine.search(q)
        fts.search_with_snippets(q)
    ours = _times(engine.search, queries)
    ref = _times(fts.search_with_snippets, queries)
    engine.close()
    return report.releases, ours, ref


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--shared", default=str(ROOT.parent / "shared"))
    ap.add_argument("--work", default=str(ROOT / "bench" / "out"))
    ap.add_argument("--times", type=int, default=4)
    ap.add_argument("--queries", type=int, default=600, help="queries drawn with a fixed seed")
    args = ap.parse_args()
    shared, work = Path(args.shared), Path(args.work)
    every = [q.text for q in load_queries([shared / "eval" / "known-item-dev.tsv",
                                           shared / "eval" / "xquad-dev.tsv"])]
    queries = random.Random(18).sample(every, min(args.queries, len(every)))
    print("| releases | searcher p50 / p95 ms | FTS5 with snippet() p50 / p95 ms |")
    print("|---:|---:|---:|")
    rows = []
    for times in (1, args.times):
        n, ours, ref = _measure(_corpus(shared, work, times), work / f"scale-index-{times}", queries)
        rows.append((ours, ref))
        print(f"| {n} | {ours[0]:.1f} / {ours[1]:.1f} | {ref[0]:.1f} / {ref[1]:.1f} |", flush=True)
    (small, small_ref), (large, large_ref) = rows
    print(f"\n{args.times}x the releases: our p95 x{large[1] / small[1]:.2f}, "
          f"FTS5's p95 x{large_ref[1] / small_ref[1]:.2f}")


if __name__ == "__main__":
    main()
