"""Query building: from what a user typed to weighted Whoosh terms.

A free-text query is run through the same analysers as the documents and
expanded, per field, into weighted terms:

* every syllable in its folded form (so "bo cong an" and "Bộ Công an" meet),
  plus, when the user typed diacritics, the exact form with extra weight, so
  exact matches rank above merely folded ones;
* adjacent syllable pairs and triples as compound terms ("cong_an"): they
  match pyvi's compounds in the document however pyvi split the query, and
  act as a cheap proximity boost;
* question and function words ("bao nhiêu", "của") at a low weight;
* the English analysis (stemmed, folded) against the English fields.

Query syntax ("phrases", field:value, AND/OR/NOT, -word) is parsed with
Whoosh's query parser and each leaf is expanded the same way; anything the
parser cannot make sense of falls back to plain words.  The constants below
are the ranking settings measured in docs/evaluation.md.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from collections.abc import Callable, Iterable

from whoosh import qparser, query as Q

from . import bilingual
from . import gazetteer as gz
from . import lexicon
from .analysis import PAIR_WORD, ENGLISH_STOP_WORDS, VietnameseTokenizer, english_analyzer, syllables, words
from .entities import entity_key, loose_key
from .options import InvalidParameter, parse_lang
from .textnorm import canonical_tone, fold, has_diacritics, nfc

__all__ = ["build_query", "parse_query", "ParsedQuery", "query_lang", "flat_terms", "positive_terms",
           "entity_filters", "EntityMatch", "FreeText", "Word", "Option", "FIELD_WEIGHTS", "MAX_QUERY_CHARS", "SYNTAX"]

MAX_QUERY_CHARS = 1000

# Field weights (BM25F): what a release is about is in its title and in who
# and what it names; lead and body carry the detail.
VI_FIELDS = {"title": 5.0, "officials": 2.0, "agencies": 2.0, "lead": 1.5, "body": 1.0}
EN_FIELDS = {"title_en": 5.0, "lead_en": 1.5, "body_en": 1.0}
FIELD_WEIGHTS = {**VI_FIELDS, **EN_FIELDS}
PAIR_SCALE = 0.75  # a hit's translation follows it at this share of its score (0: off)
PAIR_DEPTH = 50    # ...for the translations of this many top hits, whatever the page
COVERAGE_NONE = 0.3  # ...nothing when the hit holds no more than this share of the query,
COVERAGE_FULL = 0.5  # ...all when it holds at least this share (equal values: always all)
CROSS_SCALE = 0.6  # best other-language match vs best same-language one (0: raw scores)
EXACT_BONUS = 0.5     # extra weight of a diacritic-exact syllable over its folded form
COMPOUND_WEIGHT = 0.15 # weight of a two/three-syllable compound term
FUNCTION_WEIGHT = 0.15  # weight of question and function words ("bao nhiêu", "của")
MAX_GRAM = 3          # longest run of query syllables tried as a compound
COMPOUND_FIELDS: frozenset | None = None  # fields that get compound terms (None: all)
CROSS_LANGUAGE_WEIGHT = 0.6
# Lexicon translations, times their probability and the cross weight.  An
# English query reaching Vietnamese releases is the case users have; a
# Vietnamese query pulling English releases mostly adds distractors, so
# that direction weighs less (docs/evaluation.md).
EN2VI_WEIGHT = 2.0
VI2EN_WEIGHT = 0.3  # the other language's fields, for a query in one language
FIELD_ALIASES = {
    "title": ["title", "title_en"],
    "official": ["officials"],
    "officials": ["officials"],
    "agency": ["agencies"],
    "agencies": ["agencies"],
    "body": ["lead", "body", "lead_en", "body_en"],
}

_EN_ANALYZER = english_analyzer()


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

    def add_run(self, text: str) -> None:
        """Record a phrase or a name the user typed as one run, marked whole."""
        units = _vi_units(text)
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
    ``words`` that say which releases match (``search`` decides how many
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
        return f"FreeText({self.subqueries!r}, {[w.text for w in self.words]!r}, loose={self.loose})"


def _vi_units(text: str) -> list[tuple[str, str]]:
    """(exact, folded) per query syllable, tone marks canonical."""
    units = []
    for t in VietnameseTokenizer(segment=False)(nfc(text)):
        exact = canonical_tone(t.text.lower())
        units.append((exact, fold(exact)))
    return units


# The shape of a Vietnamese syllable typed without diacritics: initial
# consonant, one to three vowels, final consonant.  "police", "agreement",
# "Australia" do not fit it; "cong", "nguyen", "truong" do.
_VI_SYLLABLE = re.compile(
    r"^(?:b|c|ch|d|g|gh|gi|h|k|kh|l|m|n|ng|ngh|nh|p|ph|qu|r|s|t|th|tr|v|x)?"
    r"[aeiouy]{1,3}(?:c|ch|m|n|ng|nh|p|t)?$")


def _lang_votes(text: str) -> tuple[int, int, int, int]:
    """Words, English function words, Vietnamese function words, and words
    that cannot be Vietnamese syllables, of a query without diacritics."""
    words = re.findall(r"[a-z]+", text.lower())
    en = sum(1 for w in words if w in ENGLISH_STOP_WORDS)
    vi = sum(1 for w in words if w in gz.QUERY_FUNCTION_WORDS_FOLDED)
    foreign = sum(1 for w in words if len(w) > 1 and not _VI_SYLLABLE.match(w))
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
                          and not _VI_SYLLABLE.match(w.lower()))
    if plainly_english and en > vi:
        return "en"
    # Or common words, not names, that no Vietnamese syllable spells:
    # "police arrested drug traffickers in Nghe An".
    lower = [w for w in re.findall(r"[A-Za-z]+", text) if w.islower()]
    foreign_lower = sum(1 for w in lower if len(w) > 1 and not _VI_SYLLABLE.match(w))
    return "en" if foreign_lower >= 2 and foreign_lower * 2 >= len(lower) and vi == 0 else None


def _unit_weight(exact: str, folded: str, accented: bool) -> float:
    if accented:
        function = exact.replace("_", " ") in gz.QUERY_FUNCTION_WORDS_VI
    else:
        function = folded in gz.QUERY_FUNCTION_WORDS_FOLDED
    return FUNCTION_WEIGHT if function else 1.0


def _vi_query(text: str, fields: dict[str, float], terms: Terms, lang: str) -> list[Q.Query]:
    units = _vi_units(text)
    if lang == "en":  # English words are not Vietnamese syllables
        units = [u for u in units if u[1] not in ENGLISH_STOP_WORDS]
    if not units:
        return []
    accented = has_diacritics(text)
    side = 1.0 if lang == "vi" else CROSS_LANGUAGE_WEIGHT
    weighted: list[tuple[str, str, float]] = []
    terms.vi_runs.append(Run(tuple(u[0] for u in units), accented))
    for exact, folded in units:
        weighted.append((exact, folded, _unit_weight(exact, folded, accented)))
        terms.vi.add(folded)
    for n in range(2, MAX_GRAM + 1):
        for i in range(len(units) - n + 1):
            chunk = units[i:i + n]
            exact = "_".join(u[0] for u in chunk)
            folded = "_".join(u[1] for u in chunk)
            w = _unit_weight(exact, folded, accented)
            weighted.append((exact, folded, COMPOUND_WEIGHT * (1.0 if w == 1.0 else FUNCTION_WEIGHT)))
    clauses: list[Q.Query] = []
    for fname, fweight in fields.items():
        for exact, folded, w in weighted:
            if "_" in folded and COMPOUND_FIELDS is not None and fname not in COMPOUND_FIELDS:
                continue
            clauses.append(Q.Term(fname, folded, boost=fweight * w * side))
            if accented and exact != folded and "_" not in exact:
                clauses.append(Q.Term(fname, exact, boost=fweight * w * side * EXACT_BONUS))
    return clauses


def _en_query(text: str, fields: dict[str, float], terms: Terms, lang: str) -> list[Q.Query]:
    stems = [t.text for t in _EN_ANALYZER(nfc(text))]
    terms.en.update(stems)
    side = 1.0 if lang == "en" else CROSS_LANGUAGE_WEIGHT
    return [Q.Term(f, s, boost=w * side) for f, w in fields.items() for s in dict.fromkeys(stems)]


HIGHLIGHT_PROBABILITY = 0.3  # a one-syllable translation is marked from this probability


def _mark_translations(options: list[tuple[str, float]], terms: Terms) -> None:
    """What the snippets mark for one English word's translations: a word
    of several syllables only whole; one-syllable translations of the same
    word next to each other ("saturday" -> "thứ", "bảy": "Thứ Bảy"); a lone
    syllable only when the translation is likely ("thứ" alone is not)."""
    singles = [t for t, _ in options if "_" not in t]
    for term, p in options:
        if "_" in term:
            terms.vi_phrases.add(tuple(term.split("_")))
        elif len(singles) == 1 and p >= HIGHLIGHT_PROBABILITY:
            terms.vi.add(term)
            terms.vi_loose.add(term)
    if len(singles) > 1:
        terms.vi_phrases.update((a, b) for a in singles for b in singles if a != b)


def _translations(text: str, lang: str, vi: dict[str, float], en: dict[str, float],
                  terms: Terms) -> list[Q.Query]:
    """The query's words in the other language, from the learned lexicon,
    each weighted by its translation probability and below same-language
    matches."""
    lex = lexicon.load()
    found: dict[str, float] = {}
    if lang == "en":
        for stem in dict.fromkeys(t.text for t in _EN_ANALYZER(nfc(text))):
            options = lex.to_vietnamese(stem)
            for term, p in options:
                found[term] = max(found.get(term, 0.0), p)
            _mark_translations(options, terms)
        fields, weight = vi, EN2VI_WEIGHT
    else:
        for word in dict.fromkeys(lexicon.vi_terms(text)):
            for stem, p in lex.to_english(word):
                found[stem] = max(found.get(stem, 0.0), p)
        terms.en.update(found)
        fields, weight = en, VI2EN_WEIGHT
    weight *= CROSS_LANGUAGE_WEIGHT
    clauses: list[Q.Query] = [Q.Term(f, term, boost=fw * weight * p)
                              for f, fw in fields.items() for term, p in found.items()]
    # Ranks, titles and known bodies: fixed phrases the gazetteer translates
    # whole, looked up both ways whatever the query's language ("Deputy
    # Minister Le Quoc Hung" reads as Vietnamese but its title is English).
    to_vi = {f: fw * EN2VI_WEIGHT * CROSS_LANGUAGE_WEIGHT for f, fw in vi.items()}
    for phrase in bilingual.phrase_translations(text, "en"):
        clauses += _vi_query(phrase, to_vi, Terms(), "vi")
        terms.vi_phrases.add(tuple(u[1] for u in _vi_units(phrase)))
    to_en = {f: fw * VI2EN_WEIGHT * CROSS_LANGUAGE_WEIGHT for f, fw in en.items()}
    for phrase in bilingual.phrase_translations(text, "vi"):
        clauses += _en_query(phrase, to_en, terms, "en")
    return clauses


def _free_text(text: str, fields: Iterable[str] | None, terms: Terms,
               loose: bool = True, known: Lookup | None = None) -> Q.Query | None:
    """Weighted terms for plain words, the lexicon's translations among
    them, and the content words a release must hold (``loose``: the whole
    plain query, which may be loosened when no release holds them all;
    ``known``: what the index knows, to group syllables into words)."""
    vi = VI_FIELDS if fields is None else {f: VI_FIELDS[f] for f in fields if f in VI_FIELDS}
    en = EN_FIELDS if fields is None else {f: EN_FIELDS[f] for f in fields if f in EN_FIELDS}
    lang = query_lang(text)
    clauses = _vi_query(text, vi, terms, lang) + _en_query(text, en, terms, lang)
    clauses += _translations(text, lang, vi, en, terms)
    if not clauses:
        return None
    node = FreeText(clauses, content_words(text, tuple(vi), tuple(en), lang, known), loose=loose,
                    question=is_question(text), lang_hint=clear_query_lang(text))
    if loose and has_diacritics(text):  # for a tone mark typed wrong: the words without diacritics
        node.folded_words = tuple(content_words(fold(text), tuple(vi), tuple(en), lang, known))
    return node


_QUESTION_START = re.compile(r"^\W*(what|who|whom|whose|which|when|where|why|how|is|are|was|were|do|does|did|"
                             r"can|could|should|would|will|has|have|had|in what|in which)\b", re.IGNORECASE)
_QUESTION_WORDS_VI = "bao nhiêu|là gì|như thế nào|thế nào|tại sao|vì sao|khi nào|ở đâu|là ai|nào|ai"
_QUESTION_VI = re.compile(rf"\b({_QUESTION_WORDS_VI})\b")
_QUESTION_VI_FOLDED = re.compile(rf"\b({fold(_QUESTION_WORDS_VI)})\b")


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


TRANSLATION_OPTION = 0.2  # a translation this likely lets a release hold the word


def _pairs(syllables_: list[str], triples: bool = False) -> tuple[str, ...]:
    """What a unit of several syllables must show side by side, as the index
    holds it (``analysis.adjacent_pairs``): each pair ("cong_an"), and for a
    name each run of three ("bo_cong_an": the index keeps those written with
    a capital, so search asks only for the ones it has)."""
    words = [p.lower() for s in syllables_ for p in PAIR_WORD.findall(fold(s))]  # as the index cuts them
    out = ["_".join(words[i:i + 2]) for i in range(len(words) - 1)]
    if triples:
        out += ["_".join(words[i:i + 3]) for i in range(len(words) - 2)]
    return tuple(out)


@dataclass
class _Syllable:
    """One syllable of a plain query, with its forms and whether it counts."""

    text: str
    start: int
    end: int
    exact: str   # lowercased, tone marks canonical
    folded: str
    stems: list[str]  # its English stems (none for a stop word)
    content: bool


def _syllables(text: str, lang: str, accented: bool) -> list[_Syllable]:
    out = []
    for raw, start, end in syllables(text):
        units = _vi_units(raw)
        if lang == "en":
            units = [u for u in units if u[1] not in ENGLISH_STOP_WORDS]
        if not units:
            continue
        stems = [t.text for t in _EN_ANALYZER(raw)]
        vi_function = all(_unit_weight(e, f, accented) != 1.0 for e, f in units)
        content = not ((vi_function and (lang == "vi" or not stems)) or (lang == "en" and not stems))
        exact, folded = "".join(u[0] for u in units), "".join(u[1] for u in units)
        out.append(_Syllable(raw, start, end, exact, folded, stems, content))
    return out


MAX_UNIT = 6  # longest run of syllables taken as one word or name
# What the index knows of folded syllables joined by "_": "word" or "rare
# word" (a compound pyvi found in many releases, or a few), "name:" and the
# usual spelling of an official or agency ("name:Bộ Công an"), or "".
Lookup = Callable[[str], str]


@dataclass
class _Unit:
    """Syllables that must stand together, and whether they are a name."""

    sylls: list[_Syllable]
    name: bool = False


def _units(text: str, sylls: list[_Syllable], known: Lookup | None) -> list[_Unit]:
    """The query's syllables grouped into words that must stand together,
    longest first and without overlaps: the names of officials and agencies
    the index holds ("bo cong an", "le quoc hung"); then words the index
    has ("hop tac"), anywhere when typed without diacritics (pyvi cannot
    tell), inside pyvi's words when typed with them ("Việt Nam Trung Quốc":
    pyvi's one word, the index's two; not "vận học" for "văn học").  With no
    index to ask, pyvi's words."""
    if known is None:
        spans = _pyvi_words(text, sylls)
        return _grouped(sylls, {i: (n, False) for i, n in spans})
    accented = has_diacritics(text)
    within = [-1] * len(sylls)  # the pyvi word (of two syllables or more) each syllable is in
    for k, (i, n) in enumerate(_pyvi_words(text, sylls)):
        within[i:i + n] = [k] * n
    taken: dict[int, tuple[int, bool]] = {}  # first syllable -> (length, is a name)
    i = 0
    while i < len(sylls) - 1:
        for n in range(min(MAX_UNIT, len(sylls) - i), 1, -1):
            run = sylls[i:i + n]
            kind = known("_".join(s.folded for s in run))
            if kind.startswith("name:") and (not accented or _spelled_as(run, kind[5:])):
                taken[i] = (n, True)
                break
            word = kind == "word" or (kind == "rare word" and _all_content(run))
            if word and (not accented or (within[i] >= 0 and len(set(within[i:i + n])) == 1)):
                taken[i] = (n, False)
                break
        i += taken[i][0] if i in taken else 1
    return _grouped(sylls, taken)


