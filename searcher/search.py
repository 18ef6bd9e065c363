"""Searching an index: the engine, its results.

``Engine`` composes the stages: the query is parsed once (``query``), its
releases matched (``matching``) and ranked (``ranking``) over one open
generation (``generation``); snippets come from ``snippets``, suggestions
from ``spelling``.  An engine follows reindexes by itself: each search
checks the live generation and Whoosh's commit, and opens the new index
when either changed.
"""

from __future__ import annotations

import functools
import os
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar, cast

import numpy as np

from .completion import MAX_COMPLETIONS, Completion
from .config import DEFAULT, RankingConfig
from .entity_pages import EntityPage, entity_page
from .generation import Generation
from .ingest import Release
from .integrity import Stamps, stamps_of, verify
from .matching import Filters
from .options import MAX_LIMIT, MAX_PAGE, Choice, InvalidParameter, SearchOptions, search_options
from .phrases import phrase_budget
from .query import build_query, entity_filters, parse_query
from .querytypes import MAX_QUERY_CHARS, ParsedQuery, Terms
from .ranking import Ranker, Ranking
from .results import NOTICES, Hit, Matches, SearchResults
from .snippets import snippet_html
from .spelling import correction, suggest
from .storage import IndexDamaged, IndexMissing, current_generation, is_transient, repair_command
from .textnorm import fold

__all__ = ["Engine", "Hit", "SearchResults", "Matches", "open_index", "MAX_QUERY_CHARS", "MAX_PAGE",
           "MAX_LIMIT", "NOTICES", "EXPORT_LIMIT"]

EXPORT_LIMIT = 10_000  # releases one export or feed may list: a bounded stream

def open_index(index_dir: str = "index", config: RankingConfig = DEFAULT, warm: bool = False) -> Engine:
    """Open the index in ``index_dir`` for searching (raises IndexMissing);
    ``config``: the ranking settings (``config.RankingConfig``); ``warm``:
    load at open what searches load on first use (see ``Engine``)."""
    return Engine(index_dir, config, warm)


# What a warm open searches: words of both languages, a misspelling (the
# spelling tables), a date range (the date column).
_WARM_QUERIES = ("công an", "cong an", "police", "qwzxv")


F = TypeVar("F", bound=Callable[..., Any])


def _guarded(method: F) -> F:
    """Run an ``Engine`` method inside ``Engine._reading``, with one phrase
    budget for the whole call (``phrases``)."""
    @functools.wraps(method)
    def wrapper(self, *args, **kwargs):
        with self._reading(), phrase_budget():
            return method(self, *args, **kwargs)
    return cast(F, wrapper)


