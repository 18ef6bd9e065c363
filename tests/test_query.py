"""What a query string builds (``searcher.query``): which words a release
must hold and which are function words, the weighted terms per field,
the syntax (phrases, -word, NOT, OR, AND, title:, official:, lang:), and
what happens to text the parser cannot use.  Language and question
detection are measured on the development queries in ../shared/eval
(real English and Vietnamese questions and titles, with and without
diacritics)."""

from __future__ import annotations

import csv
import re
import unicodedata
from collections import Counter

import pytest
from conftest import shared_path
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from whoosh import query as Q

from searcher.analysis import ENGLISH_STOP_WORDS, syllables
from searcher.fields import EN_FIELDS, VI_FIELDS
from searcher.query import (
    MAX_QUERY_CHARS,
    clear_query_lang,
    content_words,
    is_question,
    parse_query,
    query_lang,
    without_title,
)
from searcher.textnorm import canonical_tone, fold

TEXT_FIELDS = frozenset(VI_FIELDS) | frozenset(EN_FIELDS)
INDEX_FIELDS = TEXT_FIELDS | {"official_keys", "agency_keys"}


def _leaves(q) -> Counter:
    """Every scored leaf as (kind, field, words, boost rounded), counted."""
    out: Counter = Counter()
    for leaf in q.leaves():
        if isinstance(leaf, Q.Term):
            out["term", leaf.fieldname, leaf.text, round(leaf.boost, 6)] += 1
        elif isinstance(leaf, Q.Phrase):
            out["phrase", leaf.fieldname, tuple(leaf.words), round(leaf.boost, 6)] += 1
        else:
            out[type(leaf).__name__, None, None, None] += 1
    return out


def _boost(q, field: str, text: str) -> float:
    """The largest boost of one term in one field (0 when absent)."""
    found = [leaf.boost for leaf in q.leaves()
             if isinstance(leaf, Q.Term) and leaf.fieldname == field and leaf.text == text]
    return max(found, default=0.0)


def _words(q) -> list[str]:
    return [w.text for w in q.words]


def _folded_syllables(text: str) -> set[str]:
    return {fold(canonical_tone(w.lower())) for w, _, _ in syllables(text)}


# --- plain words -----------------------------------------------------------------------------------

def test_content_words_must_be_held_and_function_words_weigh_little():
    q = parse_query("những tai nạn giao thông").query
    assert _words(q) == ["tai nạn", "giao thông"]  # "những" need not be held
    assert q.loose and not q.question
    for field in VI_FIELDS:
        assert 0 < _boost(q, field, "nhung") < _boost(q, field, "tai") / 3, field
        assert _boost(q, field, "tai_nan") > 0, "a compound of the syllables typed together"
    assert {t.text for t in q.leaves() if t.fieldname == "body"} >= {"tai", "nạn", "giao", "thông", "nhung"}
    terms = parse_query("những tai nạn giao thông").terms
    assert terms.vi == {"nhung", "tai", "nan", "giao", "thong"}


def test_an_english_query_drops_its_stop_words_everywhere():
    q = parse_query("police of the city").query
    assert _words(q) == ["police", "city"]
    assert query_lang("police of the city") == "en"
    scored = {(t.fieldname, t.text) for t in q.leaves()}
    assert {("body_en", "polic"), ("body_en", "citi"), ("title", "police")} <= scored
    assert not {text for _, text in scored} & {"the", "of"}
    # The lexicon's Vietnamese for them: "cảnh sát" must stand together.
    police = next(w for w in q.words if w.text == "police")
    assert any(o.terms == ("canh", "sat") and o.pairs == ("canh_sat",) for o in police.options)


def test_only_stop_words_build_no_query():
    for text in ("the of", "", "   ", "\x00"):
        assert parse_query(text).query is None, text
    assert parse_query("the").query is not None  # alone it may be Vietnamese: "thé"


def test_diacritics_typed_add_exact_terms_and_must_match():
    accented, plain = parse_query("Bộ Công an").query, parse_query("bo cong an").query
    folded_of = {(t.fieldname, t.text, t.boost) for t in plain.leaves()}
    assert folded_of <= {(t.fieldname, t.text, t.boost) for t in accented.leaves()}
    extra = {(t.fieldname, t.text) for t in accented.leaves()} - {(f, t) for f, t, _ in folded_of}
    assert extra == {(f, s) for f in VI_FIELDS for s in ("bộ", "công")}  # "an" has no diacritics
    for field in VI_FIELDS:
        assert _boost(accented, field, "công") < _boost(accented, field, "cong")
    assert all(w.accented for w in accented.words) and not any(w.accented for w in plain.words)
    vi_options = [o for w in accented.words for o in w.options if o.fields == tuple(VI_FIELDS)]
    assert [o.terms for o in vi_options] == [("bộ",), ("công", "an")] and all(o.exact for o in vi_options)
    assert parse_query("Bộ Công an").terms.vi == parse_query("bo cong an").terms.vi == {"bo", "cong", "an"}


