"""Spelling: misspelt query words corrected, and suggestions.

A misspelt syllable is one no release holds ("phuk", "interpoll"); a
real syllable that stands beside none of its query neighbours in any
release while a close spelling does ("tham nhũn": no release has
"tham nhũn", thousands have "tham nhũng"), or typed with diacritics no
release has ("Ngẵng"); or a one-word query that a close spelling outnumbers twenty
to one ("canbera").  Candidates are the indexed
diacritic-free syllables within one edit (two for words of five letters
or more), or two letters swapped; the best is the fewest edits away, then the one its neighbours stand
beside most often (runs of three, then pairs, of the ``pairs`` field),
then the most frequent: a noisy channel
with a bigram model read off the index.

``correction`` is what the search falls back on when the query as typed
finds nothing whole (``search``); ``suggest`` offers a better spelling
beside results (an official's usual spelling of a name typed without
diacritics, or the correction).
"""

from __future__ import annotations

from .analysis import syllables
from .fields import PAIRS, SPELLING_FIELDS
from .generation import Generation
from .querytypes import SYNTAX
from .scoring import Scorer
from .textnorm import canonical_tone, fold, has_diacritics, nfc

__all__ = ["suggest", "correction"]

FEW_RESULTS = 3  # below this many matches, a correction is offered
SHORTEST = 3  # letters: shorter syllables are never corrected
LONGEST = 20  # letters: longer words are not words one mistypes ("xxxxxxxx...")
LONG_WORD = 5  # letters from which two edits are allowed
MAX_CORRECTED = 12  # syllables looked at in a query (a pasted paragraph is not spell-checked)
MAX_FIXES = 2  # syllables corrected in one query
OUTNUMBERED = 20  # a real syllable is respelled when a close spelling fits this many times better
# Foreign spellings of Vietnamese sounds, each tried as one correction.
_SOUNDS = (("f", "ph"), ("z", "d"), ("j", "gi"), ("w", "u"))
_LETTERS = "abcdefghijklmnopqrstuvwxyz"


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
    return correction(gen, text)


def correction(gen: Generation, text: str) -> str | None:
    """``text`` with its misspelt syllables replaced (and, when the result
    names an official or agency, in that one's usual spelling), or None
    when nothing looks misspelt."""
    if SYNTAX.search(text):
        return None
    spans = syllables(text)
    if not spans or len(spans) > MAX_CORRECTED:
        return None
    words = [fold(w.lower()) for w, _, _ in spans]
    unknown = sum(1 for w in words if _correctable(w) and not _frequency(gen.scorer, w))
    if unknown > MAX_FIXES:
        return None  # more unknown words than typos: another language, or noise
    typed = [canonical_tone(w.lower()) if has_diacritics(w) else None for w, _, _ in spans]
    fixed = _corrected(gen.scorer, words, typed)
    if fixed == words:
        return None
    out = text
    for (word, start, end), old, new in reversed(list(zip(spans, words, fixed, strict=True))):
        if new != old:
            out = out[:start] + _cased(_written(gen.scorer, new, word), word) + out[end:]
    return gen.facets.entity_spelling(out) or out


def _written(scorer: Scorer, folded: str, typed: str) -> str:
    """A correction as the user would have written it: without diacritics
    if they typed none, else the indexed spelling closest to what they
    typed ("dũg" -> "dũng", not the commoner "dụng"); without diacritics
    when two are as close."""
    if not has_diacritics(typed):
        return folded
    spellings = scorer.variants("body", folded) or [folded]
    typed = canonical_tone(typed.lower())
    ranked = sorted((_edits(w, typed), w) for w in spellings)
    if len(ranked) > 1 and ranked[0][0] == ranked[1][0]:
        return folded  # "tưwng": "tương" or "tượng"? every spelling is searched
    return ranked[0][1]


def _corrected(scorer: Scorer, words: list[str], typed: list[str | None]) -> list[str]:
    """The folded syllables with misspelt ones replaced, one at a time:
    each round takes the best replacement of any syllable (a corrected
    syllable is the next round's context).  ``typed``: each syllable as
    typed, when typed with diacritics (they tell "người" from "ngồi" for
    "ngfời")."""
    out = list(words)
    for _ in range(MAX_FIXES):
        best: tuple[tuple[int, int, int, int], int, str] | None = None
        for i, word in enumerate(out):
            if not _correctable(word) or out[i] != words[i]:
                continue
            for cand, key in _replacements(scorer, out, i, typed[i]):
                if best is None or key > best[0]:
                    best = (key, i, cand)
        if best is None:
            break
        out[best[1]] = best[2]
    return out


