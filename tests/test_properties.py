"""Property-based tests (hypothesis): analysers, folding and the query
builder hold for any text, not only the examples we thought of."""

import unicodedata

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from whoosh import query as Q

from searcher.analysis import english_analyzer, vietnamese_analyzer
from searcher.query import build_query
from searcher.textnorm import canonical_tone, fold

VI_CHARS = "aăâbcdđeêghiklmnoôơpqrstuưvxyàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ"
vi_text = st.text(alphabet=st.sampled_from(list(VI_CHARS + VI_CHARS.upper() + " ,.-_()\"'\n:0123456789")),
                  max_size=200)
any_text = st.text(max_size=200)
INDEX_FIELDS = {"title", "lead", "body", "title_en", "lead_en", "body_en", "officials", "agencies",
                "official_keys", "agency_keys"}
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _check_offsets(analyzer, text):
    for t in analyzer(text, positions=True, chars=True):
        assert 0 <= t.startchar < t.endchar <= len(text)
        assert text[t.startchar:t.endchar].strip(), (t.text, t.startchar, t.endchar)


@SETTINGS
@given(st.one_of(vi_text, any_text))
def test_vietnamese_offsets_stay_inside_the_text(text):
    _check_offsets(vietnamese_analyzer(), text)


@SETTINGS
@given(vi_text)
def test_vietnamese_offsets_survive_nfd_input(text):
    nfd = unicodedata.normalize("NFD", text)
    _check_offsets(vietnamese_analyzer(), nfd)
    assert [t.text for t in vietnamese_analyzer()(nfd)] == [t.text for t in vietnamese_analyzer()(text)]


@SETTINGS
@given(st.one_of(vi_text, any_text))
def test_english_offsets_stay_inside_the_text(text):
    _check_offsets(english_analyzer(), text)


@SETTINGS
@given(st.one_of(vi_text, any_text))
def test_folding_and_tone_canonicalisation_are_idempotent(text):
    assert fold(fold(text)) == fold(text)
    for word in text.lower().split():
        assert canonical_tone(canonical_tone(word)) == canonical_tone(word)
        assert fold(canonical_tone(word)) == fold(word)


@SETTINGS
@given(st.one_of(vi_text, any_text, st.text(alphabet='"():-+*ANDORNT ', max_size=50)))
def test_any_query_string_builds_or_is_empty(text):
    q, terms = build_query(text)
    # Every leaf searches a field the index has (never the parser's own
    # default field), and an empty text builds no query.
    assert q is None or all(leaf.field() in INDEX_FIELDS for leaf in q.leaves() if not isinstance(leaf, Q.Every))
    if not text.replace("\x00", " ").strip():
        assert q is None and not terms.vi and not terms.en


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                 HealthCheck.function_scoped_fixture])
@given(st.one_of(vi_text, any_text, st.text(alphabet='"():-+*ANDORNT \x00', max_size=50)))
def test_any_query_yields_results_or_an_empty_list(engine, text):
    res = engine.search(text, page=2, facets=True)
    assert 0 <= res.total <= engine.doc_count
    assert len(res.hits) == min(10, max(0, res.total - 10))  # page 2 holds what follows the first ten
    assert sum(n for _, n in res.facets.get("lang", [])) == res.total
    for hit in res.hits:
        assert "<script" not in hit.snippet
