"""Index folders on disk: generations, the live pointer, manifests, the lock.

Layout of an index folder::

    index/
      CURRENT          name of the live generation (replaced atomically)
      gen-<n>/         a Whoosh index, manifest.json, translations.json
      .reindex.lock    held (flock) by the one reindex allowed at a time

A full reindex builds a new generation beside the live one and then switches
CURRENT, so searches never see a half-built index; an incremental one writes
into the live generation through Whoosh's own transaction.  Nothing here
knows what a release is: this module is what both the writer (``index``) and
the readers (``generation``) stand on.

manifest.json::

    {"schema_version": N,
     "sources": ["/abs/resolved/root", ...],
     "files": {relpath: {"sig": [size, mtime_ns], "ids": [...],
                         "problems": [...], "source": "/abs/resolved/root"}},
     "last_reindex": "..."}
"""

from __future__ import annotations

import errno
import fcntl
import gc
import json
import os
import shutil
import warnings
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

from whoosh import index as windex

__all__ = ["SCHEMA_VERSION", "MANIFEST", "CURRENT", "TRANSLATIONS", "IndexMissing", "ReindexBusy",
           "current_generation", "raw_manifest", "read_manifest", "stored_sources", "write_atomic",
           "new_generation", "publish", "reindex_lock"]

# The version of what a generation holds (schema, stored fields, manifest):
# a generation of another version is rebuilt by the next reindex.
SCHEMA_VERSION = 12
MANIFEST = "manifest.json"
CURRENT = "CURRENT"
TRANSLATIONS = "translations.json"  # the translation pairs of a generation


class ReindexBusy(RuntimeError):
    """Another reindex holds the lock on this index folder."""


class IndexMissing(RuntimeError):
    """No usable index in the folder (never built, or damaged)."""


def open_whoosh(gen: Path) -> windex.Index:
    """The Whoosh index of a generation; raises ``IndexMissing`` (with
    Whoosh's reason) when it cannot be read.  Whoosh leaves a damaged table
    of contents open when it fails: that file is closed here, quietly,
    rather than warned about at some later garbage collection."""
    try:
        return windex.open_dir(str(gen))
    except Exception as exc:  # any damage means: not readable
        reason = f"{gen.name}: {type(exc).__name__}: {exc}"
        failure = [exc]
    # Only on this rare path: the filter is process-wide while it lasts.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ResourceWarning)
        failure.clear()  # the traceback, and the file it holds, let go here
        gc.collect()
    raise IndexMissing(reason)


def current_generation(index_dir: str | os.PathLike) -> Path | None:
    """The live generation folder, or None when there is none."""
    root = Path(index_dir)
    try:
        name = (root / CURRENT).read_text(encoding="utf-8").strip()
    except (FileNotFoundError, NotADirectoryError):
        return None
    gen = root / name
    return gen if name.startswith("gen-") and gen.is_dir() else None


def raw_manifest(gen: Path) -> dict | None:
    """The manifest whatever its schema version: its sources still tell which
    releases a rebuild would drop."""
    try:
        data = json.loads((gen / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def generation_manifest(gen: Path) -> dict | None:
    """The manifest of ``gen`` when this code can read that generation."""
    data = raw_manifest(gen)
    return data if data is not None and data.get("schema_version") == SCHEMA_VERSION else None


def read_manifest(index_dir: str | os.PathLike) -> dict | None:
    """The live generation's manifest (for health checks), or None."""
    gen = current_generation(index_dir)
    return generation_manifest(gen) if gen else None


def stored_sources(index_dir: str | os.PathLike) -> list[str]:
    """The sources (absolute folders or files) the live index was built
    from; empty for a new index or one built before sources were stored."""
    gen = current_generation(index_dir)
    data = raw_manifest(gen) if gen else None
    sources = (data or {}).get("sources")
    return [s for s in sources if isinstance(s, str)] if isinstance(sources, list) else []


def write_atomic(path: Path, text: str) -> None:
    """Replace ``path`` whole: a reader sees the old file or the new one."""
    tmp = path.with_name(path.name + f".tmp{os.getpid()}")
    with open(tmp, "w", encoding="utf-8") as fh:
        fh.write(text)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)


def new_generation(root: Path) -> Path:
    """A fresh, empty generation folder numbered after the newest one."""
    numbers = [int(p.name[4:]) for p in root.glob("gen-*") if p.name[4:].isdigit()]
    gen = root / f"gen-{max(numbers, default=0) + 1}"
    gen.mkdir()
    return gen


def _prune_generations(root: Path, keep: Iterable[Path]) -> None:
    """Delete generations other than ``keep`` (the live one and the one just
    replaced, which open searchers may still be reading)."""
    keep_names = {p.name for p in keep}
    for gen in root.glob("gen-*"):
        if gen.name not in keep_names:
            shutil.rmtree(gen, ignore_errors=True)


def publish(root: Path, gen: Path, live: Path | None, manifest: dict) -> None:
    """Write ``gen``'s manifest and make it the live generation."""
    write_atomic(gen / MANIFEST, json.dumps(manifest, ensure_ascii=False))
    if gen != live:
        write_atomic(root / CURRENT, gen.name)
        _prune_generations(root, [p for p in (gen, live) if p])


@contextmanager
def reindex_lock(root: Path) -> Iterator[None]:
    """Hold the folder's reindex lock (raises ``ReindexBusy`` when taken)."""
    root.mkdir(parents=True, exist_ok=True)
    fh = open(root / ".reindex.lock", "a+")  # noqa: SIM115 - held open across the yield
    try:
        try:
            fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as exc:
            if exc.errno in (errno.EAGAIN, errno.EACCES):
                raise ReindexBusy(f"another reindex is already writing {root}; try again when it ends") from None
            raise
        yield
    finally:
        fh.close()
