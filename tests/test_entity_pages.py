"""An official's or agency's page (searcher.entity_pages): the same list as
the search's entity filter, grouped by year, with what the stored releases
say about the entity; and the page through the JSON API and the CLI."""

from __future__ import annotations

import json
from collections import Counter

import pytest
from conftest import SEED_A, SEED_B, all_ids

from searcher.cli import main
from searcher.entities import entity_key
from searcher.entity_pages import DETAILS_READ, EntityPage, by_year, entity_page
from searcher.gazetteer import ADDRESS_FORMS as ADDRESS
from searcher.gazetteer import key as phrase_key
from searcher.options import InvalidParameter
from searcher.results import Hit

KINDS = ("official", "agency")


def _names(kind: str, ent) -> list[str]:
    acronym = getattr(ent, "acronym", "") if kind == "agency" else ""
    return [n for n in (ent.name, acronym, *ent.aliases) if n]


def _named_in(engine, kind: str, name: str, doc_id: str) -> list:
    """The stored officials or agencies of a release that have the key of ``name``."""
    doc = engine.document(doc_id)
    key = entity_key(name)
    return [e for e in (doc.officials if kind == "official" else doc.agencies)
            if key in {entity_key(n) for n in _names(kind, e)}]


@pytest.fixture(scope="module")
def busiest(sample_engine) -> list[tuple[str, str]]:
    """The three officials and three agencies most releases of the sample name."""
    res = sample_engine.search(None, lang="vi", limit=1, facets=True)
    out = [(kind, value) for kind in KINDS for value, _ in res.facets[kind][:3]]
    assert len(out) == 6
    return out


# --- on a real index of a few hundred releases -------------------------------------

def test_page_lists_what_the_entity_filter_finds_newest_first_by_year(sample_engine, busiest):
    for kind, name in busiest:
        page = sample_engine.entity(kind, name, limit=100)
        ids = all_ids(sample_engine, "", sort="date", **{kind: name})
        assert page.total == page.named == len(ids) > 0, (kind, name)
        assert [h.doc_id for h in page.hits] == ids[:100]
        years = [g.year for g in page.years]
        dated = [y for y in years if y is not None]
        assert dated == sorted(dated, reverse=True) and len(set(years)) == len(years)
        assert None not in years[:-1]  # the undated group, if any, comes last
        for group in page.years:
            assert all((h.date or "")[:4] == (group.year or "") for h in group.hits)
        for hit in page.hits:  # every release listed names it, by its key
            assert _named_in(sample_engine, kind, name, hit.doc_id), (kind, name, hit.doc_id)


def test_spellings_roles_and_other_names_come_from_the_stored_releases(sample_engine, busiest):
    for kind, name in busiest:
        page = sample_engine.entity(kind, name)
        newest = all_ids(sample_engine, "", sort="date", **{kind: name})[:DETAILS_READ]
        seen = [e for doc_id in newest for e in _named_in(sample_engine, kind, name, doc_id)]
        counts = Counter(e.name for e in seen)
        assert set(page.spellings) == set(counts) and page.display_name == page.spellings[0]
        assert [counts[s] for s in page.spellings] == sorted(counts.values(), reverse=True)
        assert counts[page.display_name] == max(counts.values())
        stored_roles = {getattr(e, "role", "") for e in seen} - {""}
        for role in page.roles:
            assert role.title in stored_roles and phrase_key(role.title.rstrip(".")) not in ADDRESS
        assert len({phrase_key(r.title) for r in page.roles}) == len(page.roles)  # one per spelling group
        aliases = {n for e in seen for n in _names(kind, e)[1:]}
        assert set(page.other_names) <= aliases and not set(page.other_names) & set(page.spellings)


