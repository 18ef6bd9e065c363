"""Whoosh analysers for Vietnamese and English release text.

One definition serves the index, the query builder and the highlighter, so a
token's ``startchar``/``endchar`` always slice the caller's original text.

Vietnamese chain (``vietnamese_analyzer()``)::

    VietnameseTokenizer() | LowercaseFilter() | ToneFilter() | FoldFilter()

* ``VietnameseTokenizer`` cuts the text into syllables with pyvi's own
  syllable pattern and asks pyvi's CRF which syllables form one word.  It
  yields every syllable and, after a word of two or more syllables, the
  compound ("công_an") at the position of its first syllable.  Matching on
  syllables too means a name pyvi splits differently in the query and in the
  document ("Lê_Quốc Hùng" / "Lê Quốc_Hùng") still matches.
* ``ToneFilter`` moves each syllable's tone mark to one fixed vowel.
* ``FoldFilter`` puts compounds in diacritic-free form ("cong_an"): they
  are adjacency evidence, where the exact form added nothing measurable.
  Syllables are indexed exactly as written (tone placement aside); a query
  typed without diacritics reaches them through ``Scorer.variants``, which
  expands "cong" to the indexed "công", "cộng", ... at query time.  That is
  the same match a folded copy of every syllable would give, without a third
  more postings to write.

English chain (``english_analyzer()``): regex words, lowercase, diacritics
folded (Vietnamese names written "Le Quoc Hung" match "Lê Quốc Hùng"), stop
words, Porter stemming.
"""

from __future__ import annotations

import pickle
import re
import string
from collections import OrderedDict
from collections.abc import Iterator, Sequence
from functools import lru_cache

from whoosh.analysis import (
    CharsetFilter,
    Filter,
    LowercaseFilter,
    RegexTokenizer,
    StemFilter,
    StopFilter,
    Token,
    Tokenizer,
)
from whoosh.analysis.filters import STOP_WORDS
from whoosh.support.charset import accent_map

from . import gazetteer as gz
from .textnorm import canonical_tone, fold, nfc_with_offsets

__all__ = [
    "VietnameseTokenizer",
    "ToneFilter",
    "FoldFilter",
    "vietnamese_analyzer",
    "english_analyzer",
    "pyvi_bi_grams",
    "segment",
    "syllables",
]

# pyvi's syllabification pattern (ViTokenizer.sylabelize), compiled once and
# used with finditer so that every unit keeps its character span.
_UNIT_RE = re.compile(
    r"([A-ZĐ]+\.|Tp\.|Mr\.|Mrs\.|Ms\.|Dr\.|ThS\."
    r"|==>|->|\.\.\.|>>|\n"
    r"|\w+://[^\s]+"
    r"|[a-zA-Z0-9_.+-]+@(?:[a-zA-Z0-9-]+\.)+[a-zA-Z0-9-]+"
    r"|\d+(?:[\.,_]\d+)+"
    r"|[^\w\s]|\w+)"
)
_PUNCT = frozenset(string.punctuation)

_SEGMENT_CACHE: OrderedDict[tuple[str, ...], tuple[bool, ...]] = OrderedDict()
_SEGMENT_CACHE_SIZE = 512


class _PyviModel:
    """pyvi's segmentation model without importing pyvi's tokenizer module:
    that module unpickles a scikit-learn wrapper (sklearn_crfsuite, hence
    scikit-learn and SciPy: 1.5 s of imports) around a CRFsuite model.  The
    same model bytes are read from the same pickle here and handed to
    CRFsuite's own tagger; the word lists come from pyvi's ``words.txt``."""

    def __init__(self) -> None:
        from importlib.resources import files

        import pycrfsuite

        models = files("pyvi") / "models"
        self.bi_grams: set[str] = set()
        self.tri_grams: set[str] = set()
        for token in (models / "words.txt").read_text(encoding="utf-8").split("\n"):
            size = len(token.split(" "))
            if size == 2:
                self.bi_grams.add(token)
            elif size == 3:
                self.tri_grams.add(token)
        with (models / "pyvi3.pkl").open("rb") as f:
            state = _CrfUnpickler(f).load()
        self._model = state.model_bytes()  # CRFsuite reads it in place: it must outlive the tagger
        self.tagger = pycrfsuite.Tagger()
        self.tagger.open_inmemory(self._model)


