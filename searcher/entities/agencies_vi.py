"""Agency names in Vietnamese text (pyvi words).

A name opens with a head ("Bộ", "Cục", "Công an", "UBND"...) and runs on
through capitalised words, the typical lowercase inner words ("quốc gia",
"hình sự") or up to an acronym in parentheses; a place level ("tỉnh Nam
Định"), a company form ("cổ phần") or lowercase descriptors ("tiểu học xã
Tây Sơn") may follow some heads, and a parent may be joined by a dash.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .. import gazetteer as gz
from ..textnorm import could_be_vietnamese, has_diacritics, is_foreign_word
from .known import AGENCY_HEAD_PHRASES, KNOWN_NAME_PHRASES, KNOWN_OPENERS, PLACE_HEAD_PHRASES, known_entry, people_in
from .people_vi import is_person_start, title_at
from .words import Word, is_acronym, is_cap, match_phrase

if TYPE_CHECKING:
    from .collector import Collector


def known_at(ws: list[Word], i: int) -> int:
    """Length in words of a gazetteer agency name starting at i."""
    if not is_cap(ws[i].text) or gz.key(ws[i].text).split(" ")[0] not in KNOWN_OPENERS:
        return 0
    return match_phrase(ws, i, KNOWN_NAME_PHRASES, 8)


def place_after(ws: list[Word], j: int) -> int:
    """Words of "tỉnh Nam Định" / "TP. Đà Nẵng" / "quận 1" starting at j, else 0."""
    if j >= len(ws) or not ws[j].is_word or gz.key(ws[j].text) not in gz.PLACE_LEVELS_VI:
        return 0
    k = j + 1
    if k < len(ws) and ws[k].text == ".":
        k += 1
    start = k
    while k < len(ws) and ws[k].is_word and (is_cap(ws[k].text) or (k == start and ws[k].text.isdigit())) \
            and not (k > start and is_person_start(ws, k)):  # "UBND TP. HCM Nguyễn Thành Phong"
        k += 1
        if gz.key(ws[k - 1].text) in gz.PLACES or ws[k - 1].text.isdigit():
            break
    return k - j if k > start else 0


def is_place(word: str) -> bool:
    """A place written as one: every syllable capitalised ("Hòa Bình", not
    "Hoà bình", peace)."""
    return gz.key(word) in gz.PLACES and all(is_cap(s) for s in word.split())


def agency_at(ws: list[Word], i: int) -> int:
    """Length in words of an agency name starting at i (0 if none), with a
    parent joined by a dash ("Cục Cảnh sát hình sự - Bộ Công an" is one body)."""
    n = _agency_body(ws, i)
    return n + _dashed_parent(ws, i + n) if n else 0


def _dashed_parent(ws: list[Word], j: int) -> int:
    """Words of " - Bộ Công an" right after a body's name, else 0."""
    if j + 1 >= len(ws) or ws[j].text not in ("-", "–") or not is_cap(ws[j + 1].text) \
            or title_at(ws, j + 1):
        return 0
    p = _agency_body(ws, j + 1) or known_at(ws, j + 1)
    return 1 + p if p else 0


def _agency_body(ws: list[Word], i: int) -> int:
    """Length in words of an agency name starting at i (0 if none).

    After the head, capitalised words continue the name until a person's
    name or a title (which ends it); a place ends it too.  Lowercase words
    continue it when they are typical inner words ("quốc gia", "hình sự") or
    when an acronym in parentheses closes the phrase a few words on.  A head
    with a place level ("Công an tỉnh Nam Định") or a company form ("Công ty
    cổ phần dược phẩm Thiên Sơn") may go on in lowercase.
    """
    head = match_phrase(ws, i, AGENCY_HEAD_PHRASES, 2)
    if not head or (gz.key(ws[i].text) in gz.SURNAMES_VI and is_person_start(ws, i)):
        return 0  # no head, or a surname ("Đoàn Hồng Phong")
    head_key = gz.key(" ".join(w.text for w in ws[i:i + head]))
    if not is_cap(ws[i].text) and head_key not in gz.LOWER_HEADS_VI:
        return 0
    if head_key in gz.COUNTRY_ONLY_HEADS_VI and (head_key in gz.COUNTRY_ONLY_ALWAYS_VI or not is_cap(ws[i].text)):
        return _country_after_head(ws, head, i + head)
    j, done = _head_forms(ws, i, head, head_key)
    if done:
        return done
    if j >= len(ws) or not ws[j].is_word or not is_cap(ws[j].text) or is_person_start(ws, j):
        return 0
    return _proper_name(ws, i, head, j)


