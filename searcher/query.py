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
parser cannot make sense of falls back to plain words.  The weights come
from the ``RankingConfig`` given (``config``), measured in docs/evaluation.md.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace

from whoosh import qparser
from whoosh import query as Q

from . import bilingual, lexicon
from . import gazetteer as gz
from .analysis import ENGLISH_STOP_WORDS, english_analyzer, syllables
from .config import DEFAULT, RankingConfig
from .contentwords import content_words
from .entities.names import body_identity, entity_key, loose_key, person_identity, split_field
from .fields import ENTITY_FIELDS, PREFIX_FIELDS, PREFIXES
from .options import InvalidParameter, parse_lang
from .querylang import clear_query_lang, english_part, foreign_words, is_question, query_lang
from .querytypes import (
    _FIELD_PREFIX,
    MAX_QUERY_CHARS,
    MAX_RUN_SYLLABLES,
    SYNTAX,
    EntityMatch,
    FreeText,
    Lookup,
    ParsedQuery,
    Run,
    Terms,
    has_positive,
    is_function_word,
    vi_units,
)
from .textnorm import fold, has_diacritics, nfc

__all__ = ["build_query", "parse_query", "entity_filters", "entity_match", "translation_query", "anchor_query",
           "without_title", "query_lang", "FIELD_ALIASES"]

FIELD_ALIASES = PREFIX_FIELDS  # title:, body:, official(s):, agency(ies):

_EN_ANALYZER = english_analyzer()


def _stems(text: str) -> list[str]:
    """English stems of ``text``; an underscore alone ("_") is no word."""
    return [t.text for t in _EN_ANALYZER(nfc(text)) if t.text.strip("_")]


def _vi_query(text: str, fields: Mapping[str, float], terms: Terms, lang: str, cfg: RankingConfig) -> list[Q.Query]:
    """Weighted Vietnamese terms: each syllable folded (and as typed, a
    little more), runs of two or three as compounds, function words low."""
    units = vi_units(text)
    if lang == "en":  # English words are not Vietnamese syllables
        units = [u for u in units if u[1] not in ENGLISH_STOP_WORDS]
    if not units:
        return []
    accented = has_diacritics(text)
    side = 1.0 if lang == "vi" else cfg.cross_language_weight
    terms.vi_runs.append(Run(tuple(u[0] for u in units), accented))
    terms.vi.update(folded for _, folded in units)
    weighted = _weighted_units(units, accented, cfg)
    clauses: list[Q.Query] = []
    for fname, fweight in fields.items():
        for exact, folded, w in weighted:
            if "_" in folded and cfg.compound_fields is not None and fname not in cfg.compound_fields:
                continue
            clauses.append(Q.Term(fname, folded, boost=fweight * w * side))
            if accented and exact != folded and "_" not in exact:
                clauses.append(Q.Term(fname, exact, boost=fweight * w * side * cfg.exact_bonus))
    return clauses


def _weighted_units(units: list[tuple[str, str]], accented: bool, cfg: RankingConfig) -> list[tuple[str, str, float]]:
    """(exact, folded, weight) of each syllable, then of each run of two to
    ``max_gram`` syllables as a compound."""
    def weight(exact: str, folded: str) -> float:
        return cfg.function_weight if is_function_word(exact, folded, accented) else 1.0

    weighted = [(exact, folded, weight(exact, folded)) for exact, folded in units]
    for n in range(2, cfg.max_gram + 1):
        for i in range(len(units) - n + 1):
            chunk = units[i:i + n]
            exact = "_".join(u[0] for u in chunk)
            folded = "_".join(u[1] for u in chunk)
            w = weight(exact, folded)
            weighted.append((exact, folded, cfg.compound_weight * (1.0 if w == 1.0 else cfg.function_weight)))
    return weighted


def _en_query(text: str, fields: Mapping[str, float], terms: Terms, lang: str, cfg: RankingConfig) -> list[Q.Query]:
    stems = _stems(text)
    terms.en.update(stems)
    side = 1.0 if lang == "en" else cfg.cross_language_weight
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