class _Captured:
    """Stands for a class of the model pickle: keeps the object's state."""

    def __init__(self, *args: object) -> None:
        pass

    def __setstate__(self, state: object) -> None:
        if isinstance(state, dict):
            self.__dict__.update(state)

    def model_bytes(self) -> bytes:
        return self.__dict__["modelfile"].__dict__["__FILE_RESOURCE_DATA__"]


class _CrfUnpickler(pickle.Unpickler):
    """Reads pyvi's pickle with its sklearn_crfsuite and training-log classes captured,
    NumPy's numbers dropped, and nothing else allowed but builtins (and
    the codec protocol 2 writes bytes with)."""

    def find_class(self, module: str, name: str):
        if module.startswith(("sklearn_crfsuite", "pycrfsuite")):
            return _Captured
        if module.startswith("numpy"):
            return _Captured  # the training settings' numbers: not needed to tag
        if (module, name) == ("_codecs", "encode") or module == "builtins" and name in (
                "set", "frozenset", "dict", "list", "tuple", "bytes", "bytearray", "str"):
            return super().find_class(module, name)
        raise pickle.UnpicklingError(f"unexpected class in pyvi's model: {module}.{name}")


def pyvi_bi_grams() -> set[str]:
    """pyvi's dictionary words of two syllables ("cán bộ")."""
    return _pyvi_model().bi_grams


@lru_cache(maxsize=1)
def _pyvi_model() -> _PyviModel:
    # Loaded on first use: English-only work and processes that only read
    # an index never pay for it.
    return _PyviModel()


def segment(units: Sequence[str]) -> tuple[bool, ...]:
    """For each unit, True when pyvi joins it to the previous unit as one word.

    Applies pyvi's own post-rules (never across punctuation or digits, never
    from a lowercase syllable into a capitalised one).  Results for recent
    inputs are cached: the highlighter re-analyses the same text.
    """
    key = tuple(units)
    hit = _SEGMENT_CACHE.get(key)
    if hit is not None:
        _SEGMENT_CACHE.move_to_end(key)
        return hit
    joins = _segment_uncached(units)
    _SEGMENT_CACHE[key] = joins
    if len(_SEGMENT_CACHE) > _SEGMENT_CACHE_SIZE:
        _SEGMENT_CACHE.popitem(last=False)
    return joins


_SPANS_CACHE: OrderedDict[str, list[tuple[str, int, int]]] = OrderedDict()


def unit_spans(text: str) -> list[tuple[str, int, int]]:
    """pyvi's units of ``text`` as (unit, start, end).  The last few texts'
    spans are kept: entity rules, segmentation and the tokenizer all cut the
    same text in turn while a release is indexed."""
    hit = _SPANS_CACHE.get(text)
    if hit is not None:
        return hit
    spans = [(m.group(), m.start(), m.end()) for m in _UNIT_RE.finditer(text)]
    _SPANS_CACHE[str(text)] = spans
    if len(_SPANS_CACHE) > 16:
        _SPANS_CACHE.popitem(last=False)
    return spans


def segment_text(text: str) -> tuple[bool, ...]:
    """pyvi's word joins for ``text`` (see ``segment``); NFC text expected."""
    return segment([s[0] for s in unit_spans(text)])


class Segmented(str):
    """Text that carries pyvi's joins for its units, computed elsewhere (a
    worker process), so analysing it anywhere skips pyvi.  Pickles with its
    joins, so it survives the trip to Whoosh's sub-writer processes."""

    joins: tuple[bool, ...]

    def __new__(cls, text: str, joins: tuple[bool, ...]):
        obj = super().__new__(cls, text)
        obj.joins = tuple(joins)
        return obj

    def __reduce__(self):
        return (Segmented, (str(self), self.joins))


