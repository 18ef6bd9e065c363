"""Which words of a plain query a matching release must hold.

The query's syllables are grouped into words that must stand together
(names the index holds, compounds it knows, pyvi's words), function words
are left out, and each word gets the ways a release can hold it: as
Vietnamese syllables (side by side), as English stems, or translated.
"""

from __future__ import annotations

from dataclasses import dataclass

from . import bilingual, lexicon
from .analysis import ENGLISH_STOP_WORDS, PAIR_WORD, english_analyzer, syllables, words
from .querylang import english_part, is_foreign_word
from .querytypes import Lookup, Option, Word, is_function_word, vi_units
from .textnorm import canonical_tone, fold, has_diacritics, nfc

__all__ = ["content_words", "TRANSLATION_OPTION"]

_EN_ANALYZER = english_analyzer()


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
    foreign: bool = False  # reads as English whatever the query (querylang.is_foreign_word)


def _syllables(text: str, lang: str, accented: bool) -> list[_Syllable]:
    out = []
    for raw, start, end in syllables(text):
        units = vi_units(raw)
        if lang == "en":
            units = [u for u in units if u[1] not in ENGLISH_STOP_WORDS]
        if not units:
            continue
        stems = [t.text for t in _EN_ANALYZER(raw)]
        vi_function = all(is_function_word(e, f, accented) for e, f in units)
        content = not ((vi_function and (lang == "vi" or not stems)) or (lang == "en" and not stems))
        exact, folded = "".join(u[0] for u in units), "".join(u[1] for u in units)
        out.append(_Syllable(raw, start, end, exact, folded, stems, content, is_foreign_word(raw)))
    return out


MAX_UNIT = 6  # longest run of syllables taken as one word or name


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
                  lang: str, phrases: dict[str, list[str]], learned: dict[str, list[str]]
                  ) -> tuple[Option, ...]:
    """The ways to hold one unit (``phrases``: a query word -> the other
    language's phrases for a gazetteer phrase holding it; ``learned``: an
    English stem -> Vietnamese units of a learned phrase holding it)."""
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
    in_phrase = any(s.folded.lower() in phrases for s in sylls)
    if vi and not in_phrase and (lang == "en" or all(s.foreign for s in sylls)):
        # (a word of a known phrase is held by the phrase's translation, not its own)
        options += _translated_options(stems, vi)
    if lang != "en" and en and len(sylls) > 1:  # a lone syllable's translations are too loose
        options += [Option(en, (stem,)) for stem, p in lex.to_english("_".join(folded)) if p >= TRANSLATION_OPTION]
    for phrase in (p for s in sylls for p in phrases.get(s.folded.lower(), [])):
        words = [fold(w).lower() for w, _, _ in syllables(phrase)]
        if vi and words:  # "Senior Lieutenant General": "Thượng tướng"
            options.append(Option(vi, tuple(words), False, _pairs(words)))
    for phrase in (p for stem in stems for p in learned.get(stem, [])):
        words = phrase.split()  # "drug trafficking": "buon ban ma tuy", learned
        if vi:
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
    learned: dict[str, list[str]] = {}
    if english_part(text, lang):
        for words, found in bilingual.phrase_spans(text, "en"):
            for w in words:
                phrases.setdefault(fold(w).lower(), []).extend(found)
        for stems, units in lexicon.load().phrases_in([t.text for t in _EN_ANALYZER(text)] if lang == "en" else []):
            for stem in stems:
                learned.setdefault(stem, []).extend(u for u, _ in units)
    out: list[Word] = []
    seen: set[str] = set()
    for unit in _units(text, _syllables(text, lang, accented), known):
        key = " ".join(s.exact for s in unit.sylls)
        # A word of several syllables is content even when each of its
        # syllables, folded, is also a function word ("bao ve": bảo vệ).
        if not (len(unit.sylls) > 1 or any(s.content for s in unit.sylls)) or key in seen:
            continue
        if len(unit.sylls) == 1 and unit.sylls[0].folded.lower() in phrases and not unit.sylls[0].stems:
            continue  # "of", "the" in "Central Committee of the Communist Party"
        seen.add(key)
        options = _unit_options(unit, vi, en, accented, lang, phrases, learned)
        if options:
            out.append(Word(" ".join(s.text for s in unit.sylls), options, accented, unit.name))
    return out