@pytest.mark.parametrize("old, new", [("hoà bình", "hòa bình"), ("uỷ ban nhân dân", "ủy ban nhân dân"),
                                      ("thoả thuận hợp tác", "thỏa thuận hợp tác"), ("Thuý Kiều", "Thúy Kiều")])
def test_old_and_new_tone_marks_build_the_same_query(old, new):
    a, b = parse_query(old), parse_query(new)
    assert _leaves(a.query) == _leaves(b.query)
    assert [w.options for w in a.query.words] == [w.options for w in b.query.words]
    assert a.terms.vi == b.terms.vi == _folded_syllables(new)
    assert [r.words for r in a.terms.vi_runs] == [r.words for r in b.terms.vi_runs]
    # Decomposed input (NFD) is the same query too.
    nfd = parse_query(unicodedata.normalize("NFD", old))
    assert _leaves(nfd.query) == _leaves(a.query)


KNOWN = {"bo_cong_an": "name:Bộ Công an", "hop_tac": "word", "le_quoc_hung": "name:Lê Quốc Hùng"}


def _known(key: str) -> str:
    """What a small index would say of folded syllables joined by "_"."""
    return KNOWN.get(key, "")


@pytest.mark.parametrize("text, words", [
    ("bo cong an hop tac", [("bo cong an", True), ("hop tac", False)]),
    ("Bộ Công an hợp tác", [("Bộ Công an", True), ("hợp tác", False)]),
    ("bộ công an hợp tác", [("bộ công an", True), ("hợp tác", False)]),
    ("Lê Quốc Hùng", [("Lê Quốc Hùng", True)]),
    ("Lê Quốc Hưng", [("Lê", False), ("Quốc", False), ("Hưng", False)]),  # not that name's diacritics
])
def test_a_name_the_index_knows_is_one_word(text, words):
    found = content_words(text, VI_FIELDS, EN_FIELDS, "vi", _known)
    assert [(w.text, w.name) for w in found] == words
    if words[0][1]:
        pairs = found[0].options[0].pairs
        assert pairs[-1].count("_") == 2 and len(pairs) == 3, "a name is checked by its pairs and its triple"


def test_without_an_index_pyvi_groups_the_words():
    assert _words(parse_query("Bộ Công an").query) == ["Bộ", "Công an"]
    assert _words(parse_query("bo cong an hop tac", _known).query) == ["bo cong an", "hop tac"]


def test_a_word_of_function_syllables_is_still_a_word():
    words = content_words("bảo vệ của những người dân", VI_FIELDS, EN_FIELDS, "vi")
    assert [w.text for w in words] == ["bảo vệ", "người", "dân"]


@pytest.mark.parametrize("typed, name", [
    ("Deputy Minister Le Quoc Hung", ["Le", "Quoc", "Hung"]),
    ("thứ trưởng Lê Quốc Hùng", ["Lê", "Quốc", "Hùng"]),
    ("Phó Thủ tướng Phạm Bình Minh", ["Phạm", "Bình", "Minh"]),
    ("former Prime Minister Tony Abbott", ["Tony", "Abbott"]),
    ("nguyên Bộ trưởng Nguyễn Văn An", ["Nguyễn", "Văn", "An"]),
    ("Nguyễn Văn Long", ["Nguyễn", "Văn", "Long"]),
    ("Dean Smith", ["Dean", "Smith"]),  # a given name, not a dean
    ("Thủ tướng", ["Thủ", "tướng"]),  # a title alone stays: never the last word
])
def test_without_title_keeps_the_name(typed, name):
    assert without_title(typed.split()) == name


# --- syntax -------------------------------------------------------------------------------------------

