"""Officials and agencies named in a release (rules plus a small gazetteer).

Officials: a person's name with the title or rank written before it
("Thứ trưởng Lê Quốc Hùng", "bà Lesa Gale", "Deputy Minister Le Quoc Hung").
A run of capitalised words counts as a name when it starts with a Vietnamese
surname or directly follows a title.  Agencies: a capitalised head word
("Bộ", "Cơ quan", "Ủy ban", ...; "Ministry of", "... Police") and the name
that follows, with an acronym in parentheses bound to it
("Cảnh sát Liên bang Australia (AFP)").  Known agencies are also recognised
by any of their names, so every name is indexed for each of them.

Also: a title written after a name ("Marvin Cooke, giám đốc điều hành";
"said Heather Nauert, the department's spokeswoman"), a role that runs on
through "tại"/"của"/"và" ("Tổng lãnh sự tại Sydney X"), one place head shared
by two bodies ("HĐND, UBND tỉnh Nam Định"), companies and media by an English
tail ("United Airlines") or by name ("Toyota UK"), and well-known public
figures named without a title (gazetteer.KNOWN_OFFICIALS).

This module is the entry point, ``extract``; the rules are in ``rules_vi``
(with ``people_vi`` and ``agencies_vi``) and ``rules_en``, and they report
to ``collector.Collector``, which merges the mentions.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .. import gazetteer as gz
from ..textnorm import has_diacritics
from .collector import Collector
from .countries import story_of
from .known import ACRONYM_CANDIDATE, KNOWN_ACRONYMS
from .media import news_cued
from .names import Agency, Official
from .rules_en import extract_en
from .rules_vi import extract_vi

__all__ = ["extract"]


def _known_mentions(text: str, out: Collector) -> None:
    """Gazetteer acronyms that stand alone in the text."""
    found = (m for m in ACRONYM_CANDIDATE.findall(text) if m in KNOWN_ACRONYMS)
    for acronym in dict.fromkeys(found):
        if gz.key(acronym) in gz.BARE_HEADS_VI:
            continue
        if not any(a.acronym == acronym for a in out.agencies.values()):
            out.agency(acronym, acronym)


def _ambiguous_mentions(text: str, out: Collector) -> None:
    """An ambiguous acronym with a news cue by it ("theo AFP") is the outlet
    among its meanings; without one it is left to the rules (and dropped
    unless the release writes the body's name out)."""
    for acronym, meanings in gz.AMBIGUOUS_ACRONYMS.items():
        for m in re.finditer(rf"(?<![\w-]){re.escape(acronym)}(?![\w-])", text):
            if news_cued(text, m.start(), m.end()):
                out.medium(acronym, meanings[0])
                break


@lru_cache(maxsize=1)
def _media_pattern() -> re.Pattern[str]:
    names = sorted(gz.MEDIA_SPELLINGS, key=len, reverse=True)
    return re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(n) for n in names) + r")(?![\w-])(?! [A-Z]\w)")


def _known_outlets(text: str, out: Collector) -> None:
    """Known outlets named in the text: a foreign name anywhere ("theo
    Newsweek", "Bloomberg cho biết"); a name made of Vietnamese words
    ("Tuổi Trẻ", "Lao Động") only with a news cue by it, as the words are
    also common nouns."""
    for m in _media_pattern().finditer(text):
        name = m.group()
        if name in gz.AMBIGUOUS_ACRONYMS:
            continue  # told apart by _ambiguous_mentions
        if news_cued(text, m.start(), m.end()):
            out.outlet(name)
            continue
        before = text[max(0, m.start() - 30):m.start()].split()
        if not has_diacritics(name) and not (before and before[-1][:1].isupper()):
            out.outlet(name)  # not the end of a longer name ("Sunday Telegraph")


def extract(texts: list[str], lang: str) -> tuple[list[Official], list[Agency], list[Agency]]:
    """Officials, agencies and media mentioned in the given texts of one release."""
    out = Collector()
    out.story = story_of(texts)
    for text in texts:
        if not text:
            continue
        if lang == "en":
            extract_en(text, out)
        else:
            extract_vi(text, out)
    for text in texts:
        _known_mentions(text, out)
        _ambiguous_mentions(text, out)
        _known_outlets(text, out)
    return out.result()
