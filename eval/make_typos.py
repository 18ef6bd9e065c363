"""Build the typo dev queries (issue 16): names and title words misspelt.

    python eval/make_typos.py [--shared ../shared] [--out eval/typo-dev.tsv]

Each query is 3-5 consecutive syllables of a vietnews-test title (within
one clause, on pyvi word edges, content words at both ends, found in no
other release of the evaluation index even without diacritics), with one
edit in one syllable of four letters or more: a letter substituted,
deleted or inserted, or two neighbouring letters swapped.  The edited
syllable is a name's (a capitalised syllable inside the title) when the
span has one, so about half the queries misspell a person, place or
body.  Two kinds, one line each per span:

- ``typo``: typed with diacritics (the edit may remove a marked letter);
- ``typo-nodiac``: the same edit, typed without diacritics.

An edit that only changes diacritics is not a typo here: the folded
syllable always changes.  Fixed seed: the same corpus gives the same file.
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import string
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "eval"))

from make_body_spans import _content, _key, unique  # noqa: E402

from searcher.analysis import syllables  # noqa: E402
from searcher.analysis import words as pyvi_words  # noqa: E402
from searcher.textnorm import fold, nfc  # noqa: E402

SEED = 1616
PER_KIND = 300
MIN_LETTERS = 4


def titles(shared: Path):
    """(id, title) of every vietnews-test release."""
    with gzip.open(shared / "corpus" / "vietnews-test.jsonl.gz", "rt", encoding="utf-8") as fh:
        for line in fh:
            r = json.loads(line)
            yield r["id"], nfc(r.get("title", ""))


def title_span(title: str, rng: random.Random) -> list[str] | None:
    """A random 3-5 syllable span of the title fit to type, or None."""
    found = syllables(title)
    if len(found) < 4:
        return None
    segmented = pyvi_words(title)
    starts, ends = {w[1] for w in segmented}, {w[2] for w in segmented}
    for _ in range(20):
        n = min(rng.randint(3, 5), len(found))
        i = rng.randrange(len(found) - n + 1)
        span = found[i:i + n]
        if any(title[a[2]:b[1]] != " " for a, b in zip(span, span[1:], strict=False)):
            continue
        if span[0][1] not in starts or span[-1][2] not in ends:
            continue
        typed = [w for w, _, _ in span]
        if _content(typed[0]) and _content(typed[-1]) and _editable(typed):
            return typed
    return None


def _editable(typed: list[str]) -> list[int]:
    return [k for k, w in enumerate(typed) if len(fold(w)) >= MIN_LETTERS and fold(w).isalpha()]


def misspell(typed: list[str], rng: random.Random) -> list[str]:
    """The span with one edit in one long syllable (a name's when it has one)."""
    options = _editable(typed)
    names = [k for k in options if k > 0 and typed[k][:1].isupper()]
    k = rng.choice(names or options)
    word = typed[k]
    while True:
        edited = _edit(word, rng)
        if fold(edited).lower() != fold(word).lower() and edited:
            return typed[:k] + [edited] + typed[k + 1:]


def _edit(word: str, rng: random.Random) -> str:
    i = rng.randrange(len(word))
    kind = rng.choice(("substitute", "delete", "insert", "swap"))
    letter = rng.choice(string.ascii_lowercase)
    if kind == "substitute":
        return word[:i] + letter + word[i + 1:]
    if kind == "delete":
        return word[:i] + word[i + 1:]
    if kind == "insert":
        return word[:i] + letter + word[i:]
    i = min(i, len(word) - 2)
    return word[:i] + word[i + 1] + word[i] + word[i + 2:]


def pick(shared: Path) -> list[tuple[str, list[str]]]:
    """Title spans, (doc id, words), in a fixed random order."""
    rng = random.Random(SEED)
    pool = list(titles(shared))
    rng.shuffle(pool)
    out, seen = [], set()
    for doc_id, title in pool:
        typed = title_span(title, rng)
        if typed and _key(typed) not in seen:
            seen.add(_key(typed))
            out.append((doc_id, typed))
        if len(out) >= 3 * PER_KIND:
            break
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--shared", default=str(ROOT.parent / "shared"))
    ap.add_argument("--out", default=str(ROOT / "eval" / "typo-dev.tsv"))
    args = ap.parse_args()
    shared = Path(args.shared)
    spans = unique(shared, pick(shared))[:PER_KIND]
    rng = random.Random(SEED + 1)
    rows = ["qid\tkind\tquery\tdoc_id"]
    for n, (doc_id, words) in enumerate(spans):
        text = " ".join(misspell(words, rng))
        rows.append(f"ty{n:04d}a\ttypo\t{text}\t{doc_id}")
        rows.append(f"ty{n:04d}b\ttypo-nodiac\t{fold(text)}\t{doc_id}")
    Path(args.out).write_text("\n".join(rows) + "\n", encoding="utf-8")
    print(f"{args.out}: {len(spans)} misspelt title spans, with and without diacritics")


if __name__ == "__main__":
    main()
