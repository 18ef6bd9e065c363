"""Titles and people's names in Vietnamese text (pyvi words).

A title may carry modifiers ("cựu", "Phó"); a name is a run of capitalised
words that opens with a Vietnamese surname, or any short capitalised run
right after a title.  Foreign names keep their particles ("de Mistura").
"""

from __future__ import annotations

from functools import lru_cache
from operator import attrgetter

from .. import gazetteer as gz
from ..textnorm import fold
from .known import AGENCY_HEAD_PHRASES, KNOWN_BY_KEY, TITLE_PHRASES
from .words import Word, is_acronym, is_cap, match_phrase

# First syllables that can open a title: most words are ruled out by one lookup.
_TITLE_OPENERS = frozenset(t.split(" ")[0] for t in gz.TITLES_VI | gz.TITLE_MODIFIERS_VI)


@lru_cache(maxsize=131072)
def opens_title(word: str) -> bool:
    """The word may start a title ("Thứ", "phó", "ông")."""
    return gz.key(word).split(" ")[0] in _TITLE_OPENERS


def title_at(ws: list[Word], i: int) -> int:
    """Length in words of a (possibly modified) title starting at i."""
    if not ws[i].is_word or not opens_title(ws[i].text):
        return 0
    n = 0  # modifiers, also when pyvi glues two ("cựu phó")
    while i + n < len(ws) and ws[i + n].is_word and all(
            syl in gz.TITLE_MODIFIERS_VI for syl in gz.key(ws[i + n].text).split(" ")):
        n += 1
    m = match_phrase(ws, i + n, TITLE_PHRASES)
    if m:
        return n + m
    # pyvi may glue a modifier to its title ("Phó_Tổng_Tư_lệnh").
    k = gz.key(ws[i].text) if i < len(ws) and ws[i].is_word else ""
    first, _, rest = k.partition(" ")
    if first in gz.TITLE_MODIFIERS_VI and rest in gz.TITLES_VI:
        return 1
    return 0


def is_person_start(ws: list[Word], j: int) -> bool:
    """A surname opening a name: "Nguyễn Văn Long", or "Nguyễn" + "Khắc Định"
    when pyvi splits them."""
    k = gz.key(ws[j].text)
    if k.split(" ")[0] not in gz.SURNAMES_VI or k in gz.PLACES:
        return False
    if len(ws[j].text.split()) >= 2:  # a name's syllables are all capitalised ("Đào tạo" is no name)
        return all(is_cap(s) for s in ws[j].text.split())
    return j + 1 < len(ws) and ws[j + 1].is_word and is_cap(ws[j + 1].text) \
        and not match_phrase(ws, j + 1, AGENCY_HEAD_PHRASES, 2)


def name_run(ws: list[Word], i: int) -> int:
    """Length of a run of capitalised words from i (names, places), with the
    particles of foreign names inside ("Staffan de Mistura")."""
    j = i
    while j < len(ws) and ws[j].is_word and (is_cap(ws[j].text) and not is_acronym(ws[j].text.split()[0]) or (
            j > i and ws[j].text in gz.NAME_PARTICLES and j + 1 < len(ws) and ws[j + 1].is_word
            and is_cap(ws[j + 1].text))):
        j += 1
    return j - i


def person_in_run(ws: list[Word], i: int, n: int, after_title: bool) -> tuple[str, int] | None:
    """The person's name inside capitalised words ws[i:i+n], if any, and how
    many syllables stand before it: after a title they name its portfolio
    ("Bộ trưởng Giao thông Vận tải Nguyễn Văn Thể")."""
    run = [ws[k].text for k in range(i, i + n)]
    lead = _drop_places(run, after_title)
    syllables = " ".join(run).split()
    if after_title:  # a portfolio may go lowercase: "Bộ trưởng Doanh nghiệp Greg Clark"
        k = _portfolio_end(syllables)
        lead += k
        syllables = syllables[k:]
        if not syllables or not is_cap(syllables[0]):
            return None
    if not syllables:
        return None
    whole = gz.key(" ".join(syllables))
    if whole in gz.PLACES or not all(_name_syllable(syl) for syl in syllables) or whole in gz.NOT_NAMES:
        return None
    reach = len(syllables) - 2 if after_title else 3
    for s, syl in enumerate(syllables):
        if gz.key(syl) in gz.SURNAMES_VI and 2 <= len(syllables) - s <= 5 and s < reach:
            return " ".join(syllables[s:]), lead + s
    if after_title and 1 <= len(syllables) <= 4 and is_cap(syllables[-1]):
        return " ".join(syllables), lead
    return None


