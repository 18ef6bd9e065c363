"""Whose body a bare national name is.

Every country has a government, a parliament and ministries, and the
Vietnamese press names a foreign one bare when the story makes it clear:
"Bộ Quốc phòng" in a story about Russia is Russia's, "Hạ viện" in one about
Britain is the Commons.  Read as Vietnam's (or, for "Hạ viện", as the US
House), such a mention puts wire stories on the wrong page.  So a bare
national body is Vietnam's only in a story that is about Vietnam; otherwise
it takes the story's country (one country holding at least half of its
country mentions), and without one it stays unresolved rather than wrong.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .. import gazetteer as gz
from .words import Phrases, Word, match_phrase

__all__ = ["Story", "story_of", "country_after", "country_before", "national", "has_country", "NEAR"]

VIETNAM = "Việt Nam"
_COUNTRY_PHRASES = Phrases.of(frozenset(gz.COUNTRIES))
_LINKS = ("của",)  # "bộ Y tế của Ai Cập"; "tại Australia" says where, not whose
# Country names that are also common words or parts of names ("Anh" in
# "Nguyễn Tuấn Anh"): counted for a story only in "nước Anh", after a body.
_AFTER_NUOC = ("Anh", "Ý", "Áo", "Bỉ", "Séc", "Nhật", "Úc")
_AMBIGUOUS = frozenset({*_AFTER_NUOC, "US"})


class Story:
    """What a release says about countries: whether it is about Vietnam,
    and the one foreign country it is mostly about (None if none)."""

    def __init__(self, domestic: bool, country: str | None, countries: frozenset[str] = frozenset()):
        self.domestic = domestic
        self.country = country
        self.countries = countries  # every foreign country it names


@lru_cache(maxsize=1)
def _mention() -> re.Pattern[str]:
    names = sorted({n for line in gz.COUNTRY_SPELLINGS.values() for n in line if n not in _AMBIGUOUS},
                   key=len, reverse=True)
    return re.compile(r"(?<![\w-])(?:nước (?:" + "|".join(_AFTER_NUOC) + ")|" +
                      "|".join(re.escape(n) for n in names) + r")(?![\w-])")


def story_of(texts: list[str]) -> Story:
    """The story's countries (see the module doc)."""
    text = "\n".join(t for t in texts if t)
    domestic = any(cue in text for cue in gz.VIETNAM_CUES)
    counts: dict[str, int] = {}
    for m in _mention().finditer(text):
        country = _country(m)
        if country and country != VIETNAM:
            counts[country] = counts.get(country, 0) + 1
    total = sum(counts.values())
    top = max(counts, key=lambda c: counts[c], default=None)
    if top is None or counts[top] < max(total * gz.DOMINANT_COUNTRY_SHARE, gz.DOMINANT_COUNTRY_MENTIONS):
        top = None
    return Story(domestic, top, frozenset(counts))


NEAR = 250  # characters before a bare body in which its country is looked for


def country_before(text: str, start: int) -> str | None:
    """The country last named in the ``NEAR`` characters before ``start``
    (Vietnam too), or None: the country a bare body there most likely
    belongs to ("Nga tuyên bố ... Bộ Quốc phòng cho biết")."""
    found = None
    for m in _mention().finditer(text, max(0, start - NEAR), start):
        found = _country(m)
    return found


def _country(mention: re.Match[str]) -> str | None:
    return gz.COUNTRIES.get(gz.key(mention.group().removeprefix("nước ")))


def country_after(ws: list[Word], j: int) -> int:
    """Words of a country written right after a body, directly or after
    "của" ("Hạ viện Đức", "bộ Y tế của Ai Cập"), else 0."""
    k = j + 1 if j < len(ws) and ws[j].is_word and gz.key(ws[j].text) in _LINKS else j
    if k >= len(ws) or not ws[k].is_word or not ws[k].text[:1].isupper():
        return 0
    n = match_phrase(ws, k, _COUNTRY_PHRASES, 4)
    return k - j + n if n else 0


def has_country(name: str) -> bool:
    """The name says its country ("Bộ Quốc phòng Nga", "Chính phủ Việt Nam")."""
    words = gz.key(name).split()
    return any(" ".join(words[a:b]) in gz.COUNTRIES for a in range(1, len(words)) for b in range(a + 1, len(words) + 1))


def national(name: str) -> bool:
    """A body every country has, named without its country: "Chính phủ",
    "Hạ viện", "Bộ Quốc phòng" (a ministry: "bộ" and a portfolio)."""
    k = gz.key(name)
    if has_country(name):
        return False
    return k in gz.NATIONAL_BODIES_VI or (k.startswith("bộ ") and len(k.split()) <= 6)