def _translations(text: str, lang: str, vi: Mapping[str, float], en: Mapping[str, float],
                  terms: Terms, cfg: RankingConfig) -> list[Q.Query]:
    """The query's words in the other language, from the learned lexicon,
    each weighted by its translation probability and below same-language
    matches.  A Vietnamese query's English words ("Deputy Minister Le Quoc
    Hung", "Nguyễn Văn Long Korea") are translated into Vietnamese too."""
    lex = lexicon.load()
    to_vi: dict[str, float] = {}
    for stem in dict.fromkeys(_stems(english_part(text, lang))):
        options = lex.to_vietnamese(stem)
        for term, p in options:
            to_vi[term] = max(to_vi.get(term, 0.0), p)
        _mark_translations(options, terms)
    to_en: dict[str, float] = {}
    if lang != "en":
        for word in dict.fromkeys(lexicon.vi_terms(text)):
            for stem, p in lex.to_english(word):
                to_en[stem] = max(to_en.get(stem, 0.0), p)
        terms.en.update(to_en)
    side = cfg.cross_language_weight
    clauses: list[Q.Query] = [Q.Term(f, term, boost=fw * cfg.en2vi_weight * side * p)
                              for f, fw in vi.items() for term, p in to_vi.items()]
    clauses += [Q.Term(f, term, boost=fw * cfg.vi2en_weight * side * p)
                for f, fw in en.items() for term, p in to_en.items()]
    # Ranks, titles and known bodies: fixed phrases the gazetteer translates
    # whole, looked up both ways whatever the query's language ("Deputy
    # Minister Le Quoc Hung" reads as Vietnamese but its title is English).
    vi_side = {f: fw * cfg.en2vi_weight * side for f, fw in vi.items()}
    for phrase in bilingual.phrase_translations(text, "en"):
        clauses += _vi_query(phrase, vi_side, Terms(), "vi", cfg)
        terms.vi_phrases.add(tuple(u[1] for u in vi_units(phrase)))
    # Phrases learned from the aligned paragraphs ("drug trafficking": "buôn bán ma túy").
    for _, found in lex.phrases_in(_stems(text) if lang == "en" else []):
        for phrase, p in found:
            clauses += _vi_query(phrase, {f: w * p for f, w in vi_side.items()}, Terms(), "vi", cfg)
            terms.vi_phrases.add(tuple(phrase.split()))
    en_side = {f: fw * cfg.vi2en_weight * side for f, fw in en.items()}
    for phrase in bilingual.phrase_translations(text, "vi"):
        clauses += _en_query(phrase, en_side, terms, "en", cfg)
    return clauses


def _free_text(text: str, fields: Iterable[str] | None, ctx: _Context) -> Q.Query | None:
    """Weighted terms for plain words, the lexicon's translations among
    them, and the content words a release must hold (``loose``: the whole
    plain query, which may be loosened when no release holds them all;
    ``known``: what the index knows, to group syllables into words)."""
    cfg, terms, loose, known = ctx.cfg, ctx.terms, ctx.loose, ctx.known
    text = _beginning(text, terms)
    vi = cfg.vi_fields if fields is None else {f: w for f, w in cfg.vi_fields.items() if f in fields}
    en = cfg.en_fields if fields is None else {f: w for f, w in cfg.en_fields.items() if f in fields}
    lang = query_lang(text)
    clauses = _vi_query(text, vi, terms, lang, cfg) + _en_query(text, en, terms, lang, cfg)
    clauses += _translations(text, lang, vi, en, terms, cfg)
    if not clauses:
        return None
    node = FreeText(clauses, content_words(text, tuple(vi), tuple(en), lang, known), loose=loose,
                    question=is_question(text), lang_hint=clear_query_lang(text))
    if loose and has_diacritics(text):  # for a tone mark typed wrong: the words without diacritics
        node.folded_words = tuple(content_words(fold(text), tuple(vi), tuple(en), lang, known))
    return node


