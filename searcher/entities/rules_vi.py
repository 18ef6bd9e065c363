"""The Vietnamese rules: one pass over a text's pyvi words.

The reader keeps the role being read ("Thứ trưởng Bộ Công an ...") open
while its words go on, and hands each capitalised word (or title opener) to
the cue handlers in turn: a medium after a cue word, a title, an agency, a
company with an English tail, an acronym inside a role, a run of names.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

from .. import gazetteer as gz
from ..analysis import words as vi_words
from .agencies_vi import agency_at, known_at, next_place, shared_place
from .countries import country_after, country_before, national
from .known import (
    AGENCY_HEAD_PHRASES,
    KNOWN_SINGLE,
    LOWER_HEAD_PHRASES,
    MEDIA_BARE,
    PRIVATE_AFTER_PHRASES,
    known_single,
)
from .people_vi import (
    foreign_name,
    is_person_start,
    join_name_pieces,
    name_run,
    opens_title,
    person_in_run,
    title_at,
    titled_after,
)
from .words import Word, as_word, is_acronym, is_cap, match_phrase

if TYPE_CHECKING:
    from collections.abc import Callable

    from .collector import Collector

_CUES = gz.MEDIA_CUES_VI | gz.KNOWN_MEDIA_CUES_VI
# Lowercase words after which a body may be named ("bộ Công an", "đài WAFB",
# "trên Thanh Niên").
_LOWER_OPENERS = gz.MEDIA_WORDS_VI | gz.LOWER_HEADS_VI | frozenset(h.split(" ")[0] for h in gz.LOWER_HEADS_VI) | _CUES

# Kinds of word for the pass (see _kind).
_PLAIN, _LOWER_OPENER, _CUE = 0, 1, 2


@lru_cache(maxsize=131072)
def _kind(word: str) -> int:
    """What a word may start: a cue (capitalised or a title opener), a body
    after a lowercase head, or nothing.  Cached: the pass asks it of every word."""
    if is_cap(word) or opens_title(word):
        return _CUE
    return _LOWER_OPENER if gz.key(word) in _LOWER_OPENERS else _PLAIN


class _Reader:
    """What the pass carries from word to word: the role being read (its
    title's first word and the word after the role so far), and a role that
    a list of names after a colon shares ("gồm các ông: A, B và C")."""

    __slots__ = ("listed", "out", "role_end", "role_start", "text", "ws")

    def __init__(self, ws: list[Word], text: str, out: Collector) -> None:
        self.ws = ws
        self.text = text
        self.out = out
        self.role_start: int | None = None
        self.role_end = -1  # meaningful while role_start is set
        self.listed: tuple[int, int] | None = None


def extract_vi(text: str, out: Collector) -> None:
    """Record the officials and agencies a Vietnamese text names.

    Each step reads the word at i and returns where the next one starts.
    Most words are lowercase and outside any role: they are passed over
    right here.
    """
    ws = join_name_pieces(list(map(as_word, vi_words(text))))
    r = _Reader(ws, text, out)
    i, n = 0, len(ws)
    while i < n:
        w = ws[i]
        if not w.is_word:
            i = _punctuation(r, i, w.text)
            continue
        kind = _kind(w.text)
        if kind == _CUE:
            i = _cued(r, i)
        elif kind == _PLAIN and r.role_start is None and r.listed is None:
            i += 1
        else:
            i = _lowercase(r, i)


def _punctuation(r: _Reader, i: int, mark: str) -> int:
    """A list after a colon takes the role back at each comma; most marks end it."""
    if mark in ",:;" and r.listed is not None:
        r.role_start, r.role_end = r.listed  # "gồm các ông: A, B và C"
    elif mark == "," and r.role_start is not None and i == r.role_end and _name_between_commas(r.ws, i + 1):
        pass  # the role goes on to the name: "Người phát ngôn Bộ Quốc phòng, Elissa Smith, thông báo"
    elif mark not in "(-":
        r.role_start = None
        r.listed = None
    return i + 1


def _name_between_commas(ws: list[Word], j: int) -> bool:
    """A person's whole name from j, closed by a comma."""
    n = name_run(ws, j) if j < len(ws) and ws[j].is_word else 0
    return n > 0 and j + n < len(ws) and ws[j + n].text == "," \
        and (is_person_start(ws, j) or foreign_name(ws, j, n))


def _lowercase(r: _Reader, i: int) -> int:
    """A lowercase word: it carries the role on, or ends it and may open a body."""
    ws = r.ws
    if r.role_start is not None:
        nxt = _role_goes_on(r, i)
        if nxt:
            return nxt
        if i == r.role_end and gz.key(ws[i].text) in gz.LOWER_HEADS_VI:
            a = _lower_agency(ws, i, r.text, r.out)  # "Người phát ngôn quân đội Nepal X": the title-holder's body
            if a:
                r.role_end = i + a
                return i + a
    if r.listed is not None and gz.key(ws[i].text) == "và":
        r.role_start, r.role_end = r.listed  # "..., B và C": the last name of the list
        return i + 1
    if not (r.listed is not None and gz.key(ws[i].text) == "các"):
        r.role_start = None  # most words: no title, agency or name starts here
        r.listed = None
    if r.role_start is None and gz.key(ws[i].text) in _LOWER_OPENERS:
        a = _media_cue(ws, i, r.text, r.out) or _lower_agency(ws, i, r.text, r.out)
        if a:
            return i + a
    return i + 1


def _role_goes_on(r: _Reader, i: int) -> int:
    """The role being read takes this word: a field after "phụ trách", a
    qualifier ("Giám đốc thể chất") or a link to a body ("tại", "của").
    Returns where the next step starts, 0 if the role does not go on."""
    tail = _role_tail(r.ws, i) if i == r.role_end else 0
    if tail:  # "Phó Tổng thư ký Liên hợp quốc phụ trách chính trị X"
        r.role_end = i + tail
        return i + tail
    if _carries_role(r.ws, i, r.role_end):
        if i == r.role_end:
            r.role_end = i + 1  # a qualifier: "Giám đốc thể chất"
        return i + 1
    return 0


def _cued(r: _Reader, i: int) -> int:
    """A capitalised word or a title opener: the first handler that reads it wins."""
    for handler in _HANDLERS:
        nxt = handler(r, i)
        if nxt:
            return nxt
    r.role_start = None
    return i + 1


# --- handlers of a capitalised word, tried in order --------------------------------
# Each returns where the next step starts, or 0 when the cue is not there.


def _on_media_cue(r: _Reader, i: int) -> int:
    """ "tờ Sunday Telegraph", "trên Thanh Niên": the medium after a cue."""
    ws = r.ws
    m = _media_cue(ws, i, r.text, r.out) if gz.key(ws[i].text) in _CUES else 0
    if not m:
        return 0
    r.role_start = None
    return i + m


def _on_title(r: _Reader, i: int) -> int:
    """A title opens a role (or goes on with it: "Phó Chủ tịch kiêm Tổng thư ký")."""
    ws = r.ws
    t = title_at(ws, i)
    if not t or (r.role_start is None and match_phrase(ws, i, AGENCY_HEAD_PHRASES, 2)
                 and match_phrase(ws, i + t, AGENCY_HEAD_PHRASES, 2) and agency_at(ws, i) > t):
        return 0  # none, or a body's name that opens like a title: "Cảnh sát điều tra Công an tỉnh X"
    if r.role_start is None:
        r.role_start = i
    r.listed = None
    if i + t < len(ws) and ws[i + t].text == ":" or (i + t + 1 < len(ws) and ws[i + t + 1].text == ":"):
        r.listed = (r.role_start, i + t)
    u = _unit_in_title(ws, i, t, r.text, r.out)
    r.role_end = i + t + u
    names_at = _names_listed_after(ws, i + t + u)
    if names_at:  # "6 thứ trưởng gồm các ông A, B và C": each holds the title
        r.listed = (r.role_start, i + t + u)
        return names_at
    return i + t + u


_LIST_OPENERS = frozenset({"gồm", "gồm có", "bao gồm", "là"})


def _names_listed_after(ws: list[Word], k: int) -> int:
    """Where the first name of "gồm (các) (ông|bà) A, B ..." after a title
    starts, else 0."""
    if k >= len(ws) or not ws[k].is_word or gz.key(ws[k].text) not in _LIST_OPENERS:
        return 0
    k += 1
    if k < len(ws) and ws[k].is_word and gz.key(ws[k].text) in ("các", "các ông", "các bà"):
        k += 1
    if k < len(ws) and ws[k].is_word and gz.key(ws[k].text) in gz.ADDRESS_VI:
        k += 1
    if k + 1 < len(ws) and is_person_start(ws, k) and any(w.text == "," for w in ws[k + 1:k + 6]):
        return k
    return 0


def _on_agency(r: _Reader, i: int) -> int:
    """A body's name, with its acronym in parentheses; inside a role it is
    the title-holder's body ("Thứ trưởng Bộ Công an")."""
    ws = r.ws
    shared = shared_place(ws, i, r.text, r.out)
    a = shared or max(agency_at(ws, i), known_at(ws, i))
    if not a:
        return 0
    end = i + a
    acronym = ""
    if not shared:
        name = r.text[ws[i].start:ws[end - 1].end]
        if national(name):
            end += country_after(ws, end)  # "Hạ viện Đức", "bộ Y tế của Ai Cập": that country's
            name = r.text[ws[i].start:ws[end - 1].end]
            r.out.near(name, country_before(r.text, ws[i].start))
        acronym = _bracketed_acronym(ws, end)
        if i > 0 and ws[i - 1].is_word and ws[i - 1].text in _OUTLET_WORDS:
            r.out.outlet(name, acronym)  # "báo Công an TP. HCM": the paper, not the police
        else:
            r.out.agency(name, acronym)
        end += next_place(ws, i, end, r.text, r.out)
    if r.role_start is not None:
        r.role_end = end
    return end + (3 if acronym else 0)


_OUTLET_WORDS = frozenset({"báo", "tờ", "tạp chí", "tờ báo"})  # lowercase, as a story cites a paper


def _bracketed_acronym(ws: list[Word], end: int) -> str:
    """The acronym of "(AFP)" right after a name, else ""."""
    if end + 2 < len(ws) and ws[end].text == "(" and ws[end + 2].text == ")" and is_acronym(ws[end + 1].text):
        return ws[end + 1].text
    return ""


def _on_acronym_tail(r: _Reader, i: int) -> int:
    """An acronym and an English company tail: "VTC Online"."""
    ws = r.ws
    if not (i + 1 < len(ws) and ws[i + 1].is_word and gz.key(ws[i + 1].text) in gz.ORG_TAILS_EN
            and is_cap(ws[i + 1].text) and is_acronym(ws[i].text)):
        return 0
    r.out.agency(r.text[ws[i].start:ws[i + 1].end])
    if r.role_start is not None:
        r.role_end = i + 2
    return i + 2


def _on_acronym_in_role(r: _Reader, i: int) -> int:
    """An acronym in the role: "Giám đốc của LSU Joe Alleva"; when no
    person's name follows, the body's name goes on ("Giám đốc HTX Xuân Long")
    and the role ends."""
    if r.role_start is None or not is_acronym(r.ws[i].text):
        return 0
    r.role_end = i + 1
    if not _name_after_acronym(r.ws, i + 1):
        r.role_start = None
    return i + 1


def _on_name_run(r: _Reader, i: int) -> int:
    """A run of capitalised words: a company, a person, or a portfolio
    ("Thứ trưởng Khoa học và Công nghệ") after which the role goes on."""
    ws = r.ws
    n = name_run(ws, i)
    if not n:
        return 0
    if _run_agency(ws, i, n, r.text, r.out):
        r.role_start = None
        return i + n
    person = _person_at(ws, i, n, r.text, r.role_start, r.role_end, r.out)
    if person or r.role_start is None or not (i + n < len(ws) and _carries_role(ws, i + n, -1)):
        r.role_start = None
        return i + n if person else i + 1
    r.role_end = i + n
    return i + n


_HANDLERS: tuple[Callable[[_Reader, int], int], ...] = (
    _on_media_cue, _on_title, _on_agency, _on_acronym_tail, _on_acronym_in_role, _on_name_run)


# --- what the handlers read ------------------------------------------------------


def _unit_in_title(ws: list[Word], i: int, t: int, text: str, out: Collector) -> int:
    """ "Trưởng phòng Cảnh sát hình sự - Công an tỉnh Bình Dương" names the
    unit "Phòng Cảnh sát hình sự - Công an tỉnh Bình Dương" (and "Phó chánh
    Văn phòng Nhà Trắng" names "Văn phòng Nhà Trắng", not the White House
    alone).  Records it and returns the words after the title it took."""
    title = gz.key(" ".join(w.text for w in ws[i:i + t]))
    unit = next((u for k, u in gz.UNIT_TITLES_VI.items() if title == k or title.endswith(" " + k)), None)
    j = i + t
    if unit is None or j >= len(ws) or not ws[j].is_word or not is_cap(ws[j].text) \
            or is_person_start(ws, j) or title_at(ws, j):
        return 0
    head = [Word(unit, ws[j].start, ws[j].start, True)]
    a = agency_at(head + ws[j:j + 24], 0)
    if a < 2:
        return 0
    out.agency(unit + " " + text[ws[j].start:ws[j + a - 2].end])
    return a - 1


def _name_after_acronym(ws: list[Word], i: int) -> bool:
    """A person's whole name follows: a Vietnamese one or a foreign one, not
    the rest of a body's name ("CTCP Dược phẩm Thiên Sơn", "VN Pharma")."""
    n = name_run(ws, i)
    found = person_in_run(ws, i, n, True) if n else None
    if not found or found[1]:
        return False
    return is_person_start(ws, i) or foreign_name(ws, i, n)


def _person_at(ws: list[Word], i: int, n: int, text: str, role_start: int | None, role_end: int,
               out: Collector) -> bool:
    """Record the official named in the run ws[i:i+n], if any; whether a person was found."""
    prev = gz.key(ws[i - 1].text) if i > 0 and ws[i - 1].is_word else ""
    if prev in gz.PLACE_MARKERS:
        return False  # "đường Võ Văn Kiệt"
    out.known_people(text[ws[i].start:ws[i + n - 1].end], False)
    if prev == "of" and role_start is not None:
        i, n = i + 1, n - 1  # "Tổng Chưởng lý District of Columbia Karl Racine"
    if n <= 0 or (i + n + 1 < len(ws) and gz.key(ws[i + n].text) == "of" and is_cap(ws[i + n + 1].text)):
        return False
    if gz.key(ws[i + n - 1].text).rpartition(" ")[2] in gz.ORG_TAILS_EN:
        return False  # "Võ Việt Chung International" is a company
    found = person_in_run(ws, i, n, role_start is not None)
    addressed = role_start is not None and role_end == role_start + 1 and gz.key(ws[role_start].text) in gz.ADDRESS_VI
    after = titled_after(ws, i + n) if role_start is None or addressed else ""
    if found is None and after and foreign_name(ws, i, n) and _title_ends_phrase(ws, i + n + 1):
        found = (text[ws[i].start:ws[i + n - 1].end], 0)  # "Marvin Cooke, giám đốc điều hành"
    private = _private_after(ws, i + n)
    if found is None and private and role_start is None and foreign_name(ws, i, n):
        out.private(text[ws[i].start:ws[i + n - 1].end])  # "Terry Laurmen, tình nguyện viên"
    if not found or (n == 1 and match_phrase(ws, i, AGENCY_HEAD_PHRASES, 1)):
        return False  # no one, or a head: "thẩm phán tại Tòa kháng cáo"
    name, before = found
    if all(len(syl) == 1 for syl in name.split()):
        return False  # initials that hide a name ("C V")
    if private:
        out.private(name)
    role = _role_text(ws, i, n, text, role_start, role_end, before) if role_start is not None else ""
    if addressed and after:
        role = after  # "ông Phan Ngọc Khuê, nguyên Giám đốc khách sạn ..."
    if role or after:
        real = role_start is not None and gz.key(ws[role_start].text) not in gz.ADDRESS_VI
        out.official(name, role or after, single_ok=real)
    return True


def _role_text(ws: list[Word], i: int, n: int, text: str, role_start: int, role_end: int, before: int) -> str:
    """The role as written, with the ``before`` syllables of the run that
    belong to it (a portfolio: "Bộ trưởng Giao thông Vận tải")."""
    role = text[ws[role_start].start:ws[role_end - 1].end]
    if role and before:
        role = text[ws[role_start].start:ws[i].start] + " ".join(" ".join(
            ws[k].text for k in range(i, i + n)).split()[:before])
    return role


def _private_after(ws: list[Word], j: int) -> bool:
    """A birth year, a home or a private description right after a name:
    "(SN 1979)", ", ngụ phường ...", ", nhà nghiên cứu về Trung Quốc"."""
    if j + 1 >= len(ws) or ws[j].text not in ",(" or not match_phrase(ws, j + 1, PRIVATE_AFTER_PHRASES, 2):
        return False
    for k in range(j + 2, min(j + 12, len(ws))):  # "(SN 1957, cựu Phó Chủ tịch UBND ...)": an official
        if ws[k].text in ").;":
            break
        if ws[k].is_word and title_at(ws, k) and gz.key(ws[k].text) not in gz.ADDRESS_VI:
            return False
    return True


def _title_ends_phrase(ws: list[Word], j: int) -> bool:
    """The title at j is followed by a body or lowercase words, not by the
    next person's name ("Người Đưa Tin, Trung tá Nguyễn ...")."""
    k = j + title_at(ws, j)
    return k >= len(ws) or not ws[k].is_word or not is_cap(ws[k].text) \
        or gz.key(ws[k].text) in KNOWN_SINGLE or bool(agency_at(ws, k) or known_at(ws, k))


def _carries_role(ws: list[Word], i: int, role_end: int) -> bool:
    """A qualifier right after the title, or a link to a capitalised word;
    after "của" that word must open a body (the title-holder's, not a person
    they serve: "luật sư của Diego Maradona")."""
    k = gz.key(ws[i].text)
    if i == role_end and k in gz.TITLE_QUALIFIERS_VI:
        return True
    if k not in gz.ROLE_LINKS or i + 1 >= len(ws) or not ws[i + 1].is_word or not is_cap(ws[i + 1].text):
        return False
    if k == "và":  # joins a portfolio's words, not a title to a name ("ông và Lê Giang")
        return i > 0 and ws[i - 1].is_word and not title_at(ws, i - 1)
    return k != "của" or is_acronym(ws[i + 1].text) or bool(agency_at(ws, i + 1) or known_at(ws, i + 1)) \
        or bool(title_at(ws, i + 1))  # "phát ngôn viên của Tổng thư ký Liên Hợp Quốc X"


def _role_tail(ws: list[Word], i: int, reach: int = 5) -> int:
    """Words of "phụ trách <lowercase field>" when a capitalised word follows."""
    if gz.key(ws[i].text) not in gz.ROLE_TAIL_WORDS_VI:
        return 0
    for k in range(i + 1, min(i + 1 + reach, len(ws))):
        if not ws[k].is_word or gz.key(ws[k].text) in gz.AGENCY_STOPS_VI:
            return 0
        if is_cap(ws[k].text):
            return k - i if k > i + 1 else 0
    return 0


def _media_cue(ws: list[Word], i: int, text: str, out: Collector) -> int:
    """A medium or company named after a cue word: "trên Thanh Niên", "báo
    Công an nhân dân" (known outlets only), "tờ Sunday Telegraph", "hãng Air
    Canada" (any capitalised name).  Records it; returns the words taken."""
    j = i + 1
    if j >= len(ws) or not ws[j].is_word or not is_cap(ws[j].text):
        return 0
    k = gz.key(ws[i].text)
    m = match_phrase(ws, j, MEDIA_BARE, 6) if k in gz.KNOWN_MEDIA_CUES_VI else 0
    if not m and k in gz.MEDIA_CUES_VI and not is_person_start(ws, j) \
            and not known_at(ws, j) and not agency_at(ws, j):  # "Tờ Thời báo New York"
        m = min(name_run(ws, j) or (1 if is_acronym(ws[j].text) else 0), 5)
    if not m:
        return 0
    name = text[ws[j].start:ws[j + m - 1].end]
    if k == "hãng":  # "hãng Air Canada": a company
        out.agency(name)
    else:  # "báo Công an nhân dân", "tờ Sunday Telegraph", "theo Thanh Niên": an outlet
        out.outlet(name)
    return 1 + m


def _lower_agency(ws: list[Word], i: int, text: str, out: Collector) -> int:
    """Words of an agency opened by a lowercase head ("bộ Công an", "đài WAFB")."""
    k = gz.key(ws[i].text)
    if k in gz.MEDIA_WORDS_VI and i + 1 < len(ws) and ws[i + 1].is_word and ws[i + 1].text.isupper() \
            and gz.key(ws[i + 1].text) not in gz.BARE_HEADS_VI:
        out.outlet(ws[i + 1].text, ws[i + 1].text)  # "đài WAFB", "hãng tin AFP"
        return 2
    if match_phrase(ws, i, LOWER_HEAD_PHRASES, 2):
        a = agency_at(ws, i)
        if a:
            out.agency(text[ws[i].start:ws[i + a - 1].end])
        return a
    return 0


_MODEL = re.compile(r"[A-Z]{0,3}-?\d{2,4}[A-Za-z0-9-]*")


def _run_agency(ws: list[Word], i: int, n: int, text: str, out: Collector) -> bool:
    """A capitalised run that names a company or club: a known one-word name
    ("Toyota", "Toyota UK") or an English tail ("United Airlines")."""
    single = gz.key(ws[i].text) in KNOWN_SINGLE
    if not single and gz.key(ws[i + n - 1].text).rpartition(" ")[2] not in gz.ORG_TAILS_EN:
        return False  # most runs
    if single and n == 1 and i + 1 < len(ws) and _MODEL.fullmatch(ws[i + 1].text):
        return True  # "Boeing 787", "Airbus A320": a product, not the company
    if single and i + n < len(ws) and ws[i + n].is_word and gz.key(ws[i + n].text) in gz.BRANCH_SUFFIXES:
        n += 1  # "Toyota UK"
    words = " ".join(w.text for w in ws[i:i + n]).split()
    keys = [gz.key(w) for w in words]
    if known_single(keys):
        out.agency(text[ws[i].start:ws[i + n - 1].end])
        return True
    if len(keys) < 2 or keys[-1] not in gz.ORG_TAILS_EN:
        return False
    drop = 0
    while len(keys) - drop > 2 and keys[drop] in gz.SENTENCE_WORDS_VI:
        drop += 1  # "Theo Radar Online", "Hiện Vietnam Airlines"
    out.agency(text[ws[i].start:ws[i + n - 1].end].split(None, drop)[-1])
    return True