def _all_content(sylls: list[_Syllable]) -> bool:
    """No function word among them: a rare compound made with one ("cua xe",
    of "của Xê") is more likely a function word beside a name."""
    return all(s.content for s in sylls)


def _grouped(sylls: list[_Syllable], taken: dict[int, tuple[int, bool]]) -> list[_Unit]:
    out: list[_Unit] = []
    i = 0
    while i < len(sylls):
        n, name = taken.get(i, (1, False))
        out.append(_Unit(sylls[i:i + n], name))
        i += n
    return out


def _spelled_as(sylls: list[_Syllable], name: str) -> bool:
    """Whether syllables typed with diacritics are those of ``name``."""
    return [s.exact for s in sylls] == [canonical_tone(w.lower()) for w, _, _ in syllables(name)]


def _pyvi_words(text: str, sylls: list[_Syllable]) -> list[tuple[int, int]]:
    """(first syllable, number of syllables) of each word pyvi makes of two
    syllables or more."""
    starts = {s.start: i for i, s in enumerate(sylls)}
    out = []
    for word, start, end, is_word in words(text):
        if is_word and " " in word and start in starts:
            i = j = starts[start]
            while j + 1 < len(sylls) and sylls[j + 1].end <= end:
                j += 1
            if j > i:
                out.append((i, j - i + 1))
    return out


