"""Searching an index: the engine, its results, facets and suggestions.

Ranking is BM25F computed with numpy over Whoosh's postings (``scoring``);
queries come from ``query``, snippets from ``snippets``.  An engine follows
reindexes by itself: each search checks the live generation and Whoosh's
commit, and opens the new index when either changed.
"""

from __future__ import annotations

import json
import multiprocessing
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from whoosh import index as windex
from whoosh import query as Q
from whoosh.scoring import BM25F

from .analysis import syllables
from . import pairs
from .facets import FacetTable
from .index import IndexMissing, current_generation, write_atomic
from . import query as qmod
from .options import MAX_LIMIT, MAX_PAGE, InvalidParameter, SearchOptions, search_options
from .query import (EN_FIELDS, MAX_QUERY_CHARS, SYNTAX, VI_FIELDS, EntityMatch, FreeText, Terms, build_query,
                    clear_query_lang, entity_filters, flat_terms, parse_query, positive_terms)
from .scoring import Scorer
from .snippets import snippet_html
from .textnorm import fold, has_diacritics, nfc

__all__ = ["Engine", "Hit", "SearchResults", "Document", "open_index", "build_query", "MAX_QUERY_CHARS",
           "MAX_PAGE", "MAX_LIMIT"]

@dataclass
class Hit:
    doc_id: str
    title: str
    lang: str
    date: str | None
    score: float
    snippet: str
    officials: list[str]
    agencies: list[str]
    date_inferred: bool = False
    title_html: str = ""
    translation: str | None = None  # doc_id of its version in the other language

    def to_dict(self) -> dict:
        return {
            "doc_id": self.doc_id, "title": self.title, "lang": self.lang,
            "date": self.date, "date_inferred": self.date_inferred,
            "score": round(self.score, 4), "snippet": self.snippet,
            "officials": self.officials, "agencies": self.agencies, "translation": self.translation,
        }


@dataclass
class SearchResults:
    query: str
    total: int
    took_ms: float
    hits: list[Hit]
    page: int = 1
    limit: int = 10
    facets: dict = field(default_factory=dict)
    suggestion: str | None = None
    # How the matches were chosen when no release holds every word as typed:
    # ("folded", 0, 0), or ("fewer", words held, words in the query).
    loosened: tuple | None = None
    undated: int = 0  # matches a date filter left out for having no date

    @property
    def notice(self) -> str | None:
        """The loosened match in words, for the CLI and the API."""
        if not self.loosened:
            return None
        kind, held, words = self.loosened
        return NOTICES[kind].format(held=held, words=words)

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.limit))

    def to_dict(self) -> dict:
        return {"total": self.total, "took_ms": round(self.took_ms, 2), "notice": self.notice,
                "undated_left_out": self.undated, "hits": [h.to_dict() for h in self.hits]}

    def to_api(self) -> dict:
        """The JSON API's shape: the CLI's plus paging, facets, suggestion."""
        out = self.to_dict()
        out.update(query=self.query, page=self.page, limit=self.limit, pages=self.pages,
                   suggestion=self.suggestion,
                   facets={k: [{"value": v, "count": n} for v, n in items]
                           for k, items in self.facets.items()})
        return out


@dataclass
class Document:
    doc_id: str
    title: str
    lang: str
    date: str | None
    date_inferred: bool
    lead: str
    body: str
    source: str = ""
    url: str = ""
    path: str = ""
    officials: list = field(default_factory=list)
    agencies: list = field(default_factory=list)

    @property
    def text(self) -> str:
        return "\n\n".join(p for p in (self.lead, self.body) if p)

    def to_dict(self) -> dict:
        return dict(self.__dict__)


class _Name(str):
    """An entity name that also answers ``.name`` (and ``.role``/``.acronym``)."""

    name: str
    role: str
    acronym: str
    aliases: list[str]

    def __new__(cls, data: dict):
        obj = super().__new__(cls, data["name"])
        obj.name = data["name"]
        obj.role = data.get("role", "")
        obj.acronym = data.get("acronym", "")
        obj.aliases = data.get("aliases", [])
        return obj


def _document(stored: dict) -> Document:
    return Document(
        doc_id=stored["doc_id"], title=stored["title"], lang=stored["lang"],
        date=stored.get("date"), date_inferred=stored.get("date_inferred", False),
        lead=stored.get("lead", ""), body=stored.get("body", ""),
        source=stored.get("source", ""), url=stored.get("url", ""), path=stored.get("path", ""),
        officials=[_Name(o) for o in stored.get("officials", [])],
        agencies=[_Name(a) for a in stored.get("agencies", [])],
    )


# --- the engine -------------------------------------------------------------------

def open_index(index_dir: str = "index") -> Engine:
    """Open the index in ``index_dir`` for searching (raises IndexMissing)."""
    return Engine(index_dir)