def test_filters_narrow_the_list_not_the_heading(sample_engine, busiest):
    kind, name = next((k, n) for k, n in busiest if k == "agency")
    whole = sample_engine.entity(kind, name)
    years = [g.year for g in whole.years if g.year]
    first, last = years[-1], years[0]
    narrowed = sample_engine.entity(kind, name, date_from=first, date_to=last, lang="vi", limit=5, page=2)
    res = sample_engine.search(None, date_from=first, date_to=last, lang="vi", sort="date", limit=5, page=2,
                               **{kind: name})
    assert narrowed.total == res.total and narrowed.undated == res.undated
    assert [h.doc_id for h in narrowed.hits] == [h.doc_id for h in res.hits]
    assert narrowed.named == whole.named and narrowed.pages == res.pages and narrowed.page == 2
    assert (narrowed.display_name, narrowed.spellings, narrowed.roles, narrowed.other_names) == \
        (whole.display_name, whole.spellings, whole.roles, whole.other_names)
    assert all(h.lang == "vi" and h.date and first <= h.date[:4] <= last for h in narrowed.hits)
    included = sample_engine.entity(kind, name, date_from=first, date_to=last, lang="vi", include_undated=True,
                                    limit=100)
    assert narrowed.undated > 0 and included.total == narrowed.total + narrowed.undated
    assert included.undated == 0 and included.years[-1].year is None


def test_words_narrow_like_a_search_sorted_by_date(sample_engine, busiest):
    kind, name = next((k, n) for k, n in busiest if k == "agency")
    first = sample_engine.entity(kind, name, limit=1).hits[0]
    word = first.title.split()[0]
    page = sample_engine.entity(kind, name, query=word)
    res = sample_engine.search(word, sort="date", limit=50, **{kind: name})
    assert 0 < page.total == res.total <= page.named
    assert [h.doc_id for h in page.hits] == [h.doc_id for h in res.hits]


# --- on the seed index ----------------------------------------------------------

@pytest.mark.parametrize("asked", ["Lê Quốc Hùng", "le quoc hung", "LE QUOC HUNG", "Thứ trưởng Lê Quốc Hùng"])
def test_official_by_any_spelling_with_title_in_both_languages(engine, asked):
    page = engine.entity("official", asked)
    assert page.name == asked and page.display_name == "Lê Quốc Hùng" and page.spellings == ("Lê Quốc Hùng",)
    assert [str(r) for r in page.roles] == ["Thứ trưởng (Deputy Minister)"]
    assert page.named == page.total == 1 and [h.doc_id for h in page.hits] == [SEED_A]
    assert [g.year for g in page.years] == [None]  # the seed has no date line


@pytest.mark.parametrize("asked", ["AFP", "Cảnh sát Liên bang Australia", "australian federal police",
                                   "Cảnh sát Liên bang"])
def test_agency_by_any_of_its_names(engine, asked):
    page = engine.entity("agency", asked)
    assert page.display_name == "Cảnh sát Liên bang Australia"
    assert {"AFP", "Australian Federal Police"} <= set(page.other_names)
    assert SEED_A in {h.doc_id for h in page.hits} and page.roles == ()


def test_part_of_several_names_is_shown_as_asked(engine):
    page = engine.entity("agency", "Cảnh sát")
    assert page.named == engine.search(None, agency="Cảnh sát").total
    assert page.display_name == "Cảnh sát" and page.spellings == () and page.other_names == ()


def test_forms_of_address_are_not_roles(engine):
    doc = engine.document(SEED_A)
    gale = next(o for o in doc.officials if o.name == "Lesa Gale")
    assert gale.role.lower() in ADDRESS
    assert engine.entity("official", "Lesa Gale").roles == ()


def test_a_name_nothing_holds_is_an_empty_page(engine):
    for name in ("Nobody Atall", "\x00", "  ", "---"):
        page = engine.entity("official", name, lang="vi", date_from="2001")
        assert (page.named, page.total, page.years, page.spellings) == (0, 0, (), ())
        assert page.display_name == page.name == name.replace("\x00", " ").strip()


