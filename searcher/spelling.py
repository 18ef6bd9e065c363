"""Suggestions: a better spelling of what the user typed.

An official's or agency's usual spelling for a name typed without
diacritics; or, when the query finds little, its unknown words replaced by
the most frequent indexed word within one or two edits.
"""

from __future__ import annotations

from .analysis import syllables
from .fields import SPELLING_FIELDS
from .generation import Generation
from .querytypes import SYNTAX
from .scoring import Scorer
from .textnorm import fold, has_diacritics, nfc

__all__ = ["suggest"]

FEW_RESULTS = 3  # below this many matches, unknown words are respelled


def suggest(gen: Generation, query: str, total: int) -> str | None:
    """A better spelling of ``query`` (which found ``total`` releases), or None."""
    text = nfc(query.replace("\x00", " ")).strip()[:200]
    if not text or SYNTAX.search(text):
        return None
    known = gen.facets.entity_spelling(text)
    if known and known != text and not has_diacritics(text):
        return known
    if total >= FEW_RESULTS:
        return None
    respelled = respell(gen.scorer, text)
    if respelled:
        return gen.facets.entity_spelling(respelled) or respelled
    return None


def respell(scorer: Scorer, text: str) -> str | None:
    """Replace words no release contains by the most frequent indexed word
    within one or two edits (folded forms: diacritics are not guessed)."""
    changed = False
    out = text
    for word, start, end in reversed(syllables(text)):
        folded = fold(word.lower())
        if len(folded) < 3 or any(scorer.doc_frequency(f, folded) for f in SPELLING_FIELDS):
            continue
        best, best_df = None, 0
        for cand in scorer.near_terms("body", folded, 1 if len(folded) < 6 else 2):
            df = scorer.doc_frequency("body", cand)
            if df > best_df:
                best, best_df = cand, df
        if best:
            if word.isupper():
                best = best.upper()
            elif word[:1].isupper():
                best = best.capitalize()
            out = out[:start] + best + out[end:]
            changed = True
    return out if changed else None