def _date_key(text: str) -> float:
    digits = text.replace("-", "")
    return float(digits) if digits.isdigit() else 0.0


class _Generation:
    """One open index generation: a Whoosh searcher and its numpy scorer."""

    def __init__(self, path: Path):
        ix = windex.open_dir(str(path))
        self.path = path
        self.searcher = ix.searcher(weighting=BM25F(B=0.75, K1=1.2))
        self.scorer = Scorer(self.searcher, [*VI_FIELDS, *EN_FIELDS], folded_fields=VI_FIELDS)
        self._masks: dict[str, np.ndarray] = {}
        self._free: dict[str, tuple[np.ndarray, tuple | None]] = {}
        self._scores: dict[str, np.ndarray] = {}
        self._units: dict[str, str] = {}
        self._dates: np.ndarray | None = None
        self._facets: FacetTable | None = None
        # (file stamp, pairs, doc numbers or None): swapped as one, so a
        # thread never pairs one file's pairs with another's doc numbers.
        self._pairs: tuple[int | None, dict[str, tuple[str, float]] | None, np.ndarray | None] = (-1, {}, None)
        self._is_english: np.ndarray | None = None

    def up_to_date(self) -> bool:
        return self.searcher.up_to_date()

    def close(self) -> None:
        self.searcher.close()

    def filter_mask(self, q: Q.Query) -> np.ndarray:
        key = repr(q)
        mask = self._masks.get(key)
        if mask is None:
            mask = self._match(q)
            if len(self._masks) > 256:
                self._masks.clear()
            self._masks[key] = mask
        return mask

    def _match(self, q: Q.Query) -> np.ndarray:
        """Which releases a query's boolean structure accepts, as arrays:
        terms from the postings cache, AND/OR/NOT as array operations.
        Only phrases ask Whoosh (positions), and only for their own words."""
        sc = self.scorer
        if isinstance(q, FreeText):
            return self.free_text(q, loosen=q.loose)[0]
        if isinstance(q, EntityMatch):
            for key in q.keys:
                named = self._match(key) & sc.live
                if named.any():
                    return named
            return self._match(q.phrase)
        if q is Q.NullQuery:
            return np.zeros(sc.size, dtype=bool)
        if isinstance(q, Q.Term):
            return sc.holding(q.fieldname, q.text)
        if isinstance(q, Q.Every):
            return sc.live.copy()
        if isinstance(q, Q.Not):
            return ~self._match(q.query)
        if isinstance(q, Q.AndNot):
            return self._match(q.a) & ~self._match(q.b)
        if isinstance(q, Q.AndMaybe):
            return self._match(q.a)
        if isinstance(q, (Q.And, Q.Or)):
            parts = [self._match(c) for c in q.children()]
            if not parts:
                return np.zeros(sc.size, dtype=bool)
            return np.logical_and.reduce(parts) if isinstance(q, Q.And) else np.logical_or.reduce(parts)
        if isinstance(q, Q.Phrase) and q.fieldname in sc.folded_fields:
            spelled = self._spelled_phrase(q)
            if spelled is None:
                return np.zeros(sc.size, dtype=bool)
            q = spelled
        with sc.lock:  # phrases, ranges: Whoosh's matchers
            return sc.mask(self.searcher.docs_for_query(q))

    def _spelled_phrase(self, q: Q.Phrase) -> Q.Query | None:
        """A phrase of diacritic-free syllables as a sequence of "any
        indexed spelling" alternatives, which Whoosh matches by position."""
        parts: list[Q.Query] = []
        for word in q.words:
            spellings = self.scorer.variants(q.fieldname, word)
            if not spellings:
                return None
            terms = [Q.Term(q.fieldname, s) for s in spellings]
            parts.append(terms[0] if len(terms) == 1 else Q.Or(terms))
        return Q.Sequence(parts)

    @property
    def dates(self) -> np.ndarray:
        if self._dates is None:
            self._dates = self.scorer.term_array("date", _date_key)
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

    def free_text(self, node: FreeText, loosen: bool = True) -> tuple[np.ndarray, tuple | None]:
        """The releases plain words match, and how the match was loosened
        when no release holds every word as typed (see ``_free_uncached``;
        ``loosen`` False: then nothing matches).  A release's translation
        matches with it: it is the same release."""
        key = f"{loosen} {node!r}"
        found = self._free.get(key)
        if found is None:
            found = self._free_uncached(node, loosen)
            if len(self._free) > 256:
                self._free.clear()
            self._free[key] = found
        return found

    def _free_uncached(self, node: FreeText, loosen: bool) -> tuple[np.ndarray, tuple | None]:
        live = self.scorer.live
        words = node.words
        if not words:  # only function words: any of them
            return self._match(Q.Or(list(node.children()))) & live, None
        near = None
        if loosen and (node.size >= LONG_QUERY or node.question):
            near = self._near_misses(node)
        # As typed; then, for a tone mark typed wrong, the words as if typed
        # without diacritics (grouped again: "tham nhùng" is "tham nhung").
        levels: list[tuple[tuple, bool, tuple | None]] = [(words, True, None)]
        if loosen and any(w.accented for w in words):
            levels.append((node.folded_words or words, False, ("folded", 0, 0)))
        counts = np.zeros(0)
        for level_words, as_typed, note in levels:
            counts = self._held(level_words, as_typed) * live
            hit = counts >= len(level_words)
            if hit.any():
                return self._with_twin_docs(_either(hit, near)), note
        best = int(counts.max()) if counts.size else 0
        if best == 0 or not loosen:
            return np.zeros(self.scorer.size, dtype=bool), None
        n = len(levels[-1][0])
        return self._with_twin_docs(_either(counts >= best, near)), ("fewer", best, n)

    def _near_misses(self, node: FreeText) -> np.ndarray:
        """Releases scoring at least ``NEAR_MISS`` of the best release of
        their language: a question or a sentence uses other words than the
        release it is about, yet that release ranks near the top."""
        scores = self.plain_scores(node, None)
        live = self.scorer.live & (scores > 0)
        out = np.zeros(self.scorer.size, dtype=bool)
        for side in (self.is_english, ~self.is_english):
            group = live & side
            if group.any():
                out |= group & (scores >= np.float32(NEAR_MISS) * scores[group].max())
        return out

    def plain_scores(self, node: FreeText, sources: np.ndarray | None) -> np.ndarray:
        """BM25F of a plain query over every release (``sources``: the
        releases that set the cross-language scale; None: all of them).
        The unfiltered scores are kept for the next call (a copy is given)."""
        flat = flat_terms(node) or []
        if sources is None:
            key = repr(node)
            cached = self._scores.get(key)
            if cached is None:
                cached = self._scored(flat, node.lang_hint, None)
                if len(self._scores) > 8:
                    self._scores.clear()
                self._scores[key] = cached
            return cached.copy()
        return self._scored(flat, node.lang_hint, sources)

    def _scored(self, flat, lang: str | None, sources) -> np.ndarray:
        if flat and lang and qmod.CROSS_SCALE:
            return self._cross_scaled(flat, lang, sources)
        return self.scorer.scores(flat, qmod.FIELD_WEIGHTS)

    def _held(self, words, as_typed: bool) -> np.ndarray:
        """Per release, how many of ``words`` it holds (``as_typed``: words
        typed with diacritics must carry them)."""
        counts = np.zeros(self.scorer.size, dtype=np.int16)
        for word in words:
            holds = np.zeros(self.scorer.size, dtype=bool)
            for opt in word.options:
                exact = opt.exact and as_typed
                every = None
                for term in opt.terms:
                    text = term if exact else fold(term)
                    where = np.logical_or.reduce([self.scorer.holding(f, text, exact) for f in opt.fields])
                    every = where if every is None else (every & where)
                for pair in opt.pairs:  # the syllables side by side, not scattered
                    where = self.scorer.holding(PAIRS, pair, True)
                    if pair.count("_") == 2 and not where.any():
                        continue  # runs of three are kept for names only: not asked of the rest
                    every = where if every is None else (every & where)
                if every is not None:
                    holds |= every
            counts += holds
        return counts

    def unit_kind(self, folded: str) -> str:
        """What syllables joined by "_" ("bo_cong_an") are here: "name:" and
        its spelling (an official or agency the index holds), "word" or
        "rare word" (a compound pyvi found in many releases, or in a few),
        or "" (see ``query.Lookup``)."""
        found = self._units.get(folded)
        if found is None:
            name = self.facets.entity_spelling(folded.replace("_", " "))
            if name:
                found = "name:" + name
            else:
                found = _word_kind(sum(self.scorer.rough_frequency(f, folded) for f in ("title", "body")))
            if len(self._units) > 100_000:
                self._units.clear()
            self._units[folded] = found
        return found

    def _with_twin_docs(self, mask: np.ndarray) -> np.ndarray:
        twin = self.twin_docnums[mask]
        out = mask.copy()
        out[twin[twin >= 0]] = True
        return out

    def narrowing(self, f: Narrowing) -> tuple[np.ndarray | None, ...]:
        """The filter as masks: language, officials and agencies, date
        range, and the undated releases (None where nothing narrows)."""
        language = None
        if f.langs is not None:
            language = np.zeros(self.scorer.size, dtype=bool)
            if "en" in f.langs:
                language |= self.is_english
            if "vi" in f.langs:
                language |= ~self.is_english
        entity = None
        for q in f.entities:
            entity = _both(entity, self.filter_mask(q))
        within = undated = None
        if f.date_from or f.date_to:
            dates = self.dates
            low = _date_key(f.date_from) if f.date_from else 1.0
            high = _date_key(f.date_to) if f.date_to else float("inf")
            undated = dates <= 0
            within = (dates >= low) & (dates <= high)
            if f.include_undated:
                within |= undated
        return language, entity, within, undated

    def ranked(self, q, f: Narrowing | None, offset: int, count: int, sort: str,
               lang: str | None = None) -> _Ranking:
        """One page of doc numbers, every match, scores, the notice.
        ``lang``, the plain query's language, puts matches in the other
        language on the scale of same-language ones (``_cross_scaled``);
        a strong hit's translation follows it (``_with_twins``)."""
        if q is None and f is None:
            return _Ranking([], None, [])
        structure, notice = self._structure(q)
        language, entity, within, undated = self.narrowing(f) if f is not None else (None,) * 4
        rest = _both(entity, within)
        # The ranking is computed without the language filter, so a language
        # filter shows the same ranking, restricted (the other language's
        # hits still set the scale and bring in their translations).
        sources = _both(rest, structure)
        mask = _both(sources, language)
        flat = flat_terms(q) if q is not None else []
        plain = flat is not None
        if flat is None:
            flat = positive_terms(q)
        if isinstance(q, FreeText):
            scores = self.plain_scores(q, None if rest is None else sources)
        elif flat and lang and plain and qmod.CROSS_SCALE:
            scores = self._cross_scaled(flat, lang, sources)
        elif flat:
            scores = self.scorer.scores(flat, qmod.FIELD_WEIGHTS)
        else:  # filters only: every release that passes them, newest first
            scores = np.ones(self.scorer.size, dtype=np.float32)
            sort = "date"
        if structure is not None:  # a match that no scored term reached still counts
            scores[structure & (scores <= 0)] = np.float32(1e-6)
        order = self.dates if sort == "date" else None
        if order is None and qmod.PAIR_SCALE:
            # A fixed depth, not the page's: every page cuts the same ranking.
            self._with_twins(scores, flat, sources, mask, max(qmod.PAIR_DEPTH, offset + count))
        docnums, matched = self.scorer.top(scores, mask, offset, count, order)
        left_out = 0
        if undated is not None and f is not None and not f.include_undated:
            held = _both(_both(_both(structure, language), entity), undated)
            left_out = int(np.count_nonzero(held & (scores > 0) & self.scorer.live)) if held is not None else 0
        return _Ranking(list(docnums), matched, [float(scores[d]) for d in docnums], notice, left_out)

    def _structure(self, q) -> tuple[np.ndarray | None, tuple | None]:
        """Which releases the query's words admit (None: any that scores,
        for internal plain ORs), and the notice of a loosened match."""
        if isinstance(q, FreeText):
            return self.free_text(q, loosen=q.loose)
        runs = _free_nodes(q) if q is not None else []
        if q is None or (flat_terms(q) is not None and not runs):
            return None, None
        notes = (self.free_text(n, loosen=n.loose)[1] for n in runs)
        return self._with_twin_docs(self.filter_mask(q)), next((n for n in notes if n), None)

    def _with_twins(self, scores: np.ndarray, flat, sources, mask, count: int) -> None:
        """Raise the translation of each of the top ``count`` hits (among
        ``sources``) to ``PAIR_SCALE`` times the hit's score: the same
        release in the other language comes just after it, not pages later
        on the few words the lexicon carries across.  A hit that holds only
        part of the query (``coverage``: an English story on "police
        arrest" for "police arrested drug traffickers in Nghe An") passes
        on that much less.  In place."""
        twin = self.twin_docnums
        if not (twin >= 0).any():
            return
        best, _ = self.scorer.top(scores, sources, 0, count)
        top = [int(d) for d in best if twin[d] >= 0 and (mask is None or mask[twin[d]])]
        if not top:
            return
        share = self.coverage(flat, top)
        for d in top:
            t = twin[d]
            scores[t] = max(scores[t], np.float32(qmod.PAIR_SCALE * _passed_on(share[d])) * scores[d])

    def coverage(self, flat, docs) -> dict[int, float]:
        """How much of the query each of ``docs`` holds, in the fields of its
        own language: the idf-weighted share of the query's distinct terms
        there.  A word no release of that language has counts as missing."""
        is_en = self.is_english
        sc = self.scorer
        out: dict[int, float] = {}
        for english in (True, False):
            group = [d for d in docs if bool(is_en[d]) == english]
            if not group:
                continue
            fields = qmod.EN_FIELDS if english else qmod.VI_FIELDS
            weight: dict[str, float] = {}
            for fname, text, boost in flat:
                # Vietnamese: plain syllables only; a compound is its
                # syllables again, most query n-grams are no word at all.
                if fname in fields and boost > 0 and (english or ("_" not in text and fold(text) == text)):
                    weight[text] = max(weight.get(text, 0.0), boost)
            total = 0.0
            held = dict.fromkeys(group, 0.0)
            for text, boost in weight.items():
                postings = [sc.postings(f, text)[0] for f in fields]
                w = boost * sc.idf(max(len(p) for p in postings))
                total += w
                for d in group:
                    if any(len(p) and p[min(np.searchsorted(p, d), len(p) - 1)] == d for p in postings):
                        held[d] += w
            for d in group:
                out[d] = held[d] / total if total > 0 else 0.0
        return out

    def _pair_state(self):
        path = self.path / TRANSLATIONS
        try:
            stamp = path.stat().st_mtime_ns
        except OSError:
            stamp = None
        state = self._pairs
        if state[0] != stamp:
            state = self._pairs = (stamp, _read_twins(path), None)
        return state

    @property
    def twins(self) -> dict[str, tuple[str, float]]:
        """Translation pairs of this index, both directions (``link_translations``
        writes them after each reindex; re-read when that file changes)."""
        return self._pair_state()[1] or {}

    @property
    def twin_docnums(self) -> np.ndarray:
        """Per document number, its translation's number (-1: none, or the
        translation is no longer in the index)."""
        state = self._pair_state()
        stamp, twins, docnums = state
        if docnums is None:
            docnums = np.full(self.scorer.size, -1, dtype=np.int64)
            with self.scorer.lock:
                number = {i: self.searcher.document_number(doc_id=i) for i in (twins or {})}
            for a, (b, _) in (twins or {}).items():
                if number.get(a) is not None and number.get(b) is not None:
                    docnums[number[a]] = number[b]
            if self._pairs is state:
                self._pairs = (stamp, twins, docnums)
        return docnums

    def translation_of(self, docnum: int, doc_id: str) -> str | None:
        """The doc_id of a release's translation while both are in the index."""
        return self.twins.get(doc_id, (None,))[0] if self.twin_docnums[docnum] >= 0 else None

    def candidates(self, doc: Document) -> list[tuple[float, str]]:
        """Releases in the other language that may be ``doc``'s translation,
        with their ``pairs.release_similarity``: the best hits for its title
        and opening (translated), and for the names and numbers it holds
        (a translation keeps them; in a large index the translated words
        alone can leave the twin outside the first few hits)."""
        other = "vi" if doc.lang == "en" else "en"
        words = SYNTAX.sub(" ", f"{doc.title} {doc.lead or doc.body}").split()
        by_text = qmod.translation_query(" ".join(words[:pairs.QUERY_WORDS]), other)
        first = self._candidate_hits(by_text, other)
        out = self._similar(doc, first)
        if max((score for score, _ in out), default=0.0) < pairs.SURE_SIMILARITY:
            anchors = sorted(pairs.anchors(pairs.profile(doc)))[:pairs.QUERY_WORDS]
            more = self._candidate_hits(qmod.anchor_query(anchors, other), other)
            out += self._similar(doc, [d for d in more if d not in first])
        return out

    def _similar(self, doc: Document, docnums) -> list[tuple[float, str]]:
        out = []
        for d in docnums:
            cand = _document(self.stored(d)["release"])
            out.append((pairs.release_similarity(doc, cand), cand.doc_id))
        return out

    def _candidate_hits(self, q, lang: str) -> list[int]:
        if q is None:
            return []
        # Words in many releases cannot single a translation out, and their
        # postings are the costly ones to read: left out.
        common = max(pairs.COMMON_MIN, pairs.COMMON_SHARE * self.scorer.doc_count)
        kept = [t for t in q.children() if self.scorer.rough_frequency(t.fieldname, t.text) <= common]
        if not kept:
            return []
        found = self.ranked(Q.Or(kept), Narrowing(langs=frozenset({lang})), 0, pairs.CANDIDATES, "relevance")
        return found.docnums

    def _cross_scaled(self, flat, lang: str, mask) -> np.ndarray:
        """Scores where the best release in the other language stands at
        ``CROSS_SCALE`` times the best same-language one.  Raw scores of
        the two are not comparable: a Vietnamese query matches every
        Vietnamese release on common syllables, while its few translated
        words reach the English release it is about with a small score."""
        scores = self.scorer.scores(flat, qmod.FIELD_WEIGHTS)
        is_en = self.is_english
        live = self.scorer.live if mask is None else (self.scorer.live & mask)
        same = live & (is_en if lang == "en" else ~is_en)
        other = live & (~is_en if lang == "en" else is_en)
        top_same = float(scores[same].max()) if same.any() else 0.0
        top_other = float(scores[other].max()) if other.any() else 0.0
        if top_same > 0 and top_other > 0:
            scores[other] *= np.float32(qmod.CROSS_SCALE * top_same / top_other)
        return scores

    def stored(self, docnum: int) -> dict:
        with self.scorer.lock:
            return self.searcher.stored_fields(int(docnum))  # type: ignore[attr-defined]  # Searcher has it


