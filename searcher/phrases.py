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

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

import numpy as np

from .scoring import Scorer

__all__ = ["PhraseMatch", "match_phrase", "PHRASE_WORK", "phrase_budget"]

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


@dataclass
class PhraseMatch:
    """The releases a phrase was found in; ``partial`` when the work cap
    stopped the check before every candidate release was read."""

    mask: np.ndarray
    partial: bool = False


def match_phrase(scorer: Scorer, field: str, spellings: list[list[str]]) -> PhraseMatch:
    """The releases whose ``field`` holds the words in order, side by side;
    ``spellings[i]``: the indexed terms that count as word ``i``.  The work
    is drawn from the search's ``phrase_budget`` (or a budget of its own)."""
    found = np.zeros(scorer.size, dtype=bool)
    if not spellings or any(not s for s in spellings):
        return PhraseMatch(found)
    holds = [np.logical_or.reduce([scorer.holding(field, t, True) for t in terms]) for terms in spellings]
    order = sorted(range(len(spellings)), key=lambda i: int(holds[i].sum()))
    candidates = scorer.live.copy()
    for i in order:
        candidates &= holds[i]
        if not candidates.any():
            return PhraseMatch(found)
    if len(spellings) == 1:
        return PhraseMatch(candidates)
    docs = np.flatnonzero(candidates)
    budget = _BUDGET.get() or [PHRASE_WORK]
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
    """Positions of any of ``terms`` in one release (matchers advance only
    forward: releases are checked in increasing order)."""
    out: set[int] = set()
    for term in terms:
        key = (id(terms), term)
        m = matchers.get(key)
        if m is None:
            if (field, term) not in reader:
                continue
            m = matchers[key] = reader.postings(field, term)
        if not m.is_active():
            continue
        if m.id() < doc:
            m.skip_to(doc)
        if m.is_active() and m.id() == doc:
            budget[0] -= 1
            out.update(m.value_as("positions"))
    return out


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
