"""Is an index whole?  Signatures of a generation's files, checked cheaply
on every search and thoroughly by ``searcher check``.

Whoosh never changes a segment file once a commit uses it, so a file
whose size, time or bytes differ from what the reindex recorded in the
manifest (``"segments"``) was damaged after the fact: truncated, overwritten
by a disk fault or a careless copy.  Searching such a file gives wrong
answers or errors; the product answers "damaged, run this command" instead.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, field
from pathlib import Path

from .storage import (
    MANIFEST,
    SCHEMA_VERSION,
    IndexDamaged,
    IndexMissing,
    current_generation,
    open_whoosh,
    raw_manifest,
    repair_command,
    whoosh_files,
)

__all__ = ["SEGMENTS", "Stamps", "signatures", "verify", "stamps_of", "check_index", "IndexCheck"]

SEGMENTS = "segments"  # the manifest's key for the files' signatures
_CHUNK = 1 << 20

Stamps = dict[str, tuple[int, int, int]]  # file name -> (size, mtime_ns, inode)


def _digest(path: Path) -> str:
    h = hashlib.blake2b(digest_size=16)
    with open(path, "rb") as fh:
        while chunk := fh.read(_CHUNK):
            h.update(chunk)
    return h.hexdigest()


def signatures(gen: Path, previous: dict | None = None) -> dict[str, dict]:
    """Size, time and digest of each file of the generation's commit, for
    its manifest; a file unchanged since ``previous`` (an earlier manifest's
    signatures) keeps its digest instead of being read again."""
    out: dict[str, dict] = {}
    for name in whoosh_files(gen):
        st = (gen / name).stat()
        old = (previous or {}).get(name) or {}
        same = old.get("size") == st.st_size and old.get("mtime_ns") == st.st_mtime_ns
        out[name] = {"size": st.st_size, "mtime_ns": st.st_mtime_ns,
                     "blake2b": old["blake2b"] if same and "blake2b" in old else _digest(gen / name)}
    return out


def stamps_of(gen: Path, names: list[str]) -> Stamps:
    """The files' current (size, time, inode); a missing file is (-1, -1, -1)."""
    out: Stamps = {}
    for name in names:
        try:
            st = os.stat(gen / name)
            out[name] = (st.st_size, st.st_mtime_ns, st.st_ino)
        except OSError:
            out[name] = (-1, -1, -1)
    return out


def _damaged(gen: Path, what: str) -> IndexDamaged:
    root = gen.parent
    return IndexDamaged(f"the index in {root} is damaged: {gen.name}/{what}; run `{repair_command(root)}`")


def verify(gen: Path, deep: bool = False) -> Stamps:
    """Check the generation's files against its manifest and return their
    stamps; raises ``IndexDamaged`` naming the first damaged file.  A file
    whose time differs (an index copied without times) is read and its
    digest compared; ``deep`` compares every digest.  A file newer than the
    manifest (a commit whose manifest is not written yet) is not judged."""
    names = whoosh_files(gen)
    stamps = stamps_of(gen, names)
    recorded = (raw_manifest(gen) or {}).get(SEGMENTS)
    recorded = recorded if isinstance(recorded, dict) else {}
    for name in names:
        size, mtime, _ = stamps[name]
        if size < 0:
            raise _damaged(gen, f"{name} is missing")
        sig = recorded.get(name)
        if not isinstance(sig, dict) or not isinstance(sig.get("size"), int):
            continue  # not recorded (an older index, a commit not yet in the manifest)
        if size != sig.get("size"):
            raise _damaged(gen, f"{name} has {size:,} bytes, {sig.get('size'):,} when written")
        if (deep or mtime != sig.get("mtime_ns")) and _digest(gen / name) != sig.get("blake2b"):
            raise _damaged(gen, f"{name} was changed after it was written")
    return stamps


@dataclass
class IndexCheck:
    """What ``check_index`` found: problems (empty when the index is whole),
    the releases it holds, and the command that repairs it."""

    index_dir: str
    ok: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    releases: int = 0
    repair: str = ""
    readable: bool = False  # CURRENT, manifest, files and releases all read

    def to_dict(self) -> dict:
        return {"index": self.index_dir, "healthy": not self.problems, "ok": self.ok,
                "problems": self.problems, "releases": self.releases, "repair": self.repair}


def check_index(index_dir: str | os.PathLike, read_releases: bool = True) -> IndexCheck:
    """Verify an index folder whole: ``CURRENT``, the manifest, every file's
    digest, every stored release readable (``read_releases``), and the
    manifest's releases against the index's."""
    report = IndexCheck(str(index_dir))
    try:
        gen = current_generation(index_dir)
        if gen is None:
            raise IndexMissing(f"no index in {index_dir}: run `searcher reindex --index {index_dir}`")
        report.ok.append(f"CURRENT names {gen.name}")
        manifest = _checked_manifest(gen)
        report.ok.append(f"{MANIFEST}: schema {SCHEMA_VERSION}, {len(manifest.get('files', {}))} source file(s)")
        names = list(verify(gen, deep=True))
        signed = len(manifest.get(SEGMENTS) or {})
        report.ok.append(f"{len(names)} index file(s), {signed} with a recorded digest, all matching")
        report.releases = _read_all(gen, read_releases)
        report.ok.append(f"{report.releases} release(s) readable")
        report.readable = True
    except IndexMissing as exc:
        report.problems.append(str(exc))
        damaged = isinstance(exc, IndexDamaged)
        report.repair = repair_command(index_dir) if damaged else f"searcher reindex --index {index_dir}"
        return report
    listed = sum(len(f.get("ids", [])) for f in manifest.get("files", {}).values() if isinstance(f, dict))
    if listed != report.releases:
        report.problems.append(f"the manifest lists {listed} release(s), the index holds {report.releases} "
                               "(a reindex stopped before its end)")
        report.repair = f"searcher reindex --index {index_dir}"
    return report


def _checked_manifest(gen: Path) -> dict:
    manifest = raw_manifest(gen)
    if manifest is None:
        raise _damaged(gen, f"{MANIFEST} is missing or not JSON")
    if manifest.get("schema_version") != SCHEMA_VERSION:
        raise _damaged(gen, f"{MANIFEST} is of schema {manifest.get('schema_version')}, "
                            f"this version reads {SCHEMA_VERSION}")
    return manifest


def _read_all(gen: Path, read_releases: bool) -> int:
    """The live releases, each stored release read when ``read_releases``."""
    ix = open_whoosh(gen)
    try:
        with ix.reader() as reader:
            if read_releases:
                for _ in reader.iter_docs():
                    pass
            return reader.doc_count()
    except Exception as exc:  # a damaged file that the digests did not cover
        raise _damaged(gen, f"reading the releases failed ({type(exc).__name__}: {exc})") from None
    finally:
        ix.close()