class Engine:
    """Searches one index folder; picks up reindexes without reopening."""

    def __init__(self, index_dir: str = "index", config: RankingConfig = DEFAULT, warm: bool = False):
        self.index_dir = Path(index_dir)
        self.config = config
        # A server warms each generation it opens (the segmenter, spelling
        # tables, date and facet columns: a second or more and ~100 MB), so
        # no user's search pays for it; a one-off CLI search does not.
        self.warm = warm
        self._lock = threading.Lock()
        self._ranker: Ranker | None = None
        # ((generation, file stamps), stamps, error) of the damage last found
        self._damage: tuple[tuple[Path, Stamps], Stamps, IndexDamaged] | None = None
        # (generation, stamps) a full check found whole after an error: an
        # error that is not damage does not make every request re-read the index
        self._sound: tuple[Path, Stamps] | None = None
        with self._reading():
            self._current()

    def _open(self) -> None:
        path = current_generation(self.index_dir)  # raises IndexDamaged for a damaged CURRENT
        if path is None:
            raise IndexMissing(f"no index in {self.index_dir}: run `searcher reindex --index {self.index_dir}`")
        try:
            ranker = Ranker.open(path, self.config)
            if self.warm:
                _warm(ranker, self.config)
        except IndexDamaged:
            raise
        except Exception as exc:
            if is_transient(exc):
                raise IndexMissing(f"the index in {self.index_dir} cannot be read right now ({exc}); "
                                   "try again") from None
            raise IndexDamaged(f"the index in {self.index_dir} cannot be read ({exc}); "
                               f"run `{repair_command(self.index_dir)}`") from None
        self._ranker = ranker  # the old one is left to the garbage collector: a
        # request in another thread may still be reading it

    def _current(self) -> Ranker:
        """The newest committed index (cheap when unchanged).

        A fresh searcher, not Searcher.refresh(): refresh() reuses the reader
        of a segment whose deletions changed and keeps showing releases a
        reindex removed.  A damaged index is reported (``IndexDamaged``)
        until ``CURRENT`` or the damaged files change: the check is not
        repeated for every request.
        """
        with self._lock:
            path = current_generation(self.index_dir)
            ranker = self._ranker
            if ranker is not None and path == ranker.gen.path and ranker.gen.up_to_date() \
                    and ranker.gen.intact():
                return ranker
            self._ranker = None
            known = self._damage
            if known is not None and path is not None and known[0] == (path, stamps_of(path, list(known[1]))):
                raise known[2]
            try:
                self._open()
            except IndexDamaged as exc:
                if path is not None:
                    self._remember_damage(path, exc)
                raise
            self._damage = None
            assert self._ranker is not None  # _open sets it or raises
            return self._ranker

    def _remember_damage(self, path: Path, exc: IndexDamaged) -> None:
        names = sorted(os.listdir(path)) if path.is_dir() else []
        stamps = stamps_of(path, names)
        self._damage = ((path, stamps), stamps, exc)

    @contextmanager
    def _reading(self) -> Iterator[None]:
        """Around every call that reads the index: an error from reading it
        (a file damaged while open) becomes ``IndexDamaged`` with the repair
        command once a full check confirms the damage; anything else is
        raised as it is."""
        try:
            yield
        except (InvalidParameter, IndexMissing):
            raise
        except Exception:
            gen = self._ranker.gen if self._ranker is not None else None
            if gen is None or self._sound == (gen.path, gen.stamps):
                raise  # checked whole since its files last changed: not damage
            try:
                verify(gen.path, deep=True)
                self._sound = (gen.path, gen.stamps)
            except IndexMissing as damage:
                damaged = damage if isinstance(damage, IndexDamaged) else IndexDamaged(str(damage))
                with self._lock:
                    self._ranker = None
                    self._remember_damage(gen.path, damaged)
                raise damaged from None
            raise

    @property
    @_guarded
    def doc_count(self) -> int:
        return self._current().gen.scorer.doc_count

    @_guarded
    def health(self) -> dict:
        """What searching needs, checked cheaply (``searcher check`` is the
        thorough one): ``CURRENT``, every index file as it was verified
        against the manifest's digests when opened, and releases readable
        (the first and the last).  Raises ``IndexMissing``/``IndexDamaged``."""
        gen = self._current().gen
        live = np.flatnonzero(gen.live)
        for docnum in live[:1].tolist() + live[-1:].tolist():
            gen.stored(docnum)
        return {"documents": int(live.size), "generation": gen.path.name, "files": len(gen.stamps)}

    def close(self) -> None:
        if self._ranker is not None:
            self._ranker.close()

    @_guarded
    def search(self, query: str | None, limit: int = 10, page: int = 1, lang: Choice = None,
               date_from: str | None = None, date_to: str | None = None,
               official: Choice = None, agency: Choice = None,
               sort: str = "relevance", facets: bool = False,
               include_undated: bool = False, media: Choice = None,
               snippets: bool = True) -> SearchResults:
        """Ranked, highlighted releases for ``query``.

        Raises ValueError naming a bad parameter (see ``options``); any
        query text is accepted.  A date range leaves out undated releases
        unless ``include_undated``; ``SearchResults.undated`` says how many.
        With ``facets`` the results also carry facet counts over all matches
        and, when the query finds little or lacks diacritics, a suggestion.
        """
        started = time.perf_counter()
        opts = search_options(limit, page, lang, date_from, date_to, official, agency, sort, include_undated,
                              media=media)
        text = _query_text(query)
        ranker = self._current()
        parsed = parse_query(text, ranker.gen.unit_kind, self.config)
        found, parsed = self._ranked(ranker, text, parsed, opts, (opts.page - 1) * opts.limit, opts.limit, opts.sort)
        total = int(found.matched.sum()) if found.matched is not None else 0
        gen = ranker.gen
        terms = parsed.terms if snippets else None
        hits = [_listed(gen, d, s, terms) for d, s in zip(found.docnums, found.scores, strict=True)]
        res = SearchResults(text, total, 0.0, hits, opts.page, opts.limit, loosened=found.loosened,
                            undated=found.undated)
        if facets:
            if found.matched is not None:
                res.facets = gen.facets.counts(found.matched)
            res.suggestion = None if _respelled(found) else suggest(gen, text, total)
        res.took_ms = (time.perf_counter() - started) * 1000.0
        return res

    @_guarded
    def matches(self, query: str | None, limit: int = EXPORT_LIMIT, lang: Choice = None,
                date_from: str | None = None, date_to: str | None = None,
                official: Choice = None, agency: Choice = None, sort: str = "relevance",
                include_undated: bool = False, media: Choice = None) -> Matches:
        """Every release ``search`` would list for these parameters, in its
        order, up to ``limit`` (1 to ``EXPORT_LIMIT``), without snippets:
        for exports and feeds.  The ranking is done at once; the releases
        are read as the caller iterates ``Matches.hits`` (a stream).
        Raises ValueError naming a bad parameter."""
        opts = search_options(1, 1, lang, date_from, date_to, official, agency, sort, include_undated, media=media)
        if isinstance(limit, bool) or not isinstance(limit, int) or not 1 <= limit <= EXPORT_LIMIT:
            raise InvalidParameter(f"limit must be a whole number from 1 to {EXPORT_LIMIT} (got {limit!r})")
        text = _query_text(query)
        ranker = self._current()
        parsed = parse_query(text, ranker.gen.unit_kind, self.config)
        found, parsed = self._ranked(ranker, text, parsed, opts, 0, limit, opts.sort)
        total = int(found.matched.sum()) if found.matched is not None else 0
        return Matches(text, total, _stream(ranker.gen, found), found.loosened)

    @_guarded
    def complete(self, prefix: str, limit: int = 8) -> list[Completion]:
        """Officials, agencies, news sources and frequent phrases starting
        with ``prefix`` (at any word, diacritics ignored), best first.
        Raises ValueError for a prefix that is not text or a bad ``limit``."""
        if not isinstance(prefix, str):
            raise InvalidParameter(f"prefix must be text (got {type(prefix).__name__})")
        if isinstance(limit, bool) or not isinstance(limit, int) or not 1 <= limit <= MAX_COMPLETIONS:
            raise InvalidParameter(f"limit must be a whole number from 1 to {MAX_COMPLETIONS} (got {limit!r})")
        return self._current().gen.completer.complete(prefix[:MAX_QUERY_CHARS], limit)

    @_guarded
    def rank(self, query: str | None, limit: int = 10, lang: str | None = None) -> list[str]:
        """Only the ids of the top releases (in ``lang`` only, when given):
        the ranking without snippets.  Raises ValueError for a bad value."""
        opts = search_options(limit=limit, lang=lang)
        text = _query_text(query)
        ranker = self._current()
        parsed = parse_query(text, ranker.gen.unit_kind, self.config)
        found, _ = self._ranked(ranker, text, parsed, opts, 0, opts.limit, "relevance")
        return [ranker.gen.stored(d)["doc_id"] for d in found.docnums]

    def _ranked(self, ranker: Ranker, text: str, parsed: ParsedQuery, opts: SearchOptions, offset: int,
                count: int, sort: str) -> tuple[Ranking, ParsedQuery]:
        """The ranking of the query as typed, or of its respelling
        ("nguyen xuan phuk" -> "Nguyễn Xuân Phúc"), with a notice naming
        both, when the respelling is held more wholly: no release holds the
        words as typed (or not with their diacritics) and some hold the
        respelling's; or releases hold the typed words only apart ("du
        khac bi ket") while some hold the respelling as written.  Matches
        are never mixed: a guess never ranks among the typed words'.  A
        respelled search with filters may find nothing: that is its count."""
        filters = _filters(opts, parsed)
        found = ranker.ranked(parsed, filters, offset, count, sort)
        if not self.config.respell or not parsed.plain or _kept(found):
            return found, parsed  # held whole (and as written, when looked for): a filter narrows a held query
        fixed = correction(ranker.gen, parsed.plain)
        if not fixed:
            return found, parsed
        # Decided over the whole index by relevance, whatever the filters
        # and sort: a filter that leaves nothing is a true zero, and every
        # combination of filters narrows the same query.
        plain = filters is None and sort == "relevance"
        probe = found if plain else ranker.ranked(parsed, None, 0, 1, "relevance")
        if _kept(probe):
            return found, parsed
        other = parse_query(fixed, ranker.gen.unit_kind, self.config)
        other.guessed = True
        held = ranker.ranked(other, None, offset if plain else 0, count if plain else 1, "relevance")
        if held.matched is None or not held.matched.any():
            return found, parsed
        if _whole(probe) and not held.as_written:
            return found, parsed  # the typed words are held, the respelling is no better held
        if not _whole(probe) and probe.matched is not None and probe.matched.any() \
                and _looser(held) >= _looser(probe):
            return found, parsed
        again = held if plain else ranker.ranked(other, _filters(opts, other), offset, count, sort)
        again.loosened = ("respelled", fixed, parsed.plain)
        return again, other

    @_guarded
    def document(self, doc_id: str) -> Release | None:
        """The whole release, or None when no release has that id."""
        if not isinstance(doc_id, str) or not doc_id:
            return None
        return self._current().gen.find(doc_id)

    @_guarded
    def documents(self, doc_ids: list[str]) -> list[Release | None]:
        """Several releases read from one generation (None for an unknown id)."""
        gen = self._current().gen
        return [gen.find(i) if isinstance(i, str) and i else None for i in doc_ids]

    @_guarded
    def translation(self, doc_id: str) -> Release | None:
        """The release's version in the other language, when the index holds
        one (see ``translations``); None otherwise or for an unknown id."""
        if not isinstance(doc_id, str):
            return None
        found = self._current().gen.twins.get(doc_id)
        return self.document(found[0]) if found and self.document(doc_id) else None

    def highlight(self, text: str, lang: str, query: str | Terms, within: str | None = None) -> str:
        """``text`` as safe HTML with the words of ``query`` (a query string,
        or the terms of one, built once per page) marked; ``within``: the
        whole release ``text`` is part of, whose words decide the looser
        rules (a syllable marked alone)."""
        terms = query if isinstance(query, Terms) else self.query_terms(query)
        return snippet_html(text, lang, terms, whole=True, within=within)

    def query_terms(self, query: str) -> Terms:
        """What a query marks (for ``highlight`` over many paragraphs)."""
        return build_query(query or "", self.config)[1]

    @_guarded
    def entity(self, kind: str, name: str, **filters) -> EntityPage:
        """An official's or agency's page (``kind`` "official" or "agency"),
        an ``entity_pages.EntityPage``: how the releases write it, and its
        releases by year; ``filters`` as ``entity_pages.entity_page`` takes
        them.  Raises ValueError naming a bad kind or value."""
        return entity_page(self, kind, name, **filters)


