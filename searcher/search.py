"""Searching an index: query building, ranking, filters and snippets.

A free-text query is run through the same analysers as the documents and
expanded, per field, into weighted terms:

* every syllable in its folded form (so "bo cong an" and "Bộ Công an" meet),
  plus, when the user typed diacritics, the exact form with extra weight, so
  exact matches rank above merely folded ones;
* adjacent syllable pairs and triples as compound-word terms ("công_an"):
  they match pyvi's compounds in the document however pyvi split the query,
  and act as a cheap proximity boost;
* the English analysis (stemmed, folded) against the English fields.

Query syntax ("phrases", field:value, AND/OR/NOT, -word) is parsed with
Whoosh's query parser and each leaf is expanded the same way; anything the
parser cannot make sense of falls back to plain words.
"""

from __future__ import annotations

import html
import re
import threading


import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

import numpy as np
from whoosh import index as windex
from whoosh import qparser, query as Q
from whoosh.analysis import CharsetFilter, LowercaseFilter
from whoosh.highlight import ContextFragmenter, Formatter, WholeFragmenter, get_text, highlight
from whoosh.scoring import BM25F
from whoosh.support.charset import accent_map

from . import gazetteer as gz
from .analysis import ENGLISH_STOP_WORDS, VietnameseTokenizer, english_analyzer, syllables, vietnamese_analyzer
from .entities import entity_key
from .index import IndexMissing, current_generation
from .facets import FacetTable
from .scoring import Scorer
from .textnorm import canonical_tone, fold, has_diacritics, nfc

__all__ = ["Engine", "Hit", "SearchResults", "Document", "open_index", "MAX_QUERY_CHARS"]

MAX_QUERY_CHARS = 1000
MAX_PAGE = 1000
MAX_LIMIT = 100

# Field weights (BM25F): what a release is about is in its title and in who
# and what it names; lead and body carry the detail.
VI_FIELDS = {"title": 5.0, "officials": 2.0, "agencies": 2.0, "lead": 1.5, "body": 1.0}
EN_FIELDS = {"title_en": 5.0, "lead_en": 1.5, "body_en": 1.0}
FIELD_WEIGHTS = {**VI_FIELDS, **EN_FIELDS}
EXACT_BONUS = 0.5     # extra weight of a diacritic-exact syllable over its folded form
COMPOUND_WEIGHT = 0.15 # weight of a two/three-syllable compound term
FUNCTION_WEIGHT = 0.15  # weight of question and function words ("bao nhiêu", "của")
MAX_GRAM = 3          # longest run of query syllables tried as a compound
COMPOUND_FIELDS: frozenset | None = None  # fields that get compound terms (None: all)
CROSS_LANGUAGE_WEIGHT = 0.6  # the other language's fields, for a query in one language
FIELD_ALIASES = {
    "title": ["title", "title_en"],
    "official": ["officials"],
    "officials": ["officials"],
    "agency": ["agencies"],
    "agencies": ["agencies"],
    "body": ["lead", "body", "lead_en", "body_en"],
}

_VI_ANALYZER = vietnamese_analyzer()
_EN_ANALYZER = english_analyzer()
_HIGHLIGHT_VI = VietnameseTokenizer(segment=False) | LowercaseFilter() | CharsetFilter(accent_map)


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

    def to_dict(self) -> dict:
        return {
            "doc_id": self.doc_id, "title": self.title, "lang": self.lang,
            "date": self.date, "score": round(self.score, 4), "snippet": self.snippet,
            "officials": self.officials, "agencies": self.agencies,
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

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.limit))

    def to_dict(self) -> dict:
        return {"total": self.total, "took_ms": round(self.took_ms, 2),
                "hits": [h.to_dict() for h in self.hits]}

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


# --- query building -------------------------------------------------------------

@dataclass
class _Terms:
    """Query terms collected for snippets: folded Vietnamese syllables and
    English stems."""

    vi: set[str] = field(default_factory=set)
    en: set[str] = field(default_factory=set)