def _unit_options(unit: _Unit, vi: tuple[str, ...], en: tuple[str, ...], accented: bool,
                  lang: str, phrases: dict[str, list[str]]) -> tuple[Option, ...]:
    """The ways to hold one unit (``phrases``: a query word -> the other
    language's phrases for a gazetteer phrase holding it)."""
    sylls = unit.sylls
    folded = [s.folded for s in sylls]
    pairs = _pairs(folded, triples=unit.name)
    options: list[Option] = []
    if vi:
        options.append(Option(vi, tuple(s.exact if accented else s.folded for s in sylls), accented, pairs))
    stems = [t for s in sylls for t in s.stems]
    if en and stems:
        options.append(Option(en, tuple(stems), False, pairs))
    lex = lexicon.load()
    if lang == "en" and vi:
        options += _translated_options(stems, vi)
    if lang != "en" and en and len(sylls) > 1:  # a lone syllable's translations are too loose
        options += [Option(en, (stem,)) for stem, p in lex.to_english("_".join(folded)) if p >= TRANSLATION_OPTION]
    for phrase in (p for s in sylls for p in phrases.get(s.folded.lower(), [])):
        words = [fold(w).lower() for w, _, _ in syllables(phrase)]
        if vi and words:  # "Senior Lieutenant General": "Thượng tướng"
            options.append(Option(vi, tuple(words), False, _pairs(words)))
    return tuple(dict.fromkeys(options))