def test_a_quoted_phrase_is_a_phrase_in_every_field():
    parsed = parse_query('"an ninh mạng" Hà Nội')
    q = parsed.query
    assert isinstance(q, Q.And) and len(q.subqueries) == 2
    phrases, free = q.subqueries
    assert {(p.fieldname, tuple(p.words)) for p in phrases.leaves()} == \
        {(f, ("an", "ninh", "mang")) for f in VI_FIELDS} | {(f, ("ninh", "mang")) for f in EN_FIELDS}
    assert _words(free) == ["Hà Nội"]
    whole = [r for r in parsed.terms.vi_runs if r.whole]
    assert [r.words for r in whole] == [("an", "ninh", "mạng")] and whole[0].accented


def test_quotes_hugging_words_make_a_phrase_and_spaced_or_unpaired_quotes_do_not():
    hugging = parse_query('"vết hở" Nga').query
    assert any(isinstance(leaf, Q.Phrase) for leaf in hugging.leaves())
    spaced = parse_query('Syria " vết hở ", Nga').query
    assert not any(isinstance(leaf, Q.Phrase) for leaf in spaced.leaves())
    assert repr(spaced) == repr(parse_query("Syria vết hở, Nga").query)
    assert repr(parse_query('"unclosed phrase').query) == repr(parse_query("unclosed phrase").query)


def test_exclusions_are_not_scored_or_marked():
    for text in ("Trump -Kavanaugh", "Trump NOT Kavanaugh"):
        parsed = parse_query(text)
        q = parsed.query
        if isinstance(q, Q.AndNot):
            kept, excluded = q.a, q.b
        else:
            assert isinstance(q, Q.And) and isinstance(q.subqueries[1], Q.Not), text
            kept, excluded = q.subqueries[0], q.subqueries[1].query
        assert _words(kept) == ["Trump"] and _words(excluded) == ["Kavanaugh"], text
        assert "kavanaugh" not in parsed.terms.en | parsed.terms.vi, "what is excluded is not marked"
        assert "trump" in parsed.terms.en and "trump" in parsed.terms.vi


@pytest.mark.parametrize("text, excluded_words", [("-Trump", "Trump"), ("NOT Trump", "Trump"),
                                                   ("-(Trump Kim)", "Trump Kim")])
def test_a_query_of_exclusions_only_excludes_from_every_release(text, excluded_words):
    parsed = parse_query(text)
    q = parsed.query
    if isinstance(q, Q.AndNot):
        every, excluded = q.a, q.b
    else:
        assert isinstance(q, Q.And) and isinstance(q.subqueries[1], Q.Not), repr(q)
        every, excluded = q.subqueries[0], q.subqueries[1].query
    assert isinstance(every, Q.Every)
    assert " ".join(_words(excluded)) == excluded_words
    assert not parsed.terms.vi and not parsed.terms.en, "nothing to mark"


def test_a_dash_before_a_number_is_part_of_a_name():
    q = parse_query("tên lửa S -400").query
    assert all(isinstance(leaf, Q.Term) for leaf in q.leaves()), "plain words, nothing excluded"
    assert _words(q) == ["tên lửa", "S", "400"]


def test_or_keeps_each_side_apart_and_and_asks_for_every_word():
    q = parse_query("Trump OR Mickelson").query
    assert isinstance(q, Q.Or) and [_words(c) for c in q.subqueries] == [["Trump"], ["Mickelson"]]
    explicit, plain = parse_query("Trump AND Kim").query, parse_query("Trump Kim").query
    assert _leaves(explicit) == _leaves(plain) and explicit.words == plain.words
    assert plain.loose and not explicit.loose, "an explicit AND is never loosened"


def test_title_prefix_scores_only_title_fields():
    q = parse_query("title:Trump").query
    assert {leaf.fieldname for leaf in q.leaves()} == {"title", "title_en"}
    assert _words(q) == ["Trump"]
    assert all(o.fields in (("title",), ("title_en",)) for w in q.words for o in w.options)


def test_official_prefix_matches_the_person_by_key_and_drops_the_title():
    a = parse_query('official:"Thứ trưởng Lê Quốc Hùng"').query
    assert repr(a) == repr(parse_query('official:"Lê Quốc Hùng"').query)
    b = parse_query('official:"le quoc hung"').query
    # Typed with its marks, the name is that person first ("Lê Quốc Hưng" is
    # another), or a release writing it without marks; typed without, any.
    keys = [leaf.text for leaf in a.leaves() if leaf.fieldname == "official_keys"]
    assert keys == ["=lê quốc hùng", "~le quoc hung", "le quoc hung"]
    assert [leaf.text for leaf in b.leaves() if leaf.fieldname == "official_keys"] == ["le quoc hung"]
    phrase = [leaf for leaf in a.leaves() if isinstance(leaf, Q.Phrase)]
    assert [(p.fieldname, p.words) for p in phrase] == [("officials", ["le", "quoc", "hung"])]
    agency = parse_query('agency:"Bộ Công an" ma túy').query
    assert isinstance(agency, Q.And)
    assert [leaf.text for leaf in agency.leaves() if leaf.fieldname == "agency_keys"] == ["bo cong an"]


