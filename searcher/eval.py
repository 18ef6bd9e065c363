"""Ranking evaluation: MRR@10 and Recall@10 per query kind, beside SQLite FTS5.

    searcher eval --docs FILE_OR_DIR... --queries TSV... [--index DIR]
    python -m searcher.eval --docs ... --queries ...

Both engines index the same releases and answer the same queries in the same
run.  A cross-language kind (``cross-en2vi``: English query, Vietnamese
release wanted) is scored twice: over all releases, where the wanted
release's own translation may rank above it, and over the releases in the
wanted language only (the classic cross-language setting, and what a user
gets with the language filter), as ``cross-en2vi @vi``.  The reference is FTS5 with
``tokenize='unicode61 remove_diacritics 2'``,
bm25 with the title weighted x3, the query's words OR-ed.  Latency is the
time to rank the top 10 (no snippets) for both.
"""

from __future__ import annotations

import csv
import dataclasses
import re
import sqlite3
import tempfile
import time
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import click

__all__ = ["Query", "load_queries", "evaluate", "pair_accuracy", "Fts5Baseline", "main"]


@dataclass
class Query:
    qid: str
    kind: str
    text: str
    doc_id: str


def load_queries(paths: Iterable[str]) -> list[Query]:
    """Queries from TSV files with a header row: qid, kind, query, doc_id."""
    out: list[Query] = []
    for path in paths:
        with open(path, encoding="utf-8", newline="") as fh:
            for row in csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE):
                if row.get("qid") and row.get("query") is not None:
                    out.append(Query(row["qid"], row["kind"], row["query"], row["doc_id"]))
    return out


class Fts5Baseline:
    """The reference engine: SQLite FTS5 over title and lead+body."""

    def __init__(self) -> None:
        self.db = sqlite3.connect(":memory:")
        self.db.execute(
            "CREATE VIRTUAL TABLE r USING fts5(doc_id UNINDEXED, lang UNINDEXED, title, body, "
            "tokenize='unicode61 remove_diacritics 2')"
        )

    def add(self, releases) -> int:
        rows = ((r.doc_id, r.lang, r.title, r.text) for r in releases)
        with self.db:
            self.db.executemany("INSERT INTO r VALUES (?, ?, ?, ?)", rows)
        return self.db.execute("SELECT count(*) FROM r").fetchone()[0]

    @staticmethod
    def _match(text: str) -> str:
        """Any of the words, each quoted ("" when there is none)."""
        return " OR ".join('"' + w.replace('"', '""') + '"' for w in re.findall(r"\w+", text))

    def search(self, text: str, limit: int = 10, lang: str | None = None) -> list[str]:
        match = self._match(text)
        if not match:
            return []
        rows = self.db.execute(
            "SELECT doc_id FROM r WHERE r MATCH ? AND (? IS NULL OR lang = ?) "
            "ORDER BY bm25(r, 0.0, 0.0, 3.0, 1.0) LIMIT ?",
            (match, lang, lang, limit),
        )
        return [row[0] for row in rows]

    def search_with_snippets(self, text: str, limit: int = 10) -> list[tuple[str, str, str]]:
        """The top releases as a results page needs them: id, the title
        highlighted and a snippet of the body (FTS5's ``highlight`` and
        ``snippet``), for timing beside our search with snippets."""
        match = self._match(text)
        if not match:
            return []
        rows = self.db.execute(
            "SELECT doc_id, highlight(r, 2, '<mark>', '</mark>'), snippet(r, 3, '<mark>', '</mark>', '…', 32) "
            "FROM r WHERE r MATCH ? ORDER BY bm25(r, 0.0, 0.0, 3.0, 1.0) LIMIT ?",
            (match, limit),
        )
        return list(rows)


@dataclass
class KindScore:
    n: int = 0
    rr: float = 0.0
    found: int = 0
    ranks: list[int | None] = field(default_factory=list)

    def add(self, rank: int | None) -> None:
        self.n += 1
        self.ranks.append(rank)
        if rank is not None:
            self.rr += 1.0 / rank
            self.found += 1

    @property
    def mrr(self) -> float:
        return self.rr / self.n if self.n else 0.0

    @property
    def recall(self) -> float:
        return self.found / self.n if self.n else 0.0