def _country_after_head(ws: list[Word], head: int, j: int) -> int:
    """ "hải quân Mỹ": the head and the country after it (words), else 0."""
    if j < len(ws) and ws[j].is_word and gz.key(ws[j].text) in gz.COUNTRIES:
        return head + 1
    return 0


def _head_forms(ws: list[Word], i: int, head: int, head_key: str) -> tuple[int, int]:
    """What some heads take right after them: a place ("Công an tỉnh Nam
    Định"), a company form or number ("Tổng công ty 319"), "tối cao" /
    "trung ương", lowercase descriptors.  Returns where the proper name would
    start and the name's whole length when one of these ends it (else 0)."""
    j = i + head
    if head_key in gz.PLACE_HEADS_VI:
        p = place_after(ws, j)
        if p:
            return j, head + p
    if head_key in gz.COMPANY_HEADS_VI:
        j += _company_form(ws, j)
        if j < len(ws) and ws[j].text.isdigit():
            return j, j + 1 - i  # "Tổng công ty 319"
    if j < len(ws) and ws[j].is_word and gz.key(ws[j].text) in ("tối cao", "trung ương") and is_cap(ws[i].text):
        return j, j + 1 - i  # "TAND tối cao", "Ban Nội chính trung ương"
    if head_key in gz.DESCRIPTOR_HEADS_VI and j < len(ws) and ws[j].is_word and not is_cap(ws[j].text):
        d = _descriptor_tail(ws, j)
        if d:
            return j, head + d
    return j, 0


def _proper_name(ws: list[Word], i: int, head: int, j: int) -> int:
    """Length of the name from i whose head ends at i + head and whose
    proper name starts at j (see _agency_body)."""
    closing = _acronym_ahead(ws, j)
    while j < len(ws) and (ws[j].is_word or _joined_acronym(ws, j) or _listed_portfolio(ws, i, i + head, j)):
        if not ws[j].is_word:  # "GD & ĐT", "LĐ-TB&XH": one acronym written in parts; "Văn hoá, Thể thao và"
            j += 1 if ws[j].text in (",", "-", "–") and not _joined_acronym(ws, j) else 2
            continue
        w = gz.key(ws[j].text)
        if closing is not None and j < closing:
            j += 1
            continue
        end = _name_stop(ws, i, head, j, w)
        if end:
            return end
        j += 1
        if w in gz.PLACES:
            break
    return j - i


def _known_person_at(ws: list[Word], j: int) -> bool:
    """A known public figure's name starts at word j."""
    run = " ".join(w.text for w in ws[j:j + 4] if w.is_word)
    return any(run.startswith(p) for p in people_in(run, False))


def _takes_place(ws: list[Word], i: int, head: int) -> bool:
    """The head takes a place after it ("Sở Cảnh sát Baton Rouge")."""
    return gz.key(" ".join(w.text for w in ws[i:i + head])) in gz.PLACE_HEADS_VI


def _foreign_after(ws: list[Word], start: int, j: int) -> bool:
    """A Vietnamese name ("đảng Dân chủ") followed by two foreign words
    ("Hillary Clinton"): a person after the body, not more of its name."""
    after = ws[j].text.split()
    if j + 1 < len(ws) and ws[j + 1].is_word and is_cap(ws[j + 1].text):
        after += ws[j + 1].text.split()
    own = " ".join(w.text for w in ws[start:j]).split()
    if len(after) < 2 or gz.key(ws[j].text) in gz.PLACES or gz.key(ws[j - 1].text) in gz.PLACE_LEVELS_VI \
            or not all(has_diacritics(w) or could_be_vietnamese(w.lower()) for w in own):
        return False
    # "Hillary Clinton"; "James To Kun-sun": a foreign given name, then unmarked syllables
    return all(is_foreign_word(w) for w in after[:2]) \
        or (is_foreign_word(after[0]) and all(w.isascii() and w[:1].isupper() for w in after[:2]))


def _joined_acronym(ws: list[Word], j: int) -> bool:
    """ws[j] is "&" or "-" between two acronym parts ("GD & ĐT", "NN&PTNT")."""
    return ws[j].text in ("&", "-") and 0 < j < len(ws) - 1 and ws[j + 1].is_word \
        and ws[j - 1].is_word and _acronym_part(ws[j - 1].text) and _acronym_part(ws[j + 1].text)