def _vi_units(text: str) -> list[tuple[str, str]]:
    """(exact, folded) per query syllable, tone marks canonical."""
    units = []
    for t in VietnameseTokenizer(segment=False)(nfc(text)):
        exact = canonical_tone(t.text.lower())
        units.append((exact, fold(exact)))
    return units


def query_lang(text: str) -> str:
    """'en' only for a query that reads as English (its function words
    outnumber Vietnamese ones); anything else may be Vietnamese typed
    without diacritics, so it is 'vi'."""
    if has_diacritics(text):
        return "vi"
    words = re.findall(r"[a-z]+", text.lower())
    en = sum(1 for w in words if w in ENGLISH_STOP_WORDS)
    vi = sum(1 for w in words if w in gz.QUERY_FUNCTION_WORDS_FOLDED)
    return "en" if en > vi else "vi"


def _unit_weight(exact: str, folded: str, accented: bool) -> float:
    if accented:
        function = exact.replace("_", " ") in gz.QUERY_FUNCTION_WORDS_VI
    else:
        function = folded in gz.QUERY_FUNCTION_WORDS_FOLDED
    return FUNCTION_WEIGHT if function else 1.0


def _vi_query(text: str, fields: dict[str, float], terms: _Terms, lang: str) -> list[Q.Query]:
    units = _vi_units(text)
    if lang == "en":  # English words are not Vietnamese syllables
        units = [u for u in units if u[1] not in ENGLISH_STOP_WORDS]
    if not units:
        return []
    accented = has_diacritics(text)
    side = 1.0 if lang == "vi" else CROSS_LANGUAGE_WEIGHT
    weighted: list[tuple[str, str, float]] = []
    for exact, folded in units:
        weighted.append((exact, folded, _unit_weight(exact, folded, accented)))
        terms.vi.add(folded)
    for n in range(2, MAX_GRAM + 1):
        for i in range(len(units) - n + 1):
            chunk = units[i:i + n]
            exact = "_".join(u[0] for u in chunk)
            folded = "_".join(u[1] for u in chunk)
            w = _unit_weight(exact, folded, accented)
            weighted.append((exact, folded, COMPOUND_WEIGHT * (1.0 if w == 1.0 else FUNCTION_WEIGHT)))
    clauses: list[Q.Query] = []
    for fname, fweight in fields.items():
        for exact, folded, w in weighted:
            if "_" in folded and COMPOUND_FIELDS is not None and fname not in COMPOUND_FIELDS:
                continue
            clauses.append(Q.Term(fname, folded, boost=fweight * w * side))
            if accented and exact != folded and "_" not in exact:
                clauses.append(Q.Term(fname, exact, boost=fweight * w * side * EXACT_BONUS))
    return clauses


def _en_query(text: str, fields: dict[str, float], terms: _Terms, lang: str) -> list[Q.Query]:
    stems = [t.text for t in _EN_ANALYZER(nfc(text))]
    terms.en.update(stems)
    side = 1.0 if lang == "en" else CROSS_LANGUAGE_WEIGHT
    return [Q.Term(f, s, boost=w * side) for f, w in fields.items() for s in dict.fromkeys(stems)]


def _free_text(text: str, fields: Iterable[str] | None, terms: _Terms) -> Q.Query | None:
    vi = VI_FIELDS if fields is None else {f: VI_FIELDS[f] for f in fields if f in VI_FIELDS}
    en = EN_FIELDS if fields is None else {f: EN_FIELDS[f] for f in fields if f in EN_FIELDS}
    lang = query_lang(text)
    clauses = _vi_query(text, vi, terms, lang) + _en_query(text, en, terms, lang)
    return Q.Or(clauses) if clauses else None