@pytest.mark.parametrize("kwargs, named", [
    ({"page": 0}, "page"), ({"limit": 101}, "limit"), ({"lang": "fr"}, "lang"),
    ({"date_from": "2020-13"}, "date_from"), ({"date_from": "2021", "date_to": "2019"}, "date_from"),
    ({"official": "Nguyễn Văn Long"}, "official"), ({"query": "lang:fr"}, "lang"),
])
def test_bad_values_are_value_errors_naming_them(engine, kwargs, named):
    with pytest.raises(InvalidParameter, match=named):
        engine.entity("official", "Lê Quốc Hùng", **kwargs)


def test_bad_kind_or_name(engine):
    with pytest.raises(ValueError, match="kind"):
        engine.entity("person", "Lê Quốc Hùng")
    with pytest.raises(ValueError, match="name"):
        entity_page(engine, "official", None)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        engine.entity("official", "Lê Quốc Hùng", sort="relevance")  # newest first, always


def test_own_kind_filter_may_repeat_the_page_entity(engine):
    page = engine.entity("official", "Lê Quốc Hùng", official="le quoc hung", agency="AFP")
    assert page.total == 1 and page.named == 1


def test_to_dict_is_json(engine):
    data = json.loads(json.dumps(engine.entity("agency", "AFP").to_dict(), ensure_ascii=False))
    assert set(data) == {"kind", "name", "display_name", "spellings", "roles", "other_names", "named", "total",
                         "page", "limit", "pages", "undated_left_out", "notice", "years"}
    assert data["kind"] == "agency" and data["total"] == 1 and data["pages"] == 1 and data["limit"] == 50
    assert data["years"] == [{"year": None, "hits": [data["years"][0]["hits"][0]]}]
    assert data["years"][0]["hits"][0]["doc_id"] == SEED_A
    roles = engine.entity("official", "Lê Quốc Hùng").to_dict()["roles"]
    assert roles == [{"title": "Thứ trưởng", "gloss": "Deputy Minister", "lang": "vi"}]


def test_by_year_newest_first_undated_last():
    def hit(doc_id: str, date: str | None) -> Hit:
        return Hit(doc_id, doc_id, "vi", date, 1.0, "", [], [])

    hits = [hit("a", "2020-05-01"), hit("b", None), hit("c", "2021-01-01"), hit("d", "2020-01-01")]
    groups = by_year(hits)
    assert [(g.year, [h.doc_id for h in g.hits]) for g in groups] == \
        [("2021", ["c"]), ("2020", ["a", "d"]), (None, ["b"])]
    assert EntityPage("official", "x", "x", years=groups).hits == [hits[2], hits[0], hits[3], hits[1]]
    assert EntityPage("official", "x", "x", total=101, limit=50).pages == 3


# --- the JSON API -------------------------------------------------------------

@pytest.mark.parametrize("path", ["/api/official/le quoc hung", "/api/agency/AFP"])
def test_api_entity_page(client, path):
    r = client.get(path)
    data = r.get_json()
    assert r.status_code == 200 and data["total"] == data["named"] == 1 and data["limit"] == 50
    assert [h["doc_id"] for g in data["years"] for h in g["hits"]] == [SEED_A]
    assert data["display_name"] in ("Lê Quốc Hùng", "Cảnh sát Liên bang Australia")


def test_api_entity_takes_the_search_parameters(client):
    data = client.get("/api/agency/AFP", query_string={"q": "Canberra", "lang": "vi", "limit": "1"}).get_json()
    assert data["total"] == 1 and data["limit"] == 1
    data = client.get("/api/agency/AFP", query_string={"lang": "en"}).get_json()
    assert data["total"] == 0 and data["named"] == 1 and data["display_name"] == "Cảnh sát Liên bang Australia"
    data = client.get("/api/agency/AFP", query_string={"from": "2001", "to": "2030"}).get_json()
    assert data["total"] == 0 and data["undated_left_out"] == 1
    data = client.get("/api/agency/AFP", query_string={"from": "2001", "undated": "1"}).get_json()
    assert data["total"] == 1
    data = client.get("/api/official/Lê Quốc Hùng", query_string={"agency": "Bộ Công an"}).get_json()
    assert data["total"] == 1


@pytest.mark.parametrize("query", [{"from": "2020-13"}, {"page": "0"}, {"limit": "500"}, {"undated": "maybe"},
                                   {"official": "Nguyễn Văn Long"}, {"q": "lang:fr"}])