def _rank(ids: list[str], wanted: str) -> int | None:
    try:
        return ids.index(wanted) + 1
    except ValueError:
        return None


def _percentile(values: list[float], p: float) -> float:
    if not values:
        return 0.0
    values = sorted(values)
    k = min(len(values) - 1, max(0, round(p / 100 * (len(values) - 1))))
    return values[k]


def wanted_lang(kind: str) -> str | None:
    """The release language a cross-language kind asks for ("cross-en2vi" -> "vi")."""
    m = re.match(r"cross-[a-z]{2}2([a-z]{2})\b", kind)
    return m.group(1) if m else None


def evaluate(engine, baseline: Fts5Baseline | None, queries: list[Query], limit: int = 10) -> dict:
    """Scores per kind for the engine (and the baseline), plus latencies
    (over all releases; the ``@lang`` rows are not timed)."""
    ours: dict[str, KindScore] = defaultdict(KindScore)
    ref: dict[str, KindScore] = defaultdict(KindScore)
    t_ours: list[float] = []
    t_ref: list[float] = []
    for q in queries:
        t0 = time.perf_counter()
        ids = engine.rank(q.text, limit=limit)
        t_ours.append((time.perf_counter() - t0) * 1000)
        ours[q.kind].add(_rank(ids, q.doc_id))
        if baseline is not None:
            t0 = time.perf_counter()
            ids = baseline.search(q.text, limit)
            t_ref.append((time.perf_counter() - t0) * 1000)
            ref[q.kind].add(_rank(ids, q.doc_id))
        lang = wanted_lang(q.kind)
        if lang:
            ours[f"{q.kind} @{lang}"].add(_rank(engine.rank(q.text, limit=limit, lang=lang), q.doc_id))
            if baseline is not None:
                ref[f"{q.kind} @{lang}"].add(_rank(baseline.search(q.text, limit, lang), q.doc_id))
    return {"ours": dict(ours), "fts5": dict(ref), "latency_ours": t_ours, "latency_fts5": t_ref}


def pair_accuracy(engine, doc_ids: Iterable[str], unpaired_sample: int = 300) -> dict:
    """How well translation links match the known pairs.  Ids ending in
    ``-en``/``-vi`` whose twin is also given are pairs (ntrex, xquad); other
    releases have no translation, so any link found for them is false."""
    ids = list(doc_ids)
    known = set(ids)
    twin_of = {i: i[:-2] + ("vi" if i.endswith("en") else "en") for i in ids if i[-3:] in ("-en", "-vi")}
    out = {"pairs": 0, "correct": 0, "missing": 0, "wrong": 0, "unpaired": 0, "false_links": 0}
    unpaired = 0
    for doc_id in ids:
        twin = twin_of.get(doc_id)
        if twin not in known:
            if unpaired >= unpaired_sample:
                continue
            unpaired += 1
        found = engine.translation(doc_id)
        if twin in known:
            out["pairs"] += 1
            key = "missing" if found is None else "correct" if found.doc_id == twin else "wrong"
            out[key] += 1
        else:
            out["unpaired"] += 1
            out["false_links"] += found is not None
    return out


def format_pairs(acc: dict) -> str:
    rate = acc["correct"] / acc["pairs"] if acc["pairs"] else 0.0
    false = acc["false_links"] / acc["unpaired"] if acc["unpaired"] else 0.0
    return ("| translation links | n | correct | missing | wrong | accuracy |\n|---|---:|---:|---:|---:|---:|\n"
            f"| known pairs | {acc['pairs']} | {acc['correct']} | {acc['missing']} | {acc['wrong']} | {rate:.3f} |\n"
            f"| releases without a translation | {acc['unpaired']} | | | {acc['false_links']} "
            f"(false links) | {1 - false:.3f} |")


