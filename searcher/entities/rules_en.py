"""The English rules: runs of capitalised words, read one run at a time.

A run is a title and a name ("Deputy Minister Le Quoc Hung"), a name with
its office after it ("Heather Nauert, the department's spokeswoman"), a known
body or figure, or a body by its head or tail word ("Ministry of ...",
"... Police"); a score between two runs names two clubs.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING, NamedTuple

from .. import gazetteer as gz
from ..textnorm import fold
from .known import KNOWN_BY_KEY, KNOWN_NAMES, KNOWN_SURNAMES, known_single
from .words import is_acronym, is_cap, strip_possessive

if TYPE_CHECKING:
    from collections.abc import Callable

    from .collector import Collector


class Token(NamedTuple):
    """A word or punctuation mark of an English text, with its offsets."""

    text: str
    start: int
    end: int


_EN_TOKEN = re.compile(r"[\w][\w'’.-]*[\w]|[\w]|[^\w\s]")
# Capitalised sentence openers skipped at the start of a run ("The" is kept:
# it may open a body's name).
_RUN_OPENERS = gz.SENTENCE_WORDS_EN - {"the"}
_APPOSITION_TITLES = gz.TITLES_EN | gz.APPOSITION_TITLES_EN


def extract_en(text: str, out: Collector) -> None:
    """Record the officials and agencies an English text names."""
    toks = [Token(m.group(), m.start(), m.end()) for m in _EN_TOKEN.finditer(text)]
    i = 0
    while i < len(toks):
        if not is_cap(toks[i].text):
            i += 1
            continue
        j = _run_end(toks, i)
        _read_run(text, toks, i, j, out)
        k = _score_after(toks, j)
        if k:  # "Livingston 1 - 0 Rangers": two clubs
            out.agency(text[toks[i].start:toks[j - 1].end])
            out.agency(text[toks[j + 3].start:toks[k - 1].end])
            j = k
        i = max(j, i + 1)


def _run_end(toks: list[Token], i: int) -> int:
    """End of the capitalised run from i: connectors between capitalised
    words ("Ministry of Public Security") and abbreviations' full stops
    belong to it; a form of address starts another run."""
    j = i
    while j < len(toks) and (is_cap(toks[j].text) or (
            toks[j].text in gz.CONNECTORS_EN and j + 1 < len(toks) and is_cap(toks[j + 1].text)
            and gz.key(toks[j + 1].text.rstrip(".")) not in gz.ADDRESS_EN) or (
            toks[j].text == "." and j > i and _abbreviation(toks[j - 1].text))):
        j += 1
    while j > i and toks[j - 1].text in gz.CONNECTORS_EN:
        j -= 1
    return j


def _score_after(toks: list[Token], j: int) -> int:
    """End of the second team's name in "A 1 - 0 B", else 0."""
    if j + 3 >= len(toks) or not (toks[j].text.isdigit() and toks[j + 1].text in "-–" and toks[j + 2].text.isdigit()):
        return 0
    k = j + 3
    while k < len(toks) and is_cap(toks[k].text) and toks[k].text.isalpha():
        k += 1
    return k if k > j + 3 else 0


@lru_cache(maxsize=4096)
def _abbreviation(word: str) -> bool:
    """A token whose following full stop belongs to it ("Mr.", "U.S.", "J.")."""
    return gz.key(word) in gz.ABBREVIATIONS_EN or (len(word) == 1 and word.isupper())


# --- one run ----------------------------------------------------------------------


class _Run(NamedTuple):
    """A run toks[i:j] as the readers see it: its tokens without full stops
    (``kept``), cut after the first possessive (``cut``), as words (``run``,
    possessives and stops dropped) and keys, and the keys without a leading
    "the" (``bare``)."""

    text: str
    toks: list[Token]
    i: int
    j: int
    kept: list[Token]
    cut: int
    run: list[str]
    keys: list[str]
    bare: list[str]