# Most frequent terms per text field whose postings a warm open decodes in
# the background: they are in most queries and cost the most to decode.
_PRELOAD_TERMS = 150


def _preload(gen: Generation) -> None:
    """Decode the postings of each text field's most frequent terms into the
    scorer's cache (in the background: a few seconds of one core)."""
    try:
        _preload_fields(gen.scorer)
        gen.completer  # noqa: B018  # the completion table, for the first keystroke
    except Exception:  # the generation was closed (a reindex replaced it): nothing to fill
        return


def _preload_fields(scorer) -> None:
    for field in scorer.lengths:
        counts: dict[str, int] = {}
        for reader, _ in scorer.leaves:
            for freq, term in reader.most_frequent_terms(field, _PRELOAD_TERMS):
                text = term.decode("utf-8") if isinstance(term, bytes) else term
                counts[text] = counts.get(text, 0) + int(freq)
        for text in sorted(counts, key=counts.__getitem__, reverse=True)[:_PRELOAD_TERMS]:
            scorer.postings(field, fold(text) if field in scorer.folded_fields else text)


def _warm(ranker: Ranker, config: RankingConfig) -> None:
    """Load what a generation's first searches would load: a few searches
    with facets, suggestions and a date range, results thrown away; then,
    in the background, the postings of the most frequent terms."""
    gen = ranker.gen
    threading.Thread(target=_preload, args=(gen,), name="preload", daemon=True).start()
    for text in _WARM_QUERIES:
        parsed = parse_query(text, gen.unit_kind, config)
        found = ranker.ranked(parsed, Filters(date_from="2000"), 0, 10, "relevance")
        if found.matched is not None:
            gen.facets.counts(found.matched)
        suggest(gen, text, 0)
        for d in found.docnums:
            snippet_html(gen.release(d).text, gen.release(d).lang, parsed.terms)


