"""Ablation of the ranking decisions: MRR@10 per query kind with each one
switched off in turn, on the development queries (docs/evaluation.md).

    python bench/ablation.py --index /tmp/ix-eval [--shared ../shared]

The index must hold vietnews-test + xquad (build it with `searcher eval` or
`searcher reindex --docs ../shared/corpus/vietnews-test.jsonl.gz --docs
../shared/corpus/xquad.jsonl --index /tmp/ix-eval`).  Settings are module
constants of searcher.search / searcher.scoring, changed in-process.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import searcher
import searcher.scoring as scoring
import searcher.query as search
from searcher.eval import evaluate, load_queries

BASE = dict(VI_FIELDS=dict(search.VI_FIELDS), EN_FIELDS=dict(search.EN_FIELDS))
UNIFORM_VI = {f: 1.0 for f in search.VI_FIELDS}
UNIFORM_EN = {f: 1.0 for f in search.EN_FIELDS}

# (name, module, settings): each row switches one decision off.
CONFIGS = [
    ("all decisions (shipped)", search, {}),
    ("no exact-diacritic bonus", search, {"EXACT_BONUS": 0.0}),
    ("no compound/adjacency terms", search, {"COMPOUND_WEIGHT": 0.0}),
    ("compound weight 0.6 (first try)", search, {"COMPOUND_WEIGHT": 0.6}),
    ("uniform field weights", search, {"VI_FIELDS": UNIFORM_VI, "EN_FIELDS": UNIFORM_EN,
                                       "FIELD_WEIGHTS": {**UNIFORM_VI, **UNIFORM_EN}}),
    ("no function-word down-weighting", search, {"FUNCTION_WEIGHT": 1.0}),
    ("no cross-language down-weighting", search, {"CROSS_LANGUAGE_WEIGHT": 1.0}),
    ("Whoosh idf log(N/(df+1))+1", scoring, {"IDF_FORMULA": "whoosh"}),
    ("fields summed, not combined (BM25 per field)", scoring, {"COMBINE_FIELDS": False}),
]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--index", required=True)
    ap.add_argument("--shared", default=str(Path(__file__).resolve().parents[2] / "shared"))
    args = ap.parse_args()
    queries = load_queries([f"{args.shared}/eval/known-item-dev.tsv", f"{args.shared}/eval/xquad-dev.tsv"])
    queries = [q for q in queries if q.kind != "cross-en2vi"]
    engine = searcher.open_index(args.index)
    kinds = sorted({q.kind for q in queries})
    print("| setting | " + " | ".join(kinds) + " |")
    print("|---|" + "---:|" * len(kinds))
    for name, module, settings in CONFIGS:
        saved = {k: getattr(module, k) for k in settings}
        for k, v in settings.items():
            setattr(module, k, v)
        try:
            result = evaluate(engine, None, queries)
        finally:
            for k, v in saved.items():
                setattr(module, k, v)
        print(f"| {name} | " + " | ".join(f"{result['ours'][k].mrr:.3f}" for k in kinds) + " |", flush=True)


if __name__ == "__main__":
    main()
