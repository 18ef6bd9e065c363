"""One open index generation: the data every search stage reads.

The Whoosh searcher and its numpy scorer, per-release arrays (live,
dates, languages), the facet table, the stored releases and the
translation-pairs table.  Matching, ranking and spelling stand on this and
on nothing above it; each keeps its own caches for the generation's life.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Generic, TypeVar

import numpy as np
from whoosh import query as Q

from .completion import Completer
from .config import DEFAULT, RankingConfig
from .derived import COMPLETION, load_derived, save_derived
from .entities.names import Agency, Official
from .facets import FacetTable
from .fields import EN_FIELDS, VI_FIELDS, WORD_FIELDS
from .ingest import Release
from .integrity import Stamps, stamps_of, verify
from .scoring import Scorer
from .storage import TRANSLATIONS, open_whoosh
from .stories import PROFILE_CHARS, fingerprints, story_groups

__all__ = ["Generation", "Memo", "release_of", "date_key"]

V = TypeVar("V")

# A compound pyvi found in at least this many releases is a common word
# ("bảo vệ"); in fewer than ``MIN_WORD_RELEASES`` it may be a segmentation
# slip ("cửa xe" for "của Xê").
MIN_WORD_RELEASES = 2
COMMON_WORD_RELEASES = 50


def date_key(text: str) -> float:
    """An ISO date (or year, or month) as a number that sorts like it."""
    digits = text.replace("-", "")
    return float(digits) if digits.isdigit() else 0.0


def release_of(stored: dict) -> Release:
    """A stored release (the index's ``release`` field) as a ``Release``."""
    return Release(
        doc_id=stored["doc_id"], title=stored["title"], lang=stored["lang"],
        date=stored.get("date"), date_inferred=stored.get("date_inferred", False),
        lead=stored.get("lead", ""), body=stored.get("body", ""),
        source=stored.get("source", ""), url=stored.get("url", ""), path=stored.get("path", ""),
        officials=[Official(o["name"], o.get("role", ""), list(o.get("aliases", [])))
                   for o in stored.get("officials", [])],
        agencies=[Agency(a["name"], a.get("acronym", ""), list(a.get("aliases", [])))
                  for a in stored.get("agencies", [])],
        media=[Agency(m["name"], m.get("acronym", ""), list(m.get("aliases", [])))
               for m in stored.get("media", [])],
    )


def _word_kind(releases: int) -> str:
    if releases >= COMMON_WORD_RELEASES:
        return "word"
    return "rare word" if releases >= MIN_WORD_RELEASES else ""


class Generation:
    """The readers and arrays of one index generation folder."""

    def __init__(self, path: Path, config: RankingConfig = DEFAULT):
        self.stamps: Stamps = verify(path)  # raises IndexDamaged
        ix = open_whoosh(path)
        self.path = path
        self.config = config
        self.searcher = ix.searcher()  # for stored fields and phrase matches; ``scoring`` ranks
        self.commit_key = _commit_key(self.searcher)
        derived = load_derived(path, self.commit_key)
        self.derived_fits = bool(derived)  # kept data of this commit and version was found
        self.scorer = Scorer(self.searcher, [*VI_FIELDS, *EN_FIELDS], folded_fields=VI_FIELDS, config=config,
                             storage=getattr(ix, "storage", None), derived=derived)
        self._units: Memo[str] = Memo(100_000)
        self._dates: np.ndarray | None = None
        facets = derived.get("facets")
        self._facets: FacetTable | None = facets if isinstance(facets, FacetTable) else None
        self._completer: Completer | None = None
        stories = derived.get("stories")
        self._stories: np.ndarray | None = stories if isinstance(stories, np.ndarray) else None
        # (file stamp, pairs, doc numbers or None): swapped as one, so a
        # thread never pairs one file's pairs with another's doc numbers.
        self._pairs: tuple[int | None, dict[str, tuple[str, float]] | None, np.ndarray | None] = (-1, {}, None)
        pairs = derived.get("pairs")
        if isinstance(pairs, tuple) and len(pairs) == 3 and pairs[0] == _stamp(path / TRANSLATIONS):
            self._pairs = pairs  # read at reindex, and the file is still the one it was read from
        self._is_english: np.ndarray | None = None

    @property
    def size(self) -> int:
        return self.scorer.size

    @property
    def live(self) -> np.ndarray:
        return self.scorer.live

    def up_to_date(self) -> bool:
        return self.searcher.up_to_date()

    def intact(self) -> bool:
        """Whether every file is as it was when opened (a few ``stat``
        calls): a file truncated or rewritten under a running server is
        noticed before a search reads it."""
        return stamps_of(self.path, list(self.stamps)) == self.stamps

    def close(self) -> None:
        self.scorer.close()
        self.searcher.close()

    def none(self) -> np.ndarray:
        return np.zeros(self.scorer.size, dtype=bool)

    def docs_for_query(self, q: Q.Query) -> np.ndarray:
        """Whoosh's own matchers (phrases, ranges), as a mask."""
        with self.scorer.lock:
            return self.scorer.mask(self.searcher.docs_for_query(q))

    @property
    def dates(self) -> np.ndarray:
        if self._dates is None:
            self._dates = self.scorer.term_array("date", date_key)
        return self._dates

    @property
    def is_english(self) -> np.ndarray:
        if self._is_english is None:
            self._is_english = self.scorer.term_array("lang", lambda t: 1.0 if t == "en" else 0.0) > 0
        return self._is_english

    @property
    def facets(self) -> FacetTable:
        if self._facets is None:
            self._facets = FacetTable(self.scorer)
        return self._facets

    @property
    def completer(self) -> Completer:
        """Completions of names and phrases, built on first use (``completion``)."""
        if self._completer is None:
            kept = load_derived(self.path, self.commit_key, COMPLETION).get("completer")
            if not isinstance(kept, Completer):
                titles = (self.release(d).title for d in np.flatnonzero(self.live).tolist())
                kept = Completer(self.facets, self.scorer, titles)
            self._completer = kept
        return self._completer

    @property
    def stories(self) -> np.ndarray:
        """Per release, its story's number (``stories.story_groups``: the
        first version's doc number), -1 when it is the only version.  Built
        at reindex; an index without it groups nothing."""
        if self._stories is None or len(self._stories) != self.size:
            return np.full(self.size, -1, dtype=np.int32)
        return self._stories

    def save_derived(self) -> None:
        """Build what first searches would build and keep it beside the
        generation (reindex calls it before the generation goes live):
        search data, then what reading every release gives (stories,
        completions), in a file of its own."""
        self.twin_docnums  # noqa: B018  # read the pairs and number them, to keep them too
        docs = np.flatnonzero(self.live).tolist()
        releases = [self.release(d) for d in docs]
        prints = np.zeros(self.size, dtype=np.uint64)
        prints[docs] = fingerprints(r.title + "\n" + (r.lead + "\n" + r.body)[:PROFILE_CHARS] for r in releases)
        self._stories = story_groups(prints)
        save_derived(self.path, self.commit_key, {**self.scorer.derived(), "facets": self.facets, "pairs": self._pairs,
                                                  "stories": self._stories})
        self._completer = Completer(self.facets, self.scorer, (r.title for r in releases))
        save_derived(self.path, self.commit_key, {"completer": self._completer}, COMPLETION)

    def stored(self, docnum: int) -> dict:
        with self.scorer.lock:
            return self.searcher.stored_fields(int(docnum))  # type: ignore[attr-defined]  # Searcher has it

    def release(self, docnum: int) -> Release:
        return release_of(self.stored(docnum)["release"])

    def find(self, doc_id: str) -> Release | None:
        """The release with that id, or None."""
        with self.scorer.lock:
            stored = self.searcher.document(doc_id=doc_id)
        return release_of(stored["release"]) if stored else None

    def document_numbers(self, ids) -> dict[str, int | None]:
        with self.scorer.lock:
            return {i: self.searcher.document_number(doc_id=i) for i in ids}

    def unit_kind(self, folded: str) -> str:
        """What syllables joined by "_" ("bo_cong_an") are here: "name:" and
        its spelling (an official or agency the index holds), "word" or
        "rare word" (a compound pyvi found in many releases, or in a few),
        or "" (see ``querytypes.Lookup``)."""
        return self._units.get(folded, lambda: self._unit_kind(folded))

    def _unit_kind(self, folded: str) -> str:
        name = self.facets.entity_spelling(folded.replace("_", " "))
        if name:
            return "name:" + name
        return _word_kind(sum(self.scorer.rough_frequency(f, folded) for f in WORD_FIELDS))

    # -- translation pairs ------------------------------------------------------

    def pair_state(self) -> tuple[int | None, dict[str, tuple[str, float]] | None, np.ndarray | None]:
        """(file stamp, pairs or None when unreadable, doc numbers or None)."""
        path = self.path / TRANSLATIONS
        stamp = _stamp(path)
        state = self._pairs
        if state[0] != stamp:
            state = self._pairs = (stamp, read_pairs(path), None)
        return state

    @property
    def twins(self) -> dict[str, tuple[str, float]]:
        """Translation pairs of this index, both directions (``translations``
        writes them after each reindex; re-read when that file changes)."""
        return self.pair_state()[1] or {}

    @property
    def twin_docnums(self) -> np.ndarray:
        """Per document number, its translation's number (-1: none, or the
        translation is no longer in the index)."""
        state = self.pair_state()
        stamp, twins, docnums = state
        if docnums is None:
            docnums = np.full(self.scorer.size, -1, dtype=np.int64)
            number = self.document_numbers(twins or {})
            for a, (b, _) in (twins or {}).items():
                na, nb = number.get(a), number.get(b)
                if na is not None and nb is not None:
                    docnums[na] = nb
            if self._pairs is state:
                self._pairs = (stamp, twins, docnums)
        return docnums

    def translation_of(self, docnum: int, doc_id: str) -> str | None:
        """The doc_id of a release's translation while both are in the index."""
        return self.twins.get(doc_id, (None,))[0] if self.twin_docnums[docnum] >= 0 else None

    def with_twins(self, mask: np.ndarray) -> np.ndarray:
        """``mask`` and the translations of the releases in it."""
        twin = self.twin_docnums[mask]
        out = mask.copy()
        out[twin[twin >= 0]] = True
        return out


def _commit_key(searcher) -> tuple:
    """Which Whoosh commit a searcher reads: its release count and its
    segments with their deletions (an update in place makes new ones)."""
    segments = []
    for reader, _ in searcher.reader().leaf_readers():
        seg = reader.segment() if hasattr(reader, "segment") else None
        if seg is not None:
            segments.append((seg.segment_id(), seg.deleted_count()))
    return (searcher.reader().doc_count_all(), tuple(sorted(segments)))


def _stamp(path: Path) -> int | None:
    try:
        return path.stat().st_mtime_ns
    except OSError:
        return None


def read_pairs(path: Path) -> dict[str, tuple[str, float]] | None:
    """The pairs in ``path``: {} when there is no such file, None when it
    cannot be read (a damaged file: the next reindex relinks everything).
    Malformed rows are skipped."""
    if not path.exists():
        return {}
    try:
        rows = json.loads(path.read_text(encoding="utf-8"))["pairs"]
        if not isinstance(rows, list):
            return None
    except (OSError, ValueError, KeyError, TypeError):
        return None
    out: dict[str, tuple[str, float]] = {}
    for row in rows:
        if (isinstance(row, list) and len(row) == 3 and isinstance(row[0], str) and isinstance(row[1], str)
                and isinstance(row[2], (int, float)) and row[0] != row[1]):
            a, b, score = row
            out[a], out[b] = (b, float(score)), (a, float(score))
    return out


class Memo(Generic[V]):
    """A per-generation cache, emptied whole when it grows past ``limit``
    (queries repeat in bursts; a bound keeps memory flat).  Two threads may
    both build a missing value; either result is the same, and the lock
    keeps the clearing and the insertion from interleaving."""

    def __init__(self, limit: int):
        self.limit = limit
        self._data: dict[str, V] = {}
        self._lock = threading.Lock()

    def get(self, key: str, make: Callable[[], V]) -> V:
        found = self._data.get(key)
        if found is None:
            found = make()
            with self._lock:
                if len(self._data) > self.limit:
                    self._data.clear()
                self._data[key] = found
        return found
