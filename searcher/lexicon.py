"""A bilingual lexicon learned from aligned English/Vietnamese paragraphs.

IBM Model 1 (EM over word co-occurrence within aligned pairs) in both
directions: English stems (the English analyser's terms) to Vietnamese words
in their folded index form ("cong_an", "canh_sat", "australia"), and back.
The query builder uses it to add weighted translations of a query's words,
so an English query can reach a Vietnamese release and the reverse.

    python -m searcher.lexicon --parallel ../shared/corpus/parallel-en-vi.jsonl

writes ``searcher/data/lexicon.json.gz`` (learned translation probabilities,
not the corpus).
"""

from __future__ import annotations

import argparse
import gzip
import json
from collections import defaultdict
from functools import lru_cache
from pathlib import Path

from . import gazetteer as gz
from .analysis import ENGLISH_STOP_WORDS, english_analyzer, words
from .textnorm import canonical_tone, fold, nfc

__all__ = ["Lexicon", "load", "train", "train_phrases"]

DATA = Path(__file__).with_name("data") / "lexicon.json.gz"


def vi_terms(text: str) -> list[str]:
    """Folded pyvi words of a Vietnamese text, as the index spells them."""
    out = []
    for w, _, _, is_word in words(nfc(text)):
        if not is_word:
            continue
        term = "_".join(fold(canonical_tone(s.lower())) for s in w.split())
        if term not in gz.LEXICON_STOP_TERMS_VI and not term.isdigit():
            out.append(term)
    return out


def _en_terms(text: str) -> list[str]:
    return [t.text for t in english_analyzer()(nfc(text)) if not t.text.isdigit()]


def _ibm1(pairs: list[tuple[list[str], list[str]]], iterations: int = 5) -> dict[str, dict[str, float]]:
    """t(target | source) by EM, with a NULL source word."""
    t: dict[str, dict[str, float]] = defaultdict(dict)
    for src, tgt in pairs:
        for s in src + ["<null>"]:
            row = t[s]
            for w in tgt:
                row[w] = 1.0
    for _ in range(iterations):
        counts: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
        for src, tgt in pairs:
            srcs = src + ["<null>"]
            for w in tgt:
                norm = sum(t[s][w] for s in srcs)
                for s in srcs:
                    counts[s][w] += t[s][w] / norm
        t = defaultdict(dict)
        for s, row in counts.items():
            total = sum(row.values())
            t[s] = {w: c / total for w, c in row.items()}
    return t


def _top(t: dict[str, dict[str, float]], freq: dict[str, int], keep: int = 3,
         floor: float = 0.08, min_count: int = 2) -> dict[str, list[list]]:
    out: dict[str, list[list]] = {}
    for s, row in t.items():
        if s == "<null>" or freq.get(s, 0) < min_count:
            continue
        ranked = sorted(row.items(), key=lambda kv: kv[1], reverse=True)[:keep]
        best: list[list] = [[w, round(p, 3)] for w, p in ranked if p >= floor]
        if best:
            out[s] = best
    return out


# Phrase translations: an English pair of words and a unit of
# Vietnamese words that go together across the aligned paragraphs.
PHRASE_MIN_PAIRS = 4  # both seen, and seen together, in at least this many pairs
PHRASE_MIN_DICE = 0.35  # Dice's coefficient of the two (how often together / how often each)
VI_UNIT_WORDS = 3  # Vietnamese units of up to this many pyvi words


def _en_grams(stems: list[str]) -> set[str]:
    return {f"{a} {b}" for a, b in zip(stems, stems[1:], strict=False) if a != b}


def _vi_grams(terms: list[str]) -> set[str]:
    return {" ".join(terms[i:i + n]) for n in range(1, VI_UNIT_WORDS + 1) for i in range(len(terms) - n + 1)}


def _dice_best(co: dict[str, int], df_x: int, vi_df: dict[str, int]) -> list[list]:
    """The two units most often with the phrase, longest first on a tie;
    never a part of one already kept ("bien_doi" beside "bien_doi khi_hau")."""
    scored = sorted(((2 * c / (df_x + vi_df[v]), len(v), v) for v, c in co.items() if c >= PHRASE_MIN_PAIRS),
                    reverse=True)
    out: list[list] = []
    for d, _, v in scored:
        if d < PHRASE_MIN_DICE or len(out) == 2:
            break
        if not any(f" {v} " in f" {kept} " for kept, _ in out):
            out.append([v, round(d, 3)])
    return out


def _explained(english: str, unit: str, en2vi: dict[str, list], vi2en: dict[str, list]) -> bool:
    """Whether each word of the Vietnamese unit is a learned translation of
    one of the English stems, either way: paragraphs of one story share
    many rare words, and only this tells a translation from a neighbour."""
    stems = english.split()
    ways = {w for s in stems for w, _ in en2vi.get(s, [])}
    return all(w in ways or any(e in stems for e, _ in vi2en.get(w, [])) for w in unit.split())