def _phrase(words: list[str], fields: Iterable[str] | None, terms: _Terms) -> Q.Query | None:
    text = " ".join(words)
    fields = list(fields) if fields is not None else [*VI_FIELDS, *EN_FIELDS]
    units = _vi_units(text)
    stems = [t.text for t in _EN_ANALYZER(nfc(text))]
    terms.vi.update(u[1] for u in units)
    terms.en.update(stems)
    clauses: list[Q.Query] = []
    for f in fields:
        if f in VI_FIELDS and units:
            seq = [u[1] for u in units]
            clauses.append(Q.Phrase(f, seq, boost=VI_FIELDS[f]) if len(seq) > 1 else Q.Term(f, seq[0], boost=VI_FIELDS[f]))
        elif f in EN_FIELDS and stems:
            clauses.append(Q.Phrase(f, stems, boost=EN_FIELDS[f]) if len(stems) > 1 else Q.Term(f, stems[0], boost=EN_FIELDS[f]))
    return Q.Or(clauses) if clauses else None


# Query syntax: quotes, parentheses, operators, a -/+ before a word (not a
# number: "S -400", "B -52" are names), and the known field prefixes.
_FIELD_PREFIX = r"\b(?:title|official|officials|agency|agencies|lang|body):"
_SYNTAX = re.compile(r'["()]|\b(AND|OR|NOT)\b|(^|\s)[-+](?=[^\W\d_]|["(])|' + _FIELD_PREFIX)
_LONE_SIGN = re.compile(r"(^|\s)[-+](?=[\d\s]|$)")
_PARSER_FIELDS = ("text", "title", "official", "officials", "agency", "agencies", "body", "lang")


def _make_parser() -> qparser.QueryParser:
    from whoosh.fields import TEXT, Schema
    from whoosh.analysis import SpaceSeparatedTokenizer

    raw = Schema(**{f: TEXT(analyzer=SpaceSeparatedTokenizer()) for f in _PARSER_FIELDS})
    parser = qparser.QueryParser("text", raw, group=qparser.OrGroup)
    for plugin in (qparser.WildcardPlugin, qparser.RangePlugin, qparser.BoostPlugin,
                   qparser.EveryPlugin):
        parser.remove_plugin_class(plugin)
    parser.add_plugin(qparser.PlusMinusPlugin())
    return parser


_PARSER = _make_parser()


def _convert(node: Q.Query, terms: _Terms) -> Q.Query | None:
    """Map a parsed syntax tree onto the real fields and analysis."""
    if isinstance(node, Q.Term):
        if node.fieldname == "lang":
            return Q.Term("lang", str(node.text).lower())
        fields = None if node.fieldname == "text" else FIELD_ALIASES.get(node.fieldname)
        return _free_text(str(node.text), fields, terms)
    if isinstance(node, Q.Phrase):
        fields = None if node.fieldname == "text" else FIELD_ALIASES.get(node.fieldname)
        return _phrase([str(w) for w in node.words], fields, terms)
    if isinstance(node, Q.Not):
        inner = _convert(node.query, terms)
        return Q.Not(inner) if inner is not None else None
    if isinstance(node, Q.AndNot):
        pos, neg = _convert(node.a, terms), _convert(node.b, terms)
        if pos is None:
            return None
        return Q.AndNot(pos, neg) if neg is not None else pos
    if isinstance(node, Q.AndMaybe):
        req, opt = _convert(node.a, terms), _convert(node.b, terms)
        if req is None:
            return opt
        return Q.AndMaybe(req, opt) if opt is not None else req
    if isinstance(node, Q.Or):
        return _convert_or(node, terms)
    if isinstance(node, (Q.And, Q.Require)):
        kids = [k for k in (_convert(c, terms) for c in node.children()) if k is not None]
        return Q.And(kids) if kids else None
    raise ValueError(f"unsupported query part {type(node).__name__}")


def _convert_or(node: Q.Or, terms: _Terms) -> Q.Query | None:
    """Plain words in a row form one free-text run (so compounds across them
    still count); everything else is converted on its own."""
    kids: list[Q.Query] = []
    run: list[str] = []

    def flush() -> None:
        if run:
            q = _free_text(" ".join(run), None, terms)
            if q is not None:
                kids.append(q)
            run.clear()

    for child in node.children():
        if isinstance(child, Q.Term) and child.fieldname == "text":
            run.append(str(child.text))
            continue
        flush()
        q = _convert(child, terms)
        if q is not None:
            kids.append(q)
    flush()
    if not kids:
        return None
    return kids[0] if len(kids) == 1 else Q.Or(kids)


