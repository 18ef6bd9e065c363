"""Reindex benchmark: full build of vietnews-test + xquad + ntrex beside the
pyvi floor measured in the same run, then an incremental reindex after one
file changes; and the entity stage (officials, agencies and media of every
release) timed on its own, as the reindex runs it.

    python bench/reindex.py [--shared ../shared] [--work bench/out] [--cluster]

With ``--cluster`` it builds the same corpus three ways in one run (a local
``--full``, then ``--full --workers 1`` and ``--full --workers 2`` on a Dask
LocalCluster) and prints the overhead Dask adds and an estimate for N
machines; the pyvi floor and the incremental run are skipped.

The floor is pyvi alone segmenting every Vietnamese text the reindex
segments (titles, leads, bodies), on all cores.  Reindexes run as
`searcher reindex` subprocesses so their peak RSS can be read.  Run it on an
otherwise idle machine: the figures are wall-clock times.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ("vietnews-test.jsonl.gz", "xquad.jsonl", "ntrex-dev.jsonl")


def _releases(docs: Path) -> list[tuple[list[str], str]]:
    """(title, lead, body) and language of every release under ``docs``."""
    from searcher.ingest import Problem, find_sources, read_source

    sources, _ = find_sources([docs])
    return [([rel.title, rel.lead, rel.body], rel.lang) for src in sources for rel in read_source(src)
            if not isinstance(rel, Problem)]


def _texts(releases: list[tuple[list[str], str]]) -> list[str]:
    return [t for parts, lang in releases if lang != "en" for t in parts if t]


def _extract(release: tuple[list[str], str]) -> int:
    from searcher.entities.collect import extract

    return sum(len(kind) for kind in extract(*release))


def entity_stage(releases: list[tuple[list[str], str]], cores: int) -> float:
    """Seconds for the entity stage alone over every release, on ``cores``
    processes (the rules load in each worker first)."""
    with multiprocessing.get_context("fork").Pool(cores) as pool:
        pool.map(_extract, [(["Bộ Công an"], "vi")] * cores)
        started = time.perf_counter()
        pool.map(_extract, releases, chunksize=32)
        return time.perf_counter() - started


def _pyvi(text: str) -> int:
    from pyvi import ViTokenizer

    return len(ViTokenizer.tokenize(text))


def pyvi_floor(texts: list[str], cores: int) -> float:
    """Seconds for pyvi alone to segment ``texts`` on ``cores`` processes."""
    with multiprocessing.get_context("fork").Pool(cores) as pool:
        pool.map(_pyvi, ["khởi động"] * cores)  # load the model in every worker
        started = time.perf_counter()
        pool.map(_pyvi, texts, chunksize=32)
        return time.perf_counter() - started


def reindex(docs: Path, index: Path, *extra: str) -> tuple[float, str]:
    started = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "searcher.cli", "reindex", "--docs", str(docs),
                           "--index", str(index), *extra], capture_output=True, text=True)
    seconds = time.perf_counter() - started
    if proc.returncode not in (0, 1):
        sys.exit(f"reindex failed ({proc.returncode}): {proc.stderr[-2000:]}")
    return seconds, proc.stdout.strip()


def du_mb(path: Path) -> float:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file()) / 1e6


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--shared", default=str(ROOT.parent / "shared"))
    ap.add_argument("--work", default=str(ROOT / "bench" / "out"))
    ap.add_argument("--cluster", action="store_true", help="local vs Dask LocalCluster of 1 and 2 workers")
    args = ap.parse_args()
    work = Path(args.work)
    docs, index = work / "reindex-docs", work / "reindex-index"
    shutil.rmtree(docs, ignore_errors=True)
    shutil.rmtree(index, ignore_errors=True)
    docs.mkdir(parents=True)
    for name in CORPUS:
        os.symlink(Path(args.shared, "corpus", name).resolve(), docs / name)
    one = docs / "edits" / "one.txt"
    one.parent.mkdir()
    one.write_text("date 2025-01-01 Bản tin thử\n\nBộ Công an tổ chức hội nghị tổng kết.", encoding="utf-8")

    cores = os.cpu_count() or 1
    if args.cluster:
        cluster_runs(docs, work, cores)
        return
    releases_read = _releases(docs)
    texts = _texts(releases_read)
    words = sum(len(t.split()) for t in texts)
    floor = pyvi_floor(texts, cores)
    entities_s = entity_stage(releases_read, cores)

    full_s, full_out = reindex(docs, index, "--full")
    rss_full = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    releases = int(full_out.split("releases in the index")[0].split(";")[-1].strip().split()[-1])

    one.write_text("date 2025-01-02 Bản tin thử (sửa)\n\nBộ Công an tổ chức hội nghị tổng kết năm.",
                   encoding="utf-8")
    inc_s, inc_out = reindex(docs, index)

    print(f"machine: {cores} cores, Python {sys.version.split()[0]}")
    print(f"input: {releases} releases, {len(texts)} Vietnamese texts, {words:,} words")
    print()
    print("| step | seconds | releases/s | note |")
    print("|---|---:|---:|---|")
    print(f"| pyvi floor (segmentation only, {cores} processes) | {floor:.1f} | {releases / floor:.0f} "
          f"| {words / floor / cores:,.0f} words/s per core |")
    print(f"| full reindex (`searcher reindex --full`) | {full_s:.1f} | {releases / full_s:.0f} "
          f"| {full_s / floor:.2f}x the floor |")
    print(f"| incremental, one file changed | {inc_s:.1f} | | {inc_out.split(';')[0]} |")
    print(f"| entity stage alone (officials, agencies, media; {cores} processes) | {entities_s:.1f} "
          f"| {releases / entities_s:.0f} | {entities_s / full_s:.0%} of the full reindex |")
    print()
    print(f"index size: {du_mb(index):.0f} MB; peak RSS of the largest reindex process: {rss_full:.0f} MB")



BATCH = 2000  # searcher.cluster.BATCH: releases per task


def cluster_runs(docs: Path, work: Path, cores: int) -> None:
    """A local full build, then the same on LocalClusters of 1 and 2
    workers, each into a fresh folder; the table and the estimate."""
    runs = {}
    for name, extra in (("local", ()), ("workers-1", ("--workers", "1")), ("workers-2", ("--workers", "2"))):
        index = work / f"cluster-{name}"
        shutil.rmtree(index, ignore_errors=True)
        runs[name] = reindex(docs, index, "--full", *extra)
        shutil.rmtree(index, ignore_errors=True)
    out = runs["local"][1]
    releases = int(out.split("releases in the index")[0].split(";")[-1].strip().split()[-1])
    local, one, two = (runs[k][0] for k in ("local", "workers-1", "workers-2"))
    batches = -(-releases // BATCH)
    print(f"machine: {cores} cores, Python {sys.version.split()[0]}; {releases} releases, {batches} batches")
    print()
    print("| build | seconds | releases/s | vs local |")
    print("|---|---:|---:|---:|")
    for name, seconds in (("local `--full`", local), ("`--full --workers 1` (Dask)", one),
                          ("`--full --workers 2` (Dask)", two)):
        print(f"| {name} | {seconds:.1f} | {releases / seconds:.0f} | {seconds / local:.2f}x |")
    # With one worker the batches run one after another: the time beyond the
    # two-worker run is half the batch work; the rest is the coordinator's.
    batch_work = 2 * (one - two)
    fixed = max(one - batch_work, 0.0)
    per_batch = batch_work / batches
    print()
    print(f"Dask's overhead at equal cores (2 workers against the local build on {cores} cores): "
          f"{two - local:+.1f} s ({two / local - 1:+.0%}).")
    print(f"Per batch of {BATCH} releases on one worker: {per_batch:.1f} s; coordinator's own part "
          f"(reading, commit, pairing, derived data): {fixed:.1f} s.")
    for machines, per in ((4, 8), (16, 8)):
        for total in (releases, 1_000_000):
            n = -(-total // BATCH)
            waves = -(-n // (machines * per))
            estimate = fixed * total / releases + waves * per_batch
            print(f"- {machines} machines x {per} worker processes, {total:,} releases: about "
                  f"{estimate / 60:.0f} min")


if __name__ == "__main__":
    main()
