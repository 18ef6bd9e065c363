"""Words as the rules see them, and the small tests on a word they share."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache, partial
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


# ``Word._make`` as one C call, without its length check (analysis.words
# always gives four fields): every word of every text becomes a Word, and
# the cheaper call shows in the extraction time.
as_word = partial(tuple.__new__, Word)

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


@dataclass(frozen=True, slots=True)
class Phrases:
    """A set of phrases in ``gz.key`` form, with every phrase's leading
    words: matching stops at the first word no phrase goes on with."""

    whole: frozenset[str]
    starts: frozenset[str]

    @classmethod
    def of(cls, phrases: frozenset[str]) -> Phrases:
        starts = frozenset(" ".join(p.split(" ")[:n]) for p in phrases for n in range(1, p.count(" ") + 2))
        return cls(phrases, starts)


def match_phrase(ws: list[Word], i: int, table: Phrases, max_words: int = 4) -> int:
    """Number of words from i whose joined text is in ``table`` (longest)."""
    whole, starts = table.whole, table.starts
    best = 0
    text = ""
    for j in range(i, min(i + max_words, len(ws))):
        if not ws[j].is_word:
            break
        text = (text + " " + gz.key(ws[j].text)).strip()
        if text not in starts:
            break
        if text in whole:
            best = j - i + 1
    return best