def _listed_portfolio(ws: list[Word], i: int, start: int, j: int) -> bool:
    """ws[j] (the name opening at i) is the comma or dash inside a
    ministry's list of portfolios:
    "Bộ Văn hoá, Thể thao và Du lịch" (after a comma, capitalised words,
    then "và" and a capitalised word), "Sở Tài nguyên - Môi trường" (after
    a dash, a capitalised word that is no place); never a new body or person."""
    if ws[j].text not in (",", "-", "–") or j == start or j + 3 >= len(ws) or not ws[j + 1].is_word \
            or not _portfolio_word(ws[j + 1].text) or match_phrase(ws, j + 1, AGENCY_HEAD_PHRASES, 2) \
            or is_person_start(ws, j + 1):
        return False
    head = ws[i].text
    if known_entry(" ".join(w.text for w in ws[i:j])) or known_entry(f"{head} {ws[j + 1].text}") \
            or known_at(ws, j + 1):
        return False  # "Bộ Chính trị, Trung ương và Quốc hội", "Bộ Tài chính - Công thương": two bodies
    if ws[j].text != ",":  # "Tài nguyên - Môi trường", "Giao thông - Vận tải": two portfolios
        return gz.key(ws[j + 1].text) not in gz.PLACES
    for k in range(j + 1, min(j + 6, len(ws) - 1)):
        if not ws[k].is_word:
            return False
        if gz.key(ws[k].text) == "và":
            return ws[k + 1].is_word and _portfolio_word(ws[k + 1].text)
        if not _portfolio_word(ws[k].text):
            return False
    return False


def _portfolio_word(word: str) -> bool:
    """A word of a ministry's portfolio: capitalised, or one of the inner
    words a name keeps in lowercase ("thể thao", "du lịch")."""
    return is_cap(word) or gz.key(word) in gz.AGENCY_INNER_VI


def _acronym_part(word: str) -> bool:
    return word.isupper() and word.replace("-", "").isalpha() and len(word) <= 8


def _name_stop(ws: list[Word], i: int, head: int, j: int, w: str) -> int:
    """Where a name from i ends when word j (key ``w``) does not go on with it:
    the length up to j, or past a juxtaposed parent or a place; 0 while the
    name goes on."""
    if j == i + head:
        return 0  # the first word after the head
    if is_cap(ws[j].text):
        if is_person_start(ws, j) or title_at(ws, j) or _known_person_at(ws, j) or (
                not _takes_place(ws, i, head) and _foreign_after(ws, i + head, j)):
            return j - i  # "đảng Dân chủ Hillary Clinton": the party, then the person
        if match_phrase(ws, j, AGENCY_HEAD_PHRASES, 2):
            nested = agency_at(ws, j)  # juxtaposed parent: "Cơ quan CSĐT Công an huyện Thọ Xuân"
            return j + nested - i if nested else j - i
        return 0
    if w in gz.AGENCY_INNER_VI or (w == "và" and j + 1 < len(ws) and ws[j + 1].is_word and (
            gz.key(ws[j + 1].text) in gz.AGENCY_INNER_VI
            or (is_cap(ws[j + 1].text) and not match_phrase(ws, j + 1, AGENCY_HEAD_PHRASES, 2)))):
        return 0
    if w in gz.PLACE_LEVELS_VI:
        p = place_after(ws, j)
        if p:
            return j + p - i
    return j - i


def _company_form(ws: list[Word], j: int) -> int:
    """Lowercase words after "Công ty" up to its capitalised name ("cổ phần dược phẩm")."""
    if j >= len(ws) or gz.key(ws[j].text) not in gz.COMPANY_FORMS_VI:
        return 0
    for k in range(j + 1, min(j + 8, len(ws))):  # "TNHH thương mại và dịch vụ kỹ thuật X"
        if not ws[k].is_word or (gz.key(ws[k].text) in gz.AGENCY_STOPS_VI and gz.key(ws[k].text) != "và"):
            return 0
        if is_cap(ws[k].text):
            return k - j
    return 0