def _drop_places(run: list[str], after_title: bool) -> int:
    """Drop the places that open a run ("Hàn Quốc Yu Jae-seong", "Sydney
    Nguyễn Đăng Thắng") and, after a title, every word up to its last place
    ("Giao thông Canada Marc Garneau": the country belongs to the title).
    Returns the syllables dropped."""
    lead = 0
    while len(run) > 1 and (gz.key(run[0]) in gz.PLACES or after_title and _known_body_before_name(run)):
        lead += len(run.pop(0).split())  # "đồng sáng lập Microsoft Bill Gates": the body goes with the title
    if after_title:
        cut = max((n + 1 for n, w in enumerate(run[:-1]) if gz.key(w) in gz.PLACES), default=0)
        lead += sum(len(w.split()) for w in run[:cut])
        del run[:cut]
    return lead


def _known_body_before_name(run: list[str]) -> bool:
    """A known body, then a foreign name or one with a Vietnamese surname
    ("Microsoft Bill Gates"), not a branch's place ("Agribank Krông Bông")."""
    rest = " ".join(run[1:])
    return gz.key(run[0]) in KNOWN_BY_KEY and (fold(rest) == rest or gz.key(rest).split()[0] in gz.SURNAMES_VI)


def _portfolio_end(syllables: list[str]) -> int:
    """Where the trailing name syllables begin: what stands before them names
    a title's portfolio."""
    k = len(syllables)
    while k > 0 and _name_syllable(syllables[k - 1]):
        k -= 1
    return k


def _name_syllable(syl: str) -> bool:
    """Capitalised, or a particle of a foreign name ("al-Assad", "de Mistura")."""
    return is_cap(syl) or syl.startswith(("al-", "el-")) or syl in gz.NAME_PARTICLES


def foreign_name(ws: list[Word], i: int, n: int) -> bool:
    """Two to four capitalised syllables without Vietnamese tone marks (a
    Vietnamese name needs its surname) that are no place or known body."""
    syllables = " ".join(w.text for w in ws[i:i + n]).split()
    k = gz.key(" ".join(syllables))
    return 2 <= len(syllables) <= 4 and all(is_cap(s) and s.replace("-", "").isalpha() and len(s) > 1 and fold(s) == s
                                            for s in syllables) \
        and gz.key(syllables[0]) not in gz.SENTENCE_WORDS_VI and k not in gz.PLACES \
        and k not in KNOWN_BY_KEY and not any(gz.key(s) in gz.PLACES for s in syllables)


_SEPARATORS = frozenset(("'", "’", "-"))
_text = attrgetter("text")


def join_name_pieces(ws: list[Word]) -> list[Word]:
    """Rejoin a foreign name that segmentation split: "O ' Hagan" -> "O'Hagan",
    "Ri Yong - ho" (a Korean given name with a spaced hyphen) -> one word."""
    if _SEPARATORS.isdisjoint(map(_text, ws)):
        return ws  # most texts: checked in C, it runs for every word
    out: list[Word] = []
    for w in ws:
        if len(out) >= 2 and out[-1].text in _SEPARATORS and w.is_word \
                and _glued(out[-2].text, out[-1].text, w.text):
            sep, prev = out.pop(), out.pop()
            w = Word(prev.text + sep.text + w.text, prev.start, w.end, True)
        out.append(w)
    return out


def _glued(prev: str, sep: str, word: str) -> bool:
    """ "O" ' "Hagan", or a capitalised foreign name - lowercase syllable ("Yong - ho")."""
    if sep != "-":
        return len(prev) == 1 and prev.isupper() and is_cap(word)
    return is_cap(prev) and not prev.isupper() and word.isalpha() and word.islower() and fold(word) == word \
        and fold(prev) == prev and len(word) <= 4 and not any(gz.key(p) in gz.PLACES for p in (prev, *prev.split()))


def titled_after(ws: list[Word], j: int) -> str:
    """A title in apposition after a name: "Vũ Đình Duy, nguyên Tổng Giám
    đốc", "Oriol Junqueras, một trong chín nhà lãnh đạo Catalan"."""
    if j + 1 < len(ws) and ws[j].text in ",(-" and ws[j + 1].is_word:
        k = j + 1 + _one_of(ws, j + 1)
        t = title_at(ws, k) if k < len(ws) and ws[k].is_word else 0
        if t and gz.key(ws[k].text) not in gz.ADDRESS_VI:
            return " ".join(w.text for w in ws[j + 1:k + t])
    return ""


def _one_of(ws: list[Word], j: int) -> int:
    """Words of "một trong (số) (chín)" before a plural title, else 0."""
    if j + 1 >= len(ws) or gz.key(ws[j].text) != "một" or gz.key(ws[j + 1].text) not in ("trong", "trong số"):
        return 0
    k = j + 2
    if k < len(ws) and gz.key(ws[k].text) == "số":
        k += 1
    if k < len(ws) and ws[k].is_word and (ws[k].text.isdigit() or gz.key(ws[k].text) in gz.NUMBER_WORDS_VI):
        k += 1
    return k - j
