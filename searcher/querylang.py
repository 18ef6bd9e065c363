"""What language a query is in, and whether it is asked as a question.

Both change how a query matches: an English query's words are not
Vietnamese syllables, and a question is phrased in other words than the
release that answers it (so near misses match too).
"""

from __future__ import annotations

import re

from . import gazetteer as gz
from .analysis import ENGLISH_STOP_WORDS
from .textnorm import could_be_vietnamese, fold, has_diacritics, is_foreign_word

__all__ = ["query_lang", "clear_query_lang", "is_question", "could_be_vietnamese", "is_foreign_word", "foreign_words",
           "english_part"]


def foreign_words(text: str) -> list[str]:
    """The words of a query that read as English (``is_foreign_word``): in
    a Vietnamese query they are translated too ("Deputy Minister Le Quoc
    Hung", "Nguyễn Văn Long Korea")."""
    return [w for w in re.findall(r"[^\W\d_]+", text) if is_foreign_word(w)]


def english_part(text: str, lang: str) -> str:
    """What of a query reads as English: all of an English query (``lang``
    "en"), the foreign words of any other."""
    return text if lang == "en" else " ".join(foreign_words(text))


def _lang_votes(text: str) -> tuple[int, int, int, int]:
    """Words, English function words, Vietnamese function words, and words
    that cannot be Vietnamese syllables, of a query without diacritics."""
    words = re.findall(r"[a-z]+", text.lower())
    en = sum(1 for w in words if w in ENGLISH_STOP_WORDS)
    vi = sum(1 for w in words if w in gz.QUERY_FUNCTION_WORDS_FOLDED)
    foreign = sum(1 for w in words if len(w) > 1 and not could_be_vietnamese(w))
    return len(words), en, vi, foreign


def query_lang(text: str) -> str:
    """'en' for a query that reads as English: its English function words
    outnumber Vietnamese ones, or most of its words cannot be Vietnamese
    syllables ("federal police cooperation").  Anything else may be
    Vietnamese typed without diacritics, so it is 'vi'."""
    if has_diacritics(text):
        return "vi"
    n, en, vi, foreign = _lang_votes(text)
    if not n:
        return "vi"
    # "he", "to", "the" are also Vietnamese syllables: English function words
    # count only beside a word that cannot be Vietnamese.
    if foreign and en > vi:
        return "en"
    return "en" if vi == 0 and foreign * 2 > n else "vi"


def clear_query_lang(text: str) -> str | None:
    """The query's language when the text leaves no doubt: diacritics make
    it Vietnamese, English function words beside non-Vietnamese words make
    it English.  None for the rest ("Italy nghiem vaccine HIV", "bo cong
    an"), where a Vietnamese query typed plainly and an English one look
    alike."""
    if has_diacritics(text):
        return "vi"
    n, en, vi, foreign = _lang_votes(text)
    # English function words that no Vietnamese syllable spells ("of",
    # "what", "is"; not "them", "my", "to", which are "thêm", "Mỹ", "tổ").
    # Capitals are names or acronyms ("IS", the Islamic State), not grammar.
    plainly_english = sum(1 for w in re.findall(r"[A-Za-z]+", text)
                          if not w.isupper() and w.lower() in ENGLISH_STOP_WORDS
                          and not could_be_vietnamese(w.lower()))
    if plainly_english and en > vi:
        return "en"
    # Or common words, not names, that no Vietnamese syllable spells:
    # "police arrested drug traffickers in Nghe An".
    lower = [w for w in re.findall(r"[A-Za-z]+", text) if w.islower()]
    foreign_lower = sum(1 for w in lower if len(w) > 1 and not could_be_vietnamese(w))
    return "en" if foreign_lower >= 2 and foreign_lower * 2 >= len(lower) and vi == 0 else None


_QUESTION_START = re.compile(rf"^\W*({'|'.join(gz.QUESTION_OPENERS_EN)})\b", re.IGNORECASE)
_QUESTION_VI = re.compile(rf"\b({'|'.join(gz.QUESTION_WORDS_VI)})\b")
_QUESTION_VI_FOLDED = re.compile(rf"\b({fold('|'.join(gz.QUESTION_WORDS_VI))})\b")


def is_question(text: str) -> bool:
    """Whether a query is asked as a question (a question mark, an English
    question word first, a Vietnamese question word anywhere: with its
    diacritics when the query has them, "ai" is not "Ái")."""
    if "?" in text or _QUESTION_START.match(text):
        return True
    lower = text.lower()
    if has_diacritics(text):
        return bool(_QUESTION_VI.search(lower))
    return bool(_QUESTION_VI_FOLDED.search(lower))
