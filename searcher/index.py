"""Writing the Whoosh index: its schema, and releases read, prepared
(entities, pyvi) and written into a generation.

An incremental reindex writes into the live generation through Whoosh's own
transaction: readers keep the previous commit until the new table of
contents is in place, and a killed writer leaves that commit untouched.  A
full reindex writes a new generation (see ``storage``).  The manifest records
each source file's size and mtime, so unchanged files are not read again, and
the sources (``--docs`` roots) the index was built from, so a reindex without
them reuses them and one that forgets a source refuses instead of removing
its releases.  Pairing translations and making the generation live are the
next steps, in ``reindex``.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import pickle
import queue
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from whoosh import index as windex
from whoosh.columns import VarBytesColumn
from whoosh.fields import COLUMN, ID, KEYWORD, STORED, TEXT, Schema
from whoosh.formats import Existence
from whoosh.multiproc import MpWriter, SubWriterTask
from whoosh.writing import SegmentWriter

from .analysis import PairTokenizer, english_analyzer, segmented, vietnamese_analyzer
from .entities.collect import extract
from .entities.names import body_identity, entity_key, loose_key, person_identity, role_field, shown_name
from .fields import PAIRS, TEXT_FIELDS, VI_FIELDS
from .ingest import Problem, Release, SourceFile, count_records, find_sources, read_source
from .integrity import verify
from .storage import (
    SCHEMA_VERSION,
    IndexMissing,
    die_with_parent,
    discard_debris,
    new_generation,
    open_whoosh,
    raw_manifest,
    stored_sources,
)

# Told when a reindex stage starts, with how many releases it will count
# (None: it counts none): "reading", "analysing and writing", ...
Stage = Callable[[str, "int | None"], None]

__all__ = ["make_schema", "ReindexReport", "SourceDropped", "Written", "write_releases", "resolve_roots",
           "release_fields"]

DEFAULT_DOCS = "docs_raw"  # the docs of a new index when none are given


class SourceDropped(RuntimeError):
    """A reindex would remove every release of a source the index was built
    from because that source is no longer listed: a forgotten ``--docs``
    must not silently cost those releases.  ``dropped`` maps each such
    source to the number of releases it holds."""

    def __init__(self, dropped: dict[str, int]) -> None:
        self.dropped = dropped
        named = "; ".join(f"{src} ({n} release{'' if n == 1 else 's'})" for src, n in dropped.items())
        super().__init__(
            f"refusing to remove every release of {len(dropped)} source(s) of this index that "
            f"are not listed now: {named}. Pass each again (--docs PATH) to keep it, or allow "
            f"the removal with --prune (Python: prune=True); the index is unchanged")


def _presence_field() -> TEXT:
    """Which syllables stand side by side (``adjacent_pairs``): only whether a
    release has a pair counts, so no frequencies, lengths or positions."""
    ftype = TEXT(analyzer=PairTokenizer(), phrase=False)  # type: ignore[arg-type]  # a tokenizer analyses
    ftype.format = Existence()
    ftype.scorable = False
    return ftype


def make_schema() -> Schema:
    """Text fields per language; title, officials and agencies are weighted
    at query time (BM25F) over lead and body.  The whole release is stored
    once, in ``release``, for display and highlighting; ``entity_names`` is
    a compact column of officials' and agencies' names for facet counts."""
    analyzers = {"vi": vietnamese_analyzer(), "en": english_analyzer()}
    text = {f.name: TEXT(analyzer=analyzers[f.lang]) for f in TEXT_FIELDS}  # type: ignore[arg-type]
    return Schema(
        doc_id=ID(stored=True, unique=True),
        path=ID(stored=True),
        lang=ID(stored=True),
        date=ID(stored=True, sortable=True),
        year=ID(stored=True),
        source=ID(stored=True),
        **text,
        official_keys=KEYWORD(commas=True, lowercase=False, scorable=False),
        agency_keys=KEYWORD(commas=True, lowercase=False, scorable=False),
        media_keys=KEYWORD(commas=True, lowercase=False, scorable=False),
        # which syllables stand together (a tokenizer is an analyser)
        **{PAIRS: _presence_field()},
        entity_names=COLUMN(VarBytesColumn()),
        release=STORED(),
    )


@dataclass
class ReindexReport:
    """What a reindex did; ``problems`` name every skipped input."""

    added: int = 0
    updated: int = 0
    removed: int = 0
    unchanged_files: int = 0
    problems: list[Problem] = field(default_factory=list)
    ignored: list[str] = field(default_factory=list)
    releases: int = 0
    seconds: float = 0.0
    full: bool = False
    translations: int | None = None  # pairs linked (None: not relinked)
    notes: list[str] = field(default_factory=list)  # kept, but not as given (a date after today)

    @property
    def skipped(self) -> int:
        return len(self.problems)

    def to_dict(self) -> dict:
        return {
            "added": self.added,
            "updated": self.updated,
            "removed": self.removed,
            "skipped": self.skipped,
            "unchanged_files": self.unchanged_files,
            "releases": self.releases,
            "seconds": round(self.seconds, 3),
            "full": self.full,
            "translations": self.translations,
            "problems": [str(p) for p in self.problems],
            "notes": self.notes,
            "ignored": self.ignored,
        }


# --- documents ----------------------------------------------------------------

def release_fields(rel: Release) -> dict:
    """The Whoosh document for a release (entities already extracted)."""
    suffix = "_en" if rel.lang == "en" else ""
    officials = [o.to_dict() for o in rel.officials]
    official_names = [n for o in officials for n in (o["name"], *o.get("aliases", []))]  # every spelling
    agencies = [a.to_dict() for a in rel.agencies]
    media = [m.to_dict() for m in rel.media]
    stored = {
        "doc_id": rel.doc_id, "title": rel.title, "lead": rel.lead, "body": rel.body,
        "lang": rel.lang, "date": rel.date, "date_inferred": rel.date_inferred,
        "source": rel.source, "url": rel.url, "path": rel.path,
        "officials": officials, "agencies": agencies, "media": media,
    }
    doc = {
        "doc_id": rel.doc_id,
        "path": rel.path,
        "lang": rel.lang,
        "source": rel.source or "",
        "title" + suffix: rel.title,
        "lead" + suffix: rel.lead,
        "body" + suffix: rel.body,
        "officials": "\n".join(official_names),
        "agencies": "\n".join(
            "\n".join([a["name"], a["acronym"], *a["aliases"]]).strip() for a in agencies
        ),
        "official_keys": _official_keys(officials),
        "agency_keys": ",".join(sorted({_body(a) for a in agencies})),
        "media_keys": ",".join(sorted({_body(m, True) for m in media})),
        "entity_names": _names_column(officials, agencies, media),
        PAIRS: "\n".join(p for p in (rel.title, rel.lead, rel.body, *official_names,
                                       *(n for a in agencies for n in (a["name"], *a["aliases"]))) if p),
        "release": stored,
    }
    if rel.date:
        doc["date"] = rel.date
        doc["year"] = rel.date[:4]
    return {k: v for k, v in doc.items() if v != ""}


def _official_keys(officials: list[dict]) -> str:
    """Every spelling's folded and romanisation-free keys (what a name typed
    without marks matches) and its identity (what a marked name matches; a
    person of a field of their own, "|" and the field)."""
    keys = set()
    for o in officials:
        field = role_field(o.get("role", ""))
        for n in (o["name"], *o.get("aliases", [])):
            keys |= {entity_key(n), loose_key(n), person_identity(n, field)}
    return ",".join(sorted(k for k in keys if k.strip("=~")))


def _body(a: dict, medium: bool = False) -> str:
    return body_identity([a["name"], a.get("acronym", ""), *a.get("aliases", [])], medium)


def _names_column(officials: list[dict], agencies: list[dict], media: list[dict]) -> bytes:
    """Officials, agencies and media, a tab between kinds; one entity per line
    as its name, a unit separator and its identity (what the facets group by
    and the filters match)."""
    def lines(entities: list[str], ids: list[str]) -> str:
        return "\n".join(f"{n}\x1f{i}" for n, i in zip(entities, ids, strict=True) if i.strip("=~"))
    fields = [role_field(o.get("role", "")) for o in officials]
    return "\t".join((
        lines([shown_name(o["name"], f) for o, f in zip(officials, fields, strict=True)],
              [person_identity(o["name"], f) for o, f in zip(officials, fields, strict=True)]),
        lines([a["name"] for a in agencies], [_body(a) for a in agencies]),
        lines([m["name"] for m in media], [_body(m, True) for m in media]),
    )).encode("utf-8")


# A full build of more than this many bytes of input runs one Whoosh
# sub-writer per core, each preparing and indexing its share of the releases
# into its own segment, instead of one writer fed by a pool.
_PARALLEL_WRITE_BYTES = 8 * 1024 * 1024


# A sub-writer closes its segment and opens a new one when Whoosh's estimate
# of its in-memory postings passes this size: memory stays bounded and no
# postings are spilled to disk and merged back (which cost a fifth of the
# reindex).  Whoosh's own spill limit is set above it.
_SEGMENT_MB = 384
_WRITER_LIMIT_MB = 1024


class _PreparingTask(SubWriterTask):
    """A Whoosh sub-writer that receives raw releases and prepares them
    itself (entities, pyvi), so each document is built and indexed in the
    same process: nothing is pickled twice and every core does all stages.
    It writes one segment per ``_SEGMENT_MB`` of postings."""

    leader = 0  # the reindex's process: this one dies with it

    def run(self):
        die_with_parent(self.leader)
        ix = self.storage.open_index(self.indexname)
        self.writer = SegmentWriter(ix, _lk=False, **self.kwargs)
        segments = []
        # The parent stops a failed build by terminating this process.
        for job in iter(self.jobqueue.get, None):
            self._process_file(*job)
            if self.writer.pool.currentsize > _SEGMENT_MB * 1024 * 1024:
                segments.append(self.writer._finalize_segment())
                self.writer = SegmentWriter(ix, _lk=False, **self.kwargs)
        if self.writer.docnum:
            segments.append(self.writer._finalize_segment())
        else:  # not cancel(): that would empty the temp folder other tasks read
            self.writer._close_segment()
        self.resultqueue.put(segments, timeout=30)

    def _process_file(self, filename, doc_count):
        tempstorage = self.writer.temp_storage()
        with tempstorage.open_file(filename).raw_file() as f:
            for _ in range(doc_count):
                _, args = pickle.load(f)
                self.writer.add_document(**prepare(args["release"]))
        tempstorage.delete_file(filename)


class _PreparingWriter(MpWriter):
    """Whoosh's multiprocess writer with ``_PreparingTask`` sub-writers;
    ``add_release`` queues a release for them.  Their segments join the
    index as they are (no merge)."""

    def _new_task(self):
        task = _PreparingTask(self.storage, self.indexname, self.jobqueue, self.resultqueue,
                              self.subargs, True)
        task.leader = os.getpid()
        task.daemon = True  # never outlives a failed or interrupted reindex
        self.tasks.append(task)
        task.start()
        return task

    def cancel(self, **kwargs) -> None:
        for task in self.tasks:
            if task.is_alive():
                task.terminate()
        SegmentWriter.cancel(self)

    def add_release(self, rel: Release) -> None:
        self.add_document(release=rel)

    def _commit(self, mergetype, optimize, merge):
        if self.docbuffer:
            self._enqueue()
        for _ in self.tasks:
            self.jobqueue.put(None)
        segments = self._merge_segments(mergetype, optimize, merge)
        # Collect before joining: a task exits only once its result is read.
        pending = len(self.tasks)
        while pending:
            try:
                segments += self.resultqueue.get(timeout=1)
                pending -= 1
            except queue.Empty:
                failed = [t.exitcode for t in self.tasks if t.exitcode]
                if failed:
                    raise RuntimeError(f"an index sub-writer failed (exit status {failed[0]})") from None
        for task in self.tasks:
            task.join()
        if self._added:
            segments.append(self._finalize_segment())
        else:
            self._close_segment()
        self._commit_toc(segments)
        self._finish()


def _writer(ix, full: bool, input_bytes: int, workers: int):
    if full and workers > 1 and input_bytes > _PARALLEL_WRITE_BYTES:
        return _PreparingWriter(ix, procs=workers, batchsize=32, limitmb=_WRITER_LIMIT_MB)
    return ix.writer(limitmb=512)


def enrich(rel: Release) -> Release:
    """Attach officials and agencies to a release."""
    rel.officials, rel.agencies, rel.media = extract([rel.title, rel.lead, rel.body], rel.lang)
    return rel


# --- building -------------------------------------------------------------------

def resolve_roots(docs_dir, index_root: Path) -> list[Path]:
    """The sources of this run as absolute, resolved paths (duplicates once),
    so the same folder is the same source however it is typed."""
    given: list[str | os.PathLike]
    if docs_dir is None:
        stored = stored_sources(index_root)
        given = [*stored] or [DEFAULT_DOCS]
        hint = f" (a stored source of {index_root}: list the ones to keep with --docs, and --prune)" if stored else ""
    else:
        given = [docs_dir] if isinstance(docs_dir, (str, os.PathLike)) else list(docs_dir)
        hint = ""
    roots: list[Path] = []
    for r in given:
        if not Path(r).exists():
            raise FileNotFoundError(f"docs folder not found: {r}{hint}")
        resolved = Path(r).resolve()
        if resolved not in roots:
            roots.append(resolved)
    return roots


def _check_dropped(manifest: dict, roots: list[Path]) -> None:
    """Raise ``SourceDropped`` when a source holding releases is not listed."""
    listed = {str(r) for r in roots}
    held: dict[str, int] = {}
    for entry in (manifest.get("files") or {}).values():
        src = entry.get("source") if isinstance(entry, dict) else None
        if isinstance(src, str) and src not in listed:
            held[src] = held.get(src, 0) + len(entry.get("ids", []))
    order = [s for s in manifest.get("sources") or [] if s in held]
    dropped = {s: held[s] for s in dict.fromkeys(order + sorted(held)) if held[s]}
    if dropped:
        raise SourceDropped(dropped)


def _find_by_source(roots: list[Path]) -> tuple[list[SourceFile], list[str], dict[str, str], list[Problem]]:
    """``find_sources`` one root at a time: the files (first root wins a
    relative path, as ``find_sources`` does), the ignored ones, each file's
    source, and a problem for each file hidden by an earlier root's file of
    the same relative path, so it is not lost silently."""
    found: dict[str, SourceFile] = {}
    source_of: dict[str, str] = {}
    ignored: list[str] = []
    hidden: list[Problem] = []
    for r in roots:
        files, skipped = find_sources([r])
        ignored.extend(skipped)
        for src in files:
            first = found.get(src.relpath)
            if first is None:
                found[src.relpath], source_of[src.relpath] = src, str(r)
            else:
                hidden.append(Problem(str(src.path), f"same relative path {src.relpath!r} as {first.path} "
                                      f"(an earlier --docs source), which is the one indexed; rename one of them"))
    return [found[k] for k in sorted(found)], sorted(ignored), source_of, hidden


def _open_target(root: Path, live: Path | None, manifest: dict | None, full: bool):
    """The generation to write (the live one, or a new one for a full
    build), its open Whoosh index, the manifest to compare with, the report."""
    damage = None
    if manifest is not None and not full and live is not None:
        try:
            verify(live)
            return live, open_whoosh(live), manifest, ReindexReport()
        except IndexMissing as exc:  # a damaged index: rebuild it whole
            damage = str(exc).split("; run `")[0]
    gen = new_generation(root)
    ix = windex.create_in(str(gen), make_schema())
    report = ReindexReport(full=True)
    if damage:
        report.notes.append(f"{damage}; rebuilt from scratch instead of updated")
    return gen, ix, {"schema_version": SCHEMA_VERSION, "files": {}}, report


@dataclass
class _Plan:
    """What a reindex changes: files to read, paths to remove, files kept."""

    old_files: dict
    changed: list[SourceFile]
    removed: list[str]
    unchanged: list[str]
    owner: dict[str, str]  # id -> the path of the file kept that holds it
    previous_ids: set[str]  # ids before this run (a full build: of the old index)


def _plan(sources: list[SourceFile], old_files: dict, raw: dict | None) -> _Plan:
    current = {s.relpath: s for s in sources}  # in file order
    changed = [s for s in sources if old_files.get(s.relpath, {}).get("sig") != s.signature]
    changed_paths = {c.relpath for c in changed}
    unchanged = [p for p in current if p in old_files and p not in changed_paths]
    owner = {d: p for p in unchanged for d in old_files[p].get("ids", [])}
    before = old_files or (raw or {}).get("files") or {}  # a full build counts against the old index
    previous = {d for f in before.values() if isinstance(f, dict) for d in f.get("ids", [])}
    removed = [p for p in old_files if p not in current] + [p for p in changed_paths if p in old_files]
    return _Plan(old_files, changed, removed, unchanged, owner, previous)


def _write_files(writer, plan: _Plan, source_of: dict[str, str], seen_now: set[str], report: ReindexReport,
                 progress, workers: int) -> dict:
    """Remove what went away or changed, add what is new: the manifest's files."""
    for p in plan.removed:
        writer.delete_by_term("path", p)
    new_files = {p: {**plan.old_files[p], "source": source_of[p]} for p in plan.unchanged}
    per_file = _add_all(writer, plan.changed, plan.owner, seen_now, progress, workers, report.notes)
    for src in plan.changed:
        ids, problems = per_file.get(src.relpath, ([], []))
        new_files[src.relpath] = {"sig": src.signature, "ids": ids, "source": source_of[src.relpath],
                                  "problems": [p.__dict__ for p in problems]}
        report.problems.extend(problems)
    return new_files