def _descriptor_tail(ws: list[Word], j: int, reach: int = 4) -> int:
    """Words of lowercase descriptors and the place or proper name that ends
    them: "cửa khẩu quốc tế Nậm Cắn", "tiểu học xã Tây Sơn", "thống nhất Hàn
    Quốc".  The name must not be a person's nor open another body
    ("đoàn công tác Bộ Công an" names Bộ Công an only)."""
    k = j
    while k < min(j + reach, len(ws)) and ws[k].is_word and not is_cap(ws[k].text) \
            and gz.key(ws[k].text) not in gz.AGENCY_STOPS_VI and gz.key(ws[k].text) not in gz.PLACE_LEVELS_VI \
            and not title_at(ws, k):
        k += 1
    if k == j or k >= len(ws) or not ws[k].is_word:
        return 0
    p = place_after(ws, k)
    if p:
        return k + p - j
    if not is_cap(ws[k].text) or is_person_start(ws, k) or match_phrase(ws, k, AGENCY_HEAD_PHRASES, 2) \
            or is_acronym(ws[k].text.split()[0]) or known_at(ws, k):
        return 0
    return _descriptor_name(ws, k) - j


def _descriptor_name(ws: list[Word], k: int) -> int:
    """End of the capitalised name at k that closes descriptors: up to four
    words, a place ends it, "ở"/"tại" and a place may follow ("Phái bộ ...
    Liên Hợp Quốc ở Nam Sudan")."""
    end = k
    while end < min(k + 4, len(ws)) and ws[end].is_word and is_cap(ws[end].text) and not title_at(ws, end):
        end += 1
        if is_place(ws[end - 1].text):
            break
    if end + 1 < len(ws) and gz.key(ws[end].text) in ("ở", "tại") and is_place(ws[end + 1].text):
        end += 2
    return end


def _acronym_ahead(ws: list[Word], j: int, reach: int = 7) -> int | None:
    """Index of "(" when "(ACRONYM)" follows within ``reach`` words."""
    for k in range(j, min(j + reach, len(ws))):
        if not ws[k].is_word:
            if ws[k].text == "(" and k + 2 < len(ws) and ws[k + 2].text == ")" and is_acronym(ws[k + 1].text):
                return k
            return None
        if gz.key(ws[k].text) in gz.AGENCY_STOPS_VI:
            return None
    return None


# --- one head, two places ------------------------------------------------------

_PLACE_HEAD_OPENERS = frozenset(h.split(" ")[0] for h in gz.PLACE_HEADS_VI)


def _place_head(ws: list[Word], i: int) -> int:
    """Words of a head that takes a place ("UBND", "Công an") at i, else 0."""
    if gz.key(ws[i].text).split(" ")[0] not in _PLACE_HEAD_OPENERS:
        return 0
    h = match_phrase(ws, i, AGENCY_HEAD_PHRASES, 4) or match_phrase(ws, i, PLACE_HEAD_PHRASES, 4)
    return h if h and gz.key(" ".join(w.text for w in ws[i:i + h])) in gz.PLACE_HEADS_VI else 0


def shared_place(ws: list[Word], i: int, text: str, out: Collector) -> int:
    """ "HĐND, UBND tỉnh Nam Định": the first head takes the place of the
    second.  Records that body and returns the words of the first head."""
    h = _place_head(ws, i)
    j = i + h
    if not h or j + 1 >= len(ws) or ws[j].text not in (",", "và"):
        return 0
    h2 = _place_head(ws, j + 1)
    p = place_after(ws, j + 1 + h2) if h2 else 0
    if not p:
        return 0
    place = text[ws[j + 1 + h2].start:ws[j + h2 + p].end]
    out.agency(text[ws[i].start:ws[j - 1].end] + " " + place)
    return h


def next_place(ws: list[Word], i: int, end: int, text: str, out: Collector) -> int:
    """ "Công an quận Sơn Trà và quận Liên Chiểu": the head serves the second
    place too.  Records that body and returns the words it took."""
    if end + 1 >= len(ws) or ws[end].text not in (",", "và"):
        return 0
    h = _place_head(ws, i)
    if not h or place_after(ws, i + h) != end - i - h:
        return 0
    p = place_after(ws, end + 1)
    if not p or (ws[end].text == "," and _level_rank(ws[end + 1].text) > _level_rank(ws[i + h].text)):
        return 0  # "UBND phường Lê Lợi, TP. Vinh": the city locates the ward
    out.agency(text[ws[i].start:ws[i + h - 1].end] + " " + text[ws[end + 1].start:ws[end + p].end])
    return 1 + p


def _level_rank(word: str) -> int:
    """How high a place level stands (ward 1 ... province 4)."""
    return gz.PLACE_LEVEL_RANKS_VI.get(gz.key(word), 0)
