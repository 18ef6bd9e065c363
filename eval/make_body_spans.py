"""Build the body-span dev queries (issue 16): what a person remembers from
deep inside a long release.

    python eval/make_body_spans.py [--shared ../shared] [--out eval/body-span-dev.tsv]

Each query is 4-6 consecutive syllables from the body (not the title or
lead) of a vietnews-test release of at least 600 words: within one clause
(only spaces between the syllables), starting and ending on the edge of a
word as pyvi segments the body, content words at both ends, and found
in no other release of the evaluation index (vietnews-test, xquad, ntrex),
even without diacritics.  Three kinds, one line each per span:

- ``body-span``: as written;
- ``body-span-nodiac``: without diacritics;
- ``body-span-tone``: with the other tone placement ("hoà" for "hòa",
  "uỷ" for "ủy") on every syllable that has one (only spans that have one).

Fixed seed: the same corpus gives the same file.
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import sys
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from searcher.analysis import syllables  # noqa: E402
from searcher.analysis import words as pyvi_words  # noqa: E402
from searcher.gazetteer import QUERY_FUNCTION_WORDS_FOLDED  # noqa: E402
from searcher.textnorm import canonical_tone, fold, nfc  # noqa: E402

SEED = 16
MIN_WORDS = 600
PER_KIND = 330
TONES = "\u0300\u0301\u0303\u0309\u0323"  # grave, acute, tilde, hook, dot below
_PAIRS = ("oa", "oe", "uy")  # nuclei whose tone mark is placed on either vowel


def other_tone(syllable: str) -> str | None:
    """The syllable with its tone mark on the other vowel of an "oa", "oe"
    or "uy" nucleus with no final consonant ("hòa" <-> "hoà"), or None."""
    nfd = unicodedata.normalize("NFD", syllable)
    tone = next((c for c in nfd if c in TONES), None)
    if tone is None:
        return None
    bare = nfd.replace(tone, "")
    lower = unicodedata.normalize("NFC", bare).lower()
    for pair in _PAIRS:
        at = len(lower) - 2
        if at >= 0 and lower.endswith(pair) and not (pair == "uy" and lower[at - 1:at] == "q") \
                and not (pair == "oa" and lower[at - 1:at] == "q"):
            base = unicodedata.normalize("NFC", bare)
            first = unicodedata.normalize("NFC", base[:at + 1] + tone + base[at + 1:])
            second = unicodedata.normalize("NFC", base[:at + 2] + tone + base[at + 2:])
            current = unicodedata.normalize("NFC", nfd)
            alt = second if current == first else first
            if alt != current and canonical_tone(alt.lower()) == canonical_tone(current.lower()):
                return alt
    return None


def releases(shared: Path):
    """(id, title + lead + body, body) of every release of the eval index."""
    with gzip.open(shared / "corpus" / "vietnews-test.jsonl.gz", "rt", encoding="utf-8") as fh:
        for line in fh:
            r = json.loads(line)
            yield r["id"], nfc(" ".join((r.get("title", ""), r.get("lead", ""), r["body"]))), nfc(r["body"])
    for name in ("xquad.jsonl", "ntrex-dev.jsonl"):
        with open(shared / "corpus" / name, encoding="utf-8") as fh:
            for line in fh:
                r = json.loads(line)
                yield r["id"], nfc(" ".join((r.get("title", ""), r.get("lead", ""), r.get("body", "")))), ""


def _key(words: list[str]) -> tuple[str, ...]:
    return tuple(fold(w).lower() for w in words)


def _content(word: str) -> bool:
    folded = fold(word).lower()
    return len(folded) >= 2 and folded.isalpha() and folded not in QUERY_FUNCTION_WORDS_FOLDED


def candidate(body: str, rng: random.Random, want_tone: bool) -> list[str] | None:
    """A random span of the body fit to type, or None."""
    found = syllables(body)
    if len(found) < 20:
        return None
    segmented = pyvi_words(body)  # pyvi's words: a span starts and ends on a word's edge
    starts, ends = {w[1] for w in segmented}, {w[2] for w in segmented}
    for _ in range(20):
        n = rng.randint(4, 6)
        i = rng.randrange(len(found) - n)
        span = found[i:i + n]
        if any(body[a[2]:b[1]] != " " for a, b in zip(span, span[1:], strict=False)):
            continue  # punctuation or a line break inside
        if span[0][1] not in starts or span[-1][2] not in ends:
            continue  # "nền kinh" of "nền kinh tế": not what a person types
        typed = [w for w, _, _ in span]
        if not (_content(typed[0]) and _content(typed[-1])):
            continue
        if want_tone and not any(other_tone(w) for w in typed):
            continue
        return typed
    return None


def pick(shared: Path) -> tuple[list[tuple[str, list[str]]], list[tuple[str, list[str]]]]:
    """Spans for the plain kinds and for the tone kind: (doc id, words)."""
    rng = random.Random(SEED)
    long_ones = [(d, body) for d, _, body in releases(shared) if len(body.split()) >= MIN_WORDS]
    rng.shuffle(long_ones)
    plain, tone, seen = [], [], set()
    for doc_id, body in long_ones:
        if len(plain) >= 3 * PER_KIND and len(tone) >= 5 * PER_KIND:
            break
        # Syllables with a movable tone mark are rarer: up to three tone
        # spans per release (still one release's spans never repeat).
        for want_tone, out in ((False, plain), (True, tone), (True, tone), (True, tone)):
            typed = candidate(body, rng, want_tone)
            if typed and len(out) < (5 if want_tone else 3) * PER_KIND and _key(typed) not in seen:
                seen.add(_key(typed))
                out.append((doc_id, typed))
    return plain, tone


def holders(shared: Path, keys: set[tuple[str, ...]]) -> dict[tuple[str, ...], set[str]]:
    """The releases of the evaluation index holding each folded syllable
    run of ``keys``."""
    found: dict[tuple[str, ...], set[str]] = {k: set() for k in keys}
    sizes = sorted({len(k) for k in keys})
    for doc_id, text, _ in releases(shared):
        folded = [fold(w).lower() for w, _, _ in syllables(text)]
        for n in sizes:
            for i in range(len(folded) - n + 1):
                k = tuple(folded[i:i + n])
                if k in found:
                    found[k].add(doc_id)
    return found


def unique(shared: Path, spans: list[tuple[str, list[str]]]) -> list[tuple[str, list[str]]]:
    """The spans found (without diacritics) in their own release only."""
    held = holders(shared, {_key(w) for _, w in spans})
    return [(d, w) for d, w in spans if held[_key(w)] == {d}]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--shared", default=str(ROOT.parent / "shared"))
    ap.add_argument("--out", default=str(ROOT / "eval" / "body-span-dev.tsv"))
    args = ap.parse_args()
    shared = Path(args.shared)
    plain, tone = pick(shared)
    plain, tone = unique(shared, plain)[:PER_KIND], unique(shared, tone)[:PER_KIND]
    rows = ["qid\tkind\tquery\tdoc_id"]
    for n, (doc_id, words) in enumerate(plain):
        text = " ".join(words)
        rows.append(f"bs{n:04d}a\tbody-span\t{text}\t{doc_id}")
        rows.append(f"bs{n:04d}b\tbody-span-nodiac\t{fold(text)}\t{doc_id}")
    for n, (doc_id, words) in enumerate(tone):
        text = " ".join(other_tone(w) or w for w in words)
        rows.append(f"bt{n:04d}\tbody-span-tone\t{text}\t{doc_id}")
    Path(args.out).write_text("\n".join(rows) + "\n", encoding="utf-8")
    print(f"{args.out}: {len(plain)} spans as written and without diacritics, {len(tone)} with the other "
          "tone placement")


if __name__ == "__main__":
    main()