class Engine:
    """Searches one index folder; picks up reindexes without reopening."""

    def __init__(self, index_dir: str = "index"):
        self.index_dir = Path(index_dir)
        self._lock = threading.Lock()
        self._gen: _Generation | None = None
        self._open()

    def _open(self) -> None:
        path = current_generation(self.index_dir)
        if path is None:
            raise IndexMissing(f"no index in {self.index_dir}: run `searcher reindex --index {self.index_dir}`")
        try:
            gen = _Generation(path)
        except Exception as exc:
            raise IndexMissing(f"the index in {self.index_dir} cannot be read ({exc}); "
                               f"run `searcher reindex --full --index {self.index_dir}`") from None
        self._gen = gen  # the old one is left to the garbage collector: a
        # request in another thread may still be reading it

    def _current(self) -> _Generation:
        """The newest committed index (cheap when unchanged).

        A fresh searcher, not Searcher.refresh(): refresh() reuses the reader
        of a segment whose deletions changed and keeps showing releases a
        reindex removed.
        """
        with self._lock:
            gen = self._gen
            if gen is None or current_generation(self.index_dir) != gen.path or not gen.up_to_date():
                self._open()
            assert self._gen is not None  # _open sets it or raises
            return self._gen

    @property
    def doc_count(self) -> int:
        return self._current().scorer.doc_count

    def close(self) -> None:
        if self._gen is not None:
            self._gen.close()

    def search(self, query: str | None, limit: int = 10, page: int = 1, lang: str | None = None,
               date_from: str | None = None, date_to: str | None = None,
               official: str | None = None, agency: str | None = None,
               sort: str = "relevance", facets: bool = False,
               include_undated: bool = False) -> SearchResults:
        """Ranked, highlighted releases for ``query``.

        Raises ValueError naming a bad parameter (see ``options``); any
        query text is accepted.  A date range leaves out undated releases
        unless ``include_undated``; ``SearchResults.undated`` says how many.
        With ``facets`` the results also carry facet counts over all matches
        and, when the query finds little or lacks diacritics, a suggestion.
        """
        started = time.perf_counter()
        opts = search_options(limit, page, lang, date_from, date_to, official, agency, sort, include_undated)
        text = _query_text(query)
        gen = self._current()
        parsed = parse_query(text, gen.unit_kind)
        found = gen.ranked(parsed.query, _narrowing(opts, parsed), (opts.page - 1) * opts.limit,
                           opts.limit, opts.sort, clear_query_lang(text))
        total = int(found.matched.sum()) if found.matched is not None else 0
        hits = [self._hit(gen.stored(d), s, parsed.terms) for d, s in zip(found.docnums, found.scores, strict=True)]
        for hit, d in zip(hits, found.docnums, strict=True):
            hit.translation = gen.translation_of(d, hit.doc_id)
        res = SearchResults(text, total, 0.0, hits, opts.page, opts.limit, loosened=found.loosened,
                            undated=found.undated)
        if facets:
            if found.matched is not None:
                res.facets = gen.facets.counts(found.matched)
            res.suggestion = self._suggest(gen, text, total)
        res.took_ms = _ms(started)
        return res

    def _suggest(self, gen: _Generation, query: str, total: int) -> str | None:
        """A better spelling of the query: an official's or agency's usual
        spelling for a name typed without diacritics, or, when the query
        finds little, its unknown words replaced by close indexed words."""
        text = nfc(query.replace("\x00", " ")).strip()[:200]
        if not text or SYNTAX.search(text):
            return None
        known = gen.facets.entity_spelling(text)
        if known and known != text and not has_diacritics(text):
            return known
        if total >= 3:
            return None
        respelled = _respell(gen.scorer, text)
        if respelled:
            return gen.facets.entity_spelling(respelled) or respelled
        return None

    def rank(self, query: str | None, limit: int = 10, lang: str | None = None) -> list[str]:
        """Only the ids of the top releases (in ``lang`` only, when given):
        the ranking without snippets.  Raises ValueError for a bad value."""
        opts = search_options(limit=limit, lang=lang)
        text = _query_text(query)
        gen = self._current()
        parsed = parse_query(text, gen.unit_kind)
        found = gen.ranked(parsed.query, _narrowing(opts, parsed), 0, opts.limit, "relevance",
                           clear_query_lang(text))
        return [gen.stored(d)["doc_id"] for d in found.docnums]

    def _hit(self, stored: dict, score: float, terms: Terms) -> Hit:
        doc = _document(stored["release"])
        return Hit(
            doc_id=doc.doc_id, title=doc.title, lang=doc.lang, date=doc.date,
            score=score, snippet=snippet_html(doc.text, doc.lang, terms),
            officials=[o.name for o in doc.officials], agencies=[a.name for a in doc.agencies],
            date_inferred=doc.date_inferred,
            title_html=snippet_html(doc.title, doc.lang, terms, whole=True),
        )

    def document(self, doc_id: str) -> Document | None:
        """The whole release, or None when no release has that id."""
        if not isinstance(doc_id, str) or not doc_id:
            return None
        gen = self._current()
        with gen.scorer.lock:
            stored = gen.searcher.document(doc_id=doc_id)
        return _document(stored["release"]) if stored else None

    def translation(self, doc_id: str) -> Document | None:
        """The release's version in the other language, when the index holds
        one (see ``link_translations``); None otherwise or for an unknown id."""
        if not isinstance(doc_id, str):
            return None
        gen = self._current()
        found = gen.twins.get(doc_id)
        return self.document(found[0]) if found and self.document(doc_id) else None

    def highlight(self, text: str, lang: str, query: str | Terms, within: str | None = None) -> str:
        """``text`` as safe HTML with the words of ``query`` (a query string,
        or the terms of one, built once per page) marked; ``within``: the
        whole release ``text`` is part of, whose words decide the looser
        rules (a syllable marked alone)."""
        terms = query if isinstance(query, Terms) else build_query(query or "")[1]
        return snippet_html(text, lang, terms, whole=True, within=within)

    @staticmethod
    def query_terms(query: str) -> Terms:
        """What a query marks (for ``highlight`` over many paragraphs)."""
        return build_query(query or "")[1]


