"""Ablation of the ranking decisions: MRR@10 per query kind with each one
switched off in turn, on the development queries (docs/evaluation.md).

    python bench/ablation.py --index /tmp/ix-eval [--shared ../shared]

The index must hold vietnews-test + xquad (build it with `searcher eval` or
`searcher reindex --docs ../shared/corpus/vietnews-test.jsonl.gz --docs
../shared/corpus/xquad.jsonl --index /tmp/ix-eval`).  Each row opens the
index with its own ``RankingConfig`` (``dataclasses.replace`` of the
shipped one): nothing is patched.
"""

from __future__ import annotations

import argparse
from dataclasses import replace
from pathlib import Path

import searcher
from searcher.config import DEFAULT
from searcher.eval import evaluate, load_queries

UNIFORM_VI = {f: 1.0 for f in DEFAULT.vi_fields}
UNIFORM_EN = {f: 1.0 for f in DEFAULT.en_fields}

# (name, settings): each row switches one decision off.
CONFIGS = [
    ("all decisions (shipped)", {}),
    ("no exact-diacritic bonus", {"exact_bonus": 0.0}),
    ("no compound/adjacency terms", {"compound_weight": 0.0}),
    ("compound weight 0.6 (first try)", {"compound_weight": 0.6}),
    ("uniform field weights", {"vi_fields": UNIFORM_VI, "en_fields": UNIFORM_EN}),
    ("no function-word down-weighting", {"function_weight": 1.0}),
    ("no cross-language down-weighting", {"cross_language_weight": 1.0}),
    ("Whoosh idf log(N/(df+1))+1", {"idf_formula": "whoosh"}),
    ("fields summed, not combined (BM25 per field)", {"combine_fields": False}),
]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--index", required=True)
    ap.add_argument("--shared", default=str(Path(__file__).resolve().parents[2] / "shared"))
    args = ap.parse_args()
    queries = load_queries([f"{args.shared}/eval/known-item-dev.tsv", f"{args.shared}/eval/xquad-dev.tsv"])
    queries = [q for q in queries if q.kind != "cross-en2vi"]
    kinds = sorted({q.kind for q in queries})
    print("| setting | " + " | ".join(kinds) + " |")
    print("|---|" + "---:|" * len(kinds))
    for name, settings in CONFIGS:
        engine = searcher.open_index(args.index, config=replace(DEFAULT, **settings))
        try:
            result = evaluate(engine, None, queries)
        finally:
            engine.close()
        print(f"| {name} | " + " | ".join(f"{result['ours'][k].mrr:.3f}" for k in kinds) + " |", flush=True)


if __name__ == "__main__":
    main()
