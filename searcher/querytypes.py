"""What a parsed query is made of, shared by the stages that read it.

The query builder (``query``) makes these; matching, ranking and snippets
read them and never parse the text again.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from whoosh import query as Q

from . import gazetteer as gz
from .analysis import VietnameseTokenizer
from .fields import PREFIXES, TEXT_FIELDS
from .textnorm import canonical_tone, fold, has_diacritics, nfc

__all__ = ["Run", "Terms", "Option", "Word", "FreeText", "EntityMatch", "ParsedQuery", "Lookup", "vi_units",
           "is_function_word", "flat_terms", "positive_terms", "free_runs", "has_positive", "SYNTAX",
           "MAX_QUERY_CHARS", "MAX_RUN_SYLLABLES", "query_cost"]

SCORED_FIELDS = frozenset(f.name for f in TEXT_FIELDS)
MAX_QUERY_CHARS = 1000
# Syllables of one run of plain words or one quoted phrase that a search
# uses: a pasted paragraph is found by its first sentence or two, and the
# work of a query stays bounded (a hundred common syllables would read the
# postings of most of the index, in every field).
MAX_RUN_SYLLABLES = 40
# How costly a query may be, from its text alone: "long" past this many
# words, quoted phrases or ORs (it may read much of the index); "medium"
# past ``SHORT_QUERY_WORDS`` words or with any phrase or OR (a title, a
# question: tens to hundreds of ms); "short" otherwise (a name, a topic).
LONG_QUERY_WORDS = 40
LONG_QUERY_PARTS = 4
SHORT_QUERY_WORDS = 6


def query_cost(text: str) -> str:
    """"long", "medium" or "short": the web app gives long and medium
    queries turns, so a name looked up stays quick whatever else runs."""
    words = len(text.split())
    parts = max(text.count('"') // 2, len(re.findall(r"\bOR\b", text)))
    if words > LONG_QUERY_WORDS or parts >= LONG_QUERY_PARTS:
        return "long"
    return "medium" if words > SHORT_QUERY_WORDS or parts else "short"


# Query syntax: quotes, parentheses, operators, a -/+ before a word (not a
# number: "S -400", "B -52" are names), and the known field prefixes.
_FIELD_PREFIX = r"\b(?:" + "|".join(PREFIXES) + "):"
SYNTAX = re.compile(r'["()]|\b(AND|OR|NOT)\b|(^|\s)[-+](?=[^\W\d_]|["(])|' + _FIELD_PREFIX)
# What the index knows of folded syllables joined by "_": "word" or "rare
# word" (a compound pyvi found in many releases, or a few), "name:" and the
# usual spelling of an official or agency ("name:Bộ Công an"), or "".
Lookup = Callable[[str], str]


def vi_units(text: str) -> list[tuple[str, str]]:
    """(exact, folded) per query syllable, tone marks canonical."""
    units = []
    for t in VietnameseTokenizer(segment=False)(nfc(text)):
        exact = canonical_tone(t.text.lower())
        units.append((exact, fold(exact)))
    return units


def is_function_word(exact: str, folded: str, accented: bool) -> bool:
    """A question or function word ("bao nhiêu", "của"): optional in a
    match, weighed little.  Typed with diacritics it must carry them."""
    if accented:
        return exact.replace("_", " ") in gz.QUERY_FUNCTION_WORDS_VI
    return folded in gz.QUERY_FUNCTION_WORDS_FOLDED


@dataclass(frozen=True)
class Run:
    """Vietnamese syllables the user typed together (free words, a quoted
    phrase, a name), lowercased, tone marks canonical.  ``accented``: typed
    with diacritics, so only spellings with those diacritics match it."""

    words: tuple[str, ...]
    accented: bool
    whole: bool = False  # a quoted phrase or a name: marked only where it stands whole


@dataclass
class Terms:
    """Query terms collected for snippets: folded Vietnamese syllables
    (``vi``: every one, to find the passage worth showing), the user's own
    Vietnamese runs in order (``vi_runs``), English stems, translated
    syllables that may be marked alone (``vi_loose``) and translated words of
    several syllables that only count together (``vi_phrases``: "thứ bảy"
    for "Saturday" should not mark every "thứ")."""

    vi: set[str] = field(default_factory=set)
    en: set[str] = field(default_factory=set)
    vi_phrases: set[tuple[str, ...]] = field(default_factory=set)
    vi_runs: list[Run] = field(default_factory=list)
    vi_loose: set[str] = field(default_factory=set)
    # (syllables kept, syllables typed) when a run or phrase was longer than
    # ``MAX_RUN_SYLLABLES`` and only its beginning is searched
    cut: tuple[int, int] | None = None

    def add_run(self, text: str) -> None:
        """Record a phrase or a name the user typed as one run, marked whole."""
        units = vi_units(text)
        if units:
            self.vi_runs.append(Run(tuple(u[0] for u in units), has_diacritics(text), whole=True))
            self.vi.update(u[1] for u in units)


@dataclass(frozen=True)
class Option:
    """One way a release can hold a query word: every term of ``terms`` in
    any of ``fields`` (a translation of several syllables needs them all).
    ``exact``: the Vietnamese term as typed, diacritics and all; otherwise
    a diacritic-free syllable stands for every spelling that folds to it."""

    fields: tuple[str, ...]
    terms: tuple[str, ...]
    exact: bool = False
    pairs: tuple[str, ...] = ()  # adjacent syllables that must stand together (see ``adjacent_pairs``)


@dataclass(frozen=True)
class Word:
    """A content word of a plain query (function words are not words here:
    a release need not hold "của" or "the"), with the ways to hold it: as
    a Vietnamese syllable, an English stem, or a translation."""

    text: str
    options: tuple[Option, ...]
    accented: bool = False
    name: bool = False  # an official's or agency's name


class FreeText(Q.Or):
    """Plain words: an OR of weighted terms for ranking, and the content
    ``words`` that say which releases match (``matching`` decides how many
    of them a release must hold)."""

    def __init__(self, subqueries, words: Iterable[Word] = (), boost: float = 1.0, loose: bool = False,
                 question: bool = False, lang_hint: str | None = None):
        super().__init__(list(subqueries), boost=boost)
        self.words = tuple(words)
        # How long the query is, for "near misses": content syllables, a name
        # counting as one ("Donald Trump Kim Jong-un" is two names, not a sentence).
        self.size = sum(1 if w.name else len(w.text.split()) for w in self.words)
        self.folded_words: tuple[Word, ...] = ()  # as if typed without diacritics
        self.loose = loose  # a whole plain query: may be loosened when no release holds every word
        self.question = question  # asked as a question: phrased in other words than the answer
        self.lang_hint = lang_hint  # the query's language when the text leaves no doubt

    def __repr__(self) -> str:
        # Every attribute that changes what matches or how it scores: the
        # repr keys the per-generation caches of masks and scores.
        return (f"FreeText({self.subqueries!r}, {[w.text for w in self.words]!r}, loose={self.loose}, "
                f"question={self.question}, hint={self.lang_hint}, folded={[w.text for w in self.folded_words]!r})")


class EntityMatch(Q.Or):
    """Releases naming one official or agency: those whose names have its
    key (what its facet counts and its page lists) when any release has it,
    else its romanisation-free key ("Yu" = "Yoo Jae-seong"), else those
    naming it in part (its words in a row: "Cảnh sát Liên bang")."""

    def __init__(self, keys: list[Q.Query], phrase: Q.Query):
        super().__init__([*keys, phrase])
        self.keys = keys
        self.phrase = phrase


@dataclass
class ParsedQuery:
    """What a query string asks for, worked out once and read by every later
    stage: the Whoosh query (None: no words, only filters), its snippet
    terms, the languages ``lang:`` restricts to (None: any), the query's
    language when the text leaves no doubt (``lang``), its scored terms
    (``flat``: (field, text, boost) of a plain OR of terms, else None;
    ``positive``: every term outside a NOT) and its plain-word runs."""

    query: Q.Query | None
    terms: Terms
    langs: frozenset[str] | None = None
    lang: str | None = None
    flat: list[tuple[str, str, float]] | None = None
    positive: list[tuple[str, str, float]] = field(default_factory=list)
    runs: list[FreeText] = field(default_factory=list)
    # A query of plain words only: its text (up to MAX_RUN_SYLLABLES), which
    # ranking looks for as a phrase; None for a query with syntax.
    plain: str | None = None
    # A respelling of what was typed: its corrected words are a guess, so a
    # near miss is not judged by whether it holds them.
    guessed: bool = False
    # The plain query with its English titles and bodies in Vietnamese
    # ("Đại sứ Nguyen Tat Thanh"), looked for as a phrase too; None if none.
    rendered: str | None = None

    @classmethod
    def of(cls, query: Q.Query | None, terms: Terms | None = None, langs: frozenset[str] | None = None,
           lang: str | None = None) -> ParsedQuery:
        """A parsed query with its derived parts filled in."""
        if query is None:
            return cls(None, terms or Terms(), langs, lang, flat=[])
        flat = flat_terms(query)
        return cls(query, terms or Terms(), langs, lang, flat, positive_terms(query) if flat is None else flat,
                   free_runs(query))


def flat_terms(q: Q.Query | None) -> list[tuple[str, str, float]] | None:
    """(field, text, boost) when ``q`` is a plain OR of terms (free text),
    which the numpy scorer ranks; None for structured queries."""
    if isinstance(q, Q.Term):
        # A filter term ("lang:vi" in an OR) is not scored: structured.
        return [(q.fieldname, q.text, q.boost)] if q.fieldname in SCORED_FIELDS else None
    if isinstance(q, Q.Or):
        out: list[tuple[str, str, float]] = []
        for child in q.children():
            sub = flat_terms(child)
            if sub is None:
                return None
            out.extend((f, t, b * q.boost) for f, t, b in sub)
        return out
    return None


def positive_terms(q: Q.Query) -> list[tuple[str, str, float]]:
    """The terms that should raise a release's score: every term and phrase
    word outside a NOT."""
    if isinstance(q, Q.Term):  # filter fields (lang, entity keys) are not scored
        return [(q.fieldname, q.text, q.boost)] if q.fieldname in SCORED_FIELDS else []
    if isinstance(q, Q.Phrase):
        return [(q.fieldname, w, q.boost) for w in q.words]
    if isinstance(q, Q.Not):
        return []
    if isinstance(q, Q.AndNot):
        return positive_terms(q.a)
    if isinstance(q, Q.AndMaybe):
        return positive_terms(q.a) + positive_terms(q.b)
    if isinstance(q, Q.compound.CompoundQuery):
        return [t for c in q.children() for t in positive_terms(c)]
    return []


def has_positive(q: Q.Query) -> bool:
    if isinstance(q, Q.Not):
        return False
    if isinstance(q, Q.Term) and q.fieldname == "lang":
        return False
    if isinstance(q, Q.compound.CompoundQuery):
        return any(has_positive(c) for c in q.children())
    if isinstance(q, Q.AndNot):
        return has_positive(q.a)
    return True


def free_runs(q: Q.Query) -> list[FreeText]:
    """The plain-word runs of a structured query outside its negations."""
    if isinstance(q, FreeText):
        return [q]
    if isinstance(q, Q.Not):
        return []
    if isinstance(q, Q.AndNot):
        return free_runs(q.a)
    if isinstance(q, Q.compound.CompoundQuery):
        return [n for c in q.children() for n in free_runs(c)]
    return []
