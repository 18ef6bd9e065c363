"""Snippets: the best passages of a release with the query's words marked.

Marks are placed by character offsets, so they land on the original text
with its diacritics.  English text goes through Whoosh's highlighter.  For
Vietnamese a marker (``VietnameseMarker``) decides which syllables deserve a
mark: the query's words where they stand together, as typed (diacritics
exact when the user typed them), rather than every look-alike syllable;
the passages are then cut from the syllables' spans and marks the way
Whoosh's ``ContextFragmenter`` cuts them.  Everything is escaped; the only
markup is ``<mark>``.
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections import deque
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

from whoosh.highlight import (
    DEFAULT_CHARLIMIT,
    FIRST,
    BasicFragmentScorer,
    ContextFragmenter,
    Formatter,
    Fragment,
    WholeFragmenter,
    get_text,
    highlight,
    top_fragments,
)

from .analysis import VietnameseTokenizer, english_analyzer, pyvi_bi_grams, syllables, words
from .gazetteer import QUERY_FUNCTION_WORDS_FOLDED, QUERY_FUNCTION_WORDS_VI
from .query import Run, Terms
from .textnorm import canonical_tone, fold

__all__ = ["MarkFormatter", "VietnameseMarker", "snippet_html"]

_EN_ANALYZER = english_analyzer()
_SYLLABLES = VietnameseTokenizer(segment=False)


class MarkFormatter(Formatter):
    """Escapes everything and wraps matches in a bare ``<mark>``."""

    between = " … "

    def _text(self, text: str) -> str:
        return html.escape(text, quote=False)

    def format_token(self, text: str, token, replace: bool = False) -> str:
        return "<mark>" + html.escape(get_text(text, token, replace), quote=False) + "</mark>"


_FORMATTER = MarkFormatter()
_SCORER = BasicFragmentScorer()
_CHARLIMIT = DEFAULT_CHARLIMIT  # Whoosh's fragmenters stop there
# "<mark>Lê</mark> <mark>Quốc</mark>" reads better as one mark.
_ADJACENT_MARKS = re.compile(r"</mark>([ \t-]+)<mark>")
_SNIPPET_WINDOW = 2400
# What may stand between two syllables of one word or name ("Jae-seong");
# a comma, a full stop or a line break ends it.
_JOINER = re.compile(r"[ \t\u00a0]+|-")
# The shape of a Vietnamese syllable typed without diacritics (as in
# query._VI_SYLLABLE): a word that does not fit ("mickelson", "afp") has
# no Vietnamese look-alikes, so it may be marked wherever it stands.
_VI_SHAPE = re.compile(
    r"^(?:b|c|ch|d|g|gh|gi|h|k|kh|l|m|n|ng|ngh|nh|p|ph|qu|r|s|t|th|tr|v|x)?"
    r"[aeiouy]{1,3}(?:c|ch|m|n|ng|nh|p|t)?$")

EXACT, FOLDED = 0, 1  # the form of a syllable a run compares: as typed, or folded


@lru_cache(maxsize=65536)
def _forms(unit: str) -> tuple[str, str]:
    """Canonical (lowercase, one tone placement) and folded forms of a unit."""
    canon = canonical_tone(unit.lower())
    return canon, fold(canon)


class _Syllables:
    """The syllables of a text: offsets into it (NFC or not) and each
    syllable in both forms (``forms[EXACT]``, ``forms[FOLDED]``)."""

    def __init__(self, text: str):
        self.text = text
        if unicodedata.is_normalized("NFC", text):  # the tokenizer's units, without its tokens
            units = syllables(text)
        else:  # the tokenizer maps offsets back to the decomposed text
            units = [(t.text, t.startchar, t.endchar) for t in _SYLLABLES(text, chars=True)]
        self.spans = [(start, end) for _, start, end in units]
        both = [_forms(unit) for unit, _, _ in units]
        self.forms = ([e for e, _ in both], [f for _, f in both])

    def __len__(self) -> int:
        return len(self.spans)

    def joined(self, i: int) -> bool:
        """Whether syllable ``i`` stands with the one before (only spaces or
        a hyphen between them: a comma or a line break ends a word)."""
        return _JOINER.fullmatch(self.text, self.spans[i - 1][1], self.spans[i][0]) is not None

    def capital(self, i: int) -> bool:
        return self.text[self.spans[i][0]].isupper()

    def in_name(self, first: int, last: int, left: bool = True, right: bool = True) -> bool:
        """Whether capitalised syllables ``first``..``last`` go on, on the
        sides asked, into a longer capitalised name: "Lê Quốc" of "Lê Quốc
        Hưng" is not the official "Lê Quốc Hùng"."""
        if left and first and self.capital(first) and self.capital(first - 1) and self.joined(first):
            return True
        return (right and last + 1 < len(self) and self.capital(last) and self.capital(last + 1)
                and self.joined(last + 1))


