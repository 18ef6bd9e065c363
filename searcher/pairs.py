"""Translation pairs: a release and its version in the other language.

Candidates come from the search itself: the release's title and opening,
searched among releases in the other language (the query builder's lexicon
expansion does the translating).  Each candidate is then checked with a
similarity of its own, so a release with no translation gets no link:

* anchors, the tokens a translation keeps as they are: numbers (separators
  dropped, "1,500" = "1.500") and names in Latin letters ("Mickelson");
* content words, the Vietnamese side's words put into English stems with
  the learned lexicon, against the English side's stems.

Dates, when both releases carry a stated one, must be within three days.
The links of a whole index are settled together (``assign``): the most
similar pairs first, each release in at most one pair, so two paragraphs of
one English article cannot both claim the same Vietnamese one.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from functools import lru_cache

from . import lexicon
from .analysis import ENGLISH_STOP_WORDS, english_analyzer
from .textnorm import fold, nfc

__all__ = ["similarity", "release_similarity", "anchors", "assign", "MIN_SIMILARITY"]

MIN_SIMILARITY = 0.4    # below this the best candidate is not a translation
SURE_SIMILARITY = 0.5   # a candidate this close ends the search for others
MAX_DAYS_APART = 3
PROFILE_CHARS = 3000    # how much of a release the similarity reads
CANDIDATES = 8          # search hits checked
QUERY_WORDS = 30        # words of title and opening searched
COMMON_SHARE = 0.05     # query words in more of the releases than this are left out,
COMMON_MIN = 50         # ...but never words in this many releases or fewer

_NUMBER = re.compile(r"\d[\d.,]*\d|\d")
_LATIN_NAME = re.compile(r"\b[A-Z][A-Za-z'’-]{2,}\b")
_EN = english_analyzer()


def _profile_text(title: str, lead: str, body: str) -> str:
    return "\n".join(p for p in (title, lead, body) if p)[:PROFILE_CHARS]


def anchors(text: str) -> set[str]:
    """Numbers and Latin-letter names: what a translation leaves unchanged."""
    out = {re.sub(r"[.,]", "", m.group()) for m in _NUMBER.finditer(text)}
    out.discard("")
    for m in _LATIN_NAME.finditer(text):
        word = m.group().lower()
        if word not in ENGLISH_STOP_WORDS and fold(word) == word:
            out.add(word)
    return out


@lru_cache(maxsize=4096)
def _anchor_set(text: str) -> frozenset[str]:
    # Cached: one release is compared with each of its candidates in turn.
    return frozenset(anchors(text))


def _english_stems(text: str) -> set[str]:
    return {t.text for t in _EN(text) if not t.text.isdigit() and len(t.text) > 2}


@lru_cache(maxsize=4096)
def _as_english(text: str, lang: str) -> frozenset[str]:
    """Content stems of a text, in English (Vietnamese via the lexicon)."""
    if lang == "en":
        return frozenset(_english_stems(text))
    lex = lexicon.load()
    out: set[str] = set()
    for term in _lexicon_words(text, lex):
        out.update(stem for stem, _ in lex.to_english(term)[:2])
    return frozenset(out)


_SYLLABLE = re.compile(r"[^\W_]+")


def _lexicon_words(text: str, lex: lexicon.Lexicon) -> dict[str, None]:
    """The lexicon's Vietnamese words found in ``text``: runs of one to three
    syllables looked up directly, longest first.  No segmentation: pyvi's
    CRF cost more than the rest of the pairing together.  The lexicon is
    keyed by folded words, so the whole text is folded once."""
    sylls = _SYLLABLE.findall(fold(text.lower()))
    table = lex.vi2en
    found: dict[str, None] = {}
    i, n_sylls = 0, len(sylls)
    while i < n_sylls:
        for n in (3, 2, 1):
            if i + n > n_sylls:
                continue
            term = "_".join(sylls[i:i + n]) if n > 1 else sylls[i]
            if term in table:
                found[term] = None
                i += n
                break
        else:
            i += 1
    return found


def _overlap(a: set | frozenset, b: set | frozenset) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / min(len(a), len(b))


def _days_apart(a: str | None, b: str | None) -> int | None:
    if a is None or b is None:
        return None
    try:
        return abs((dt.date.fromisoformat(a) - dt.date.fromisoformat(b)).days)
    except ValueError:
        return None


def similarity(a_text: str, a_lang: str, b_text: str, b_lang: str,
               a_date: str | None = None, b_date: str | None = None) -> float:
    """How likely two texts in different languages are one release (0..1)."""
    if a_lang == b_lang:
        return 0.0
    apart = _days_apart(a_date, b_date)
    if apart is not None and apart > MAX_DAYS_APART:
        return 0.0
    a_text, b_text = nfc(a_text), nfc(b_text)
    anchor = _overlap(_anchor_set(a_text), _anchor_set(b_text))
    words = _overlap(_as_english(a_text, a_lang), _as_english(b_text, b_lang))
    return 0.5 * anchor + 0.5 * words


def profile(release) -> str:
    """The part of a release (``Release``) the similarity reads."""
    return _profile_text(release.title, release.lead, release.body)


def release_similarity(a, b) -> float:
    """``similarity`` of two releases (``Release``s): title, lead and the
    body's opening, and their dates only where the release states them."""
    return similarity(_profile_text(a.title, a.lead, a.body), a.lang,
                      _profile_text(b.title, b.lead, b.body), b.lang,
                      None if a.date_inferred else a.date, None if b.date_inferred else b.date)


def assign(edges: Iterable[tuple[float, str, str]],
           kept: dict[str, tuple[str, float]] | None = None) -> dict[str, tuple[str, float]]:
    """Pairs from candidate links ``(similarity, a, b)``: strongest first,
    each release in one pair at most; ``kept`` pairs (both directions) stay
    and their releases are taken.  The result maps both ends to the other
    end and the similarity."""
    out = dict(kept or {})
    for score, a, b in sorted(edges, key=lambda e: (-e[0], e[1], e[2])):
        if score > MIN_SIMILARITY and a != b and a not in out and b not in out:
            out[a] = (b, score)
            out[b] = (a, score)
    return out