def format_table(result: dict) -> str:
    """A Markdown table: one row per kind, then latency percentiles."""
    lines = ["| kind | n | MRR@10 | FTS5 MRR@10 | Recall@10 | FTS5 Recall@10 |",
             "|---|---:|---:|---:|---:|---:|"]
    for kind in sorted(result["ours"]):
        s, r = result["ours"][kind], result["fts5"].get(kind, KindScore())
        lines.append(f"| {kind} | {s.n} | {s.mrr:.3f} | {r.mrr:.3f} | {s.recall:.3f} | {r.recall:.3f} |")
    lo, lr = result["latency_ours"], result["latency_fts5"]
    lines.append("")
    lines.append("| latency (ms, rank top 10) | p50 | p95 |")
    lines.append("|---|---:|---:|")
    lines.append(f"| searcher | {_percentile(lo, 50):.1f} | {_percentile(lo, 95):.1f} |")
    if lr:
        lines.append(f"| SQLite FTS5 | {_percentile(lr, 50):.1f} | {_percentile(lr, 95):.1f} |")
    return "\n".join(lines)


def _releases(docs: list[str]):
    from .ingest import Problem, find_sources, read_source

    sources, _ = find_sources(docs)
    seen: set[str] = set()
    for src in sources:
        for item in read_source(src):
            if not isinstance(item, Problem) and item.doc_id not in seen:
                seen.add(item.doc_id)
                yield item


@click.command()
@click.option("--docs", multiple=True, required=True, help="Folder or file of releases; repeatable.")
@click.option("--queries", multiple=True, required=True, help="TSV of qid, kind, query, doc_id; repeatable.")
@click.option("--index", "index_dir", help="Index folder to reuse or build (default: a temporary one).")
@click.option("--kind", "kinds", multiple=True, help="Only queries of this kind; repeatable.")
@click.option("--per-kind", type=click.IntRange(1), help="Only the first N queries of each kind.")
@click.option("--no-fts5", is_flag=True, help="Skip the SQLite FTS5 reference.")
@click.option("--pairs", is_flag=True, help="Also check translation links against ids ending -en/-vi.")
@click.option("--no-twins", is_flag=True,
              help="Rank without translation pairs (the lexicon alone, as for releases with no translation).")
def main(docs: tuple[str, ...], queries: tuple[str, ...], index_dir: str | None,
         kinds: tuple[str, ...], per_kind: int | None, no_fts5: bool, pairs: bool, no_twins: bool) -> None:
    """Evaluate ranking quality on development queries, beside SQLite FTS5."""
    from .config import DEFAULT
    from .reindex import build_index
    from .search import open_index

    config = dataclasses.replace(DEFAULT, pair_scale=0.0) if no_twins else DEFAULT

    for path in (*docs, *queries):
        if not Path(path).exists():
            raise click.UsageError(f"not found: {path}")
    qs = load_queries(queries)
    if kinds:
        qs = [q for q in qs if q.kind in kinds]
    if per_kind:
        taken: dict[str, int] = defaultdict(int)
        kept = []
        for q in qs:
            taken[q.kind] += 1
            if taken[q.kind] <= per_kind:
                kept.append(q)
        qs = kept
    if not qs:
        raise click.UsageError("no queries to run (check --queries and --kind)")
    tmp = None
    if index_dir is None:
        tmp = tempfile.TemporaryDirectory(prefix="searcher-eval-")
        index_dir = tmp.name
    t0 = time.perf_counter()
    report = build_index(list(docs), index_dir, prune=True)  # a scratch index: its sources are these
    click.echo(f"index: {report.releases} releases ({'built' if report.added else 'reused'}, "
               f"{time.perf_counter() - t0:.1f} s)", err=True)
    engine = open_index(index_dir, config)
    baseline = None
    if not no_fts5:
        baseline = Fts5Baseline()
        n = baseline.add(_releases(list(docs)))
        click.echo(f"fts5: {n} releases", err=True)
    result = evaluate(engine, baseline, qs)
    click.echo(format_table(result))
    if pairs:
        click.echo("")
        click.echo(format_pairs(pair_accuracy(engine, (r.doc_id for r in _releases(list(docs))))))
    if tmp is not None:
        engine.close()
        tmp.cleanup()


if __name__ == "__main__":
    main()