def _translated_options(stems: list[str], vi: tuple[str, ...]) -> list[Option]:
    """An English word held in Vietnamese: any likely translation, its
    syllables side by side; a unit of several English words needs the
    best translation of each."""
    lex = lexicon.load()
    found = [[t.split("_") for t, p in lex.to_vietnamese(stem) if p >= TRANSLATION_OPTION] for stem in stems]
    if len(stems) == 1:
        return [Option(vi, tuple(t), False, _pairs(t)) for t in found[0]]
    if not all(found):
        return []
    best = [ways[0] for ways in found]
    return [Option(vi, tuple(s for t in best for s in t), False, tuple(p for t in best for p in _pairs(t)))]


def content_words(text: str, vi: tuple[str, ...], en: tuple[str, ...], lang: str,
                  known: Lookup | None = None) -> list[Word]:
    """The words of ``text`` that a matching release must hold, each with
    the ways to hold it; a word of several syllables must stand together.
    Function words (Vietnamese question and function words, English stop
    words) are left out: they are optional."""
    text = nfc(text)
    accented = has_diacritics(text)
    phrases: dict[str, list[str]] = {}
    if lang == "en":
        for words, found in bilingual.phrase_spans(text, "en"):
            for w in words:
                phrases.setdefault(fold(w).lower(), []).extend(found)
    out: list[Word] = []
    seen: set[str] = set()
    for unit in _units(text, _syllables(text, lang, accented), known):
        key = " ".join(s.exact for s in unit.sylls)
        # A word of several syllables is content even when each of its
        # syllables, folded, is also a function word ("bao ve": bảo vệ).
        if not (len(unit.sylls) > 1 or any(s.content for s in unit.sylls)) or key in seen:
            continue
        seen.add(key)
        options = _unit_options(unit, vi, en, accented, lang, phrases)
        if options:
            out.append(Word(" ".join(s.text for s in unit.sylls), options, accented, unit.name))
    return out