def _query_text(query: object) -> str:
    if query is None:
        return ""
    if not isinstance(query, str):
        raise InvalidParameter(f"query must be text (got {type(query).__name__})")
    return query


def _narrowing(opts: SearchOptions, parsed) -> Narrowing | None:
    """The filters of the parameters and of the query's ``lang:``, one
    intersection; None when nothing narrows."""
    langs = parsed.langs
    if opts.lang:
        langs = frozenset({opts.lang}) if langs is None else (langs & {opts.lang})
    entities = tuple(entity_filters(opts.official, opts.agency, parsed.terms))
    if langs is None and not entities and not opts.dated:
        return None
    return Narrowing(langs, opts.date_from, opts.date_to, opts.include_undated, entities)


def _passed_on(share: float) -> float:
    """How much of a hit's score its translation inherits, by the share of
    the query the hit holds: nothing up to ``COVERAGE_NONE``, all from
    ``COVERAGE_FULL``, linear between."""
    low, high = qmod.COVERAGE_NONE, qmod.COVERAGE_FULL
    if high <= low:
        return 1.0
    return min(1.0, max(0.0, (share - low) / (high - low)))


def _both(a: np.ndarray | None, b: np.ndarray | None) -> np.ndarray | None:
    """The intersection of two masks, None standing for "everything"."""
    if a is None:
        return b
    return a if b is None else (a & b)


