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

import ctypes
import errno
import fcntl
import gc
import json
import os
import re
import shutil
import signal
import threading
import time
import warnings
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO, cast

from whoosh import index as windex
from whoosh.filedb.filestore import FileStorage
from whoosh.filedb.structfile import StructFile

from .derived import COMPLETION, DERIVED

__all__ = ["SCHEMA_VERSION", "MANIFEST", "CURRENT", "TRANSLATIONS", "LOCK", "IndexMissing", "IndexDamaged",
           "ReindexBusy", "ReadStorage", "open_whoosh", "current_generation", "live_generation",
           "repair_command", "raw_manifest", "read_manifest", "stored_sources", "write_atomic",
           "new_generation", "publish", "reindex_lock", "die_with_parent", "whoosh_files",
           "discard_debris", "discard_unfinished", "is_transient"]

# The version of what a generation holds (schema, stored fields, manifest):
# a generation of another version is rebuilt by the next reindex.
SCHEMA_VERSION = 19  # 13: an ambiguous acronym alone ("AFP") names no known body; 14: no one-word officials
# 15: media apart from agencies; entity identities (marks kept) in the names column and keys
# 16: a bare national body ("Bộ Quốc phòng") is the story's country's; aircraft models are no company;
#     a person of a field of their own ("Lê Quốc Hùng (y tế)") is apart; ministries' portfolio lists whole
# 17: known outlets named anywhere; courts and committees with their place; names stop at a person
# 18: portfolio lists in lowercase after the comma ("Bộ Văn hoá, thể thao và du lịch")
# 19: private persons are no officials; listed and comma-bridged roles; armed forces with a country
MANIFEST = "manifest.json"
CURRENT = "CURRENT"
TRANSLATIONS = "translations.json"  # the translation pairs of a generation


class ReindexBusy(RuntimeError):
    """Another reindex holds the lock on this index folder."""


class IndexMissing(RuntimeError):
    """No usable index in the folder (never built, or damaged)."""


class IndexDamaged(IndexMissing):
    """The index folder holds an index that cannot be trusted: a damaged
    ``CURRENT``, a segment file changed or cut short since it was written.
    The message names what is wrong and the command that repairs it."""


LOCK = ".reindex.lock"
_GENERATION_NAME = re.compile(r"gen-[0-9]{1,9}")


def repair_command(index_dir: str | os.PathLike) -> str:
    """The one command that always repairs an index folder."""
    return f"searcher reindex --full --index {index_dir}"


_PEEK = 1024  # bytes a peek returns: a posting block's header and then some


class _Descriptor:
    """An open file descriptor, closed when asked or when nothing refers to
    it any more (a generation left behind by a reindex is collected, not
    closed: its files must not stay open, nor its deleted files on disk).
    After closing it reads as -1, so a late read fails instead of reading
    whatever file reuses the number."""

    def __init__(self, fd: int):
        self.fd = fd

    def close(self) -> None:
        fd, self.fd = self.fd, -1
        if fd >= 0:
            os.close(fd)

    def __del__(self) -> None:
        self.close()


class _Window:
    """A byte range of an open file, read with ``os.pread``: no memory map
    (a file cut short under a map kills the process with SIGBUS) and no
    file position shared between readers.  A read past the file's end
    raises ``OSError``, which a search turns into "index damaged"."""

    def __init__(self, fd: _Descriptor, offset: int, length: int, owner: bool = False):
        self.fd, self.offset, self.length, self.pos, self.owner = fd, offset, length, 0, owner
        self.closed = False

    def pread(self, size: int, at: int) -> bytes:
        """``size`` bytes at ``at`` within the window (fewer at its end)."""
        size = max(0, min(size, self.length - at))
        data = os.pread(self.fd.fd, size, self.offset + at) if size else b""
        if len(data) != size:
            raise OSError(errno.EIO, f"index file cut short at byte {self.offset + at + len(data)}")
        return data

    def read(self, size: int | None = -1) -> bytes:
        data = self.pread(self.length - self.pos if size is None or size < 0 else size, self.pos)
        self.pos += len(data)
        return data

    def peek(self, size: int = 0) -> bytes:
        """Bytes ahead without moving: lets ``pickle.load`` (Whoosh's block
        headers) parse from one read instead of one call per field."""
        return self.pread(_PEEK, self.pos)

    def readline(self, size: int | None = -1) -> bytes:
        chunk = self.pread(size if size is not None and size >= 0 else 8192, self.pos)
        end = chunk.find(b"\n")
        if end >= 0:
            chunk = chunk[:end + 1]
        self.pos += len(chunk)
        return chunk

    def seek(self, where: int, whence: int = 0) -> int:
        self.pos = where if whence == 0 else (self.pos + where if whence == 1 else self.length + where)
        return self.pos

    def tell(self) -> int:
        return self.pos

    def close(self) -> None:
        if self.owner and not self.closed:
            self.fd.close()
        self.closed = True