def _unit_kept(english: str, unit: str) -> bool:
    """A unit that is neither the English written as it is (a name: "cu
    chi", "huyen cu_chi") nor edged by a function word ("o hau_giang")."""
    words = unit.split()
    if set(english.split()) <= set(unit.replace("_", " ").split()):
        return False
    return not ({words[0], words[-1]} & gz.QUERY_FUNCTION_WORDS_FOLDED)


def train_phrases(pairs: list[tuple[list[str], list[str]]], en2vi: dict[str, list],
                  vi2en: dict[str, list]) -> dict[str, list[list]]:
    """English pairs of stems ("climat chang") to the Vietnamese units
    found with them ("bien_doi khi_hau"), by Dice's coefficient over the
    aligned pairs, each word of the unit a learned translation of the
    English (``_explained``).  Single words to units were tried and
    dropped: they brought Vietnamese releases above English answers
    (docs/evaluation.md)."""
    grams = [(_en_grams(en), _vi_grams(vi)) for en, vi in pairs]
    en_df: dict[str, int] = defaultdict(int)
    vi_df: dict[str, int] = defaultdict(int)
    for e, v in grams:
        for x in e:
            en_df[x] += 1
        for y in v:
            vi_df[y] += 1
    co: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for e, v in grams:
        units = [y for y in v if vi_df[y] >= PHRASE_MIN_PAIRS]
        for x in e:
            if en_df[x] >= PHRASE_MIN_PAIRS:
                row = co[x]
                for y in units:
                    row[y] += 1
    out: dict[str, list[list]] = {}
    for x, row in co.items():
        kept = {v: c for v, c in row.items() if _unit_kept(x, v) and _explained(x, v, en2vi, vi2en)}
        best = _dice_best(kept, en_df[x], vi_df)
        if best:
            out[x] = best
    return out


def train(parallel: str | Path) -> dict:
    """Both directions from a JSON Lines file of {english, vietnamese} pairs."""
    pairs = []
    en_freq: dict[str, int] = defaultdict(int)
    vi_freq: dict[str, int] = defaultdict(int)
    with open(parallel, encoding="utf-8") as fh:
        for line in fh:
            try:
                rec = json.loads(line)
            except ValueError:
                continue
            en, vi = _en_terms(rec.get("english", "")), vi_terms(rec.get("vietnamese", ""))
            if en and vi and len(en) < 80 and len(vi) < 100:
                pairs.append((en, vi))
                for w in set(en):
                    en_freq[w] += 1
                for w in set(vi):
                    vi_freq[w] += 1
    en2vi = _top(_ibm1(pairs), en_freq)
    vi2en = _top(_ibm1([(v, e) for e, v in pairs]), vi_freq)
    return {"pairs": len(pairs), "en2vi": en2vi, "vi2en": vi2en, "en_phrases": train_phrases(pairs, en2vi, vi2en)}


class Lexicon:
    """Weighted translations of single terms, both directions."""

    def __init__(self, data: dict):
        self.en2vi: dict[str, list] = data.get("en2vi", {})
        self.vi2en: dict[str, list] = data.get("vi2en", {})
        self.en_phrases: dict[str, list] = data.get("en_phrases", {})

    def phrases_in(self, stems: list[str]) -> list[tuple[list[str], list[tuple[str, float]]]]:
        """(the two stems, their Vietnamese units as folded syllables joined
        by spaces) for each learned phrase among consecutive ``stems``, from
        the left, without overlaps."""
        out: list[tuple[list[str], list[tuple[str, float]]]] = []
        i = 0
        while i < len(stems) - 1:
            found = self.en_phrases.get(f"{stems[i]} {stems[i + 1]}")
            if found:
                out.append((stems[i:i + 2], [(v.replace("_", " "), p) for v, p in found]))
            i += 2 if found else 1
        return out

    def to_vietnamese(self, stem: str) -> list[tuple[str, float]]:
        if stem in ENGLISH_STOP_WORDS:
            return []
        return [(w, p) for w, p in self.en2vi.get(stem, [])]

    def to_english(self, term: str) -> list[tuple[str, float]]:
        return [(w, p) for w, p in self.vi2en.get(term, [])]


@lru_cache(maxsize=1)
def load() -> Lexicon:
    """The packaged lexicon (empty when it was not built)."""
    try:
        with gzip.open(DATA, "rt", encoding="utf-8") as fh:
            return Lexicon(json.load(fh))
    except (OSError, ValueError):
        return Lexicon({})


def main() -> None:
    ap = argparse.ArgumentParser(description="Learn the bilingual lexicon from aligned paragraphs.")
    ap.add_argument("--parallel", required=True, help="JSON Lines of {english, vietnamese}")
    ap.add_argument("--out", default=str(DATA))
    args = ap.parse_args()
    data = train(args.parallel)
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    with gzip.open(args.out, "wt", encoding="utf-8") as fh:
        json.dump(data, fh, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    print(f"{data['pairs']} pairs; {len(data['en2vi'])} English and {len(data['vi2en'])} Vietnamese entries "
          f"-> {args.out}")


if __name__ == "__main__":
    main()