# --- what the query asks to mark ----------------------------------------------


@dataclass(frozen=True, eq=False)
class _RunRule:
    """How one run of the user's syllables is marked.  ``keys`` are its
    syllables in the form compared (``form``: exact when typed with
    diacritics, folded when not); a match of several syllables may start and
    end only at ``bounds`` (pyvi's word edges in the query, so "Bộ Công an"
    does not mark "Bộ Công" of "Bộ Công Thương"); ``alone`` syllables may be
    marked where they stand by themselves, ``scattered`` ones too but only
    when the text holds no sequence of the run."""

    keys: tuple[str, ...]
    form: int
    where: Mapping[str, tuple[int, ...]]
    bounds: frozenset[int]
    content: frozenset[str]
    alone: frozenset[str]
    scattered: frozenset[str]
    foreign: frozenset[str]


def _pyvi_words(syllables: Sequence[str]) -> list[range]:
    """pyvi's words of the syllables, as ranges of syllable positions."""
    text = " ".join(syllables)
    starts = {}
    pos = 0
    for k, s in enumerate(syllables):
        starts[pos] = k
        pos += len(s) + 1
    out = []
    for _, start, end, is_word in words(text):
        inside = [k for p, k in starts.items() if start <= p < end]
        if is_word and inside:
            out.append(range(inside[0], inside[-1] + 1))
    return out


@lru_cache(maxsize=1024)
def _run_rule(run: Run) -> _RunRule:
    """The marking rule of a run.  A run marked only whole (a quoted phrase
    or a name, when the query says so with ``whole``) has no partial or
    lone marks.  Otherwise pyvi says which syllables are words by
    themselves; the run is lowercase and pyvi segments lowercase names
    badly ("lê | quốc | hùng"), so it is asked twice, as typed and
    capitalised: a syllable stands alone only when both say so, a word edge
    counts when either has it."""
    keys = run.words if run.accented else tuple(fold(w) for w in run.words)
    where: dict[str, tuple[int, ...]] = {}
    for j, k in enumerate(keys):
        where[k] = where.get(k, ()) + (j,)
    function = QUERY_FUNCTION_WORDS_VI if run.accented else QUERY_FUNCTION_WORDS_FOLDED
    content = frozenset(k for k in keys if k not in function)
    foreign = frozenset(k for k in content if k.isalpha() and k.isascii() and not _VI_SHAPE.match(k))
    form, bounds, alone, scattered = (EXACT if run.accented else FOLDED), {0, len(keys)}, content, content
    if len(keys) == 1:
        pass
    elif getattr(run, "whole", False):
        alone = scattered = frozenset()
    elif not run.accented:  # pyvi cannot segment syllables without diacritics
        bounds, alone = set(range(len(keys) + 1)), foreign
    else:
        single = []
        for variant in (run.words, tuple(w[:1].upper() + w[1:] for w in run.words)):
            spans = _pyvi_words(variant)
            bounds.update(r.start for r in spans)
            single.append({keys[r.start] for r in spans if len(r) == 1})
        alone, scattered = frozenset(single[0] & single[1]) & content | foreign, frozenset()
    return _RunRule(keys=keys, form=form, where=where, bounds=frozenset(bounds), content=content,
                    alone=alone, scattered=scattered, foreign=foreign)