def _text_fields(target: str, cfg: RankingConfig) -> dict[str, float]:
    """The text fields (no entity-name fields) of the ``target`` language."""
    return {f: w for f, w in (cfg.vi_fields if target == "vi" else cfg.en_fields).items()
            if f not in ENTITY_FIELDS}


def _as_written(text: str, fields: Mapping[str, float], target: str, terms: Terms, cfg: RankingConfig
                ) -> list[Q.Query]:
    return (_vi_query if target == "vi" else _en_query)(text, fields, terms, target, cfg)


def translation_query(text: str, target: str, cfg: RankingConfig = DEFAULT) -> Q.Query | None:
    """Plain ``text`` searched only in the text fields of the ``target``
    language: its names and numbers as they are, its words translated.  How
    a release's translation is looked for: a fraction of a full query's
    terms, so pairing a large index stays cheap."""
    text = SYNTAX.sub(" ", text)
    source = "en" if target == "vi" else "vi"
    fields = _text_fields(target, cfg)
    terms = Terms()
    # The source's own words only where a translation keeps them: names, numbers.
    kept = " ".join(w for w in text.split() if w[:1].isupper() or w[:1].isdigit())
    clauses = _as_written(kept, fields, target, terms, cfg)
    vi, en = (fields, {}) if target == "vi" else ({}, fields)
    clauses += _translations(text, source, vi, en, terms, cfg)
    return Q.Or(clauses) if clauses else None


def anchor_query(words: Iterable[str], target: str, cfg: RankingConfig = DEFAULT) -> Q.Query | None:
    """Words a translation keeps as they are (names, numbers), searched in
    the text fields of the ``target`` language."""
    clauses = _as_written(" ".join(words), _text_fields(target, cfg), target, Terms(), cfg)
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
        if is_in(n, i, _TITLES, _TITLES_FOLDED) and not (n == 1 and words[i].lower() in gz.GIVEN_NAME_TITLES):
            return i + n - start
    return 0


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


def _beginning(text: str, terms: Terms) -> str:
    """``text`` up to its ``MAX_RUN_SYLLABLES``-th syllable; a cut is
    recorded in ``terms`` for the notice."""
    found = syllables(text)
    if len(found) <= MAX_RUN_SYLLABLES:
        return text
    kept, typed = MAX_RUN_SYLLABLES, len(found)
    if terms.cut:
        kept, typed = kept + terms.cut[0], typed + terms.cut[1]
    terms.cut = (kept, typed)
    return text[:found[MAX_RUN_SYLLABLES - 1][2]]


def _phrase(words: list[str], fields: Iterable[str] | None, terms: Terms, cfg: RankingConfig) -> Q.Query | None:
    text = _beginning(" ".join(words), terms)
    vi_fields, en_fields = cfg.vi_fields, cfg.en_fields
    fields = list(fields) if fields is not None else [*vi_fields, *en_fields]
    units = vi_units(text)
    stems = _stems(text)
    terms.add_run(text)
    terms.en.update(stems)
    clauses: list[Q.Query] = []
    for f in fields:
        if f in vi_fields and units:
            seq = [u[1] for u in units]
            boost = vi_fields[f]
            clauses.append(Q.Phrase(f, seq, boost=boost) if len(seq) > 1 else Q.Term(f, seq[0], boost=boost))
        elif f in en_fields and stems:
            boost = en_fields[f]
            clauses.append(Q.Phrase(f, stems, boost=boost) if len(stems) > 1 else Q.Term(f, stems[0], boost=boost))
    return Q.Or(clauses) if clauses else None


_LONE_SIGN = re.compile(r"(^|\s)[-+](?=[\d\s]|$)")
_PARSER_FIELDS = ("text", *PREFIXES)


def _make_parser() -> qparser.QueryParser:
    from whoosh.analysis import SpaceSeparatedTokenizer
    from whoosh.fields import TEXT, Schema

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


@dataclass(frozen=True)
class _Context:
    """What converting a syntax tree carries down: where snippet terms go,
    whether plain words may be loosened, what the index knows, the weights."""

    terms: Terms
    loose: bool
    known: Lookup | None
    cfg: RankingConfig

    def excluded(self) -> _Context:
        """For what a NOT excludes: never loosened, never marked."""
        return replace(self, terms=Terms(), loose=False)


