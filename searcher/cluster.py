"""Full rebuilds on a Dask cluster (``pip install -e '.[cluster]'``).

The coordinator (the ``searcher reindex`` process) reads the releases and
sends them in batches to the cluster's workers; each worker prepares its
batch (entities, pyvi segmentation) and writes it as Whoosh segment files
straight into the new generation's folder, which every worker must see at
the same path (a shared filesystem, or a ``LocalCluster`` on this machine).
The coordinator then commits the segments, in batch order, as one new
generation; the reindex makes it live as a local full build does.  A batch
whose worker dies is run again elsewhere (Dask's retries); a build that
cannot finish leaves the live index as it was.  docs/scaling.md says how to
start a scheduler and workers.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from whoosh.filedb.filestore import FileStorage
from whoosh.writing import SegmentWriter

from .ingest import Release

__all__ = ["ClusterSpec", "ClusterWriter", "connect", "write_batch"]

BATCH = 2000  # releases per task: one segment each (fewer, larger segments search faster)
RETRIES = 2  # a batch whose worker died is run again this many times


@dataclass(frozen=True)
class ClusterSpec:
    """Where a full rebuild runs: ``address`` of a running scheduler
    ("tcp://host:8786"), else a ``LocalCluster`` of ``workers`` processes."""

    address: str | None = None
    workers: int | None = None
    batch: int = BATCH
    timeout: float = 20.0  # seconds to reach the scheduler

    def __post_init__(self) -> None:
        if (self.address is None) == (self.workers is None):
            raise ValueError("a cluster build needs either a scheduler address or a number of local workers")
        if self.workers is not None and not 1 <= self.workers <= 256:
            raise ValueError(f"workers must be a whole number from 1 to 256 (got {self.workers})")
        if self.batch < 1:
            raise ValueError(f"batch must be at least 1 (got {self.batch})")


@contextmanager
def connect(spec: ClusterSpec) -> Iterator[Any]:
    """A ``dask.distributed.Client`` for the spec (a ``LocalCluster`` is
    started and stopped here).  Raises ``ImportError`` naming the extra
    when Dask is not installed, ``OSError`` when the scheduler cannot be
    reached."""
    try:
        from distributed import Client, LocalCluster
    except ImportError as exc:
        raise ImportError("cluster builds need Dask: pip install -e '.[cluster]'") from exc
    if spec.address is not None:
        try:
            client = Client(spec.address, timeout=f"{spec.timeout}s")
        except (OSError, TimeoutError) as exc:
            raise OSError(f"cannot reach the Dask scheduler at {spec.address}: {exc}") from exc
        try:
            yield client
        finally:
            client.close()
        return
    with LocalCluster(n_workers=spec.workers, threads_per_worker=1, processes=True,
                      dashboard_address=None) as local, Client(local) as client:
        yield client


def write_batch(gen_path: str, indexname: str, releases: list[Release]) -> list:
    """On a worker: prepare ``releases`` and write them as one segment of
    the generation at ``gen_path``; the segment's description for the
    coordinator's commit."""
    from .index import prepare  # the writing side, imported where it runs

    ix = FileStorage(gen_path).open_index(indexname)
    writer = SegmentWriter(ix, _lk=False, limitmb=512)  # a batch in memory: no spill and merge
    try:
        for rel in releases:
            writer.add_document(**prepare(rel))
        if not writer.docnum:
            writer._close_segment()
            return []
        return [writer._finalize_segment()]
    except BaseException:
        writer.cancel()
        raise


class ClusterWriter:
    """A writer for ``write_releases`` whose documents are prepared and
    written on the cluster: ``add_release`` queues, ``commit`` waits for
    every batch and commits their segments in order."""

    def __init__(self, ix, client, batch: int = BATCH, done: Callable[[int], None] | None = None):
        self.ix, self.client, self.batch, self.done = ix, client, batch, done
        self.gen_path = str(Path(ix.storage.folder).resolve())
        self.pending: list[Release] = []
        self.futures: list = []

    def add_release(self, rel: Release) -> None:
        self.pending.append(rel)
        if len(self.pending) >= self.batch:
            self._submit()

    def _submit(self) -> None:
        if self.pending:
            batch, self.pending = self.pending, []
            future = self.client.submit(write_batch, self.gen_path, self.ix.indexname, batch,
                                        pure=False, retries=RETRIES)
            if self.done is not None:
                future.add_done_callback(self._finished(len(batch)))
            self.futures.append(future)

    def _finished(self, releases: int) -> Callable[[Any], None]:
        """The callback of a batch of ``releases``: progress, once written."""
        def report(future: Any) -> None:
            if future.status == "finished" and self.done is not None:
                self.done(releases)
        return report

    def commit(self) -> None:
        """Wait for every batch (raising the first failure), then commit
        their segments, in the order the releases were read."""
        self._submit()
        segments = [seg for part in self.client.gather(self.futures) for seg in part]
        writer = SegmentWriter(self.ix)
        writer._close_segment()
        writer._commit_toc(segments)
        writer._finish()

    def cancel(self) -> None:
        """Stop the batches still running (their files go with the generation)."""
        for future in self.futures:
            future.cancel()