def segmented(text: str) -> Segmented:
    """``text`` with its segmentation attached (runs pyvi once, here)."""
    return Segmented(text, segment_text(text))


def features(units: Sequence[str]) -> list[list[str]]:
    """pyvi's CRF features for a unit sequence, as crfsuite attribute names.

    The same features as ``ViTokenizer.sent2features(units, False)`` in the
    form crfsuite reads fastest: a string value becomes ``"key:value"``, a
    true flag becomes ``"key"`` and a false flag (weight 0, no effect on the
    score) is left out.  Computed once per unit and n-gram instead of once
    per neighbour; with the string form, tagging costs a third of pyvi's own.
    """
    vt = _pyvi_model()
    bi_grams, tri_grams = vt.bi_grams, vt.tri_grams
    n = len(units)
    low = [u.lower() for u in units]
    title = [u.istitle() for u in units]
    upper = [u.isupper() for u in units]
    bi = [False] + [low[i - 1] + " " + low[i] in bi_grams for i in range(1, n)]
    tri = [False, False] + [low[i - 2] + " " + low[i - 1] + " " + low[i] in tri_grams for i in range(2, n)]
    out = []
    for i, unit in enumerate(units):
        f = ["bias", "word.lower():" + low[i]]
        if upper[i]:
            f.append("word.isupper()")
        if title[i]:
            f.append("word.istitle()")
        if unit.isdigit():
            f.append("word.isdigit()")
        if i > 0:
            _neighbour(f, "-1", low[i - 1], title[i - 1], upper[i - 1], bi[i])
            if i > 1 and tri[i]:
                f.append("-2:word.tri_gram()")
        if i < n - 1:
            _neighbour(f, "+1", low[i + 1], title[i + 1], upper[i + 1], bi[i + 1])
            if i < n - 2 and tri[i + 2]:
                f.append("+2:word.tri_gram()")
        out.append(f)
    return out


def _neighbour(f: list[str], side: str, low: str, title: bool, upper: bool, bi_gram: bool) -> None:
    """The features of the unit before ("-1") or after ("+1")."""
    f.append(side + ":word.lower():" + low)
    if title:
        f.append(side + ":word.istitle()")
    if upper:
        f.append(side + ":word.isupper()")
    if bi_gram:
        f.append(side + ":word.bi_gram()")


def pyvi_attributes(features: dict) -> list[str]:
    """One of pyvi's feature dicts in the attribute form of ``features``."""
    out = []
    for key, value in features.items():
        if isinstance(value, str):
            out.append(f"{key}:{value}")
        elif value:
            out.append(key)
    return out


def _segment_uncached(units: Sequence[str]) -> tuple[bool, ...]:
    if not units:
        return ()
    vt = _pyvi_model()
    labels = vt.tagger.tag(features(units))
    joins = [False]
    for i in range(1, len(units)):
        cur, prev = units[i], units[i - 1]
        joins.append(
            labels[i] == "I_W"
            and cur not in _PUNCT
            and prev not in _PUNCT
            and not cur[0].isdigit()
            and not prev[0].isdigit()
            and not (cur[0].istitle() and not prev[0].istitle())
        )
    return tuple(joins)


def _is_word(unit: str) -> bool:
    return unit[0].isalnum() or (len(unit) > 1 and unit[-1].isalnum())


def syllables(text: str) -> list[tuple[str, int, int]]:
    """The word-like units of ``text`` as (text, start, end), no segmentation."""
    out = []
    for m in _UNIT_RE.finditer(text):  # ``_is_word`` and ``_trim_unit`` inlined: snippets pay this per hit
        unit = m.group()
        if unit[0].isalnum() or (len(unit) > 1 and unit[-1].isalnum()):
            if unit[-1] == "." and len(unit) > 1:
                out.append((unit[:-1], m.start(), m.end() - 1))
            else:
                out.append((unit, m.start(), m.end()))
    return out