def _convert(node: Q.Query, ctx: _Context) -> Q.Query | None:
    """Map a parsed syntax tree onto the real fields and analysis."""
    if _is_every(node):
        return Q.Every()
    if isinstance(node, Q.Term):
        fields = None if node.fieldname == "text" else FIELD_ALIASES.get(node.fieldname)
        return _free_text(str(node.text), fields, ctx)
    if isinstance(node, Q.Phrase):
        words = [str(w) for w in node.words]
        if node.fieldname in _ENTITY_FIELDS:
            return entity_match(" ".join(words), _ENTITY_FIELDS[node.fieldname], ctx.terms)
        return _phrase(words, None if node.fieldname == "text" else FIELD_ALIASES.get(node.fieldname),
                       ctx.terms, ctx.cfg)
    if isinstance(node, (Q.Not, Q.AndNot, Q.AndMaybe)):
        return _convert_binary(node, ctx)
    if isinstance(node, Q.Or):  # an explicit OR: each side on its own
        kids = [k for k in (_convert(c, ctx) for c in node.children()) if k is not None]
        return None if not kids else kids[0] if len(kids) == 1 else Q.Or(kids)
    if isinstance(node, (Q.And, Q.Require)):
        return _convert_and(node, ctx)
    raise ValueError(f"unsupported query part {type(node).__name__}")


def _convert_binary(node: Q.Query, ctx: _Context) -> Q.Query | None:
    """NOT, AND NOT, AND MAYBE: what is excluded is not marked in the results."""
    if isinstance(node, Q.Not):
        inner = _convert(node.query, ctx.excluded())
        return Q.Not(inner) if inner is not None else None
    if isinstance(node, Q.AndNot):
        pos, neg = _convert(node.a, ctx), _convert(node.b, ctx.excluded())
        if pos is None:
            return None
        return Q.AndNot(pos, neg) if neg is not None else pos
    assert isinstance(node, Q.AndMaybe)
    req, opt = _convert(node.a, ctx), _convert(node.b, ctx)
    if req is None:
        return opt
    return Q.AndMaybe(req, opt) if opt is not None else req


def _convert_and(node: Q.Query, ctx: _Context) -> Q.Query | None:
    """Plain words side by side form one free-text run (so compounds across
    them count and function words stay optional); every other part is
    converted on its own and required."""
    kids: list[Q.Query] = []
    run: list[str] = []

    def flush() -> None:
        if run:
            q = _free_text(" ".join(run), None, ctx)
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
        q = _convert(child, ctx)
        if q is not None:
            kids.append(q)
    flush()
    if not kids:
        return None
    return kids[0] if len(kids) == 1 else Q.And(kids)


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


# Halves of a UTF-16 pair on their own (a Python caller's string; no URL or
# file decodes to them): not text, and pyvi's tagger fails on them.
_UNPAIRED = re.compile("[\ud800-\udfff]")


def parse_query(text: str, known: Lookup | None = None, config: RankingConfig = DEFAULT) -> ParsedQuery:
    """The Whoosh query, snippet terms, language filter and scored terms of
    what a user typed (``known``: what the index knows, to group syllables
    into words).  Raises ValueError only for a ``lang:`` value other than
    vi/en; syntax the parser cannot use falls back to plain words."""
    text = nfc(_UNPAIRED.sub(" ", text.replace("\x00", " ")))[:MAX_QUERY_CHARS].strip()
    text, langs = _query_langs(text)
    text = _typographic_quotes(text)
    lang = clear_query_lang(text)
    if not text:
        return ParsedQuery.of(None, Terms(), langs, lang)
    if SYNTAX.search(text):
        structured = _structured(text, known, config)
        if structured is not None:
            return ParsedQuery.of(structured[0], structured[1], langs, lang)
        text = re.sub(r'["()]|\b(AND|OR|NOT)\b|(?<!\S)[-+]|' + _FIELD_PREFIX, " ", text)
    terms = Terms()
    parsed = ParsedQuery.of(_free_text(text, None, _Context(terms, True, known, config)), terms, langs, lang)
    parsed.plain = _beginning(text, Terms())
    if foreign_words(parsed.plain):
        parsed.rendered = bilingual.rendered_in_vietnamese(parsed.plain)
    return parsed


