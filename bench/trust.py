"""Can the results be trusted?  Counts, date order and dates on a real index.

For a few everyday queries, the total the engine reports beside the number
of releases that hold every word of the query in their own text (counted
here by reading every release, not through the index), whether the first
page sorted by date holds only such releases (or their translations), and
the dates: none after today, how many inferred from a dateline, the years
the facet lists.

    python bench/trust.py --index /tmp/ix13
    python bench/trust.py --index /tmp/ix13 --query "le quoc hung" --query "Bộ Công an"
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from searcher import open_index  # noqa: E402
from searcher.analysis import syllables  # noqa: E402
from searcher.gazetteer import QUERY_FUNCTION_WORDS_FOLDED  # noqa: E402
from searcher.textnorm import canonical_tone, fold, has_diacritics  # noqa: E402

QUERIES = ["le quoc hung", "Bộ Công an", "Mickelson Ryder Cup", "Nguyễn Xuân Phúc"]


def _words(query: str) -> tuple[set[str], bool]:
    accented = has_diacritics(query)
    out = set()
    for word, _, _ in syllables(query):
        form = canonical_tone(word.lower())
        if fold(form) not in QUERY_FUNCTION_WORDS_FOLDED:
            out.add(form if accented else fold(form))
    return out, accented


def _releases(engine):
    """Every stored release of the live generation, once."""
    gen = engine._current()
    for d in range(gen.scorer.size):
        if gen.scorer.live[d]:
            yield gen.stored(d)["release"]


def _text_words(rel: dict) -> tuple[set[str], set[str]]:
    names = " ".join(n["name"] for n in rel.get("officials", []) + rel.get("agencies", []))
    text = " ".join((rel.get("title", ""), rel.get("lead", ""), rel.get("body", ""), names))
    exact = {canonical_tone(w.lower()) for w, _, _ in syllables(text)}
    return exact, {fold(w) for w in exact}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--index", required=True)
    ap.add_argument("--query", action="append", help="repeatable; default: four everyday queries")
    args = ap.parse_args()
    engine = open_index(args.index)
    queries = args.query or QUERIES
    wanted = {q: _words(q) for q in queries}
    holders: dict[str, set[str]] = {q: set() for q in queries}
    today = dt.date.today().isoformat()
    dated = inferred = future = 0
    years: dict[str, int] = {}
    started = time.perf_counter()
    for rel in _releases(engine):
        exact, folded = _text_words(rel)
        for q, (words, accented) in wanted.items():
            if words <= (exact if accented else folded):
                holders[q].add(rel["doc_id"])
        if rel.get("date"):
            dated += 1
            inferred += bool(rel.get("date_inferred"))
            future += rel["date"] > today
            years[rel["date"][:4]] = years.get(rel["date"][:4], 0) + 1
    print(f"read {engine.doc_count} releases in {time.perf_counter() - started:.0f} s\n")
    print("| query | total | hold every word in their own text | first page by date: holders or their translations |")
    print("|---|---:|---:|---|")
    for q in queries:
        res = engine.search(q, sort="date", limit=10)
        ok = sum(1 for h in res.hits if h.doc_id in holders[q] or (h.translation in holders[q]))
        print(f"| {q} | {res.total} | {len(holders[q])} | {ok} of {len(res.hits)} |")
    print(f"\ndated releases: {dated} of {engine.doc_count} ({inferred} from a dateline, "
          f"{dated - inferred} given); after today ({today}): {future}")
    print("years: " + ", ".join(f"{y} ({n})" for y, n in sorted(years.items(), reverse=True)))
    facet = engine.search("", lang="vi", facets=True, limit=1).facets["year"]
    print("year facet (Vietnamese releases): " + ", ".join(f"{y} ({n})" for y, n in facet))


if __name__ == "__main__":
    main()
