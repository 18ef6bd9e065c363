"""Text normalisation shared by ingest, analysis and entities.

Three things make Vietnamese text hard to match byte for byte: the same letter
can be composed or decomposed (NFC vs NFD), the tone mark of a syllable can sit
on different vowels ("hoà" / "hòa", "uỷ" / "ủy"), and users often leave the
diacritics out altogether ("bo cong an").  Each helper here removes one of
those differences and nothing else.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from whoosh.support.charset import accent_map

__all__ = [
    "nfc",
    "nfc_with_offsets",
    "canonical_tone",
    "fold",
    "has_diacritics",
    "could_be_vietnamese",
    "is_foreign_word",
]

# The five Vietnamese tone marks as combining characters.
_TONE_MARKS = ("\u0300", "\u0301", "\u0309", "\u0303", "\u0323")
# Vowels with a quality mark (breve, circumflex, horn): they carry the tone
# whenever present in the nucleus.
_MARKED_VOWELS = frozenset("ăâêôơư")
_PLAIN_VOWELS = frozenset("aeiouy")
_VOWELS = _MARKED_VOWELS | _PLAIN_VOWELS


def _build_tone_tables() -> tuple[dict[str, tuple[str, int]], dict[tuple[str, int], str]]:
    split: dict[str, tuple[str, int]] = {}
    join: dict[tuple[str, int], str] = {}
    for base in _VOWELS:
        for tone, mark in enumerate(_TONE_MARKS, start=1):
            toned = unicodedata.normalize("NFC", base + mark)
            if len(toned) == 1:
                split[toned] = (base, tone)
                join[(base, tone)] = toned
    return split, join


_SPLIT_TONE, _JOIN_TONE = _build_tone_tables()


def nfc(text: str) -> str:
    """NFC-normalise, skipping the work for text that already is (95% of it)."""
    if unicodedata.is_normalized("NFC", text):
        return text
    return unicodedata.normalize("NFC", text)


def nfc_with_offsets(text: str) -> tuple[str, list[int] | None, list[int] | None]:
    """NFC text plus, when normalising changed it, two maps back to offsets
    in ``text``: ``starts[i]`` for a token starting at NFC offset i and
    ``ends[k]`` for a token ending at NFC offset k (both None when the text
    was already NFC).

    The maps let analysers tokenise the normalised text while reporting
    character offsets that slice the caller's original string.  Text is cut
    into runs that start at a character of combining class 0; NFC only
    composes within such a run, so each run is normalised on its own, and a
    token edge inside a run maps to the run's edge.
    """
    if unicodedata.is_normalized("NFC", text):
        return text, None, None
    out: list[str] = []
    starts: list[int] = []
    ends: list[int] = [0]
    start = 0
    n = len(text)
    while start < n:
        end = start + 1
        while end < n and unicodedata.combining(text[end]):
            end += 1
        piece = unicodedata.normalize("NFC", text[start:end])
        out.append(piece)
        starts.extend([start] * len(piece))
        ends.extend([end] * len(piece))
        start = end
    starts.append(n)
    return "".join(out), starts, ends


def _nucleus(syllable: str) -> tuple[int, int] | None:
    """Start and end of the vowel nucleus, skipping the "u" of "qu" and the
    "i" of "gi" when another vowel follows; None for non-Vietnamese shapes."""
    i = 0
    n = len(syllable)
    while i < n and syllable[i] not in _VOWELS:
        i += 1
    if i == n:
        return None
    if i > 0 and i + 1 < n and syllable[i + 1] in _VOWELS and (
        (syllable[i - 1] == "q" and syllable[i] == "u") or (syllable[i - 1] == "g" and syllable[i] == "i")
    ):
            i += 1
    j = i
    while j < n and syllable[j] in _VOWELS:
        j += 1
    if any(c in _VOWELS for c in syllable[j:]):
        return None  # more than one vowel group: not a Vietnamese syllable
    return i, j


def _tone_position(syllable: str, start: int, end: int) -> int:
    marked = [k for k in range(start, end) if syllable[k] in _MARKED_VOWELS]
    if marked:
        return marked[-1]  # "ươ" -> on ơ, "iê" -> on ê
    size = end - start
    if size == 1:
        return start
    if size >= 3:
        return start + 1  # "oai", "uyu", "oeo": the middle vowel
    has_final = end < len(syllable)
    return start + 1 if has_final else start  # "hoàng" but "hòa", "thủy"


@lru_cache(maxsize=262144)
def canonical_tone(word: str) -> str:
    """Put the tone mark of each lowercase syllable on one fixed vowel.

    "hoà" and "hòa" both become "hòa", "uỷ" and "ủy" both "ủy", "thoả" and
    "thỏa" both "thỏa".  Words that are not Vietnamese syllables (two vowel
    groups, two tone marks) are returned unchanged.
    """
    tone = 0
    chars = list(word)
    for k, ch in enumerate(chars):
        hit = _SPLIT_TONE.get(ch)
        if hit is not None:
            if tone:
                return word
            chars[k], tone = hit
    if not tone:
        return word
    bare = "".join(chars)
    span = _nucleus(bare)
    if span is None:
        return word
    pos = _tone_position(bare, *span)
    chars[pos] = _JOIN_TONE[(chars[pos], tone)]
    return "".join(chars)


# Whoosh's accent_map folds and lowercases; keep the case so that folding
# only ever removes diacritics.
_FOLD: dict[int, str] = {
    int(code): (repl.upper() if chr(int(code)).isupper() else repl) for code, repl in accent_map.items()
}


def fold(text: str) -> str:
    """Drop every diacritic, đ included ("Đồng Nai" -> "Dong Nai")."""
    return text.translate(_FOLD)


def has_diacritics(text: str) -> bool:
    """True when folding would change the text (the user typed accents)."""
    return fold(text) != text


# The shape of a Vietnamese syllable typed without diacritics: initial
# consonant, one to three vowels, final consonant.  "police", "agreement",
# "Australia" do not fit it; "cong", "nguyen", "truong" do.
_VI_SYLLABLE = re.compile(
    r"^(?:b|c|ch|d|g|gh|gi|h|k|kh|l|m|n|ng|ngh|nh|p|ph|qu|r|s|t|th|tr|v|x)?"
    r"[aeiouy]{1,3}(?:c|ch|m|n|ng|nh|p|t)?$")


def could_be_vietnamese(word: str) -> bool:
    """Whether a lowercase word has the shape of a syllable without diacritics."""
    return bool(_VI_SYLLABLE.match(word))


def is_foreign_word(word: str) -> bool:
    """Whether a word of a query reads as English whatever the rest of the
    query: no syllable without diacritics spells it ("Deputy", "Korea"),
    and it is not an acronym ("AFP", "UBND": kept as they are)."""
    return (len(word) > 1 and word.isascii() and word.isalpha() and not word.isupper()
            and not could_be_vietnamese(word.lower()))
