"""Which releases a query and its filters admit, as boolean arrays.

Terms come from the scorer's postings cache; AND/OR/NOT are array
operations; phrases read positions in the releases holding all their
words (``phrases``).  Plain words follow the rule in README "What matches": a release
holds every content word (as typed, then as if typed without diacritics);
a question or a long query also admits near misses; with no release
holding them all, those holding the most.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from whoosh import query as Q

from .fields import PAIRS
from .generation import Generation, Memo, date_key
from .phrases import PHRASE_WORK, match_phrase
from .querytypes import EntityMatch, FreeText, ParsedQuery, Word
from .retrieval import Retrieval
from .textnorm import fold

__all__ = ["Matcher", "Filters", "Masks", "LONG_QUERY", "NEAR_MISS", "both"]

# A release matches when it holds every content word; for a question or a
# query of ``LONG_QUERY`` content words or more, also when it scores
# ``NEAR_MISS`` of the best release in its language (docs/evaluation.md:
# the share that keeps every ranking figure).
LONG_QUERY = 5  # content syllables
NEAR_MISS = 0.5

_PARTIAL_KEPT = 1024  # phrases remembered as checked in part

Loosened = tuple | None  # ("folded", 0, 0) or ("fewer", words held, words in the query)


@dataclass(frozen=True)
class Filters:
    """What narrows a search besides its words, validated: languages
    (None: any), an inclusive ISO date range, whether undated releases pass
    a range, and officials and agencies as entity matches."""

    langs: frozenset[str] | None = None
    date_from: str | None = None
    date_to: str | None = None
    include_undated: bool = False
    entities: tuple[Q.Query, ...] = ()


@dataclass
class Masks:
    """A filter as masks (None where nothing narrows)."""

    language: np.ndarray | None = None
    entity: np.ndarray | None = None
    within: np.ndarray | None = None  # the date range
    undated: np.ndarray | None = None  # releases without a date, when a range is set


def both(a: np.ndarray | None, b: np.ndarray | None) -> np.ndarray | None:
    """The intersection of two masks, None standing for "everything"."""
    if a is None:
        return b
    return a if b is None else (a & b)


def _either(a: np.ndarray, b: np.ndarray | None) -> np.ndarray:
    return a if b is None else (a | b)


class Matcher:
    """Masks of one generation; results kept for repeated queries."""

    def __init__(self, gen: Generation, retrieval: Retrieval):
        self.gen = gen
        self.retrieval = retrieval
        self._masks: Memo[np.ndarray] = Memo(256)
        self._free: Memo[tuple[np.ndarray, Loosened, np.ndarray | None]] = Memo(256)
        self._partial: set[str] = set()  # phrases the work cap stopped (``phrases``)

    def filter_mask(self, q: Q.Query) -> np.ndarray:
        return self._masks.get(repr(q), lambda: self.match(q))

    def match(self, q: Q.Query) -> np.ndarray:
        """Which releases a query's boolean structure accepts."""
        if isinstance(q, FreeText):
            return self.free_text(q, loosen=q.loose)[0]
        if isinstance(q, EntityMatch):
            return self._entity(q)
        if isinstance(q, (Q.Not, Q.AndNot, Q.AndMaybe, Q.And, Q.Or)):
            return self._compound(q)
        gen = self.gen
        if q is Q.NullQuery:
            return gen.none()
        if isinstance(q, Q.Term):
            return gen.scorer.holding(q.fieldname, q.text)
        if isinstance(q, Q.Every):
            return gen.live.copy()
        if isinstance(q, Q.Phrase) and q.slop == 1:
            return self._phrase(q)
        return gen.docs_for_query(q)

    def _phrase(self, q: Q.Phrase) -> np.ndarray:
        """A phrase by positions in bounded work (``phrases``): a
        diacritic-free syllable in a Vietnamese field stands for any of its
        indexed spellings.  A phrase checked only in part is remembered for
        the notice."""
        scorer = self.gen.scorer
        spellings = [scorer.variants(q.fieldname, str(w)) for w in q.words]
        found = match_phrase(scorer, q.fieldname, spellings)
        key = repr(q)
        if found.partial:
            if len(self._partial) >= _PARTIAL_KEPT:  # bounded: unique phrases must not grow it
                self._partial.clear()
            self._partial.add(key)
        else:
            self._partial.discard(key)  # checked whole this time
        return found.mask

    def partly_checked(self, q: Q.Query | None) -> bool:
        """Whether a phrase of the query was checked in only part of the
        releases that hold its words (the work cap)."""
        if q is None or not self._partial:
            return False
        if isinstance(q, Q.Phrase):
            return repr(q) in self._partial
        return any(self.partly_checked(c) for c in q.children())

    def _entity(self, q: EntityMatch) -> np.ndarray:
        for key in q.keys:
            named = self.match(key) & self.gen.live
            if named.any():
                return named
        return self.match(q.phrase)

    def _compound(self, q: Q.Query) -> np.ndarray:
        if isinstance(q, Q.Not):
            return ~self.match(q.query)
        if isinstance(q, Q.AndNot):
            return self.match(q.a) & ~self.match(q.b)
        if isinstance(q, Q.AndMaybe):
            return self.match(q.a)
        parts = [self.match(c) for c in q.children()]
        if not parts:
            return self.gen.none()
        return np.logical_and.reduce(parts) if isinstance(q, Q.And) else np.logical_or.reduce(parts)

    # -- plain words ---------------------------------------------------------------

    def free_text(self, node: FreeText, loosen: bool = True) -> tuple[np.ndarray, Loosened]:
        """The releases plain words match, and how the match was loosened
        when no release holds every word as typed (``loosen`` False: then
        nothing matches).  A release's translation matches with it: it is
        the same release."""
        found = self._free_entry(node, loosen)
        return found[0], found[1]

    def held_share(self, node: FreeText) -> np.ndarray | None:
        """For a long query or a question that admitted near misses, the
        share of its content words each release holds, each word weighted
        by its idf (None when no near miss was admitted)."""
        return self._free_entry(node, node.loose)[2]

    def _free_entry(self, node: FreeText, loosen: bool) -> tuple[np.ndarray, Loosened, np.ndarray | None]:
        return self._free.get(f"{loosen} {node!r}", lambda: self._free_uncached(node, loosen))

    def _free_uncached(self, node: FreeText, loosen: bool) -> tuple[np.ndarray, Loosened, np.ndarray | None]:
        live = self.gen.live
        words = node.words
        if not words:  # only function words: any of them
            return self.match(Q.Or(list(node.children()))) & live, None, None
        near = None
        if loosen and (node.size >= LONG_QUERY or node.question):
            near = self._near_misses(node)
        # As typed; then, for a tone mark typed wrong, the words as if typed
        # without diacritics (grouped again: "tham nhùng" is "tham nhung").
        levels: list[tuple[tuple[Word, ...], bool, Loosened]] = [(words, True, None)]
        if loosen and any(w.accented for w in words):
            levels.append((node.folded_words or words, False, ("folded", 0, 0)))
        counts = np.zeros(0)
        for level_words, as_typed, note in levels:
            holds = self._holds(level_words, as_typed)
            counts = np.sum(holds, axis=0, dtype=np.int16) * live
            hit = counts >= len(level_words)
            if hit.any():
                share = None if near is None else self._share(level_words, holds, as_typed)
                return self.gen.with_twins(_either(hit, near)), note, share
        best = int(counts.max()) if counts.size else 0
        if best == 0 or not loosen:
            return self.gen.none(), None, None
        n = len(levels[-1][0])
        return self.gen.with_twins(_either(counts >= best, near)), ("fewer", best, n), None

    def _near_misses(self, node: FreeText) -> np.ndarray:
        """Releases scoring at least ``NEAR_MISS`` of the best release of
        their language: a question or a sentence uses other words than the
        release it is about, yet that release ranks near the top."""
        scores = self.retrieval.plain_scores(node, None)
        live = self.gen.live & (scores > 0)
        out = self.gen.none()
        for side in (self.gen.is_english, ~self.gen.is_english):
            group = live & side
            if group.any():
                out |= group & (scores >= np.float32(NEAR_MISS) * scores[group].max())
        return out

    def _holds(self, words: tuple[Word, ...], as_typed: bool) -> list[np.ndarray]:
        """Per word of ``words``, the releases holding it (``as_typed``:
        words typed with diacritics must carry them)."""
        return [self._word_holds(word, as_typed) for word in words]

    def _word_holds(self, word: Word, as_typed: bool, apart: bool = False) -> np.ndarray:
        """The releases holding one word by any of its options (``apart``:
        its syllables anywhere, not side by side)."""
        holds = self.gen.none()
        for opt in word.options:
            every = self._option(opt.fields, opt.terms, () if apart else opt.pairs, opt.exact and as_typed)
            if every is not None:
                holds |= every
        return holds

    def _share(self, words: tuple[Word, ...], holds: list[np.ndarray], as_typed: bool) -> np.ndarray:
        """The idf-weighted share of ``words`` each release holds (``holds``:
        per word, as matched).  A word of several syllables that is not a
        name counts with its syllables anywhere: grouping syllables typed
        plainly into a word is a guess."""
        held = [self._word_holds(w, as_typed, apart=True) if not w.name and " " in w.text else h
                for w, h in zip(words, holds, strict=True)]
        idf = self.gen.scorer.idf
        weights = [idf(int(np.count_nonzero(h))) for h in held]
        total = sum(weights)
        share = np.zeros(self.gen.size, dtype=np.float32)
        for h, w in zip(held, weights, strict=True):
            share[h] += np.float32(w / total if total > 0 else 0.0)
        return share

    def _option(self, fields, terms, pairs, exact: bool) -> np.ndarray | None:
        """Releases holding every term in any of ``fields`` and each pair
        side by side (None: the option asks for nothing)."""
        holding = self.gen.scorer.holding
        every = None
        for term in terms:
            text = term if exact else fold(term)
            where = np.logical_or.reduce([holding(f, text, exact) for f in fields])
            every = where if every is None else (every & where)
        for pair in pairs:  # the syllables side by side, not scattered
            where = holding(PAIRS, pair, True)
            if pair.count("_") == 2 and not where.any():
                continue  # runs of three are kept for names only: not asked of the rest
            every = where if every is None else (every & where)
        return every

    # -- the whole query -----------------------------------------------------------

    def structure(self, parsed: ParsedQuery) -> tuple[np.ndarray | None, Loosened]:
        """Which releases the query's words admit (None: any that scores,
        for internal plain ORs), and the notice of a loosened match."""
        q = parsed.query
        if isinstance(q, FreeText):
            return self.free_text(q, loosen=q.loose)
        if q is None or (parsed.flat is not None and not parsed.runs):
            return None, None
        notes = (self.free_text(n, loosen=n.loose)[1] for n in parsed.runs)
        mask = self.gen.with_twins(self.filter_mask(q))
        if self.partly_checked(q):
            return mask, ("partial", PHRASE_WORK, 0)
        return mask, next((n for n in notes if n), None)

    def masks(self, f: Filters) -> Masks:
        """The filter as masks: language, officials and agencies, date
        range, and the undated releases."""
        out = Masks()
        gen = self.gen
        if f.langs is not None:
            out.language = gen.none()
            if "en" in f.langs:
                out.language |= gen.is_english
            if "vi" in f.langs:
                out.language |= ~gen.is_english
        for q in f.entities:
            out.entity = both(out.entity, self.filter_mask(q))
        if f.date_from or f.date_to:
            dates = gen.dates
            low = date_key(f.date_from) if f.date_from else 1.0
            high = date_key(f.date_to) if f.date_to else float("inf")
            out.undated = dates <= 0
            out.within = (dates >= low) & (dates <= high)
            if f.include_undated:
                out.within |= out.undated
        return out