def _text_fields(target: str) -> dict[str, float]:
    """The text fields (no entity-name fields) of the ``target`` language."""
    return {f: w for f, w in (VI_FIELDS if target == "vi" else EN_FIELDS).items()
            if f not in ("officials", "agencies")}


def _as_written(text: str, fields: dict[str, float], target: str, terms: Terms) -> list[Q.Query]:
    return (_vi_query if target == "vi" else _en_query)(text, fields, terms, target)


def translation_query(text: str, target: str) -> Q.Query | None:
    """Plain ``text`` searched only in the text fields of the ``target``
    language: its names and numbers as they are, its words translated.  How
    a release's translation is looked for: a fraction of a full query's
    terms, so pairing a large index stays cheap."""
    text = SYNTAX.sub(" ", text)
    source = "en" if target == "vi" else "vi"
    fields = _text_fields(target)
    terms = Terms()
    # The source's own words only where a translation keeps them: names, numbers.
    kept = " ".join(w for w in text.split() if w[:1].isupper() or w[:1].isdigit())
    clauses = _as_written(kept, fields, target, terms)
    vi, en = (fields, {}) if target == "vi" else ({}, fields)
    clauses += _translations(text, source, vi, en, terms)
    return Q.Or(clauses) if clauses else None


def anchor_query(words: Iterable[str], target: str) -> Q.Query | None:
    """Words a translation keeps as they are (names, numbers), searched in
    the text fields of the ``target`` language."""
    clauses = _as_written(" ".join(words), _text_fields(target), target, Terms())
    return Q.Or(clauses) if clauses else None