def _read_run(text: str, toks: list[Token], i: int, j: int, out: Collector) -> None:
    """Record what the capitalised run toks[i:j] names: the first reader
    that takes it wins, a body by its head or tail word is the last resort."""
    while i < j and (toks[i].text == "." or gz.key(toks[i].text) in _RUN_OPENERS):
        i += 1
    if i >= j:
        return
    out.known_people(text[toks[i].start:toks[j - 1].end], True)
    kept = [t for t in toks[i:j] if t.text != "."]
    cut = next((n + 1 for n, t in enumerate(kept) if t.text.endswith(("'s", "’s"))), len(kept))
    run = [strip_possessive(t.text).rstrip(".") for t in kept[:cut]]
    keys = [gz.key(w) for w in run]
    if not keys:
        return
    bare = keys[1:] if keys[0] == "the" and len(keys) > 1 else keys
    r = _Run(text, toks, i, j, kept, cut, run, keys, bare)
    for reader in _READERS:
        if reader(r, out):
            return
    _en_agency(r, out)


def _member_of(r: _Run, out: Collector) -> bool:
    """ "Member of Congress X": read what follows "of"."""
    if len(r.keys) > 2 and r.keys[0] in ("member", "members") and r.keys[1] == "of":
        _read_run(r.text, r.toks, r.toks.index(r.kept[2], r.i), r.j, out)
        return True
    return False


def _with_lower_tail(r: _Run, out: Collector) -> bool:
    """ "Unite union", "Senate judiciary committee"."""
    tail = _lower_tail(r.toks, r.j) if r.cut == len(r.kept) else ""
    if tail:
        out.agency(" ".join(r.run) + " " + tail)
        return True
    return False


def _two_names(r: _Run, out: Collector) -> bool:
    """ "Honda, BMW and Jaguar Land Rover": each side of "and" is read alone
    (not in a body's name: "Ministry of Labour and Social Affairs")."""
    keys = r.keys
    if "and" in keys and keys[0] not in gz.AGENCY_HEADS_EN and " ".join(keys) not in KNOWN_NAMES:
        both = r.toks.index(r.kept[keys.index("and")], r.i)
        _read_run(r.text, r.toks, r.i, both, out)
        _read_run(r.text, r.toks, both + 1, r.j, out)
        return True
    return False


def _known_body(r: _Run, out: Collector) -> bool:
    """A body of the gazetteer, by any of its names."""
    joined = " ".join(r.bare)
    if joined in KNOWN_NAMES or joined in KNOWN_BY_KEY and len(r.bare) > 1 or known_single(r.bare):
        out.agency(" ".join(r.run[len(r.keys) - len(r.bare):]))
        return True
    return False


def _surname_modifier(r: _Run, out: Collector) -> bool:
    """A known figure's surname used as a modifier: "the Trump administration"."""
    keys, toks, j = r.keys, r.toks, r.j
    if len(keys) == 1 and fold(keys[0]) in KNOWN_SURNAMES and j < len(toks) \
            and gz.key(toks[j].text) in gz.OFFICE_NOUNS_EN:
        out.official(r.run[0], "", single_ok=True)
        return True
    return False


def _en_official(r: _Run, out: Collector) -> bool:
    """Title, then a name: "Deputy Minister Le Quoc Hung", "U.S. Sens. Lindsey
    Graham", "press secretary, Sarah Sanders"."""
    t = _en_title(r.keys, 0)
    role_from = r.i if t else _lowercase_title_start(r.toks, r.i)
    if not (t or role_from < r.i):
        return False
    rest = r.run[t:]
    if rest and rest[0].lower() == "of":
        rest = []  # "Minister of Public Security" is a role, not a name
    cut = next((n for n, w in enumerate(rest) if w in gz.CONNECTORS_EN), len(rest))
    both = rest.index("and") if "and" in rest else len(rest)
    if both + 1 < len(rest):  # "Sen. X of South Carolina and Business Secretary Y"
        nxt = r.toks.index(r.kept[t + both + 1], r.i)
        _read_run(r.text, r.toks, nxt, r.j, out)
    rest = rest[:cut]
    if 1 <= len(rest) <= 4 and not any(gz.key(w) in gz.AGENCY_TAILS_EN for w in rest) \
            and gz.key(" ".join(rest)) not in KNOWN_NAMES and not is_acronym(rest[0]):
        role = r.text[r.toks[role_from].start:r.kept[t - 1].end] if t else \
            r.text[r.toks[role_from].start:r.toks[r.i].start].strip(" ,")
        out.official(" ".join(rest), role, single_ok=True)
        return True
    return False