def _replacements(scorer: Scorer, words: list[str], i: int,
                  typed: str | None) -> list[tuple[str, tuple[int, int, int, int]]]:
    """Close spellings that would fit at ``i`` better than the syllable
    typed, each with its (fewer edits, runs of three, pairs, frequency)
    key, edits counted on the diacritics too when some were typed.  A
    syllable some release holds is replaced only when it stands beside
    none of its neighbours anywhere and a close spelling does, or, alone,
    by one ``OUTNUMBERED`` times as common ("canbera")."""
    word = words[i]
    frequency = _frequency(scorer, word)
    if typed is not None and typed not in scorer.variants("body", word):
        frequency = 0  # "ngẵng": no release has it with these diacritics
    alone = len(words) == 1
    if frequency and not alone and _context(scorer, words, i, word)[1] > 0:
        return []  # it stands beside a neighbour somewhere: typed as meant
    for level in (1, 2):  # the fewest edits that give any fitting spelling
        out = []
        for cand in _candidates(scorer, word, level):
            cand_frequency = _frequency(scorer, cand)
            if not cand_frequency:
                continue
            triples, pairs = _context(scorer, words, i, cand)
            if frequency and not (cand_frequency >= OUTNUMBERED * frequency if alone else pairs > 0):
                continue  # a real syllable is replaced only by one that fits better
            edits = level if typed is None else min(_edits(w, typed) for w in scorer.variants("body", cand))
            out.append((cand, (-edits, triples, pairs, cand_frequency)))
        if out:
            return out
    return []


def _candidates(scorer: Scorer, word: str, edits: int) -> set[str]:
    """Indexed syllables one edit from ``word`` (a letter substituted,
    deleted or inserted, two neighbours swapped, or a foreign spelling of
    a Vietnamese sound: "fuc" -> "phuc"); with ``edits`` 2, those two
    edits away (same first letter; words of ``LONG_WORD`` letters or more)."""
    if edits == 2:
        near = scorer.near_terms("body", word, 2) if len(word) >= LONG_WORD else []
        return {w for w in near if _edits(w, word, sounds=True) == 2}
    splits = [(word[:k], word[k:]) for k in range(len(word) + 1)]
    out = {a + b[1:] for a, b in splits if b}
    out |= {a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1}
    out |= {a + c + b[1:] for a, b in splits if b for c in _LETTERS}
    out |= {a + c + b for a, b in splits for c in _LETTERS}
    out |= {word.replace(typed, written) for typed, written in _SOUNDS if typed in word}
    out.discard(word)
    return {w for w in out if scorer.variants("body", w)}


def _correctable(word: str) -> bool:
    return SHORTEST <= len(word) <= LONGEST and word.isalpha()


def _frequency(scorer: Scorer, word: str) -> int:
    """Releases holding the syllable in a vocabulary field (dictionary
    counts: no postings decoded)."""
    return max(scorer.rough_frequency(f, word) for f in SPELLING_FIELDS)


def _context(scorer: Scorer, words: list[str], i: int, cand: str) -> tuple[int, int]:
    """Releases holding ``cand`` (at ``i``) in a run of three with its
    neighbours (names), and beside its left or right neighbour."""
    pairs = triples = 0
    left = words[i - 1] if i > 0 else None
    right = words[i + 1] if i + 1 < len(words) else None
    if left:
        pairs += scorer.rough_frequency(PAIRS, f"{left}_{cand}")
    if right:
        pairs += scorer.rough_frequency(PAIRS, f"{cand}_{right}")
    for run in (words[i - 2:i] + [cand] if i >= 2 else None, [left, cand, right] if left and right else None,
                [cand] + words[i + 1:i + 3] if i + 3 <= len(words) else None):
        if run:
            triples += scorer.rough_frequency(PAIRS, "_".join(run))
    return triples, pairs


def _edits(a: str, b: str, sounds: bool = False) -> int:
    """Edits between two words (insert, delete, substitute, swap two
    neighbours); with ``sounds`` a foreign spelling of a sound ("f" for
    "ph") counts as one."""
    if sounds:
        for typed, written in _SOUNDS:
            if typed in b and b.replace(typed, written) == a:
                return 1
    prev2: list[int] = []
    prev = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        row = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            row[j] = min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + (a[i - 1] != b[j - 1]))
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                row[j] = min(row[j], prev2[j - 2] + 1)
        prev2, prev = prev, row
    return prev[len(b)]


def _cased(new: str, typed: str) -> str:
    """The correction in the case the user typed."""
    if typed.isupper() and len(typed) > 1:
        return new.upper()
    return new.capitalize() if typed[:1].isupper() else new
