"""Words as the rules see them, and the small tests on a word they share."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

from .. import gazetteer as gz


class Word(NamedTuple):
    """One pyvi word (its syllables joined by spaces) or punctuation unit.

    Punctuation is kept, with ``is_word`` False, because it ends names and
    agency phrases; ``start``/``end`` are offsets into the text, so a name
    is cut from the text as written.
    """

    text: str
    start: int
    end: int
    is_word: bool


_ACRONYM = re.compile(r"^[A-Z][A-Za-z0-9&]{1,11}$")


def is_cap(word: str) -> bool:
    """Capitalised: names, places and bodies start so."""
    return word[:1].isupper()


@lru_cache(maxsize=65536)
def is_acronym(word: str) -> bool:
    """ "AFP", "HĐND", "MoU": at least two capitals, short, no spaces."""
    return (bool(_ACRONYM.match(word)) or (word.isupper() and word.isalpha() and len(word) <= 12)) \
        and sum(c.isupper() for c in word) >= 2


def strip_possessive(name: str) -> str:
    """ "Trump's" -> "Trump": the possessive is not part of a name."""
    return name[:-2] if name.endswith(("'s", "’s")) else name


def match_phrase(ws: list[Word], i: int, table: frozenset[str], max_words: int = 4) -> int:
    """Number of words from i whose joined text is in ``table`` (longest)."""
    best = 0
    text = ""
    for j in range(i, min(i + max_words, len(ws))):
        if not ws[j].is_word:
            break
        text = (text + " " + gz.key(ws[j].text)).strip()
        if text in table:
            best = j - i + 1
    return best