@dataclass(frozen=True, eq=False)
class _Rules:
    """Everything a query asks the marker to mark in Vietnamese text."""

    runs: tuple[_RunRule, ...]
    loose: frozenset[str]                 # folded syllables marked wherever they stand
    phrases: frozenset[tuple[str, ...]]   # folded words marked only whole
    folded: frozenset[str]                # every folded syllable a rule may mark


def _rules(terms: Terms) -> _Rules:
    """The rules of ``terms`` (shared by every snippet of one query)."""
    runs = tuple(terms.vi_runs)
    # Syllables collected without a run (a caller filling ``vi`` by hand)
    # are marked wherever they stand, as before runs existed.
    orphans = terms.vi - {fold(w) for r in runs for w in r.words} - terms.vi_loose
    return _compiled(runs, frozenset(terms.vi_loose | orphans), frozenset(terms.vi_phrases))


@lru_cache(maxsize=256)
def _compiled(runs: tuple[Run, ...], loose: frozenset[str], phrases: frozenset[tuple[str, ...]]) -> _Rules:
    """The rules, cached: a search highlights ten hits with one query."""
    rules = tuple(_run_rule(r) for r in runs)
    folded = {fold(k) for r in rules for k in r.keys} | loose | {s for p in phrases for s in p}
    return _Rules(rules, loose, phrases, frozenset(folded))


# --- the marker -----------------------------------------------------------------


def _sequences(rule: _RunRule, syls: _Syllables, marks: list[bool]) -> bool:
    """Mark where two or more syllables of the run stand together in the
    text, cut to the query's word edges (the longest that is not the start
    of another name); True when there is such a place."""
    keys, forms, n, found = rule.keys, syls.forms[rule.form], len(syls), False
    for i in range(n - 1):
        here = rule.where.get(forms[i])
        if not here:
            continue
        for j in here:
            if j and i and forms[i - 1] == keys[j - 1] and syls.joined(i):
                continue  # inside a longer match, found from its start
            k = 1
            while (i + k < n and j + k < len(keys) and forms[i + k] == keys[j + k]
                   and syls.joined(i + k)):
                k += 1
            a = min((e for e in rule.bounds if e >= j), default=j + k)
            for b in sorted((e for e in rule.bounds if a + 2 <= e <= j + k), reverse=True):
                first, last = i + a - j, i + b - j - 1
                if (any(keys[x] in rule.content for x in range(a, b))
                        and not syls.in_name(first, last, left=a > 0, right=b < len(keys))):
                    marks[first:last + 1] = [True] * (b - a)
                    found = True
                    break
    return found


def _phrases(rules: _Rules, syls: _Syllables, marks: list[bool]) -> None:
    """Mark translated words of several syllables where they stand whole."""
    folded, n = syls.forms[FOLDED], len(syls)
    longest = max(len(p) for p in rules.phrases)
    for i in range(n):
        if folded[i] not in rules.folded:
            continue
        for size in range(min(longest, n - i), 1, -1):
            if (tuple(folded[i:i + size]) in rules.phrases
                    and all(syls.joined(x) for x in range(i + 1, i + size))):
                marks[i:i + size] = [True] * size
                break


def _singles(rules: _Rules, syls: _Syllables, marks: list[bool], found: Sequence[bool],
             scatter: bool) -> None:
    """Mark syllables allowed alone: a run's one-syllable words, its
    syllables when the text holds none of its sequences (runs typed without
    diacritics, ``scatter``) and translated single syllables.  A syllable of
    a longer run is left alone where it is part of another word ("bộ" of
    "cán bộ" for "Bộ Công an")."""
    folded = syls.forms[FOLDED]
    for i, f in enumerate(folded):
        if marks[i] or f not in rules.folded:
            continue
        if f in rules.loose:
            marks[i] = True
            continue
        for rule, seen in zip(rules.runs, found, strict=True):
            key = syls.forms[rule.form][i]
            if ((key in rule.alone or (scatter and not seen and key in rule.scattered))
                    and _stands_alone(rule, syls, i)):
                marks[i] = True
                break