def build_query(text: str) -> tuple[Q.Query | None, _Terms]:
    """The Whoosh query for a user's query string, and its snippet terms."""
    terms = _Terms()
    text = nfc(text.replace("\x00", " "))[:MAX_QUERY_CHARS].strip()
    if not text:
        return None, terms
    if _SYNTAX.search(text):
        try:
            parsed = _PARSER.parse(_LONE_SIGN.sub(r"\1", text))
            q = _convert(parsed, terms)
            if q is not None and _has_positive(q):
                return q, terms
        except Exception:  # malformed syntax: fall back to plain words
            pass
        terms = _Terms()
        text = re.sub(r'["()]|\b(AND|OR|NOT)\b|(?<!\S)[-+]|' + _FIELD_PREFIX, " ", text)
    return _free_text(text, None, terms), terms


def _has_positive(q: Q.Query) -> bool:
    if isinstance(q, Q.Not):
        return False
    if isinstance(q, Q.Term) and q.fieldname == "lang":
        return False
    if isinstance(q, Q.compound.CompoundQuery):
        return any(_has_positive(c) for c in q.children())
    if isinstance(q, Q.AndNot):
        return _has_positive(q.a)
    return True


# --- snippets -------------------------------------------------------------------

class MarkFormatter(Formatter):
    """Escapes everything and wraps matches in a bare ``<mark>``."""

    between = " … "

    def _text(self, text: str) -> str:
        return html.escape(text, quote=False)

    def format_token(self, text: str, token, replace: bool = False) -> str:
        return "<mark>" + html.escape(get_text(text, token, replace), quote=False) + "</mark>"


_FORMATTER = MarkFormatter()
# "<mark>Lê</mark> <mark>Quốc</mark>" reads better as one mark.
_ADJACENT_MARKS = re.compile(r"</mark>([ \t-]+)<mark>")


_SNIPPET_WINDOW = 2400


def _window(text: str, words: set[str]) -> str:
    """The part of a long text worth highlighting: from a little before the
    first place a query word appears (found on the folded text, which keeps
    offsets), so the analyser runs over a few paragraphs, not the whole
    release."""
    folded = fold(text).lower()
    start = 0
    if words and len(folded) == len(text):
        pattern = r"\b(?:" + "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)[:200]) + r")"
        m = re.search(pattern, folded)
        if m:
            start = max(0, m.start() - 300)
            space = text.find(" ", start)
            start = space + 1 if 0 < space < m.start() else start
    return text[start:start + _SNIPPET_WINDOW]


def snippet_html(text: str, lang: str, terms: _Terms, top: int = 2, maxchars: int = 220,
                 whole: bool = False) -> str:
    """Safe HTML: the best passages of ``text`` (all of it when ``whole``)
    with matched words marked; the opening of the text when nothing matches."""
    if not text:
        return ""
    if not whole and len(text) > _SNIPPET_WINDOW:
        text = _window(text, terms.en if lang == "en" else terms.vi)
    fragmenter = WholeFragmenter() if whole else ContextFragmenter(maxchars, 60)
    if lang == "en":
        out = highlight(text, terms.en, _EN_ANALYZER, fragmenter, _FORMATTER, top=top, mode="query")
    else:
        out = highlight(text, terms.vi, _HIGHLIGHT_VI, fragmenter, _FORMATTER, top=top, mode="query")
    if out:
        return _ADJACENT_MARKS.sub(r"\1", out)
    if whole:
        return html.escape(text, quote=False)
    cut = text[:maxchars]
    return html.escape(cut, quote=False) + ("…" if len(text) > maxchars else "")


# --- the engine -------------------------------------------------------------------

def open_index(index_dir: str = "index") -> "Engine":
    """Open the index in ``index_dir`` for searching (raises IndexMissing)."""
    return Engine(index_dir)


