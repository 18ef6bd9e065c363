"""Pairing releases with their versions in the other language, at reindex.

For each release of the smaller language, the index is searched for
candidates (its title and opening translated; the names and numbers it
holds), each scored by ``pairs.release_similarity``; ``pairs.assign`` keeps
the best one-to-one pairs.  It searches, so it stands above the search
stages; ``reindex`` calls it between writing a generation and making it live.
"""

from __future__ import annotations

import json
import multiprocessing
import os
from pathlib import Path

import numpy as np
from whoosh import query as Q

from . import pairs
from .ingest import Release
from .matching import Filters
from .query import anchor_query, translation_query
from .querytypes import SYNTAX, ParsedQuery
from .ranking import Ranker
from .storage import TRANSLATIONS, die_with_parent, write_atomic

__all__ = ["link_translations", "candidates"]

Edge = tuple[float, str, str]  # (similarity, id, candidate id)
_PARALLEL_LINKING = 200  # releases to search from before a second process pays off


def candidates(ranker: Ranker, doc: Release) -> list[tuple[float, str]]:
    """Releases in the other language that may be ``doc``'s translation,
    with their ``pairs.release_similarity``: the best hits for its title
    and opening (translated), and for the names and numbers it holds (a
    translation keeps them; in a large index the translated words alone can
    leave the twin outside the first few hits)."""
    other = "vi" if doc.lang == "en" else "en"
    words = SYNTAX.sub(" ", f"{doc.title} {doc.lead or doc.body}").split()
    by_text = translation_query(" ".join(words[:pairs.QUERY_WORDS]), other)
    first = _candidate_hits(ranker, by_text, other)
    out = _similar(ranker, doc, first)
    if max((score for score, _ in out), default=0.0) < pairs.SURE_SIMILARITY:
        anchors = sorted(pairs.anchors(pairs.profile(doc)))[:pairs.QUERY_WORDS]
        more = _candidate_hits(ranker, anchor_query(anchors, other), other)
        out += _similar(ranker, doc, [d for d in more if d not in first])
    return out


def _similar(ranker: Ranker, doc: Release, docnums: list[int]) -> list[tuple[float, str]]:
    out = []
    for d in docnums:
        cand = ranker.gen.release(d)
        out.append((pairs.release_similarity(doc, cand), cand.doc_id))
    return out


def _candidate_hits(ranker: Ranker, q: Q.Query | None, lang: str) -> list[int]:
    if q is None:
        return []
    # Words in many releases cannot single a translation out, and their
    # postings are the costly ones to read: left out.
    scorer = ranker.gen.scorer
    common = max(pairs.COMMON_MIN, pairs.COMMON_SHARE * scorer.doc_count)
    kept = [t for t in q.children()  # the terms of ``translation_query`` / ``anchor_query``
            if isinstance(t, Q.Term) and scorer.rough_frequency(t.fieldname, t.text) <= common]
    if not kept:
        return []
    found = ranker.ranked(ParsedQuery.of(Q.Or(kept)), Filters(langs=frozenset({lang})), 0, pairs.CANDIDATES,
                          "relevance")
    return found.docnums


def _candidate_edges(ranker: Ranker, sources: list[int]) -> list[Edge]:
    edges: list[Edge] = []
    for d in sources:
        doc = ranker.gen.release(d)
        edges.extend((score, doc.doc_id, other) for score, other in candidates(ranker, doc))
    return edges


def _edges_in(gen_path: str, sources: list[int]) -> list[Edge]:
    """``_candidate_edges`` in a worker process, over its own searcher."""
    ranker = Ranker.open(Path(gen_path))
    try:
        return _candidate_edges(ranker, sources)
    finally:
        ranker.close()


def _sources(ranker: Ranker, fresh: set[str] | None) -> tuple[list[int], dict[str, tuple[str, float]]] | None:
    """The releases to search from and the pairs kept as they are; None
    when the old pairs cannot be read (then everything is relinked)."""
    gen = ranker.gen
    live, is_en = gen.live, gen.is_english
    n_en, n_vi = int((live & is_en).sum()), int((live & ~is_en).sum())
    if n_en == 0 or n_vi == 0:
        return [], {}
    if fresh is None:
        side = is_en if n_en <= n_vi else ~is_en
        return [int(d) for d in np.flatnonzero(live & side)], {}
    if gen.pair_state()[1] is None:
        return None
    number = gen.document_numbers(set(gen.twins) | fresh)
    alive = {i for i, d in number.items() if d is not None and live[d]}
    kept = {a: v for a, v in gen.twins.items()
            if a in alive and v[0] in alive and a not in fresh and v[0] not in fresh}
    sources = [int(number[i] or 0) for i in sorted(alive - set(kept))
               if i in fresh or i in gen.twins]  # alive ids all have a number
    return sources, kept


def link_translations(gen_path: str | Path, fresh: set[str] | None = None, workers: int = 1) -> int:
    """Pair the releases of one index generation with their versions in the
    other language and write the pairs beside it (``translations.json``).

    A full run searches from each release of the smaller language; an
    incremental one (``fresh``: ids a reindex added or changed) keeps the
    pairs of untouched releases and searches only from fresh releases and
    those whose partner went away.  ``workers`` processes search when
    there are many releases to search from.  Returns the number of pairs."""
    gen_path = Path(gen_path)
    ranker = Ranker.open(gen_path)
    try:
        plan = _sources(ranker, fresh)
        sources, kept = plan or ([], {})
        parallel = len(sources) >= _PARALLEL_LINKING and workers >= 2
        edges = [] if parallel or plan is None else _candidate_edges(ranker, sources)
    finally:
        ranker.close()
    if plan is None:  # the old pairs cannot be read: relink everything
        return link_translations(gen_path, None, workers)
    if parallel:
        chunks = [(str(gen_path), [int(d) for d in sources[i::workers]]) for i in range(workers)]
        with multiprocessing.get_context("fork").Pool(workers, die_with_parent, (os.getpid(),)) as pool:
            edges = [e for part in pool.starmap(_edges_in, chunks) for e in part]
    found = pairs.assign(edges, kept)
    rows = sorted({tuple(sorted((a, b))) + (round(v, 4),) for a, (b, v) in found.items()})
    write_atomic(gen_path / TRANSLATIONS, json.dumps({"pairs": rows}, ensure_ascii=False))
    return len(rows)