def _trim_unit(unit: str, end: int) -> tuple[str, int]:
    # "TP." -> "TP": the abbreviation dot is not part of the searchable word.
    if unit.endswith(".") and len(unit) > 1:
        return unit[:-1], end - 1
    return unit, end


PAIR_WORD = re.compile(r"\w+")  # how text is cut into words for adjacency (query side too)
# What ends a run of syllables for adjacency: sentence and clause punctuation.
# A full stop is left out: "TP. HCM", "TP.HCM" are one name.
_BREAK = re.compile(r"[,;:!?()\[\]{}\"“”'‘’\n|/]")


def adjacent_pairs(text: str) -> list[str]:
    """Every two syllables that stand side by side in ``text`` (no clause
    punctuation between), folded and lowercased, as "cong_an", and every
    three with a capital among them, as "bo_cong_an" (names: "Bộ Công an",
    "bộ Công an", "Lê Quốc Hùng"; not "cán bộ công an", a police officer):
    what tells a word or a name written together from its syllables
    scattered ("bộ ... công ... an"), in either language, however pyvi
    segmented the text."""
    out: list[str] = []
    for clause in _BREAK.split(fold(text)):
        cased = PAIR_WORD.findall(clause)
        ws = [w.lower() for w in cased]
        caps = [w[0].isupper() for w in cased]
        out += [f"{a}_{b}" for a, b in zip(ws, ws[1:], strict=False)]
        out += [f"{ws[i]}_{ws[i + 1]}_{ws[i + 2]}" for i in range(len(ws) - 2) if any(caps[i:i + 3])]
    return out


class PairTokenizer(Tokenizer):
    """Tokens of ``adjacent_pairs`` (no positions: only presence counts)."""

    def __eq__(self, other):
        return isinstance(other, PairTokenizer)

    def __call__(self, value, positions=False, chars=False, keeporiginal=False, removestops=True,
                 start_pos=0, start_char=0, tokenize=True, mode="", **kwargs):
        t = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        for n, pair in enumerate(dict.fromkeys(adjacent_pairs(value))):
            t.text = pair
            t.boost = 1.0
            t.stopped = False
            if positions:
                t.pos = start_pos + n
            yield t


class VietnameseTokenizer(Tokenizer):
    """Syllable tokens plus pyvi compound-word tokens, with exact offsets.

    ``segment=False`` skips pyvi and yields syllables only (cheap; used for
    highlighting, where every query carries its syllables anyway).
    """

    def __init__(self, segment: bool = True):
        self.segment = segment

    def __eq__(self, other):
        return type(self) is type(other) and self.segment == other.segment

    def __call__(
        self,
        value: str,
        positions: bool = False,
        chars: bool = False,
        keeporiginal: bool = False,
        removestops: bool = True,
        start_pos: int = 0,
        start_char: int = 0,
        tokenize: bool = True,
        mode: str = "",
        **kwargs,
    ) -> Iterator[Token]:
        text, starts, ends = nfc_with_offsets(value)
        spans = unit_spans(text)
        joins = None
        if self.segment:
            joins = getattr(value, "joins", None)
            if joins is None or starts is not None or len(joins) != len(spans):
                joins = segment([s[0] for s in spans])
        t = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)

        def at(k: int) -> int:
            return start_char + (starts[k] if starts is not None else k)

        def upto(k: int) -> int:
            return start_char + (ends[k] if ends is not None else k)

        return _tokens(t, spans, joins, (at, upto), positions, chars, keeporiginal, start_pos)


Word = tuple[str, int, int, int]  # a syllable of a word: (text, position, start, end)