@dataclass
class Written:
    """A generation with the releases written, not yet live: the pairing of
    translations and the switch come next (``reindex``)."""

    gen: Path
    live: Path | None
    report: ReindexReport
    fresh: set[str]  # ids added or changed by this run
    manifest: dict


def write_releases(roots: list[Path], root: Path, live: Path | None, full: bool, progress, workers: int,
                   prune: bool, stage: Stage | None = None, cluster=None) -> Written:
    """Write the releases of ``roots`` into a generation of the index folder
    ``root`` (the caller holds its reindex lock): the live one, updated, or
    a new one for a full build.  Raises ``SourceDropped`` before writing
    anything when a source is missing and ``prune`` is not set."""
    raw = raw_manifest(live) if live else None
    if raw is not None and not prune:
        _check_dropped(raw, roots)  # before anything is written
    old = raw if raw is not None and raw.get("schema_version") == SCHEMA_VERSION else None
    gen, ix, manifest, report = _open_target(root, live, old, full)

    sources, report.ignored, source_of, hidden = _find_by_source(roots)
    report.problems.extend(hidden)
    plan = _plan(sources, manifest["files"], raw)
    report.unchanged_files = len(plan.unchanged)
    for p in plan.unchanged:  # problems of files not re-read are still there
        report.problems.extend(Problem(**pr) for pr in plan.old_files[p].get("problems", []))
    seen_now: set[str] = set()
    if not report.full:
        discard_debris(gen, whole=False)  # room for this run: an earlier failure's files
    if stage:
        stage("reading", None)
        stage("analysing and writing", sum(count_records(c) for c in plan.changed))
    writer = cluster(ix) if cluster is not None else _writer(ix, report.full, sum(c.size for c in plan.changed),
                                                              workers)
    try:
        new_files = _write_files(writer, plan, source_of, seen_now, report, progress, workers)
        if stage:
            stage("merging segments", None)
        writer.commit()
    except BaseException:
        _abandon(writer)
        ix.close()
        discard_debris(gen, whole=gen != live)
        raise
    ix.close()
    previous_ids = plan.previous_ids
    now_ids = {d for f in new_files.values() for d in f["ids"]}
    report.added = len(seen_now - previous_ids)
    report.updated = len(seen_now & previous_ids)
    report.removed = len(previous_ids - now_ids)
    report.releases = len(now_ids)
    manifest = {"schema_version": SCHEMA_VERSION, "sources": [str(r) for r in roots], "files": new_files,
                "last_reindex": time.strftime("%Y-%m-%dT%H:%M:%S%z")}
    return Written(gen, live, report, seen_now, manifest)