class _WindowFile(StructFile):
    """Whoosh's structured reader over a ``_Window``; its sub-files share
    the descriptor and read at absolute offsets, never past their end."""

    def __init__(self, window: _Window, name: str | None = None):
        super().__init__(cast(BinaryIO, window), name=name)
        self.window = window

    def subset(self, offset: int, length: int, name: str | None = None) -> StructFile:
        window = self.window
        return _WindowFile(_Window(window.fd, window.offset + offset, length), name=name or self._name)

    def get(self, position: int, length: int) -> bytes:
        return self.window.pread(length, position)


class ReadStorage(FileStorage):
    """A Whoosh file storage that reads every file with ``pread`` instead
    of memory-mapping segments: a segment truncated under a running server
    becomes an error the server answers, not a SIGBUS that ends it."""

    def __init__(self, path: str):
        super().__init__(path, supports_mmap=False)

    def open_file(self, name: str, **kwargs) -> StructFile:
        fd = _Descriptor(os.open(self._fpath(name), os.O_RDONLY | os.O_CLOEXEC))
        return _WindowFile(_Window(fd, 0, os.fstat(fd.fd).st_size, owner=True), name=name)


def open_whoosh(gen: Path) -> windex.Index:
    """The Whoosh index of a generation, read without memory maps (see
    ``ReadStorage``); raises ``IndexMissing`` (with Whoosh's reason) when it
    cannot be read.  Whoosh leaves a damaged table of contents open when it
    fails: that file is closed here, quietly, rather than warned about at
    some later garbage collection."""
    try:
        return ReadStorage(str(gen)).open_index()
    except Exception as exc:  # any damage means: not readable
        if is_transient(exc):
            raise  # the machine's state, not the index's: never reported as damage
        reason = f"{gen.name}: {type(exc).__name__}: {exc}"
        failure: list[BaseException] = [exc]
    # Only on this rare path: the filter is process-wide while it lasts.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ResourceWarning)
        failure.clear()  # the traceback, and the file it holds, let go here
        gc.collect()
    raise IndexMissing(reason)


_TRANSIENT = {errno.EMFILE, errno.ENFILE, errno.ENOMEM, errno.EAGAIN, errno.EINTR, errno.EACCES, errno.EPERM}


def is_transient(exc: BaseException) -> bool:
    """An error of the machine's state (no descriptor or memory left,
    permissions), which says nothing about the index itself."""
    return isinstance(exc, OSError) and exc.errno in _TRANSIENT


def current_generation(index_dir: str | os.PathLike) -> Path | None:
    """The live generation folder, or None when the folder holds no index;
    raises ``IndexDamaged`` when ``CURRENT`` is there but unusable (not a
    generation's name, a folder, or naming a missing generation)."""
    root = Path(index_dir)
    pointer = root / CURRENT
    try:
        raw = pointer.read_bytes()[:200]
    except (FileNotFoundError, NotADirectoryError):
        return None
    except IsADirectoryError:
        raise IndexDamaged(f"{pointer} is a folder, not the name of a generation; "
                           f"run `{repair_command(root)}`") from None
    except OSError as exc:  # permissions, no descriptor left: not the index's fault
        raise IndexMissing(f"{pointer} cannot be read right now ({exc})") from None
    name = raw.decode("ascii", errors="replace").strip()
    if not _GENERATION_NAME.fullmatch(name):
        raise IndexDamaged(f"{pointer} is damaged (it holds {raw[:40]!r}, not a generation's name "
                           f"such as gen-1); run `{repair_command(root)}`")
    gen = root / name
    if not gen.is_dir():
        raise IndexDamaged(f"{pointer} names {name}, which is not in {root}; run `{repair_command(root)}`")
    return gen


def live_generation(index_dir: str | os.PathLike) -> Path | None:
    """The live generation for a writer: None when there is none or
    ``CURRENT`` is damaged (a reindex then builds a new one)."""
    try:
        return current_generation(index_dir)
    except IndexDamaged:
        return None


def _generations(root: Path) -> list[Path]:
    """The generation folders of ``root``, newest first."""
    found = [p for p in root.glob("gen-*") if _GENERATION_NAME.fullmatch(p.name) and p.is_dir()]
    return sorted(found, key=lambda p: int(p.name[4:]), reverse=True)


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
    gen = live_generation(index_dir)
    return generation_manifest(gen) if gen else None


def stored_sources(index_dir: str | os.PathLike) -> list[str]:
    """The sources (absolute folders or files) the live index was built
    from; empty for a new index or one built before sources were stored.
    With ``CURRENT`` damaged, the newest generation's manifest tells them:
    the repair rebuilds the index from what it held, not from docs_raw."""
    live = live_generation(index_dir)
    candidates = [live] if live else _generations(Path(index_dir))
    for gen in candidates:
        sources = (raw_manifest(gen) or {}).get("sources")
        if isinstance(sources, list):
            return [s for s in sources if isinstance(s, str)]
    return []