def _lowercase_title_start(toks: list[Token], i: int) -> int:
    """Where a lowercase title before the run begins, also across a comma
    ("press secretary, Sarah Sanders"), else i."""
    role_from = _title_before(toks, i)
    if role_from == i and i > 1 and toks[i - 1].text == ",":
        role_from = _title_before(toks, i - 1)
        role_from = i if role_from == i - 1 else role_from
    return role_from


def _en_person(r: _Run, out: Collector) -> bool:
    """A name with its office after it: "Heather Nauert, the department's
    spokeswoman", "Steven Gerrard's disjointed side"."""
    run, keys, kept, toks, j = r.run, r.keys, r.kept, r.toks, r.j
    if not 2 <= len(run) <= 4 or any(k in gz.AGENCY_TAILS_EN or k in gz.CONNECTORS_EN for k in keys) \
            or not all(is_cap(w) and w[:1].isalpha() for w in run) or is_acronym(run[0]) \
            or " ".join(keys) in gz.PLACES:
        return False
    if r.cut < len(kept) or kept[-1].text.endswith(("'s", "’s")):
        after = [gz.key(toks[k].text) for k in range(j, min(j + 2, len(toks)))]
        if r.cut == len(kept) and any(w in gz.TEAM_WORDS_EN for w in after):
            out.official(" ".join(run), "")
            return True
        return False
    role = _title_after_comma(toks, j) or _title_in_previous_sentence(toks, r.i, j)
    if role:
        out.official(" ".join(run), role)
        return True
    return False


def _en_agency(r: _Run, out: Collector) -> None:
    """A body by its head or tail word ("Ministry of ...", "... Police"), a
    numbered medium ("BBC Radio 4"), with an acronym in parentheses."""
    toks, j, keys, bare = r.toks, r.j, r.keys, r.bare
    name = " ".join(r.run[len(keys) - len(bare):])
    if " ".join(bare) in gz.NOT_AGENCIES:
        return
    if keys[-1] in gz.NUMBERED_MEDIA_EN and j < len(toks) and strip_possessive(toks[j].text).isdigit():
        out.agency(name + " " + strip_possessive(toks[j].text))  # "BBC Radio 4"
        return
    if (keys[0] in gz.AGENCY_HEADS_EN or keys[-1] in gz.AGENCY_TAILS_EN) and len(bare) >= 2:
        acronym = ""
        if j + 2 < len(toks) and toks[j].text == "(" and toks[j + 2].text == ")" and is_acronym(toks[j + 1].text):
            acronym = toks[j + 1].text
        out.agency(name, acronym)


def _cited_outlet(r: _Run, out: Collector) -> bool:
    """A name a news cue cites: "as cited by Washington Examiner", "the Hill
    reported", "sites such as Gateway Pundit and RedState reported".  A
    person is cited that way too, so the name must not read as one: "the"
    before it, one word, a place first, or a list of sites."""
    toks, i, j = r.toks, r.i, r.j
    before = " ".join(gz.key(t.text) for t in toks[max(0, i - 4):i])
    the = i > 0 and toks[i - 1].text == "the" or r.keys[0] == "the"
    if the:
        before = " ".join(gz.key(t.text) for t in toks[max(0, i - 5):i - 1])
    listed = any(before.endswith(p + " such as") or before.endswith(p + " including") for p in gz.MEDIA_PLURALS_EN)
    cued = listed or any(before.endswith(c) for c in gz.NEWS_CUES_BEFORE_EN) or _cue_after(toks, j)
    bare = r.bare
    if not cued or " ".join(bare) in KNOWN_NAMES and len(bare) > 1 or fold(bare[-1]) in KNOWN_SURNAMES:
        return False
    one_word = len(bare) == 1 and any(c.isupper() for c in r.run[-1][1:])  # "RedState", not "Smith"
    if not (the or listed or one_word or bare[0] in gz.PLACES) or any(k in gz.CONNECTORS_EN for k in bare):
        return False
    if _title_before(toks, i) < i or is_acronym(r.run[-1]) and len(bare) == 1:
        return False  # "Senator X reported"; an acronym is read by the gazetteer
    out.outlet(("the " if the and r.keys[0] != "the" else "") + " ".join(r.run))
    if listed and j + 1 < len(toks) and gz.key(toks[j].text) == "and" and is_cap(toks[j + 1].text):
        k = _run_end(toks, j + 1)  # the next site of the list
        out.outlet(r.text[toks[j + 1].start:toks[k - 1].end])
    return True