def _stands_alone(rule: _RunRule, syls: _Syllables, i: int) -> bool:
    """Whether text syllable ``i`` may be marked as a word of the run by
    itself: not where it is part of another word ("bộ" of "cán bộ", "Bộ
    Nội vụ" for "Bộ Công an").  A one-syllable run, or a name no Vietnamese
    syllable spells, is marked wherever it stands."""
    if len(rule.keys) == 1 or syls.forms[rule.form][i] in rule.foreign:
        return True
    return not _in_word(syls, i, rule.form) and not syls.in_name(i, i)


@lru_cache(maxsize=1)
def _dictionary_pairs() -> tuple[frozenset[str], frozenset[str]]:
    """pyvi's words of two syllables ("cán bộ", "phối hợp"), in both forms."""
    exact = frozenset(" ".join(canonical_tone(s) for s in w.split(" ")) for w in pyvi_bi_grams())
    return exact, frozenset(fold(w) for w in exact)


def _in_word(syls: _Syllables, i: int, form: int) -> bool:
    """Whether syllable ``i`` forms a dictionary word with a neighbour."""
    forms, pairs = syls.forms[form], _dictionary_pairs()[form]
    if i and syls.joined(i) and forms[i - 1] + " " + forms[i] in pairs:
        return True
    return i + 1 < len(syls) and syls.joined(i + 1) and forms[i] + " " + forms[i + 1] in pairs


def _fallback(rules: _Rules, syls: _Syllables, marks: list[bool]) -> None:
    """Mark the runs' syllables (diacritics still exact when typed): content
    words standing alone first, else content words anywhere, else function
    words."""
    for content_only, alone in ((True, True), (True, False), (False, False)):
        for i, f in enumerate(syls.forms[FOLDED]):
            if f in rules.folded:
                marks[i] = any(syls.forms[r.form][i] in (r.content if content_only else r.where)
                               and (not alone or _stands_alone(r, syls, i)) for r in rules.runs)
        if any(marks):
            return


def _strict(rules: _Rules, syls: _Syllables) -> tuple[list[bool], list[bool]]:
    """Sequences and translated phrases: the marks that need no look at the
    rest of the text, and for each run whether it has a sequence here."""
    marks = [False] * len(syls)
    found = [_sequences(r, syls, marks) for r in rules.runs]
    if rules.phrases:
        _phrases(rules, syls, marks)
    return marks, found


@lru_cache(maxsize=64)
def _scope_facts(rules: _Rules, scope: str) -> tuple[tuple[bool, ...], bool]:
    """For the whole text a part is highlighted from: which runs have a
    sequence in it, and whether the strict rules mark anything in it."""
    syls = _Syllables(scope)
    marks, found = _strict(rules, syls)
    _singles(rules, syls, marks, found, scatter=False)
    return tuple(found), any(marks)


class VietnameseMarker:
    """Which syllables of a text to mark (``marks``).

    ``loose`` allows the rules that depend on the whole text (a run's
    scattered syllables when no sequence of it stands there, and the
    fallback when nothing strict does): facts about ``scope`` when given,
    else about the text itself.  Without ``loose`` only strict marks are
    made, for parts of a release highlighted one at a time."""

    def __init__(self, rules: _Rules, loose: bool = True, scope: str | None = None):
        self.rules, self.loose, self.scope = rules, loose, scope

    def marks(self, syls: _Syllables) -> list[bool]:
        """For each syllable, whether it is marked."""
        marks, found = _strict(self.rules, syls)
        nothing_strict = False
        if self.loose and self.scope is not None:
            found_scope, marked = _scope_facts(self.rules, self.scope)
            found, nothing_strict = list(found_scope), not marked
        _singles(self.rules, syls, marks, found, scatter=self.loose)
        if self.loose and not any(marks) and (self.scope is None or nothing_strict):
            _fallback(self.rules, syls, marks)
        return marks