# How plain words match (README "What matches").  A release matches when it
# holds every content word; for a question or a query of ``LONG_QUERY``
# content words or more, also when it scores ``NEAR_MISS`` of the best
# release in its language (docs/evaluation.md: the share that keeps every
# ranking figure).
LONG_QUERY = 5  # content syllables
NEAR_MISS = 0.5
MIN_WORD_RELEASES = 2  # a compound in fewer releases may be a segmentation slip
COMMON_WORD_RELEASES = 50  # ... in this many, a common word ("bảo vệ", not "cửa xe" for "của Xê")


def _word_kind(releases: int) -> str:
    if releases >= COMMON_WORD_RELEASES:
        return "word"
    return "rare word" if releases >= MIN_WORD_RELEASES else ""
NOTICES = {
    "folded": "No release holds every word with the diacritics typed; showing those that hold them without.",
    "fewer": "No release holds all the words; showing those that hold {held} of {words}.",
}


def _free_nodes(q: Q.Query) -> list[FreeText]:
    """The plain-word runs of a structured query outside its negations."""
    if isinstance(q, FreeText):
        return [q]
    if isinstance(q, Q.Not):
        return []
    if isinstance(q, Q.AndNot):
        return _free_nodes(q.a)
    if isinstance(q, Q.compound.CompoundQuery):
        return [n for c in q.children() for n in _free_nodes(c)]
    return []