def _flat_terms(q: Q.Query | None) -> list[tuple[str, str, float]] | None:
    """(field, text, boost) when ``q`` is a plain OR of terms (free text),
    which the numpy scorer ranks; None for structured queries."""
    if isinstance(q, Q.Term):
        return [(q.fieldname, q.text, q.boost)]
    if isinstance(q, Q.Or):
        out: list[tuple[str, str, float]] = []
        for child in q.children():
            sub = _flat_terms(child)
            if sub is None:
                return None
            out.extend((f, t, b * q.boost) for f, t, b in sub)
        return out
    return None


def _positive_terms(q: Q.Query) -> list[tuple[str, str, float]]:
    """The terms that should raise a release's score: every term and phrase
    word outside a NOT."""
    if isinstance(q, Q.Term):
        return [] if q.fieldname == "lang" else [(q.fieldname, q.text, q.boost)]
    if isinstance(q, Q.Phrase):
        return [(q.fieldname, w, q.boost) for w in q.words]
    if isinstance(q, Q.Not):
        return []
    if isinstance(q, Q.AndNot):
        return _positive_terms(q.a)
    if isinstance(q, Q.AndMaybe):
        return _positive_terms(q.a) + _positive_terms(q.b)
    if isinstance(q, Q.compound.CompoundQuery):
        return [t for c in q.children() for t in _positive_terms(c)]
    return []


def _date_key(text: str) -> float:
    digits = text.replace("-", "")
    return float(digits) if digits.isdigit() else 0.0