def test_api_entity_bad_parameter_is_400(client, query):
    r = client.get("/api/official/Lê Quốc Hùng", query_string=query)
    assert r.status_code == 400 and r.get_json()["error"] == "bad parameter" and r.get_json()["detail"]
    assert "date_from" not in r.get_json()["detail"]


def test_api_entity_unknown_is_404(client):
    for path in ("/api/official/Nobody Atall", "/api/agency/%00", "/api/official/Nobody?lang=vi"):
        r = client.get(path)
        assert r.status_code == 404 and r.get_json()["error"] == "not found"


def test_html_page_is_built_from_the_core(client, engine):
    html = client.get("/official/le quoc hung").get_data(as_text=True)
    page = engine.entity("official", "le quoc hung")
    assert f"<h1>{page.display_name}</h1>" in html and str(page.roles[0]) in html
    assert "không rõ ngày" in html  # the undated group's heading
    assert client.get("/official/Nobody?lang=vi").status_code == 404  # narrowed, but nothing names it
    assert client.get("/official/Lê Quốc Hùng?official=Nguyễn Văn Long").status_code == 400


# --- the CLI -----------------------------------------------------------------

def test_cli_entity(runner, seed_index):
    r = runner.invoke(main, ["entity", "le quoc hung", "--index", str(seed_index)])
    assert r.exit_code == 0, r.output
    lines = r.stdout.splitlines()
    assert lines[0] == "Lê Quốc Hùng" and "roles: Thứ trưởng (Deputy Minister)" in lines
    assert "spellings: Lê Quốc Hùng" in lines and "no date" in lines
    assert any(SEED_A in line and "Thứ trưởng Lê Quốc Hùng" in line for line in lines)
    assert SEED_B not in r.stdout
    r = runner.invoke(main, ["entity", "AFP", "--agency", "--index", str(seed_index)])
    assert r.exit_code == 0 and "other names: AFP · Australian Federal Police" in r.stdout


def test_cli_entity_json(runner, seed_index, engine):
    r = runner.invoke(main, ["entity", "AFP", "--agency", "--json", "--limit", "5", "--index", str(seed_index)])
    assert r.exit_code == 0
    data = json.loads(r.stdout)
    assert data == json.loads(json.dumps(engine.entity("agency", "AFP", limit=5).to_dict()))


def test_cli_entity_nothing_names_it_exits_1(runner, seed_index):
    r = runner.invoke(main, ["entity", "Nobody Atall", "--index", str(seed_index)])
    assert r.exit_code == 1 and r.stdout == "" and "no release names the official 'Nobody Atall'" in r.stderr
    r = runner.invoke(main, ["entity", "Nobody Atall", "--json", "--index", str(seed_index)])
    assert r.exit_code == 1 and json.loads(r.stdout)["named"] == 0


def test_cli_entity_filters_and_bad_input(runner, seed_index, tmp_path):
    r = runner.invoke(main, ["entity", "AFP", "--agency", "--from", "2001", "--index", str(seed_index)])
    assert r.exit_code == 0 and "1 release(s) without a date left out" in r.stdout
    assert "named in 1 release(s), 0 within the filters" in r.stdout
    for args, named in ((["--from", "2020-13"], "--from"), (["--from", "2021", "--to", "2019"], "--from"),
                        (["--page", "0"], "--page"), (["--lang", "fr"], "--lang"), (["--limit", "101"], "--limit")):
        r = runner.invoke(main, ["entity", "Lê Quốc Hùng", *args, "--index", str(seed_index)])
        assert r.exit_code == 2 and named in r.stderr and "Traceback" not in r.output, args
    r = runner.invoke(main, ["entity", " ", "--index", str(seed_index)])
    assert r.exit_code == 2 and "blank" in r.stderr
    r = runner.invoke(main, ["entity", "Lê Quốc Hùng", "--index", str(tmp_path / "none")])
    assert r.exit_code == 3 and "no index" in r.stderr
