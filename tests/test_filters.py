"""Filters compose (issue 13): every combination of language, date range,
official, agency, sort, page and limit, and the query-syntax filters
(lang:, official:, title:, -word, NOT), equals the intersection of the
single filters, on a real index of 442 releases (``sample_engine``).
Counts are true: a facet's count is the total its filter gives."""

from __future__ import annotations

import functools

import pytest
from conftest import all_ids
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

QUERIES = ["công an", "Bộ Công an", "le quoc hung", "tai nạn giao thông", "Trump", "police", "bắt giữ",
           "tham nhũng", "Mickelson Ryder Cup", "hợp tác", "ma túy", ""]
LANGS = [None, "vi", "en"]
DATES = [None, "2016", "2018-06", "2019", "2020-02-29", "2021-12", "2023", "2025"]
SETTINGS = settings(max_examples=60, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])


@pytest.fixture(scope="module")
def names(sample_engine) -> dict[str, list]:
    """Officials and agencies the sample actually names (from its facets)."""
    facets = sample_engine.search("", lang="vi", facets=True, limit=1).facets
    return {"official": [None] + [n for n, _ in facets["official"][:4]],
            "agency": [None] + [n for n, _ in facets["agency"][:4]]}


def _ids(engine, query: str, **kwargs) -> frozenset[str]:
    return frozenset(_cached(engine, query, tuple(sorted(kwargs.items()))))


@functools.lru_cache(maxsize=4096)
def _cached(engine, query: str, kwargs: tuple) -> tuple[str, ...]:
    return tuple(all_ids(engine, query, **dict(kwargs)))


def _single_filters(engine, query: str, combo: dict) -> frozenset[str]:
    """The intersection of the query run with each filter alone."""
    if not query and not any(v for k, v in combo.items() if k != "include_undated"):
        return frozenset()
    base = _ids(engine, query) if query else None
    for key, value in combo.items():
        if value is None or key == "include_undated":
            continue
        single = {key: value}
        if key in ("date_from", "date_to"):
            single["include_undated"] = combo.get("include_undated", False)
        part = _ids(engine, query, **single)
        base = part if base is None else (base & part)
    return base if base is not None else frozenset()


@SETTINGS
@given(data=st.data())
def test_any_combination_equals_the_intersection_of_single_filters(sample_engine, names, data):
    query = data.draw(st.sampled_from(QUERIES))
    combo = {
        "lang": data.draw(st.sampled_from(LANGS)),
        "date_from": data.draw(st.sampled_from(DATES)),
        "date_to": data.draw(st.sampled_from(DATES)),
        "official": data.draw(st.sampled_from(names["official"])),
        "agency": data.draw(st.sampled_from(names["agency"])),
        "include_undated": data.draw(st.booleans()),
    }
    if combo["date_from"] and combo["date_to"] and combo["date_from"] > combo["date_to"]:
        combo["date_from"], combo["date_to"] = combo["date_to"], combo["date_from"]
    sort = data.draw(st.sampled_from(["relevance", "date"]))
    kwargs = {k: v for k, v in combo.items() if v is not None}
    combined = all_ids(sample_engine, query, sort=sort, **kwargs)
    assert len(combined) == len(set(combined)), "a release listed twice across pages"
    assert frozenset(combined) == _single_filters(sample_engine, query, combo)


@SETTINGS
@given(query=st.sampled_from(QUERIES[:-1]), lang=st.sampled_from(LANGS),
       limit=st.integers(1, 100), page=st.integers(1, 12))
def test_pages_cut_one_ranking(sample_engine, query, lang, limit, page):
    everything = all_ids(sample_engine, query, lang=lang)
    res = sample_engine.search(query, lang=lang, limit=limit, page=page)
    assert [h.doc_id for h in res.hits] == everything[(page - 1) * limit: page * limit]
    assert res.total == len(everything)


@SETTINGS
@given(query=st.sampled_from(QUERIES), word=st.sampled_from(["Trump", "công an", "police", "Hà Nội"]),
       lang=st.sampled_from(["vi", "en"]))
def test_query_syntax_filters_equal_their_parameters(sample_engine, query, word, lang):
    engine = sample_engine
    plain = _ids(engine, query) if query else frozenset(all_ids(engine, "", lang="vi") + all_ids(engine, "", lang="en"))
    by_parameter = _ids(engine, query, lang=lang) if query else frozenset(all_ids(engine, "", lang=lang))
    assert _ids(engine, f"lang:{lang} {query}") == by_parameter
    holders = _ids(engine, word)
    assert _ids(engine, f"{query} -({word})") == plain - holders
    assert _ids(engine, f"{query} NOT ({word})") == plain - holders
    if query:
        assert _ids(engine, f"{query} title:({word})") == plain & _ids(engine, f"title:({word})")


def test_official_and_agency_in_the_query_equal_the_filters(sample_engine, names):
    engine = sample_engine
    for official in names["official"][1:3]:
        assert _ids(engine, f'công an official:"{official}"') == _ids(engine, "công an", official=official)
    for agency in names["agency"][1:3]:
        assert _ids(engine, f'agency:"{agency}" công an') == _ids(engine, "công an", agency=agency)