def test_lang_prefix_is_a_filter_not_a_word():
    plain = parse_query("police")
    for text, langs in (("lang:en police", {"en"}), ("police LANG:VI", {"vi"}), ("lang:en lang:en police", {"en"}),
                        ("lang:en lang:vi police", set())):
        parsed = parse_query(text)
        assert parsed.langs == frozenset(langs), text
        assert repr(parsed.query) == repr(plain.query), text
    assert plain.langs is None
    assert parse_query("lang:vi").query is None and parse_query("lang:vi").langs == {"vi"}
    assert parse_query("slang:xx").langs is None  # not the prefix
    for bad in ("lang:fr police", "lang: police", "lang:vietnamese"):
        with pytest.raises(ValueError, match="lang"):
            parse_query(bad)


@pytest.mark.parametrize("broken, plain", [("((( Trump", "Trump"), ("Trump )", "Trump"),
                                           ('"unclosed phrase', "unclosed phrase"), ("công\x00an", "công an")])
def test_malformed_syntax_falls_back_to_plain_words(broken, plain):
    assert repr(parse_query(broken).query) == repr(parse_query(plain).query)


def test_a_long_query_is_cut_at_max_query_chars():
    head = "công an bắt giữ " * (MAX_QUERY_CHARS // 16 + 1)
    assert len(head) > MAX_QUERY_CHARS
    parsed = parse_query(head + " Mickelson")
    assert "mickelson" not in parsed.terms.vi | parsed.terms.en
    assert _leaves(parsed.query) == _leaves(parse_query(head[:MAX_QUERY_CHARS]).query)


# --- language and questions, on real queries ------------------------------------------------------------

@pytest.fixture(scope="module")
def eval_queries() -> dict[str, list[str]]:
    by_kind: dict[str, list[str]] = {}
    for name in ("known-item-dev.tsv", "ntrex-dev.tsv", "xquad-dev.tsv"):
        with open(shared_path("eval", name), encoding="utf-8") as fh:
            for row in csv.DictReader(fh, delimiter="\t"):
                by_kind.setdefault(row["kind"], []).append(row["query"])
    return by_kind


def _share(queries: list[str], test) -> float:
    return sum(1 for q in queries if test(q)) / len(queries)


def test_language_of_real_queries(eval_queries):
    vi = eval_queries["question-vi"] + eval_queries["title"] + eval_queries["cross-vi2en"]
    vi_plain = eval_queries["question-vi-nodiac"] + eval_queries["cross-vi2en-nodiac"]
    en = eval_queries["question-en"] + eval_queries["cross-en2vi"]
    assert len(vi) > 900 and len(vi_plain) > 600 and len(en) > 1200
    assert all(query_lang(q) == "vi" and clear_query_lang(q) == "vi" for q in vi)
    # Vietnamese typed without diacritics reads as Vietnamese, never plainly English.
    assert all(query_lang(q) == "vi" for q in vi_plain)
    assert not [q for q in vi_plain + eval_queries["title-nodiac"] if clear_query_lang(q) == "en"]
    assert _share(eval_queries["title-nodiac"], lambda q: query_lang(q) == "vi") >= 0.97
    assert _share(en, lambda q: query_lang(q) == "en") >= 0.99
    assert _share(en, lambda q: clear_query_lang(q) == "en") >= 0.98
    assert not [q for q in en if clear_query_lang(q) == "vi"]


def test_questions_among_real_queries(eval_queries):
    for kind in ("question-en", "question-vi", "question-vi-nodiac"):
        assert _share(eval_queries[kind], is_question) >= 0.97, kind
        # Without the question mark most still read as questions (a question word).
        unmarked = [q.rstrip("?").strip() for q in eval_queries[kind]]
        assert _share(unmarked, is_question) >= 0.75, kind
    assert _share(eval_queries["title"] + eval_queries["title-nodiac"], is_question) <= 0.1


@pytest.mark.parametrize("text, question", [
    ("Ai là chủ tịch nước?", True), ("ai la chu tich nuoc", True), ("Ái Vân hát", False),
    ("Bao nhiêu người bị bắt", True), ("How many people were arrested", True), ("Is the vaccine safe", True),
    ("police arrested drug traffickers", False), ("IS militants attack", True),
])
def test_is_question(text, question):
    assert is_question(text) is question


@pytest.mark.parametrize("text, lang, clear", [
    ("federal police cooperation", "en", "en"), ("police arrested drug traffickers in Nghe An", "en", "en"),
    ("bo cong an", "vi", None), ("Bộ Công an", "vi", "vi"), ("Italy nghiem vaccine HIV", "en", None),
    ("tai nan giao thong o Ha Noi", "vi", None), ("the police of Hanoi", "en", "en"),
])
def test_query_lang(text, lang, clear):
    assert (query_lang(text), clear_query_lang(text)) == (lang, clear)


# --- any text -------------------------------------------------------------------------------------------------

WORDS = ["Bộ", "Công", "an", "cong", "hoà", "hòa", "the", "of", "police", "Trump", "của", "bao", "nhiêu", "Lê",
         "Quốc", "Hùng", "400", "S", "ma", "túy", "tuý", "is", "what", "Thứ", "trưởng", "Minister"]
SYNTAX = ['"', "(", ")", "-", "+", "AND", "OR", "NOT", "title:", "official:", "agency:", "body:", "lang:vi",
          "lang:en", "lang:xx", "LANG:", "lang:", ":", "“", "”", "\x00", ",", "?"]
pieces = st.one_of(st.sampled_from(WORDS), st.sampled_from(SYNTAX), st.text(max_size=3))
queries = st.one_of(st.lists(pieces, max_size=25).map(" ".join), st.lists(pieces, max_size=25).map("".join),
                    st.text(max_size=120))
SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _prepared(text: str) -> str:
    return unicodedata.normalize("NFC", text.replace("\x00", " "))[:MAX_QUERY_CHARS].strip()


_LANG = re.compile(r"(?<![\w:])lang:(\S*)", re.IGNORECASE)


@SETTINGS
@given(queries)
@example('lang:en lang:vi "x"').via("two languages")
@example("Trump -(lang:xx)").via("a bad value")
def test_any_text_parses_or_names_its_bad_lang_value(text):
    prepared = _prepared(text)
    values = [m.group(1).strip('"()').strip().lower() for m in _LANG.finditer(prepared)]
    bad = [v for v in values if v not in ("vi", "en")]
    try:
        parsed = parse_query(text)
    except ValueError as exc:
        assert bad, f"raised without a bad lang: value: {exc}"
        assert "lang:" in str(exc)
        return
    assert not bad, f"lang:{bad[0]} was accepted"
    assert parsed.langs == (None if not values else frozenset(values) if len(set(values)) == 1 else frozenset())
    q = parsed.query
    if q is not None:
        assert all(leaf.field() in INDEX_FIELDS for leaf in q.leaves() if not isinstance(leaf, Q.Every))
    if "@" not in prepared and "://" not in prepared:  # an address or a URL is one unit until syntax cuts it
        typed = _folded_syllables(prepared)
        assert parsed.terms.vi - parsed.terms.vi_loose <= typed
        assert {w for r in parsed.terms.vi_runs for w in r.words} <= {
            canonical_tone(w.lower()) for w, _, _ in syllables(prepared)}


plain_words = st.lists(st.one_of(st.sampled_from(WORDS), st.sampled_from(sorted(ENGLISH_STOP_WORDS)),
                                 st.text(alphabet=st.characters(blacklist_characters='"()-+:\x00'), max_size=4)),
                       max_size=12).map(" ".join)


@SETTINGS
@given(plain_words)
@example("the of").via("stop words only")
@example("the").via("a stop word that may be Vietnamese")
def test_plain_text_has_no_query_exactly_when_no_word_would_count(text):
    """Without syntax: no query when the text has no words, or is English
    made of stop words only; otherwise a query with every content word."""
    prepared = _prepared(text)
    if _LANG.search(prepared) or re.search(r"\b(AND|OR|NOT)\b", prepared):
        return
    folded = [fold(canonical_tone(w.lower())) for w, _, _ in syllables(prepared)]
    none_expected = not folded or (query_lang(prepared) == "en" and all(w in ENGLISH_STOP_WORDS for w in folded))
    parsed = parse_query(text)
    assert (parsed.query is None) == none_expected, folded
    if parsed.query is not None and isinstance(parsed.query, Q.Or):
        assert parsed.terms.vi - parsed.terms.vi_loose <= set(folded)