def _either(a: np.ndarray, b: np.ndarray | None) -> np.ndarray:
    return a if b is None else (a | b)


@dataclass(frozen=True)
class Narrowing:
    """What narrows a search besides its words: languages (None: any),
    an inclusive ISO date range, officials and agencies as entity matches."""

    langs: frozenset[str] | None = None
    date_from: str | None = None
    date_to: str | None = None
    include_undated: bool = False
    entities: tuple = ()


@dataclass
class _Ranking:
    docnums: list[int]
    matched: np.ndarray | None
    scores: list[float]
    loosened: tuple | None = None
    undated: int = 0


# --- translation pairs --------------------------------------------------------

TRANSLATIONS = "translations.json"
PAIRS = "pairs"  # the index field of adjacent syllable pairs


def _read_twins(path: Path) -> dict[str, tuple[str, float]] | None:
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


_PARALLEL_LINKING = 200  # releases to search from before a second process pays off


def _candidate_edges(gen: _Generation, sources) -> list[tuple[float, str, str]]:
    edges: list[tuple[float, str, str]] = []
    for d in sources:
        doc = _document(gen.stored(d)["release"])
        edges.extend((score, doc.doc_id, other) for score, other in gen.candidates(doc))
    return edges


def _edges_in(gen_path: str, sources: list[int]) -> list[tuple[float, str, str]]:
    """``_candidate_edges`` in a worker process, over its own searcher."""
    gen = _Generation(Path(gen_path))
    try:
        return _candidate_edges(gen, sources)
    finally:
        gen.close()


