"""One page of a ranking: first-stage scores, then explicit re-ranking steps.

1. ``Retrieval``: BM25F of the query's terms (cross-scaled when the query's
   language is known) over the releases the query and filters admit
   (``Matcher``).
2. ``follow_translations``: a strong hit's translation comes just after it,
   by the share of the query the hit holds (``coverage``).
3. ``Scorer.top``: one order for every page (ties kept across the cut), by
   score or by date.

The ranking is computed without the language filter, so a language filter
shows the same ranking, restricted (the other language's hits still set the
scale and bring in their translations).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np

from .analysis import PAIR_WORD, syllables
from .config import DEFAULT, RankingConfig
from .fields import EN_FIELDS, PAIRS, VI_FIELDS
from .generation import Generation
from .matching import Filters, Masks, Matcher, both
from .phrases import match_near, match_phrase
from .proximity import adjacency_scores
from .querytypes import FreeText, ParsedQuery
from .retrieval import Flat, Retrieval
from .scoring import Scorer
from .textnorm import fold

# A plain query of at least this many syllables is looked for as a phrase
# (two-syllable words already have to stand together to match).
PHRASE_FIRST_SYLLABLES = 3

# Running text, where words stand near each other (names fields are
# lists): all of a query's syllables within ``NEAR_WINDOW`` positions per
# syllable ("mô hình bỏ phiếu có sự hỗ trợ của thiết bị điện tử" for "mô
# hình bỏ phiếu điện tử") rank next after the phrase itself, among the
# ``NEAR_CHECKED`` best releases holding them all, for queries of up to
# ``NEAR_SYLLABLES`` syllables that no release holds as written.
NEAR_FIELDS = ("title", "lead", "body")
NEAR_WINDOW = 2
NEAR_CHECKED = 200
NEAR_SYLLABLES = 12

__all__ = ["Ranker", "Ranking", "follow_translations", "coverage"]


@dataclass
class Ranking:
    """One page of doc numbers and scores, every match, how the match was
    loosened, and how many matches a date range left out for having no date."""

    docnums: list[int]
    matched: np.ndarray | None
    scores: list[float]
    loosened: tuple | None = None
    undated: int = 0
    as_written: bool | None = None  # some match holds the plain query as written (None: not looked for)


class Ranker:
    """The search stages of one generation, composed."""

    def __init__(self, gen: Generation):
        self.gen = gen
        self.config = gen.config
        self.retrieval = Retrieval(gen)
        self.matcher = Matcher(gen, self.retrieval)

    @classmethod
    def open(cls, path: Path, config: RankingConfig = DEFAULT) -> Ranker:
        return cls(Generation(path, config))

    def close(self) -> None:
        self.gen.close()

    def ranked(self, parsed: ParsedQuery, f: Filters | None, offset: int, count: int, sort: str) -> Ranking:
        """Ranks ``offset`` to ``offset + count`` of the query under the filters."""
        if parsed.query is None and f is None:
            return Ranking([], None, [])
        structure, notice = self.matcher.structure(parsed)
        m = self.matcher.masks(f) if f is not None else Masks()
        rest = both(m.entity, m.within)
        sources = both(rest, structure)
        mask = both(sources, m.language)
        scores, sort = self._first_stage(parsed, None if rest is None else sources, sort)
        if sort == "relevance" and parsed.plain and self.config.adjacency:
            gain = adjacency_scores(self.gen.scorer, parsed.plain)
            scored = scores > 0
            scores[scored] += np.float32(self.config.adjacency) * gain[scored]
        if sort == "relevance" and self.config.coordination and isinstance(parsed.query, FreeText) \
                and not parsed.guessed:
            self._coordinate(parsed.query, scores)
        as_written = None
        if sort == "relevance" and parsed.plain and self.config.phrase_first:
            as_written = self._phrase_first(parsed.plain, scores)
            if not as_written and parsed.rendered:  # "Ambassador X": where "Đại sứ X" is written
                as_written = self._phrase_first(parsed.rendered, scores, near=False) or as_written
        if structure is not None:  # a match that no scored term reached still counts
            scores[structure & (scores <= 0)] = np.float32(1e-6)
        order = self.gen.dates if sort == "date" else None
        if order is None and self.config.pair_scale:
            # A fixed depth, not the page's: every page cuts the same ranking.
            follow_translations(self.gen, scores, parsed.positive, sources, mask, self.config.pair_depth)
        docnums, matched = self.gen.scorer.top(scores, mask, offset, count, order)
        left_out = 0
        if m.undated is not None and f is not None and not f.include_undated:
            held = both(both(both(structure, m.language), m.entity), m.undated)
            left_out = int(np.count_nonzero(held & (scores > 0) & self.gen.live)) if held is not None else 0
        if notice is None and parsed.terms.cut:
            notice = ("cut", *parsed.terms.cut)
        return Ranking(list(docnums), matched, [float(scores[d]) for d in docnums], notice, left_out, as_written)

    def _coordinate(self, node: FreeText, scores: np.ndarray) -> None:
        """A long statement admits near misses, releases scoring close to
        the best without holding every word; each is scaled by the share of
        the query it holds, idf-weighted (raised to ``coordination``): a
        release missing the name ("Lê Quốc Hùng Central Committee of the
        Communist Party of Vietnam") falls below the one naming him, one
        missing a common word stays near.  A question is worded otherwise
        than its answer, so it keeps its order.  In place."""
        share = None if node.question else self.matcher.held_share(node)
        if share is not None:
            scores *= share ** np.float32(self.config.coordination)

    def _phrase_first(self, text: str, scores: np.ndarray, near: bool = True) -> bool | None:
        """Releases holding the plain query as written together (any
        diacritics, any tone placement) rank above those holding its
        syllables apart, whatever their lengths: a passage remembered from
        a long release finds it among thousands of short ones.  When no
        release holds the phrase itself, those holding all its syllables
        within a short stretch (``NEAR_WINDOW`` positions a syllable, any
        order) come first instead.  In place; whether some release holds
        the phrase (None for a query too short to look for)."""
        words = [fold(w).lower() for w, _, _ in syllables(text)]
        if len(words) < PHRASE_FIRST_SYLLABLES:
            return None
        scorer = self.gen.scorer
        exact = self.gen.none()
        within = (scores > 0) & together(scorer, words)
        for f in scorer.folded_fields:
            spellings = [scorer.variants(f, w) for w in words]
            if all(spellings) and within.any():
                holds = [scorer.holding(f, w) for w in words]  # every spelling, cached as one
                exact |= match_phrase(scorer, f, spellings, holds, within).mask
        top = scores.max()
        if exact.any():
            scores[exact] += top
        elif near and len(words) <= NEAR_SYLLABLES:
            close = self.gen.none()
            distinct = list(dict.fromkeys(words))
            for f in NEAR_FIELDS:
                spellings = [scorer.variants(f, w) for w in distinct]
                if all(spellings):
                    close |= self._near(f, spellings, scores, len(words))
            scores[close] += top
        return bool(exact.any())

    def _near(self, field: str, spellings: list[list[str]], scores: np.ndarray, length: int) -> np.ndarray:
        """The best-scored ``NEAR_CHECKED`` releases holding every word in
        ``field`` that hold them within ``NEAR_WINDOW`` x ``length`` positions."""
        scorer = self.gen.scorer
        every = scores > 0
        for terms in spellings:
            every &= scorer.holding_any(field, terms)
        docs, _ = scorer.top(scores, every, 0, NEAR_CHECKED)
        return match_near(scorer, field, spellings, docs, NEAR_WINDOW * length)

    def _first_stage(self, parsed: ParsedQuery, sources: np.ndarray | None, sort: str) -> tuple[np.ndarray, str]:
        """Scores of every release, and the sort (filters alone: by date)."""
        q, flat = parsed.query, parsed.positive
        if isinstance(q, FreeText):
            return self.retrieval.plain_scores(q, sources), sort
        if flat and parsed.lang and parsed.flat is not None and self.config.cross_scale:
            return self.retrieval.cross_scaled(flat, parsed.lang, sources), sort
        if flat:
            return self.retrieval.scores(flat), sort
        # filters only: every release that passes them, newest first
        return np.ones(self.gen.size, dtype=np.float32), "date"


def together(scorer: Scorer, words: list[str]) -> np.ndarray:
    """Which releases hold each two neighbouring ``words`` (folded
    syllables) side by side in some field (the ``PAIRS`` field): what a
    phrase needs, known without reading a position.  A pair of words the
    pairs are not cut into ("covid-19") asks nothing."""
    out = scorer.live.copy()
    for a, b in zip(words, words[1:], strict=False):
        if PAIR_WORD.fullmatch(a) and PAIR_WORD.fullmatch(b):
            out &= scorer.holding(PAIRS, f"{a}_{b}", True)
    return out


def follow_translations(gen: Generation, scores: np.ndarray, flat: Flat, sources: np.ndarray | None,
                        mask: np.ndarray | None, count: int) -> None:
    """Raise the translation of each of the top ``count`` hits (among
    ``sources``) to ``pair_scale`` times the hit's score: the same release
    in the other language comes just after it, not pages later on the few
    words the lexicon carries across.  A hit that holds only part of the
    query (an English story on "police arrest" for "police arrested drug
    traffickers in Nghe An") passes on that much less.  In place."""
    twin = gen.twin_docnums
    if not (twin >= 0).any():
        return
    best, _ = gen.scorer.top(scores, sources, 0, count)
    top = [int(d) for d in best if twin[d] >= 0 and (mask is None or mask[twin[d]])]
    if not top:
        return
    share = coverage(gen, flat, top)
    config = gen.config
    for d in top:
        t = twin[d]
        passed = np.float32(config.pair_scale * _passed_on(config, share[d]))
        scores[t] = max(scores[t], passed * scores[d])


def _passed_on(config: RankingConfig, share: float) -> float:
    """How much of a hit's score its translation inherits, by the share of
    the query the hit holds: nothing up to ``coverage_none``, all from
    ``coverage_full``, linear between."""
    low, high = config.coverage_none, config.coverage_full
    if high <= low:
        return 1.0
    return min(1.0, max(0.0, (share - low) / (high - low)))


def coverage(gen: Generation, flat: Flat, docs: list[int]) -> dict[int, float]:
    """How much of the query each of ``docs`` holds, in the fields of its
    own language: the idf-weighted share of the query's distinct terms
    there.  A word no release of that language has counts as missing."""
    is_en = gen.is_english
    out: dict[int, float] = {}
    for english in (True, False):
        group = [d for d in docs if bool(is_en[d]) == english]
        if group:
            out.update(_coverage_in(gen, flat, group, EN_FIELDS if english else VI_FIELDS, english))
    return out


def _coverage_in(gen: Generation, flat: Flat, group: list[int], fields: tuple[str, ...],
                 english: bool) -> dict[int, float]:
    sc = gen.scorer
    weight: dict[str, float] = {}
    for fname, text, boost in flat:
        # Vietnamese: plain syllables only; a compound is its syllables
        # again, most query n-grams are no word at all.
        if fname in fields and boost > 0 and (english or ("_" not in text and fold(text) == text)):
            weight[text] = max(weight.get(text, 0.0), boost)
    total = 0.0
    held = dict.fromkeys(group, 0.0)
    for text, boost in weight.items():
        postings = [sc.postings(f, text)[0] for f in fields]
        w = boost * sc.idf(max(len(p) for p in postings))
        total += w
        for d in group:
            if any(len(p) and p[min(int(np.searchsorted(p, d)), len(p) - 1)] == d for p in postings):
                held[d] += w
    return {d: held[d] / total if total > 0 else 0.0 for d in group}