_TITLES = frozenset((*gz.TITLES_VI, *gz.TITLES_EN))
_MODIFIERS = frozenset((*gz.TITLE_MODIFIERS_VI, *gz.TITLE_MODIFIERS_EN))
_TITLES_FOLDED = frozenset(fold(t) for t in _TITLES)
_MODIFIERS_FOLDED = frozenset(fold(t) for t in _MODIFIERS)


def _title_length(words: list[str], start: int) -> int:
    """Words of a title (with its modifiers: "phó", "former") at ``start``,
    never the last word; 0 when none.  Typed with diacritics, a word must
    match with them: "Nguyễn" is a name, "nguyên" (former) a modifier."""
    def is_in(n_words: int, at: int, exact: frozenset, folded: frozenset) -> bool:
        text = " ".join(words[at:at + n_words])
        return gz.key(text) in exact if has_diacritics(text) else fold(gz.key(text)) in folded

    last = len(words) - 1
    i = start
    while i < last and is_in(1, i, _MODIFIERS, _MODIFIERS_FOLDED):
        i += 1
    for n in range(min(5, last - i), 0, -1):
        if is_in(n, i, _TITLES, _TITLES_FOLDED) and not (n == 1 and words[i].lower() in _GIVEN_NAME_TITLES):
            return i + n - start
    return 0


# Titles that are also given names: "Dean Smith" is more likely a person.
_GIVEN_NAME_TITLES = frozenset({"dean", "earl", "duke", "major", "judge"})


def without_title(words: list[str]) -> list[str]:
    """A person's name without the ranks and titles typed before it
    ("Deputy Minister Le Quoc Hung", "thứ trưởng Lê Quốc Hùng" -> the name):
    the index holds officials by name, their titles apart."""
    start = 0
    while True:
        n = _title_length(words, start)
        if not n:
            return words[start:]
        start += n


def _phrase(words: list[str], fields: Iterable[str] | None, terms: Terms) -> Q.Query | None:
    text = " ".join(words)
    fields = list(fields) if fields is not None else [*VI_FIELDS, *EN_FIELDS]
    units = _vi_units(text)
    stems = [t.text for t in _EN_ANALYZER(nfc(text))]
    terms.add_run(text)
    terms.en.update(stems)
    clauses: list[Q.Query] = []
    for f in fields:
        if f in VI_FIELDS and units:
            seq = [u[1] for u in units]
            boost = VI_FIELDS[f]
            clauses.append(Q.Phrase(f, seq, boost=boost) if len(seq) > 1 else Q.Term(f, seq[0], boost=boost))
        elif f in EN_FIELDS and stems:
            boost = EN_FIELDS[f]
            clauses.append(Q.Phrase(f, stems, boost=boost) if len(stems) > 1 else Q.Term(f, stems[0], boost=boost))
    return Q.Or(clauses) if clauses else None


# Query syntax: quotes, parentheses, operators, a -/+ before a word (not a
# number: "S -400", "B -52" are names), and the known field prefixes.
_FIELD_PREFIX = r"\b(?:title|official|officials|agency|agencies|lang|body):"
SYNTAX = re.compile(r'["()]|\b(AND|OR|NOT)\b|(^|\s)[-+](?=[^\W\d_]|["(])|' + _FIELD_PREFIX)
_LONE_SIGN = re.compile(r"(^|\s)[-+](?=[\d\s]|$)")
_PARSER_FIELDS = ("text", "title", "official", "officials", "agency", "agencies", "body", "lang")


def _make_parser() -> qparser.QueryParser:
    from whoosh.fields import TEXT, Schema
    from whoosh.analysis import SpaceSeparatedTokenizer

    raw = Schema(**{f: TEXT(analyzer=SpaceSeparatedTokenizer()) for f in _PARSER_FIELDS})  # type: ignore[arg-type]
    parser = qparser.QueryParser("text", raw, group=qparser.AndGroup)
    for plugin in (qparser.WildcardPlugin, qparser.RangePlugin, qparser.BoostPlugin,
                   qparser.EveryPlugin):
        parser.remove_plugin_class(plugin)
    parser.add_plugin(qparser.PlusMinusPlugin())
    return parser


_PARSER = _make_parser()
_EXPLICIT_AND = re.compile(r"\bAND\b")
_EVERY = "\x02every"  # stands first in a query of exclusions only: what they exclude from


def _is_every(node: Q.Query) -> bool:
    return isinstance(node, Q.Term) and node.fieldname == "text" and node.text == _EVERY