def _whole(found: Ranking) -> bool:
    """Some release holds every word as typed."""
    return found.matched is not None and bool(found.matched.any()) and found.loosened is None


def _kept(found: Ranking) -> bool:
    """Held whole, and as written unless that was not looked for: never respelled."""
    return _whole(found) and found.as_written is not False


def _looser(found: Ranking) -> int:
    """How far a match was loosened: whole 0, without diacritics 1, fewer words 2."""
    kind = found.loosened[0] if found.loosened else None
    return {None: 0, "folded": 1}.get(kind, 2)


def _respelled(found: Ranking) -> bool:
    return found.loosened is not None and found.loosened[0] == "respelled"


def _hit(doc: Release, score: float, terms: Terms | None) -> Hit:
    """A result; without ``terms`` no snippet is made (a caller that reads
    only which releases match, newest first, as an entity page does)."""
    return Hit(
        doc_id=doc.doc_id, title=doc.title, lang=doc.lang, date=doc.date,
        score=score, snippet=snippet_html(doc.text, doc.lang, terms) if terms is not None else "",
        officials=[o.name for o in doc.officials], agencies=[a.name for a in doc.agencies],
        media=[m.name for m in doc.media], date_inferred=doc.date_inferred,
        title_html=snippet_html(doc.title, doc.lang, terms, whole=True) if terms is not None else "",
    )