def link_translations(gen_path: str | Path, fresh: set[str] | None = None, workers: int = 1) -> int:
    """Pair the releases of one index generation with their versions in the
    other language and write the pairs beside it (``translations.json``).

    A full run searches from each release of the smaller language; an
    incremental one (``fresh``: ids a reindex added or changed) keeps the
    pairs of untouched releases and searches only from fresh releases and
    those whose partner went away.  ``workers`` processes search when
    there are many releases to search from.  Returns the number of pairs."""
    gen_path = Path(gen_path)
    gen = _Generation(gen_path)
    try:
        live = gen.scorer.live
        is_en = gen.is_english
        n_en, n_vi = int((live & is_en).sum()), int((live & ~is_en).sum())
        kept: dict[str, tuple[str, float]] = {}
        if n_en == 0 or n_vi == 0:
            sources: list[int] = []
        elif fresh is None:
            side = is_en if n_en <= n_vi else ~is_en
            sources = list(np.flatnonzero(live & side))
        else:
            if gen._pair_state()[1] is None:  # the old pairs cannot be read: relink everything
                return link_translations(gen_path, None, workers)
            with gen.scorer.lock:
                number = {i: gen.searcher.document_number(doc_id=i) for i in set(gen.twins) | fresh}
            alive = {i for i, d in number.items() if d is not None and live[d]}
            kept = {a: v for a, v in gen.twins.items()
                    if a in alive and v[0] in alive and a not in fresh and v[0] not in fresh}
            sources = [int(number[i] or 0) for i in sorted(alive - set(kept))
                       if i in fresh or i in gen.twins]  # alive ids all have a number
        parallel = len(sources) >= _PARALLEL_LINKING and workers >= 2
        if not parallel:
            edges = _candidate_edges(gen, sources)
    finally:
        gen.close()
    if parallel:
        chunks = [(str(gen_path), [int(d) for d in sources[i::workers]]) for i in range(workers)]
        with multiprocessing.get_context("fork").Pool(workers) as pool:
            edges = [e for part in pool.starmap(_edges_in, chunks) for e in part]
    found = pairs.assign(edges, kept)
    rows = sorted({tuple(sorted((a, b))) + (round(v, 4),) for a, (b, v) in found.items()})
    write_atomic(gen_path / TRANSLATIONS, json.dumps({"pairs": rows}, ensure_ascii=False))
    return len(rows)


def _respell(scorer: Scorer, text: str) -> str | None:
    """Replace words no release contains by the most frequent indexed word
    within one or two edits (folded forms: diacritics are not guessed)."""
    changed = False
    out = text
    for word, start, end in reversed(syllables(text)):
        folded = fold(word.lower())
        if len(folded) < 3 or any(scorer.doc_frequency(f, folded) for f in ("body", "title", "body_en")):
            continue
        best, best_df = None, 0
        for cand in scorer.near_terms("body", folded, 1 if len(folded) < 6 else 2):
            df = scorer.doc_frequency("body", cand)
            if df > best_df:
                best, best_df = cand, df
        if best:
            if word.isupper():
                best = best.upper()
            elif word[:1].isupper():
                best = best.capitalize()
            out = out[:start] + best + out[end:]
            changed = True
    return out if changed else None


def _ms(started: float) -> float:
    return (time.perf_counter() - started) * 1000.0