_ENTITY_FIELDS = {"official": "official", "officials": "official", "agency": "agency", "agencies": "agency"}


def _convert(node: Q.Query, terms: Terms, loose: bool = True, known: Lookup | None = None
             ) -> Q.Query | None:
    """Map a parsed syntax tree onto the real fields and analysis."""
    if _is_every(node):
        return Q.Every()
    if isinstance(node, Q.Term):
        fields = None if node.fieldname == "text" else FIELD_ALIASES.get(node.fieldname)
        return _free_text(str(node.text), fields, terms, loose=loose, known=known)
    if isinstance(node, Q.Phrase):
        if node.fieldname in _ENTITY_FIELDS:
            return entity_match(" ".join(str(w) for w in node.words), _ENTITY_FIELDS[node.fieldname], terms)
        fields = None if node.fieldname == "text" else FIELD_ALIASES.get(node.fieldname)
        return _phrase([str(w) for w in node.words], fields, terms)
    if isinstance(node, Q.Not):  # what is excluded is not marked in the results
        inner = _convert(node.query, Terms(), False, known)
        return Q.Not(inner) if inner is not None else None
    if isinstance(node, Q.AndNot):
        pos, neg = _convert(node.a, terms, loose, known), _convert(node.b, Terms(), False, known)
        if pos is None:
            return None
        return Q.AndNot(pos, neg) if neg is not None else pos
    if isinstance(node, Q.AndMaybe):
        req, opt = _convert(node.a, terms, loose, known), _convert(node.b, terms, loose, known)
        if req is None:
            return opt
        return Q.AndMaybe(req, opt) if opt is not None else req
    if isinstance(node, Q.Or):  # an explicit OR: each side on its own
        kids = [k for k in (_convert(c, terms, loose, known) for c in node.children()) if k is not None]
        return None if not kids else kids[0] if len(kids) == 1 else Q.Or(kids)
    if isinstance(node, (Q.And, Q.Require)):
        return _convert_and(node, terms, loose, known)
    raise ValueError(f"unsupported query part {type(node).__name__}")


def _convert_and(node: Q.Query, terms: Terms, loose: bool, known: Lookup | None
                 ) -> Q.Query | None:
    """Plain words side by side form one free-text run (so compounds across
    them count and function words stay optional); every other part is
    converted on its own and required."""
    kids: list[Q.Query] = []
    run: list[str] = []

    def flush() -> None:
        if run:
            q = _free_text(" ".join(run), None, terms, loose=loose, known=known)
            if q is not None:
                kids.append(q)
            run.clear()

    for child in node.children():
        if _is_every(child):
            kids.append(Q.Every())
            continue
        if isinstance(child, Q.Term) and child.fieldname == "text":
            run.append(str(child.text))
            continue
        flush()
        q = _convert(child, terms, loose, known)
        if q is not None:
            kids.append(q)
    flush()
    if not kids:
        return None
    return kids[0] if len(kids) == 1 else Q.And(kids)


@dataclass
class ParsedQuery:
    """What a query string asks for: the Whoosh query (None: no words, only
    filters), its snippet terms, and the languages ``lang:`` restricts to
    (None: any)."""

    query: Q.Query | None
    terms: Terms
    langs: frozenset[str] | None = None


_LANG_PREFIX = re.compile(r"(?<![\w:])lang:(\S*)", re.IGNORECASE)


def _query_langs(text: str) -> tuple[str, frozenset[str] | None]:
    """``lang:vi`` / ``lang:en`` taken out of the query as a filter (two
    different ones match nothing); raises ValueError for another value."""
    langs: set[str] = set()
    found = False
    for m in _LANG_PREFIX.finditer(text):
        found = True
        value = parse_lang(m.group(1).strip('"()'), "lang: in the query")
        if value is None:
            raise InvalidParameter("lang: in the query must be followed by vi or en")
        langs.add(value)
    if not found:
        return text, None
    return _LANG_PREFIX.sub(" ", text).strip(), frozenset(langs) if len(langs) == 1 else frozenset()


_HUGGING = re.compile(r'"(?:[^"\s]|[^"\s][^"]*[^"\s])"')


def _typographic_quotes(text: str) -> str:
    """Quotes that hug their words ("an ninh mạng") make a phrase; quotes
    set apart by spaces, as pasted headlines have them ('Syria " vết hở ",
    Nga'), or left unpaired, are punctuation and are dropped."""
    kept = [(m.start(), m.end()) for m in _HUGGING.finditer(text)]
    out, last = [], 0
    for start, end in kept:
        out += [text[last:start].replace('"', " "), text[start:end]]
        last = end
    out.append(text[last:].replace('"', " "))
    return "".join(out).strip()


