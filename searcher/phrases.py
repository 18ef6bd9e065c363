"""Phrases matched by position, in bounded work.

Whoosh's own phrase matcher walks every release holding all the words and
builds spans for each: seconds for a pasted paragraph of common syllables,
and the GIL makes every other request wait.  Here the releases holding
every word come first (cached arrays), then positions are read for those
releases only, rarest word first, so a release that lacks the phrase is
usually dropped after one or two words.  The work a phrase may do is
capped (``PHRASE_WORK``, position lists read); a phrase that would need
more is checked in as many releases as the cap allows and the match is
marked partial, which the results say.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any

import numpy as np
from whoosh.codec.whoosh3 import W3LeafMatcher

from .scoring import Scorer

__all__ = ["PhraseMatch", "match_phrase", "match_near", "PHRASE_WORK", "phrase_budget"]

# Position lists the phrases of one search may read together: about a
# quarter of a second of one core.
PHRASE_WORK = 40_000
# The budget of the search running in this thread (``phrase_budget``).
_BUDGET: ContextVar[list[int] | None] = ContextVar("phrase_budget", default=None)


@contextmanager
def phrase_budget(work: int = PHRASE_WORK) -> Iterator[None]:
    """One search's phrase work: every phrase it matches (an OR of sixty
    phrases too) draws on the same ``work``."""
    token = _BUDGET.set([work])
    try:
        yield
    finally:
        _BUDGET.reset(token)


def skip_to(m: Any, doc: int) -> None:
    """Move a postings matcher to ``doc`` or past it.  Whoosh's own
    ``skip_to`` steps through a block one posting at a time (a Python call
    each); its block format is searched by bisection here."""
    if not m.is_active() or m.id() >= doc:
        return
    if not isinstance(m, W3LeafMatcher):
        m.skip_to(doc)
        return
    if doc > m.block_max_id():
        m._skip_to_block(lambda: doc > m.block_max_id())
        if not m.is_active():
            return
    if m._ids is None:
        m._read_ids()
    at = bisect.bisect_left(m._ids or (), doc)
    m._i = at
    if at >= int(m._blocklength or 0):
        m._next_block()


def _current_budget() -> list[int]:
    """The running search's work budget (one of its own outside a search)."""
    return _BUDGET.get() or [PHRASE_WORK]


@dataclass
class PhraseMatch:
    """The releases a phrase was found in; ``partial`` when the work cap
    stopped the check before every candidate release was read."""

    mask: np.ndarray
    partial: bool = False


def match_phrase(scorer: Scorer, field: str, spellings: list[list[str]], holds: list[np.ndarray] | None = None,
                 within: np.ndarray | None = None) -> PhraseMatch:
    """The releases whose ``field`` holds the words in order, side by side;
    ``spellings[i]``: the indexed terms that count as word ``i``;
    ``holds[i]``, when the caller has it, which releases hold word ``i``
    at all; ``within``: the only releases worth reading.  The work is drawn
    from the search's ``phrase_budget`` (or a budget of its own)."""
    found = np.zeros(scorer.size, dtype=bool)
    if not spellings or any(not s for s in spellings):
        return PhraseMatch(found)
    if holds is None:
        holds = [scorer.holding_any(field, terms) for terms in spellings]
    order = sorted(range(len(spellings)), key=lambda i: int(np.count_nonzero(holds[i])))
    candidates = scorer.live.copy() if within is None else scorer.live & within
    for i in order:
        candidates &= holds[i]
        if not candidates.any():
            return PhraseMatch(found)
    if len(spellings) == 1:
        return PhraseMatch(candidates)
    docs = np.flatnonzero(candidates)
    budget = _current_budget()
    for reader, base in scorer.own_leaves():
        local = docs[(docs >= base) & (docs < base + reader.doc_count_all())] - base
        if local.size and not _check_segment(scorer, reader, field, spellings, order, local, base, found, budget):
            return PhraseMatch(found, partial=True)
    return PhraseMatch(found)