def _tokens(t: Token, spans, joins, offsets, positions: bool, chars: bool, keeporiginal: bool,
            pos: int) -> Iterator[Token]:
    """Each syllable, and after the last syllable of a word of several, the
    word ("công_an"), positioned at its first syllable."""
    at, upto = offsets
    word: list[Word] = []
    for k, (unit, start, end) in enumerate(spans):
        if not _is_word(unit):
            if len(word) > 1:
                yield _compound(t, word, offsets, positions, chars, keeporiginal)
            word.clear()
            continue
        unit, end = _trim_unit(unit, end)
        if not (joins and joins[k]):
            if len(word) > 1:
                yield _compound(t, word, offsets, positions, chars, keeporiginal)
            word.clear()
        t.text = unit
        t.compound = False  # type: ignore[attr-defined]  # Whoosh tokens take any attribute
        t.stopped = False
        t.boost = 1.0
        if keeporiginal:
            t.original = unit  # type: ignore[attr-defined]
        if positions:
            t.pos = pos
        if chars:
            t.startchar, t.endchar = at(start), upto(end)
        yield t
        word.append((unit, pos, start, end))
        pos += 1
    if len(word) > 1:
        yield _compound(t, word, offsets, positions, chars, keeporiginal)


def _compound(t: Token, word: list[Word], offsets, positions: bool, chars: bool, keeporiginal: bool) -> Token:
    """``t`` made the token of a word of several syllables."""
    t.text = "_".join(w[0] for w in word)
    t.compound = True  # type: ignore[attr-defined]
    t.stopped = False
    t.boost = 1.0
    if keeporiginal:
        t.original = t.text  # type: ignore[attr-defined]
    if positions:
        t.pos = word[0][1]
    if chars:
        t.startchar, t.endchar = offsets[0](word[0][2]), offsets[1](word[-1][3])
    return t


@lru_cache(maxsize=262144)
def _canonical_word(text: str) -> str:
    if "_" in text:
        return "_".join(canonical_tone(s) for s in text.split("_"))
    return canonical_tone(text)


class ToneFilter(Filter):
    """One tone-mark placement per syllable: "hoà" == "hòa", "uỷ" == "ủy"."""

    def __call__(self, tokens):  # type: ignore[override]  # Whoosh filters take the token stream
        for t in tokens:
            t.text = _canonical_word(t.text)
            yield t


class FoldFilter(Filter):
    """Compounds in diacritic-free form only; syllables pass unchanged.

    Every token carries ``folded`` (True for a folded compound) so callers
    can tell the two kinds of term apart.
    """

    def __call__(self, tokens):  # type: ignore[override]  # Whoosh filters take the token stream
        for t in tokens:
            if getattr(t, "compound", False):
                t.text = fold(t.text)
                t.folded = True
            else:
                t.folded = False
            yield t


def vietnamese_analyzer(segment: bool = True):
    """The analyser for Vietnamese text fields and entity names."""
    return VietnameseTokenizer(segment=segment) | LowercaseFilter() | ToneFilter() | FoldFilter()


# Whoosh's short English list plus the gazetteer's pronouns, auxiliaries and
# question words.
ENGLISH_STOP_WORDS = frozenset(STOP_WORDS) | gz.STOP_WORDS_EN


def english_analyzer():
    """The analyser for English text fields: folded, stopped and stemmed."""
    return (
        RegexTokenizer(r"\w+")
        | LowercaseFilter()
        | CharsetFilter(accent_map)
        | StopFilter(stoplist=ENGLISH_STOP_WORDS, minsize=1)
        | StemFilter(cachesize=50000)
    )


def words(text: str) -> list[tuple[str, int, int, bool]]:
    """pyvi words of ``text`` as (text with spaces, start, end, is_word).

    Punctuation units are kept (is_word False) because they end names and
    agency phrases; a hyphen touching both neighbours joins them
    ("Jae-seong").  Shares pyvi's segmentation cache with the tokenizer.
    """
    spans = unit_spans(text)
    joins = segment([s[0] for s in spans])
    out: list[list] = []
    for k, (unit, start, end) in enumerate(spans):
        is_word = _is_word(unit)
        if is_word:
            unit, end = _trim_unit(unit, end)
        prev = out[-1] if out else None
        if prev and is_word and prev[3] and joins[k]:
            prev[0] += " " + unit
            prev[2] = end
        elif prev and prev[2] == start and (unit == "-" and prev[3] or prev[0].endswith("-")):
            prev[0] += unit
            prev[2] = end
        else:
            out.append([unit, start, end, is_word])
    return [tuple(w) for w in out]