def parse_query(text: str, known: Lookup | None = None) -> ParsedQuery:
    """The Whoosh query, snippet terms and language filter of what a user
    typed.  Raises ValueError only for a ``lang:`` value other than vi/en;
    syntax the parser cannot use falls back to plain words."""
    terms = Terms()
    text = nfc(text.replace("\x00", " "))[:MAX_QUERY_CHARS].strip()
    text, langs = _query_langs(text)
    text = _typographic_quotes(text)
    if not text:
        return ParsedQuery(None, terms, langs)
    if SYNTAX.search(text):
        try:
            syntax = _LONE_SIGN.sub(r"\1", text)
            parsed = _PARSER.parse(syntax)
            if parsed is Q.NullQuery or not _has_positive(parsed):  # "-Trump": every other release
                parsed = _PARSER.parse(f"{_EVERY} {syntax}")
            # An explicit AND asks for every word: nothing is loosened.
            q = _convert(parsed, terms, not _EXPLICIT_AND.search(syntax), known)
            if q is not None:
                return ParsedQuery(q, terms, langs)
        except Exception:  # malformed syntax: fall back to plain words
            pass
        terms = Terms()
        text = re.sub(r'["()]|\b(AND|OR|NOT)\b|(?<!\S)[-+]|' + _FIELD_PREFIX, " ", text)
    return ParsedQuery(_free_text(text, None, terms, known=known), terms, langs)


def build_query(text: str) -> tuple[Q.Query | None, Terms]:
    """The Whoosh query for a user's query string, and its snippet terms
    (``parse_query`` without the language filter; never raises)."""
    try:
        parsed = parse_query(text)
    except InvalidParameter:
        parsed = parse_query(_LANG_PREFIX.sub(" ", text))
    return parsed.query, parsed.terms


def _has_positive(q: Q.Query) -> bool:
    if isinstance(q, Q.Not):
        return False
    if isinstance(q, Q.Term) and q.fieldname == "lang":
        return False
    if isinstance(q, Q.compound.CompoundQuery):
        return any(_has_positive(c) for c in q.children())
    if isinstance(q, Q.AndNot):
        return _has_positive(q.a)
    return True


def flat_terms(q: Q.Query | None) -> list[tuple[str, str, float]] | None:
    """(field, text, boost) when ``q`` is a plain OR of terms (free text),
    which the numpy scorer ranks; None for structured queries."""
    if isinstance(q, Q.Term):
        # A filter term ("lang:vi" in an OR) is not scored: structured.
        return [(q.fieldname, q.text, q.boost)] if q.fieldname in FIELD_WEIGHTS else None
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
        return [(q.fieldname, q.text, q.boost)] if q.fieldname in FIELD_WEIGHTS else []
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


def entity_match(value: str, kind: str, terms: Terms) -> Q.Query | None:
    """Releases naming an official or agency (``kind``) by any spelling:
    its key (case, diacritics and, for people, romanisation aside: "Yu" =
    "Yoo Jae-seong"), or its words in a row among the names indexed; a
    person's title typed before the name is dropped."""
    if kind == "official":
        value = " ".join(without_title(value.split()))
    words = [u[1] for u in _vi_units(value)]
    if not words:
        return None
    terms.add_run(value)
    fname = "officials" if kind == "official" else "agencies"
    keys = [entity_key(value)] + ([loose_key(value)] if kind == "official" else [])
    phrase = Q.Phrase(fname, words) if len(words) > 1 else Q.Term(fname, words[0])
    return EntityMatch([Q.Term(f"{kind}_keys", k) for k in dict.fromkeys(keys)], phrase)


class EntityMatch(Q.Or):
    """Releases naming one official or agency: those whose names have its
    key (what its facet counts and its page lists) when any release has it,
    else its romanisation-free key ("Yu" = "Yoo Jae-seong"), else those
    naming it in part (its words in a row: "Cảnh sát Liên bang")."""

    def __init__(self, keys: list[Q.Query], phrase: Q.Query):
        super().__init__([*keys, phrase])
        self.keys = keys
        self.phrase = phrase



def entity_filters(official: str | None, agency: str | None, terms: Terms) -> list[Q.Query]:
    """The official and agency filters as entity matches (see ``entity_match``)."""
    parts = []
    for value, kind in ((official, "official"), (agency, "agency")):
        match = entity_match(value, kind, terms) if value else None
        if match is not None:
            parts.append(match)
        elif value:  # nothing to look up ("---"): matches no release
            parts.append(Q.NullQuery)
    return parts