class _Generation:
    """One open index generation: a Whoosh searcher and its numpy scorer."""

    def __init__(self, path: Path):
        ix = windex.open_dir(str(path))
        self.path = path
        self.searcher = ix.searcher(weighting=BM25F(B=0.75, K1=1.2))
        self.scorer = Scorer(self.searcher, [*VI_FIELDS, *EN_FIELDS])
        self._masks: dict[str, np.ndarray] = {}
        self._dates: np.ndarray | None = None
        self._facets: FacetTable | None = None

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
        if isinstance(q, Q.Term):
            out = np.zeros(sc.size, dtype=bool)
            out[sc.postings(q.fieldname, q.text)[0]] = True
            return out
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
        with sc.lock:  # phrases, ranges: Whoosh's matchers
            return sc.mask(self.searcher.docs_for_query(q))

    @property
    def dates(self) -> np.ndarray:
        if self._dates is None:
            self._dates = self.scorer.term_array("date", _date_key)
        return self._dates

    @property
    def facets(self) -> FacetTable:
        if self._facets is None:
            self._facets = FacetTable(self.scorer)
        return self._facets

    def stored(self, docnum: int) -> dict:
        with self.scorer.lock:
            return self.searcher.stored_fields(int(docnum))


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
            if current_generation(self.index_dir) != gen.path or not gen.up_to_date():
                self._open()
            return self._gen

    @property
    def doc_count(self) -> int:
        return self._current().scorer.doc_count

    def close(self) -> None:
        if self._gen is not None:
            self._gen.close()

    def search(self, query: str, limit: int = 10, page: int = 1, lang: str | None = None,
               date_from: str | None = None, date_to: str | None = None,
               official: str | None = None, agency: str | None = None,
               sort: str = "relevance", facets: bool = False) -> SearchResults:
        """Ranked, highlighted releases for ``query``; never raises on odd input.

        With ``facets`` the results also carry facet counts over all matches
        and, when the query finds little or lacks diacritics, a suggestion.
        """
        started = time.perf_counter()
        limit = max(1, min(int(limit), MAX_LIMIT))
        page = max(1, min(int(page), MAX_PAGE))
        q, terms = build_query(query or "")
        filters = _filters(lang, date_from, date_to, official, agency, terms)
        gen = self._current()
        docnums, matched, scores = self._ranked(gen, q, filters, (page - 1) * limit, limit, sort)
        total = int(matched.sum()) if matched is not None else 0
        hits = [self._hit(gen.stored(d), s, terms) for d, s in zip(docnums, scores)]
        res = SearchResults(query or "", total, 0.0, hits, page, limit)
        if facets:
            if matched is not None:
                res.facets = gen.facets.counts(matched)
            res.suggestion = self._suggest(gen, query or "", total)
        res.took_ms = _ms(started)
        return res

    def _ranked(self, gen: _Generation, q, filters, offset: int, count: int, sort: str):
        """Doc numbers of one page, a boolean array of all matches, scores."""
        if q is None and filters is None:
            return [], None, []
        mask = gen.filter_mask(filters) if filters is not None else None
        flat = _flat_terms(q) if q is not None else []
        if flat is None:
            # Structured query: Whoosh decides which releases match (phrases,
            # AND/NOT); the same BM25F as free text ranks them.
            structure = gen.filter_mask(q)
            mask = structure if mask is None else (mask & structure)
            flat = _positive_terms(q)
        if flat:
            scores = gen.scorer.scores(flat, FIELD_WEIGHTS)
            if mask is not None and q is not None and _flat_terms(q) is None:
                scores += mask * np.float32(1e-6)  # matched releases with no scored term
        else:  # filters only: every release that passes them, newest first
            scores = np.ones(gen.scorer.size, dtype=np.float32)
            sort = "date"
        order = gen.dates if sort == "date" else None
        docnums, matched = gen.scorer.top(scores, mask, offset, count, order)
        return list(docnums), matched, [float(scores[d]) for d in docnums]

    def _suggest(self, gen: _Generation, query: str, total: int) -> str | None:
        """A better spelling of the query: an official's or agency's usual
        spelling for a name typed without diacritics, or, when the query
        finds little, its unknown words replaced by close indexed words."""
        text = nfc(query.replace("\x00", " ")).strip()[:200]
        if not text or _SYNTAX.search(text):
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

    def rank(self, query: str, limit: int = 10) -> list[str]:
        """Only the ids of the top releases: the ranking without snippets."""
        q, terms = build_query(query or "")
        gen = self._current()
        docnums, _, _ = self._ranked(gen, q, None, 0, limit, "relevance")
        return [gen.stored(d)["doc_id"] for d in docnums]

    def _hit(self, stored: dict, score: float, terms: _Terms) -> Hit:
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

    def highlight(self, text: str, lang: str, query: str) -> str:
        """``text`` as safe HTML with the words of ``query`` marked."""
        _, terms = build_query(query or "")
        return snippet_html(text, lang, terms, whole=True)


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
        with scorer.lock:
            for reader, _ in scorer.leaves:
                for cand in reader.terms_within("body", folded, 1 if len(folded) < 6 else 2, prefix=1):
                    if cand == fold(cand) and "_" not in cand:
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


def _filters(lang, date_from, date_to, official, agency, terms: _Terms) -> Q.Query | None:
    parts: list[Q.Query] = []
    if lang in ("vi", "en"):
        parts.append(Q.Term("lang", lang))
    if date_from or date_to:
        parts.append(Q.TermRange("date", _iso(date_from) or None, _iso(date_to, end=True) or None))
    for value, keys, fname in ((official, "official_keys", "officials"), (agency, "agency_keys", "agencies")):
        if value:
            words = [u[1] for u in _vi_units(value)]
            if words:
                terms.vi.update(words)
                phrase = Q.Phrase(fname, words) if len(words) > 1 else Q.Term(fname, words[0])
                parts.append(Q.Or([Q.Term(keys, entity_key(value)), phrase]))
    if not parts:
        return None
    return parts[0] if len(parts) == 1 else Q.And(parts)


def _iso(value: str | None, end: bool = False) -> str | None:
    """A date bound as ISO text; a bare year or year-month widens to its span."""
    if not value:
        return None
    value = str(value).strip()
    if re.fullmatch(r"\d{4}", value):
        return value + ("-12-31" if end else "-01-01")
    if re.fullmatch(r"\d{4}-\d{2}", value):
        return value + ("-31" if end else "-01")
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return value
    return None


def _ms(started: float) -> float:
    return (time.perf_counter() - started) * 1000.0