def _structured(text: str, known: Lookup | None, config: RankingConfig) -> tuple[Q.Query, Terms] | None:
    """A query with syntax, converted; None when the parser cannot use it."""
    terms = Terms()
    try:
        syntax = _LONE_SIGN.sub(r"\1", text)
        parsed = _PARSER.parse(syntax)
        if parsed is Q.NullQuery or not has_positive(parsed):  # "-Trump": every other release
            parsed = _PARSER.parse(f"{_EVERY} {syntax}")
        # An explicit AND asks for every word: nothing is loosened.
        q = _convert(parsed, _Context(terms, not _EXPLICIT_AND.search(syntax), known, config))
    except Exception:  # malformed syntax: fall back to plain words
        return None
    return (q, terms) if q is not None else None


def build_query(text: str, config: RankingConfig = DEFAULT) -> tuple[Q.Query | None, Terms]:
    """The Whoosh query for a user's query string, and its snippet terms
    (``parse_query`` without the language filter; never raises)."""
    try:
        parsed = parse_query(text, config=config)
    except InvalidParameter:
        parsed = parse_query(_LANG_PREFIX.sub(" ", text), config=config)
    return parsed.query, parsed.terms


def entity_match(value: str, kind: str, terms: Terms) -> Q.Query | None:
    """Releases naming an official, agency or medium (``kind``) by any
    spelling: its identity (a person's name with its tone marks, or written
    without any; a body's known name whichever of its names is typed), else
    its key (case, diacritics and, for people, romanisation aside: "Yu" =
    "Yoo Jae-seong"), else its words in a row among the names indexed; a
    person's title typed before the name is dropped."""
    role = ""
    if kind == "official":
        value, role = split_field(value)  # "Lê Quốc Hùng (y tế)": the doctor, not the minister
        value = " ".join(without_title(value.split()))
    words = [u[1] for u in vi_units(value)]
    if not words:
        return None
    terms.add_run(value)
    kfield = f"{kind}_keys"
    if kind == "official":
        keys: list[Q.Query] = [Q.Term(kfield, k) for k in dict.fromkeys([entity_key(value), loose_key(value)])]
        if has_diacritics(value) or role:  # that name, or one written without marks that folds to it
            named = [person_identity(value, role), person_identity(fold(value), role)]
            keys.insert(0, Q.Or([Q.Term(kfield, k) for k in dict.fromkeys(named)]))
        if role:  # a person set apart by a field: by that identity only
            return EntityMatch(keys[:1], Q.NullQuery)
    else:
        keys = [Q.Term(kfield, body_identity([value], medium=kind == "media"))]
    if kind == "media":  # no text field of media names: their identity only
        return EntityMatch(keys, Q.NullQuery)
    fname = "officials" if kind == "official" else "agencies"
    phrase = Q.Phrase(fname, words) if len(words) > 1 else Q.Term(fname, words[0])
    return EntityMatch(keys, phrase)


def entity_filters(official: Sequence[str], agency: Sequence[str], terms: Terms,
                   media: Sequence[str] = ()) -> list[Q.Query]:
    """The official, agency and media filters as entity matches (see
    ``entity_match``): several values of one kind, any of them; the kinds,
    all of them."""
    parts: list[Q.Query] = []
    for values, kind in ((official, "official"), (agency, "agency"), (media, "media")):
        if not values:
            continue
        matches = [m for m in (entity_match(v, kind, terms) for v in values) if m is not None]
        if not matches:  # nothing to look up ("---"): matches no release
            parts.append(Q.NullQuery)
        else:
            parts.append(matches[0] if len(matches) == 1 else Q.Or(matches))
    return parts