def _abandon(writer) -> None:
    """Cancel a failed write without hiding why it failed: Whoosh's
    ``cancel`` raises on a writer the failure already closed."""
    with contextlib.suppress(Exception):  # the first error is the one the user needs
        writer.cancel()


# Below this many releases a worker pool costs more than it saves.
_POOL_THRESHOLD = 64


def prepare(rel: Release) -> dict:
    """Entities and the Whoosh document, its Vietnamese fields carrying
    pyvi's segmentation.  Runs in worker processes: segmentation is the
    costly step, and whichever process writes the index reuses it."""
    doc = release_fields(enrich(rel))
    for f in VI_FIELDS:
        if f in doc:
            doc[f] = segmented(doc[f])
    return doc


def _eligible(changed: list[SourceFile], owner: dict, seen_now: set,
              per_file: dict, notes: list[str]) -> Iterator[Release]:
    """Releases to index, in file order; problems and duplicate ids recorded
    in ``per_file[relpath] = (ids, problems)``; a date not used (after the
    day of the reindex) noted in ``notes``."""
    for src in changed:
        ids, problems = per_file.setdefault(src.relpath, ([], []))
        for item in read_source(src):
            if isinstance(item, Problem):
                problems.append(item)
                continue
            first = owner.get(item.doc_id)
            if first is not None:
                problems.append(Problem(src.relpath, f"duplicate id {item.doc_id!r}: the release "
                                        f"already indexed from {first} is kept", item.line))
                continue
            if item.date_refused:
                where = f"{src.relpath}:{item.line}" if item.line else src.relpath
                notes.append(f"{where}: date {item.date_refused} is after the day of this reindex; "
                             "the release is indexed without a date")
            seen_now.add(item.doc_id)
            owner[item.doc_id] = src.relpath
            ids.append(item.doc_id)
            yield item


def _prepared(releases: Iterator[Release], expected: int, workers: int):
    """``prepare`` over the releases, in order, on a worker pool when large."""
    if workers <= 1 or expected < _POOL_THRESHOLD:
        yield from map(prepare, releases)
        return
    ctx = multiprocessing.get_context("fork")
    with ctx.Pool(workers, die_with_parent, (os.getpid(),)) as pool:
        yield from pool.imap(prepare, releases, chunksize=8)


def _add_all(writer, changed: list[SourceFile], owner: dict, seen_now: set,
             progress, workers: int, notes: list[str]) -> dict:
    per_file: dict = {}
    releases = _eligible(changed, owner, seen_now, per_file, notes)
    if hasattr(writer, "add_release"):  # prepares releases itself: sub-writers, or a cluster's batches
        counted = progress if isinstance(writer, _PreparingWriter) else None  # a cluster counts its batches
        for rel in releases:
            writer.add_release(rel)
            if counted:
                counted(1)
        return per_file
    expected = sum(s.size for s in changed) // 2000  # ~bytes per release
    for doc in _prepared(releases, expected, workers):
        writer.add_document(**doc)
        if progress:
            progress(1)
    return per_file