def _check_segment(scorer: Scorer, reader, field: str, spellings: list[list[str]], order: list[int],
                   local: np.ndarray, base: int, found: np.ndarray, budget: list[int]) -> bool:
    """Check one segment's candidate releases with this thread's own
    reader (no lock: see ``Scorer.own_leaves``); False when the budget ran out."""
    matchers: dict[tuple[int, str], object] = {}
    for doc in local.tolist():
        if budget[0] <= 0:
            return False
        if _holds_phrase(reader, field, spellings, order, doc, matchers, budget):
            found[base + doc] = True
    return True


def _positions(reader, field: str, terms: list[str], doc: int, matchers: dict, budget: list[int]) -> set[int]:
    """Positions of any of ``terms`` in one release of ``reader``'s segment;
    each list read costs one unit of ``budget``."""
    out: set[int] = set()
    for term in terms:
        at = _term_positions(reader, field, term, doc, matchers, (id(terms), term))
        if at is not None:
            budget[0] -= 1
            out.update(at)
    return out


def _term_positions(reader, field: str, term: str, doc: int, matchers: dict, key) -> list[int] | None:
    """Positions of one term in one release of ``reader``'s segment, None
    where it does not occur.  ``matchers`` (by ``key``) are kept between
    calls and move forward only: releases are read in increasing order."""
    m = matchers.get(key)
    if m is None:
        if (field, term) not in reader:
            return None
        m = matchers[key] = reader.postings(field, term)
    skip_to(m, doc)
    return list(m.value_as("positions")) if m.is_active() and m.id() == doc else None


def _holds_phrase(reader, field: str, spellings: list[list[str]], order: list[int], doc: int,
                  matchers: dict, budget: list[int]) -> bool:
    """Whether some start position has word ``i`` at start + i for every i:
    starts are narrowed word by word, rarest first."""
    starts: set[int] | None = None
    for i in order:
        at = _positions(reader, field, spellings[i], doc, matchers, budget)
        shifted = {p - i for p in at}
        starts = shifted if starts is None else (starts & shifted)
        if not starts:
            return False
    return bool(starts)


def match_near(scorer: Scorer, field: str, spellings: list[list[str]], docs: np.ndarray, window: int) -> np.ndarray:
    """Which of ``docs`` (global doc numbers, each holding every word) hold
    all the words in some stretch of ``window`` positions, in any order
    ("thảm hoạ như động đất, cháy rừng" for "thảm hoạ động đất cháy
    rừng").  Positions are read only for the spellings a release holds
    (known from the cached postings); the work is drawn from the search's
    budget, and releases left when it runs out count as not near."""
    found = np.zeros(scorer.size, dtype=bool)
    budget = _current_budget()
    wanted = np.sort(docs)
    held: dict[int, list[tuple[int, str]]] = {}
    for i, terms in enumerate(spellings):
        for term in terms:
            ids = scorer.postings(field, term, True)[0]
            for d in ids[np.isin(ids, wanted, assume_unique=True)].tolist():
                held.setdefault(d, []).append((i, term))
    for reader, base in scorer.own_leaves():
        matchers: dict[str, object] = {}  # by term
        for doc in wanted[(wanted >= base) & (wanted < base + reader.doc_count_all())].tolist():
            if budget[0] <= 0:
                return found
            budget[0] -= len(held.get(doc, ()))
            spots = sorted((p, i) for i, term in held.get(doc, ())
                           for p in _term_positions(reader, field, term, doc - base, matchers, term) or ())
            found[doc] = _shortest_cover(spots, len(spellings)) <= window
    return found


def _shortest_cover(spots: list[tuple[int, int]], words: int) -> float:
    """The fewest positions a stretch holding each of ``words`` word
    indices spans (``spots``: sorted (position, word index)); inf if none."""
    best = float("inf")
    count: dict[int, int] = {}
    left = 0
    for pos, i in spots:
        count[i] = count.get(i, 0) + 1
        while len(count) == words:
            first, j = spots[left]
            best = min(best, pos - first + 1)
            count[j] -= 1
            if not count[j]:
                del count[j]
            left += 1
    return best