def _stream(gen: Generation, found: Ranking) -> Iterator[Hit]:
    for d, score in zip(found.docnums, found.scores, strict=True):
        yield _listed(gen, d, score, None)


def _listed(gen: Generation, docnum: int, score: float, terms: Terms | None) -> Hit:
    """A hit as a search lists it: with its translation and its story's versions."""
    hit = _hit(gen.release(docnum), score, terms)
    hit.translation = gen.translation_of(docnum, hit.doc_id)
    _versions(gen, hit, docnum)
    return hit


def _versions(gen: Generation, hit: Hit, docnum: int) -> None:
    """The hit's story and its other versions (``stories``), in place."""
    story = int(gen.stories[docnum])
    if story < 0:
        return
    members = np.flatnonzero((gen.stories == story) & gen.live).tolist()
    hit.story = gen.stored(story)["doc_id"] if gen.live[story] else gen.stored(members[0])["doc_id"]
    others = [gen.release(m) for m in members if m != docnum]
    hit.versions = [{"doc_id": r.doc_id, "date": r.date, "source": r.source} for r in others]


def _query_text(query: object) -> str:
    if query is None:
        return ""
    if not isinstance(query, str):
        raise InvalidParameter(f"query must be text (got {type(query).__name__})")
    return query


def _filters(opts: SearchOptions, parsed: ParsedQuery) -> Filters | None:
    """The filters of the parameters and of the query's ``lang:``, one
    intersection; None when nothing narrows."""
    langs = parsed.langs
    if opts.lang:
        langs = frozenset(opts.lang) if langs is None else (langs & frozenset(opts.lang))
    entities = tuple(entity_filters(opts.official, opts.agency, parsed.terms, opts.media))
    if langs is None and not entities and not opts.dated:
        return None
    return Filters(langs, opts.date_from, opts.date_to, opts.include_undated, entities)