def write_atomic(path: Path, text: str) -> None:
    """Replace ``path`` whole: a reader sees the old file or the new one;
    a failed write (a full disk) leaves the old file and no temporary."""
    tmp = path.with_name(path.name + f".tmp{os.getpid()}")
    try:
        with open(tmp, "w", encoding="utf-8") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def whoosh_files(gen: Path) -> list[str]:
    """The files the generation's latest Whoosh commit is made of: its
    table of contents and its segments' files.  Raises ``IndexMissing``
    when the table of contents cannot be read."""
    ix = cast(windex.FileIndex, open_whoosh(gen))
    try:
        names = [f"_{ix.indexname}_{ix.latest_generation()}.toc"]
        present = sorted(os.listdir(gen))
        for seg in ix._segments():
            stem = seg.make_filename("")
            names += [n for n in present if n.startswith(stem + ".") or n == stem]
    finally:
        ix.close()
    return names


def discard_debris(gen: Path, whole: bool) -> None:
    """Delete the generation when it is a new, failed one (``whole``); else
    every file of the live one that its last commit does not use (segments
    half-written by a failed or killed reindex).  A full disk stays full
    otherwise, and every later reindex fails too."""
    if whole:
        shutil.rmtree(gen, ignore_errors=True)
        return
    try:
        keep = set(whoosh_files(gen)) | {MANIFEST, TRANSLATIONS, DERIVED, COMPLETION, "MAIN_WRITELOCK"}
    except IndexMissing:
        return  # cannot tell what the commit uses: delete nothing
    for name in set(os.listdir(gen)) - keep:
        path = gen / name
        if path.is_dir():
            shutil.rmtree(path, ignore_errors=True)
        else:
            path.unlink(missing_ok=True)


def discard_unfinished(root: Path, live: Path | None) -> None:
    """Delete generations numbered after the live one: full reindexes that
    were killed before they went live (never read by anyone)."""
    if live is None:
        return  # CURRENT unusable: a newer generation may be all that is left
    for gen in _generations(root):
        if int(gen.name[4:]) > int(live.name[4:]):
            shutil.rmtree(gen, ignore_errors=True)


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
    """Write ``gen``'s manifest and make it the live generation.  A
    ``CURRENT`` that is a folder (damage) is moved aside, never deleted."""
    write_atomic(gen / MANIFEST, json.dumps(manifest, ensure_ascii=False))
    pointer = root / CURRENT
    if gen != live or not pointer.is_file():
        if pointer.is_dir():
            pointer.rename(root / f"CURRENT.damaged-{time.strftime('%Y%m%d%H%M%S')}-{time.time_ns() % 10**9}")
        write_atomic(pointer, gen.name)
        _prune_generations(root, [p for p in (gen, live) if p])


# Lock files this process holds: a POSIX lock does not stop a second taker
# in the same process, and closing any descriptor of the file would free it.
_HELD: set[str] = set()
_HELD_GUARD = threading.Lock()


def _busy(root: Path, holder: str) -> ReindexBusy:
    who = f" (process {holder})" if holder.isdigit() else ""
    return ReindexBusy(f"another reindex{who} is already writing {root}; try again when it ends")


@contextmanager
def reindex_lock(root: Path) -> Iterator[None]:
    """Hold the folder's reindex lock (raises ``ReindexBusy`` when taken).

    A POSIX record lock (``lockf``), not ``flock``: it belongs to this
    process alone, so worker processes forked by the reindex never hold it,
    and the kernel frees it the moment the leader dies, even by SIGKILL.
    The holder's process id is written in the file for the message."""
    root.mkdir(parents=True, exist_ok=True)
    path = str((root / LOCK).resolve())
    with _HELD_GUARD:
        if path in _HELD:
            raise _busy(root, str(os.getpid()))
        _HELD.add(path)
    try:
        fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
        try:
            try:
                fcntl.lockf(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError as exc:
                if exc.errno not in (errno.EAGAIN, errno.EACCES):
                    raise
                raise _busy(root, os.pread(fd, 32, 0).decode("ascii", "replace").strip()) from None
            os.ftruncate(fd, 0)
            os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)
            yield
        finally:
            os.close(fd)  # closing the descriptor releases the lock
    finally:
        with _HELD_GUARD:
            _HELD.discard(path)


_PR_SET_PDEATHSIG = 1  # prctl option (linux/prctl.h)


def die_with_parent(parent: int) -> None:
    """In a worker process of a reindex: be killed when the leader dies, so
    no idle worker outlives an interrupted reindex (the OOM killer sends
    SIGKILL, which no cleanup code sees).  Linux only; elsewhere a no-op."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    except (OSError, AttributeError):
        return
    if os.getppid() != parent:  # started by a fork server, or the leader already died
        try:
            os.kill(parent, 0)
        except ProcessLookupError:
            os._exit(1)
        except OSError:
            pass