def _cue_after(toks: list[Token], j: int) -> bool:
    after = " ".join(gz.key(t.text) for t in toks[j:j + 4])
    return any(after == c or after.startswith(c + " ") for c in gz.NEWS_CUES_AFTER_EN)


_READERS: tuple[Callable[[_Run, Collector], bool], ...] = (
    _member_of, _with_lower_tail, _cited_outlet, _two_names, _known_body, _en_official, _surname_modifier,
    _en_person)


# --- titles -----------------------------------------------------------------------


def _phrase_len(keys: list[str], start: int, table: frozenset[str], most: int = 4) -> int:
    """Longest run of keys from start whose joined text is in table."""
    return max((k for k in range(1, most + 1) if start + k <= len(keys)
                and " ".join(keys[start:start + k]) in table), default=0)


def _en_title(keys: list[str], start: int) -> int:
    """Words of "[modifiers] title" at start ("U.S. Sens.", "Deputy Minister")."""
    t = start
    while t < len(keys):
        m = _phrase_len(keys, t, gz.TITLE_MODIFIERS_EN, 3)
        if not m:
            break
        t += m
    m = _phrase_len(keys, t, gz.TITLES_EN)
    return t + m - start if m else 0


def _title_before(toks: list[Token], i: int) -> int:
    """Index where lowercase title words right before a run begin
    ("manager Steven Gerrard", "foreign minister Ri Yong Ho"), else i."""
    keys = [gz.key(toks[k].text.rstrip(".")) for k in range(max(0, i - 3), i)]
    for n in range(len(keys), 0, -1):
        if " ".join(keys[-n:]) in gz.TITLES_EN and toks[i - n].text[:1].islower():
            return i - n
    return i


def _title_in_previous_sentence(toks: list[Token], i: int, j: int, reach: int = 8) -> str:
    """The role of a name that opens a sentence, given at the end of the one
    before: "..., a South Korean lawmaker has said. Park Byeong-seug, citing"."""
    if i < 4 or toks[i - 1].text not in ".!?" or j >= len(toks) or toks[j].text != ",":
        return ""
    v = i - 2
    if gz.key(toks[v].text) not in gz.SPEECH_VERBS_EN:
        return ""
    end = v - 1 if gz.key(toks[v - 1].text) in gz.AUXILIARIES_EN else v
    for a in range(end - 1, max(end - reach, 0), -1):
        if gz.key(toks[a].text) in ("a", "an"):
            keys = [gz.key(toks[k].text) for k in range(a + 1, end)]
            if keys and _en_title(keys, 0) == len(keys):
                return " ".join(toks[k].text for k in range(a + 1, end))
            return ""
        if not toks[a].text[:1].isalpha():
            return ""
    return ""


def _title_after_comma(toks: list[Token], j: int, reach: int = 7) -> str:
    """The title in ", the department's spokeswoman" / ", Toyota's managing director"."""
    if j + 1 >= len(toks) or toks[j].text != ",":
        return ""
    keys = []
    for k in range(j + 1, min(j + 1 + reach, len(toks))):
        w = toks[k].text
        if not w[:1].isalnum() or gz.key(w) in gz.APPOSITION_STOPS_EN:
            break
        keys.append(gz.key(strip_possessive(w).rstrip(".")))
    if keys[:2] == ["one", "of"]:  # "one of nine Catalan leaders"
        keys = [w[:-1] if w.endswith("s") else w for w in keys]
    for s in range(len(keys)):
        m = _phrase_len(keys, s, _APPOSITION_TITLES, 3)
        nxt = j + 1 + s + m
        if m and keys[s] not in gz.ADDRESS_EN and not (nxt < len(toks) and is_cap(toks[nxt].text)):
            return " ".join(toks[j + 1 + n].text for n in range(s + m))
    return ""


def _lower_tail(toks: list[Token], j: int) -> str:
    """ "union" or "judiciary committee" right after a run, else ""."""
    for n in (1, 2):
        if j + n <= len(toks) and all(toks[k].text.isalpha() and toks[k].text.islower() for k in range(j, j + n)) \
                and toks[j + n - 1].text in gz.LOWER_TAILS_EN:
            return " ".join(toks[k].text for k in range(j, j + n))
    return ""
