"""New releases reach searches by themselves: the index's sources are
watched (watchfiles: the operating system's file events, batched) and each
batch of changes runs an incremental reindex, which the serving engines
notice on their next request.  A reindex that fails is logged and the
watch goes on: a bad file must never stop the server.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from pathlib import Path

from .index import ReindexReport, SourceDropped
from .reindex import build_index
from .storage import ReindexBusy, stored_sources

__all__ = ["watch_sources", "watched_paths", "DEBOUNCE_MS"]

DEBOUNCE_MS = 700  # changes within this long of each other are one batch (a copy of many files)
_log = logging.getLogger("searcher.watch")


def watched_paths(index_dir: str | Path) -> list[Path]:
    """What the index was built from (its folders and files), else
    ``docs_raw`` beside the working directory: what a reindex reads."""
    stored = [Path(s) for s in stored_sources(index_dir)]
    return [p for p in stored if p.exists()] or [Path("docs_raw").resolve()]


def watch_sources(index_dir: str | Path, stop: threading.Event | None = None,
                  reindexed: Callable[[ReindexReport], None] | None = None) -> None:
    """Reindex ``index_dir`` whenever its sources change, until ``stop`` is
    set; ``reindexed(report)`` after each successful run."""
    from watchfiles import watch

    paths = watched_paths(index_dir)
    _log.warning("watching %s for new or changed releases", ", ".join(map(str, paths)))
    for changes in watch(*paths, stop_event=stop, debounce=DEBOUNCE_MS, raise_interrupt=False,
                         ignore_permission_denied=True):
        _log.info("%d change(s) under the sources: reindexing", len(changes))
        report = reindex_once(index_dir)
        if report is not None and reindexed is not None:
            reindexed(report)


def reindex_once(index_dir: str | Path) -> ReindexReport | None:
    """One incremental reindex from the stored sources; None (and a log
    line) when it could not run."""
    try:
        report = build_index(None, index_dir, workers=1)
    except (ReindexBusy, SourceDropped, OSError, ValueError) as exc:
        _log.error("reindex after a change failed: %s", exc)
        return None
    except Exception:  # never fatal to serving: logged with its cause
        _log.exception("reindex after a change failed")
        return None
    for problem in report.problems:
        _log.warning("skipped: %s", problem)
    _log.warning("reindexed: %d added, %d changed, %d removed", report.added, report.updated, report.removed)
    return report
