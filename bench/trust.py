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
import re
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from searcher import open_index  # noqa: E402
from searcher.analysis import syllables  # noqa: E402
from searcher.query import parse_query  # noqa: E402
from searcher.textnorm import canonical_tone, fold, has_diacritics  # noqa: E402

QUERIES = ["le quoc hung", "Bộ Công an", "Mickelson Ryder Cup", "Nguyễn Xuân Phúc"]


def _units(engine, query: str) -> tuple[list[list[str]], bool]:
    """The query's content words as the engine groups them (syllables of a
    word or name must stand together), lowercased; diacritics kept when typed."""
    gen = engine._current().gen
    parsed = parse_query(query, gen.unit_kind).query
    accented = has_diacritics(query)
    units = []
    for word in getattr(parsed, "words", ()):
        forms = [canonical_tone(w.lower()) for w, _, _ in syllables(word.text)]
        units.append(forms if accented else [fold(f) for f in forms])
    return units, accented


def _clauses(text: str, accented: bool) -> list[tuple[list[str], list[bool]]]:
    """Each clause's syllables (as compared) and which are capitalised."""
    out = []
    for clause in re.split(r"[.,;:!?()\[\]{}\"“”'‘’\n|/]", text):
        words = [w for w, _, _ in syllables(clause)]
        forms = [canonical_tone(w.lower()) for w in words]
        out.append((forms if accented else [fold(f) for f in forms], [w[:1].isupper() for w in words]))
    return out


def _holds(clauses, unit: list[str], named: bool = False) -> bool:
    """``unit`` written together; ``named``: with a capital among its syllables."""
    n = len(unit)
    return any(c[i:i + n] == unit and (not named or any(caps[i:i + n]))
               for c, caps in clauses for i in range(len(c) - n + 1))


def _releases(engine):
    """Every stored release of the live generation, once."""
    gen = engine._current().gen
    for d in range(gen.scorer.size):
        if gen.scorer.live[d]:
            yield gen.stored(d)["release"]


def _text(rel: dict) -> str:
    names = [n["name"] for n in rel.get("officials", []) + rel.get("agencies", [])]
    return "\n".join([rel.get("title", ""), rel.get("lead", ""), rel.get("body", ""), *names])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--index", required=True)
    ap.add_argument("--query", action="append", help="repeatable; default: four everyday queries")
    args = ap.parse_args()
    engine = open_index(args.index)
    queries = args.query or QUERIES
    wanted = {q: _units(engine, q) for q in queries}
    together: dict[str, set[str]] = {q: set() for q in queries}
    named: dict[str, int] = {q: 0 for q in queries}
    scattered: dict[str, int] = {q: 0 for q in queries}
    today = dt.date.today().isoformat()
    dated = inferred = future = 0
    years: dict[str, int] = {}
    started = time.perf_counter()
    for rel in _releases(engine):
        text = _text(rel)
        for q, (units, accented) in wanted.items():
            clauses = _clauses(text, accented)
            if units and all(_holds(clauses, u) for u in units):
                together[q].add(rel["doc_id"])
                named[q] += all(_holds(clauses, u, named=len(u) >= 3) for u in units)
            syllables_here = {s for c, _ in clauses for s in c}
            scattered[q] += bool(units) and all(s in syllables_here for u in units for s in u)
        if rel.get("date"):
            dated += 1
            inferred += bool(rel.get("date_inferred"))
            future += rel["date"] > today
            years[rel["date"][:4]] = years.get(rel["date"][:4], 0) + 1
    print(f"read {engine.doc_count} releases in {time.perf_counter() - started:.0f} s\n")
    print("| query | words | total | hold every word (words written together) | ... names with a capital "
          "| hold every syllable anywhere | first page by date: holders or their translations |")
    print("|---|---|---:|---:|---:|---:|---|")
    for q in queries:
        res = engine.search(q, sort="date", limit=10)
        ok = sum(1 for h in res.hits if h.doc_id in together[q] or h.translation in together[q])
        words = " + ".join(" ".join(u) for u in wanted[q][0])
        print(f"| {q} | {words} | {res.total} | {len(together[q])} | {named[q]} | {scattered[q]} "
              f"| {ok} of {len(res.hits)} |"
              + (f" {res.notice}" if res.notice else ""))
    print(f"\ndated releases: {dated} of {engine.doc_count} ({inferred} from a dateline, "
          f"{dated - inferred} given); after today ({today}): {future}")
    print("years: " + ", ".join(f"{y} ({n})" for y, n in sorted(years.items(), reverse=True)))
    facet = engine.search("", lang="vi", facets=True, limit=1).facets["year"]
    print("year facet (Vietnamese releases): " + ", ".join(f"{y} ({n})" for y, n in facet))


if __name__ == "__main__":
    main()