def test_lang_in_the_query_is_a_filter(sample_engine):
    engine = sample_engine
    english = all_ids(engine, "lang:en")
    assert english and all(engine.document(i).lang == "en" for i in english)
    assert frozenset(english) == frozenset(all_ids(engine, "", lang="en"))
    without_trump = frozenset(all_ids(engine, "lang:en -Trump"))
    assert without_trump and without_trump == frozenset(english) - frozenset(all_ids(engine, "Trump"))
    assert not all_ids(engine, "lang:en police", lang="vi")  # two different languages: nothing


@pytest.mark.parametrize("query", ["công an", "Trump", "tai nạn", ""])
def test_facet_counts_are_the_totals_their_filters_give(sample_engine, query):
    engine = sample_engine
    res = engine.search(query, facets=True, lang=None if query else "vi")
    base = {} if query else {"lang": "vi"}
    facets = res.facets
    for lang, count in facets["lang"]:
        assert engine.search(query, **{**base, "lang": lang}).total == count
    for year, count in facets["year"]:
        assert engine.search(query, date_from=year, date_to=year, **base).total == count
    for name, count in facets["official"][:3]:
        assert engine.search(query, official=name, **base).total == count
    for name, count in facets["agency"][:3]:
        assert engine.search(query, agency=name, **base).total == count


def test_date_sort_lists_newest_first_and_undated_last(sample_engine):
    res = all_ids(sample_engine, "công an", sort="date")
    dates = [sample_engine.document(i).date for i in res]
    dated = [d for d in dates if d]
    assert dated == sorted(dated, reverse=True)
    assert dates[:len(dated)] == dated, "an undated release before a dated one"


def test_a_date_range_counts_the_undated_releases_it_leaves_out(sample_engine):
    engine = sample_engine
    everything = frozenset(all_ids(engine, "công an"))
    undated = frozenset(i for i in everything if not engine.document(i).date)
    res = engine.search("công an", date_from="2019", date_to="2021")
    assert undated and res.undated == len(undated)
    within = frozenset(all_ids(engine, "công an", date_from="2019", date_to="2021"))
    assert within and all("2019-01-01" <= engine.document(i).date <= "2021-12-31" for i in within)
    with_undated = frozenset(all_ids(engine, "công an", date_from="2019", date_to="2021", include_undated=True))
    assert with_undated == within | undated
    assert engine.search("công an", date_from="2019", include_undated=True).undated == 0


@SETTINGS
@given(data=st.data())
def test_several_values_of_a_facet_are_the_union_and_kinds_intersect(sample_engine, names, data):
    """Two officials (or agencies, or both languages) find every release
    either finds, in one ranking; another kind still narrows (AND across)."""
    query = data.draw(st.sampled_from(QUERIES))
    kind = data.draw(st.sampled_from(["official", "agency"]))
    values = data.draw(st.lists(st.sampled_from(names[kind][1:]), min_size=2, max_size=3, unique=True))
    union = set().union(*(all_ids(sample_engine, query, **{kind: v}) for v in values))
    both = all_ids(sample_engine, query, **{kind: values})
    assert set(both) == union and len(both) == len(union)
    lang = data.draw(st.sampled_from(["vi", "en"]))
    narrowed = all_ids(sample_engine, query, lang=lang, **{kind: values})
    assert set(narrowed) == union & set(all_ids(sample_engine, query, lang=lang))
    if query:  # (no words and no filter lists nothing; both languages, every release)
        assert all_ids(sample_engine, query, lang=["vi", "en"]) == all_ids(sample_engine, query)


def test_too_many_values_are_refused_by_name(sample_engine):
    with pytest.raises(ValueError, match="official takes at most 10"):
        sample_engine.search("x", official=[f"Name {i}" for i in range(11)])
    with pytest.raises(ValueError, match="agency must be text"):
        sample_engine.search("x", agency=["AFP", 3])


def test_a_chosen_facet_still_offers_its_other_values(sample_client):
    """Choosing Vietnamese keeps English on offer with its own count; adding
    it lists both; an official chosen keeps the other officials on offer."""
    import re

    html = sample_client.get("/search", query_string={"q": "police", "lang": "vi"}).get_data(as_text=True)
    langs = re.findall(r'<section class="facet facet-lang">(.*?)</section>', html, re.S)[0]
    assert "Tiếng Việt" in langs and "Tiếng Anh" in langs and 'aria-current="true"' in langs
    both = sample_client.get("/search?q=police&lang=vi&lang=en").get_data(as_text=True)
    total = lambda page: int(re.search(r"<strong>(\d+)</strong>", page).group(1))  # noqa: E731
    plain = sample_client.get("/search?q=police").get_data(as_text=True)
    assert total(both) == total(plain) > total(html)
    assert both.count('class="chip chip-active"') == 2
