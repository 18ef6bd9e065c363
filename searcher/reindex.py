"""Reindexing, start to end: write the releases, pair translations, go live.

One reindex at a time holds the folder's lock.  ``index`` writes the
releases into a generation; ``translations`` pairs them (it searches, so it
stands above the search stages); ``storage`` writes the manifest and makes
the generation live.  This module is what the CLI, the web app's tests and
Python callers call.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from .cluster import ClusterSpec
from .derived import DERIVED
from .generation import Generation
from .index import ReindexReport, Stage, resolve_roots, write_releases
from .integrity import SEGMENTS, signatures
from .storage import discard_debris, discard_unfinished, live_generation, publish, raw_manifest, reindex_lock
from .translations import link_translations

__all__ = ["build_index"]


def build_index(
    docs_dir: str | os.PathLike | Iterable[str | os.PathLike] | None = None,
    index_dir: str | os.PathLike = "index",
    full: bool = False,
    progress: Callable[[int], None] | None = None,
    workers: int | None = None,
    prune: bool = False,
    stage: Stage | None = None,
    cluster: ClusterSpec | None = None,
) -> ReindexReport:
    """Bring the index in ``index_dir`` up to date with the releases under
    ``docs_dir`` (a folder, a file, or a list of them).

    ``docs_dir=None`` reuses the sources the index was built from (``docs_raw``
    for a new index).  Incremental unless ``full`` is set or there is no
    usable index: only added, changed and removed files are touched.  Raises
    ``SourceDropped`` (index untouched) when a source the index holds
    releases from is not listed, unless ``prune``; ``ReindexBusy`` when
    another reindex holds the index; ``FileNotFoundError`` when a docs path
    does not exist.  Bad inputs do not raise: they are in
    ``report.problems``.  ``workers`` processes (default: one per core)
    prepare and index the releases, then pair translations.  ``progress(n)``
    is called as releases are written; ``stage(name, total)`` as each stage
    starts ("reading", "analysing and writing" with the releases expected,
    "merging segments", "pairing translations", "keeping search data").

    ``cluster`` (a ``cluster.ClusterSpec``; needs ``full``) prepares and
    writes the releases on a Dask cluster instead (``searcher.cluster``).
    """
    started = time.perf_counter()
    if cluster is not None and not full:
        raise ValueError("a cluster build rebuilds the whole index: pass full=True (--full)")
    root = Path(index_dir)
    roots = resolve_roots(docs_dir, root)
    n = workers or os.cpu_count() or 1
    with reindex_lock(root), _cluster_client(cluster) as client:
        live = live_generation(root)
        discard_unfinished(root, live)
        writer = None if client is None or cluster is None else _cluster_writer(client, cluster, progress)
        written = write_releases(roots, root, live, full, progress, n, prune, stage, writer)
        report = written.report
        try:
            changed = bool(report.full or written.fresh or report.removed)
            if changed:
                if stage:
                    stage("pairing translations", None)
                report.translations = link_translations(written.gen, None if report.full else written.fresh, n)
            if changed or not _derived_fits(written.gen):
                if stage:
                    stage("keeping search data", None)
                _derive(written.gen)
            previous = (raw_manifest(written.live) or {}).get(SEGMENTS) if written.live else None
            written.manifest[SEGMENTS] = signatures(written.gen, previous)
            publish(root, written.gen, written.live, written.manifest)
        except BaseException:
            if written.gen != written.live:  # a new generation never made live
                discard_debris(written.gen, whole=True)
            raise
    report.seconds = time.perf_counter() - started
    return report


@contextmanager
def _cluster_client(spec: ClusterSpec | None) -> Iterator[Any]:
    """A Dask client for a cluster build, None for a local one."""
    if spec is None:
        yield None
        return
    from .cluster import connect

    with connect(spec) as client:
        yield client


def _cluster_writer(client: Any, spec: ClusterSpec, progress: Callable[[int], None] | None):
    """How ``write_releases`` makes its writer on the cluster."""
    from .cluster import ClusterWriter

    return lambda ix: ClusterWriter(ix, client, spec.batch, progress)


def _derived_fits(gen_path: Path) -> bool:
    """Whether the kept search data is there, of this commit and version
    (an index reindexed by an older release keeps an older one)."""
    if not (gen_path / DERIVED).exists():
        return False
    gen = Generation(gen_path)
    try:
        return gen.derived_fits
    finally:
        gen.close()


def _derive(gen_path: Path) -> None:
    """Keep beside the new generation what its first searches would build
    (``derived``): a cold search or a new server process then loads it."""
    gen = Generation(gen_path)
    try:
        gen.save_derived()
    finally:
        gen.close()