# --- the passage and the HTML -------------------------------------------------


_CHAIN = 4  # query words standing together that one window hit may cover
_GAP = r"[ \t-]+"


def _window_words(terms: Terms) -> tuple[set[str], set[str]]:
    """What ``_window`` looks for in Vietnamese text: the folded syllables
    and translated phrases, and the runs' syllable groups that reward a
    passage where the query's words stand together."""
    groups = {" ".join(p) for p in terms.vi_phrases}
    for run in terms.vi_runs:
        folded = [fold(w) for w in run.words]
        for n in range(2, _CHAIN + 1):
            groups.update(" ".join(folded[i:i + n]) for i in range(len(folded) - n + 1))
    return set(terms.vi) | {" ".join(p) for p in terms.vi_phrases}, groups


def _window(text: str, words: Collection[str], whole_words: bool,
            groups: Collection[str] = frozenset()) -> str:
    """The part of a long text worth highlighting: ``_SNIPPET_WINDOW``
    characters around the passage where the most different query words
    stand together (found on the folded text, which keeps offsets), so the
    analyser runs over a few paragraphs, not the whole release.  Query words
    found side by side also count as one more word per group they form."""
    folded = fold(text).lower()
    if not words or len(folded) != len(text):
        return text[:_SNIPPET_WINDOW]
    chosen = sorted(words, key=len, reverse=True)[:200]
    alternatives = "(?:" + "|".join(_GAP.join(map(re.escape, w.split(" "))) for w in chosen) + ")"
    if groups:
        alternatives += f"(?:{_GAP}{alternatives}){{0,{_CHAIN - 1}}}"
    pattern = r"\b" + alternatives + (r"\b" if whole_words else "")
    hits = [(m.start(), _found(m.group(), words, groups)) for m in re.finditer(pattern, folded)]
    if not hits:
        return text[:_SNIPPET_WINDOW]
    # Centre the window on the densest passage: the match with the most
    # different query words within a snippet's width of it.
    best_pos, best_count = hits[0][0], 0
    j = 0
    for pos, _ in hits:
        while hits[j][0] < pos - 120:
            j += 1
        seen: set[str] = set()
        for p, found in hits[j:]:
            if p > pos + 120:
                break
            seen.update(found)
        if len(seen) > best_count:
            best_pos, best_count = pos, len(seen)
    best_start = max(0, best_pos - _SNIPPET_WINDOW // 3)
    if best_start:
        space = text.find(" ", best_start)
        best_start = space + 1 if 0 < space < best_start + 50 else best_start
    return text[best_start:best_start + _SNIPPET_WINDOW]


def _found(hit: str, words: Collection[str], groups: Collection[str]) -> set[str]:
    """The query words and groups of words a window hit holds."""
    if not groups:
        return {hit}
    syls = re.split(_GAP, hit)
    out = {s for s in syls if s in words}
    for a in range(len(syls)):
        for b in range(a + 2, len(syls) + 1):
            piece = " ".join(syls[a:b])
            if piece in groups or piece in words:
                out.add(piece)
    return out


_SURROUND = 60  # characters of context around a fragment's marks


class _Match:
    """A marked syllable, as Whoosh's fragments and formatter read one (its
    folded form is its text: a fragment scores by how many differ)."""

    __slots__ = ("boost", "endchar", "startchar", "text")

    def __init__(self, text: str, startchar: int, endchar: int):
        self.text, self.startchar, self.endchar, self.boost = text, startchar, endchar, 1.0


def _vi_highlight(text: str, marker: VietnameseMarker, whole: bool, maxchars: int, top: int) -> str:
    """What ``highlight`` with the marker and a Whoosh fragmenter gives
    (``WholeFragmenter``, else ``ContextFragmenter(maxchars, _SURROUND)``,
    the best ``top`` fragments in text order), from the syllables' spans and
    marks alone: no token objects for the unmarked syllables."""
    syls = _Syllables(text)
    marks = marker.marks(syls)
    spans, folded = syls.spans, syls.forms[FOLDED]
    if whole:
        found = [_Match(folded[i], *spans[i]) for i, m in enumerate(marks) if m and spans[i][1] <= _CHARLIMIT]
        fragments = [Fragment(text, found)] if found else []
    else:
        fragments = _context_fragments(text, spans, marks, folded, maxchars)
    best = top_fragments(fragments, top, _SCORER, FIRST)
    return _FORMATTER(text, best)


def _context_fragments(text: str, spans: list[tuple[int, int]], marks: list[bool], folded: list[str],
                       maxchars: int) -> list[Fragment]:
    """Whoosh's ``ContextFragmenter.fragment_tokens``, step for step, over
    (start, end, marked) instead of tokens."""
    out: list[Fragment] = []
    first: int | None = None
    firsts: deque[int] = deque()
    countdown, currentlen, endchar = -1, 0, 0
    found: list[_Match] = []
    for (startchar, endchar), marked, f in zip(spans, marks, folded, strict=True):
        length = endchar - startchar
        if endchar > _CHARLIMIT:
            break
        if countdown < 0 and not marked:
            firsts.append(startchar)
            while firsts and endchar - firsts[0] > _SURROUND:
                firsts.popleft()
        elif currentlen + length > maxchars:
            countdown = 0
        elif marked:
            countdown = _SURROUND
            if first is None:
                if firsts:
                    first = firsts[0]
                else:
                    first, countdown = startchar, countdown + _SURROUND
            found.append(_Match(f, startchar, endchar))
        if countdown >= 0:
            currentlen += length
            countdown -= length
            if countdown <= 0:
                out.append(Fragment(text, found, _start(first, found), endchar))
                found, firsts, first, currentlen = [], deque(), None, 0
    if found:
        out.append(Fragment(text, found, _start(first, found), endchar))
    return out


def _start(first: int | None, found: list[_Match]) -> int:
    """Where Whoosh's ``mkfrag`` starts a fragment."""
    return first if first is not None else (found[0].startchar if found else 0)


def snippet_html(text: str, lang: str, terms: Terms, top: int = 2, maxchars: int = 220,
                 whole: bool = False, within: str | None = None) -> str:
    """Safe HTML: the best passages of ``text`` (all of it when ``whole``)
    with matched words marked; the opening of the text when nothing matches.

    ``whole`` highlights a part of a release on its own (a paragraph, a
    title): only the query's words where they stand are marked, unless
    ``within`` gives the whole release, whose words then decide the looser
    marks (see ``VietnameseMarker``)."""
    if not text:
        return ""
    if not whole and len(text) > _SNIPPET_WINDOW:
        if lang == "en":
            text = _window(text, terms.en, whole_words=False)
        else:
            words, groups = _window_words(terms)
            text = _window(text, words, whole_words=True, groups=groups)
    if lang == "en":
        fragmenter = WholeFragmenter() if whole else ContextFragmenter(maxchars, _SURROUND)
        out = highlight(text, terms.en, _EN_ANALYZER, fragmenter, _FORMATTER, top=top, mode="query")
    else:
        marker = VietnameseMarker(_rules(terms), loose=not whole or within is not None, scope=within)
        out = _vi_highlight(text, marker, whole, maxchars, top)
    if out:
        return _ADJACENT_MARKS.sub(r"\1", out)
    if whole:
        return html.escape(text, quote=False)
    cut = text[:maxchars]
    return html.escape(cut, quote=False) + ("…" if len(text) > maxchars else "")
