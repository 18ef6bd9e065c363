"""Build the seed-like dev queries (issue 16): what press staff type to
find one of the two seed releases among the 23k of the evaluation index.

    python eval/make_seed_like.py [--shared ../shared] [--out eval/seed-like-dev.tsv]

Read from the seeds themselves (officials and agencies as the indexer
extracts them, body text), never written by hand:

- each official's name, and each agency's Vietnamese name, acronym and
  English name, that no release of the evaluation corpus holds (folded,
  as a run of syllables; an agency's names count as one: "Government of
  Vietnam" is as common as "Chính phủ"); a name others hold too is asked together with
  the seed's first official's name ("Lê Quốc Hùng AFP"), as a person
  narrowing it would;
- each official as an English-speaking journalist writes him: the
  gazetteer's English form of his role, then his name ("Deputy Minister
  Lê Quốc Hùng");
- three body spans per seed (the rules of ``make_body_spans``);
- each as written, without diacritics, and with the other tone placement
  where a syllable has one ("Uỷ ban" / "Ủy ban").

Evaluate on the full index: ``searcher eval --docs`` the three corpora
and ``docs_raw/``.  Fixed seed: the same seeds give the same file.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "eval"))

from make_body_spans import _key, candidate, holders, other_tone  # noqa: E402

from searcher.analysis import syllables  # noqa: E402
from searcher.bilingual import phrase_translations  # noqa: E402
from searcher.reindex import build_index  # noqa: E402
from searcher.search import open_index  # noqa: E402
from searcher.textnorm import fold  # noqa: E402

SEED = 161616
SPANS = 3


def seed_releases(shared: Path):
    """The seeds as the indexer reads them (a scratch index of two)."""
    with tempfile.TemporaryDirectory() as tmp:
        build_index([str(shared / "seeds")], tmp)
        engine = open_index(tmp)
        out = [engine.document(p.stem) for p in sorted((shared / "seeds").iterdir())]
        engine.close()
    return [r for r in out if r is not None]


def titled_in_english(release) -> list[str]:
    """Each official with the English form of his role first."""
    out = []
    for o in release.officials:
        found = phrase_translations(o.role, "vi") if o.role else []
        if found:
            out.append(f"{found[0]} {o.name}")
    return out


def candidates(release, rng: random.Random) -> list[str]:
    """Names and body spans of one seed, as written."""
    names = [o.name for o in release.officials] + titled_in_english(release)
    for a in release.agencies:
        names += [a.name, *([a.acronym] if a.acronym else []), *a.aliases]
    spans = []
    for _ in range(200):
        typed = candidate(release.body, rng, want_tone=False)
        if typed and " ".join(typed) not in spans:
            spans.append(" ".join(typed))
        if len(spans) >= 20 * SPANS:
            break
    return list(dict.fromkeys(names)) + spans


def held_elsewhere(shared: Path, texts: list[str]) -> set[str]:
    """The texts some release of the evaluation corpus holds (folded)."""
    keys = {_key([w for w, _, _ in syllables(t)]): t for t in texts}
    held = holders(shared, set(keys))
    return {t for k, t in keys.items() if held[k]}


def queries(shared: Path) -> list[tuple[str, str]]:
    """(query, seed id) pairs, every form."""
    rng = random.Random(SEED)
    seeds = seed_releases(shared)
    wanted = {r.doc_id: candidates(r, rng) for r in seeds}
    every = [t for ts in wanted.values() for t in ts]
    common = held_elsewhere(shared, every) | {t for t in every if every.count(t) > 1}  # both seeds: no answer
    for r in seeds:  # an agency's other names are as common as its Vietnamese one ("Government of Vietnam")
        for a in r.agencies:
            names = {a.name, a.acronym, *a.aliases} - {""}
            if names & common:
                common |= names
    out: list[tuple[str, str]] = []
    for r in seeds:
        first = r.officials[0].name if r.officials else ""
        names = {o.name for o in r.officials} | {n for a in r.agencies for n in (a.name, a.acronym, *a.aliases)}
        names |= set(titled_in_english(r))
        spans = 0
        for text in wanted[r.doc_id]:
            is_span = text not in names
            if text in common:
                if is_span or not first or text == first or fold(first) in fold(text):
                    continue
                text = f"{first} {text}"
            if is_span:
                if spans >= SPANS:
                    continue
                spans += 1
            forms = [text, fold(text)]
            toned = " ".join(other_tone(w) or w for w in text.split())
            if toned != text:
                forms.append(toned)
            out += [(f, r.doc_id) for f in dict.fromkeys(forms)]
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--shared", default=str(ROOT.parent / "shared"))
    ap.add_argument("--out", default=str(ROOT / "eval" / "seed-like-dev.tsv"))
    args = ap.parse_args()
    rows = ["qid\tkind\tquery\tdoc_id"]
    for n, (text, doc_id) in enumerate(queries(Path(args.shared))):
        rows.append(f"sl{n:04d}\tseed-like\t{text}\t{doc_id}")
    Path(args.out).write_text("\n".join(rows) + "\n", encoding="utf-8")
    print(f"{args.out}: {len(rows) - 1} queries for the two seeds")


if __name__ == "__main__":
    main()
