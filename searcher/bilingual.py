"""Bilingual phrases from the gazetteer: ranks, titles and known bodies.

The learned lexicon translates word by word, which breaks on fixed phrases:
"Deputy Minister" is "Thứ trưởng", not "phó" + "bộ trưởng", and "Senior
Lieutenant General" is one rank, "Thượng tướng".  The tables here hold
such phrases as facts (``gazetteer.TITLE_TRANSLATIONS``: the English forms
the Ministry of Public Security and the Vietnamese press use), plus every
known agency's Vietnamese and English name from ``gazetteer``, so a query
naming one in either language also searches for it in the other.

Lookups ignore case and tone placement; Vietnamese typed without diacritics
is matched folded ("thu truong" finds "Thứ trưởng"), typed with them it must
match exactly ("thị trường", market, is not "thị trưởng", mayor).
"""

from __future__ import annotations

import re
from functools import lru_cache

from . import gazetteer as gz
from .textnorm import canonical_tone, fold, has_diacritics, nfc

__all__ = ["TITLES", "gloss", "phrase_translations", "rendered_in_vietnamese"]

# (Vietnamese, English forms...) of ranks and offices; the list lives in the
# gazetteer, the name stays for the code that reads it from here.
TITLES = gz.TITLE_TRANSLATIONS

_WORD = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*")
MAX_WORDS = 12  # longer than the longest name in either table (an English agency of 8 words, a Vietnamese one of 11)


def _key(text: str, folded: bool = True) -> str:
    words = (canonical_tone(w.lower()) for w in _WORD.findall(nfc(text)))
    return " ".join(fold(w) for w in words) if folded else " ".join(words)


@lru_cache(maxsize=1)
def _tables() -> tuple[dict[str, list[str]], dict[str, list[str]], dict[str, list[str]]]:
    """(English key -> Vietnamese phrases, folded Vietnamese key -> English
    phrases, Vietnamese key with diacritics -> English phrases)."""
    en2vi: dict[str, list[str]] = {}
    vi2en: dict[str, list[str]] = {}
    vi2en_exact: dict[str, list[str]] = {}

    def add(vi: str, en: str) -> None:
        ek = _key(en)
        if ek and ek not in gz.AMBIGUOUS_TITLES_EN and vi not in en2vi.setdefault(ek, []):
            en2vi[ek].append(vi)
        for table, vk in ((vi2en, _key(vi)), (vi2en_exact, _key(vi, folded=False))):
            if vk and en not in table.setdefault(vk, []):
                table[vk].append(en)

    for vi, *english in TITLES:
        for en in english:
            add(vi, en)
    for vi, en, _ in gz.KNOWN_AGENCIES:  # organisations included
        if vi and en and _key(vi) != _key(en):
            add(vi, en)
    return en2vi, vi2en, vi2en_exact


def _matches(text: str, lang: str) -> list[list[str]]:
    """The translations of each gazetteer phrase in ``text``, in order,
    longest matches first and without overlaps."""
    return [found for _, found in phrase_spans(text, lang)]


def _spans(keys: list[str], table: dict[str, list[str]]) -> list[tuple[int, int, list[str]]]:
    """(first word, number of words, translations) of each phrase of
    ``table`` among the keyed words, longest first, without overlaps."""
    out: list[tuple[int, int, list[str]]] = []
    i = 0
    while i < len(keys):
        for n in range(min(MAX_WORDS, len(keys) - i), 0, -1):
            found = table.get(" ".join(keys[i:i + n]))
            if found:
                out.append((i, n, found))
                i += n
                break
        else:
            i += 1
    return out


def phrase_spans(text: str, lang: str) -> list[tuple[list[str], list[str]]]:
    """(the phrase's words as keyed, its translations) for each gazetteer
    phrase in ``text``, longest first, without overlaps."""
    # Vietnamese typed with diacritics must match with them: "thị trường"
    # (market) is not "thị trưởng" (mayor).
    exact = lang != "en" and has_diacritics(text)
    table = _tables()[0 if lang == "en" else 2 if exact else 1]
    words = _key(text, folded=not exact).split()
    return [(words[i:i + n], found) for i, n, found in _spans(words, table)]


def gloss(text: str, lang: str) -> str:
    """A short rendering of the gazetteer phrases of ``text`` in the other
    language ("Thứ trưởng Bộ Công an" -> "Deputy Minister · Ministry of
    Public Security"); empty when it holds none."""
    return " · ".join(found[0] for found in _matches(text, lang))


def phrase_translations(text: str, lang: str) -> list[str]:
    """Phrases of the other language for the gazetteer phrases in ``text``
    (``lang``: the language it is written in), longest matches first and
    without overlaps: "Deputy Minister" gives "Thứ trưởng", not also the
    translation of "Minister"."""
    out: list[str] = []
    for found in _matches(text, lang):
        out.extend(p for p in found if p not in out)
    return out


def rendered_in_vietnamese(text: str) -> str | None:
    """``text`` with each English gazetteer phrase replaced by its
    Vietnamese form ("Ambassador Nguyen Tat Thanh" -> "Đại sứ Nguyen Tat
    Thanh"), as a Vietnamese release would write it; None when it holds
    no such phrase."""
    words = _WORD.findall(nfc(text))
    keys = _key(text).split()
    spans = _spans(keys, _tables()[0]) if len(keys) == len(words) else []
    if not spans:
        return None
    out: list[str] = []
    done = 0
    for i, n, found in spans:
        out += words[done:i] + [found[0]]
        done = i + n
    rendered = " ".join(out + words[done:])
    return rendered if rendered != " ".join(words) else None
