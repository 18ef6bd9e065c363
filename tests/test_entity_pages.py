"""An official's or agency's page (searcher.entity_pages): the same list as
the search's entity filter, grouped by year, with what the stored releases
say about the entity (roles over time, releases per year, the entities named
with it); and the page through the JSON API, the web page and the CLI."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from collections import Counter
from functools import lru_cache
from itertools import takewhile

import pytest
from conftest import SEED_A, SEED_B, all_ids

from searcher import entity_pages
from searcher.cli import main
from searcher.entities import entity_key
from searcher.entities.names import body_identity
from searcher.entity_pages import DETAILS_READ, RELATED_TOP, ROLES_READ, EntityPage, by_year, entity_page
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


def test_forms_of_address_are_not_roles(engine, sample_engine):
    doc = engine.document(SEED_A)
    gale = next(o for o in doc.officials if o.name == "Lesa Gale")
    assert gale.role == "Phó Tổng Tư lệnh"  # "bà Lesa Gale, Phó Tổng Tư lệnh ...": the office after the comma
    addressed = [o.name for d in all_ids(sample_engine, "ông bà")[:300] for o in sample_engine.document(d).officials
                 if o.role.lower() in ADDRESS]
    assert len(addressed) >= 3  # the sample's officials named only "ông X" / "bà Y"
    for name in addressed[:5]:
        page = sample_engine.entity("official", name)
        assert page.named >= 1 and not any(r.role.lower() in ADDRESS for r in page.roles), (name, page.roles)


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
                         "page", "limit", "pages", "undated_left_out", "notice", "years", "role_history",
                         "roles_read", "per_year", "undated_named", "related"}
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


# --- what every release naming it says: roles over time, years, named with it --------

WHOLE = ("role_history", "roles_read", "per_year", "undated_named", "related")  # whatever the filters


@pytest.fixture(scope="module")
def stored(sample_engine) -> list:
    """Every release of the sample index, read one by one (not through a search)."""
    gen = sample_engine._current().gen
    return [gen.release(d) for d in range(gen.size)]


def _naming(stored: list, kind: str, name: str) -> list:
    """The stored releases naming ``name`` by the key of one of its names."""
    key = entity_key(name)
    return [doc for doc in stored
            if any(key in {entity_key(n) for n in _names(kind, e)}
                   for e in (doc.officials if kind == "official" else doc.agencies))]


@pytest.fixture(scope="module")
def officials_named_twice(stored) -> list[str]:
    """Every official that at least two releases of the sample name."""
    counts: Counter[str] = Counter()
    shown: dict[str, str] = {}
    for doc in stored:
        for key in {entity_key(o.name) for o in doc.officials}:
            counts[key] += 1
        for o in doc.officials:
            shown.setdefault(entity_key(o.name), o.name)
    found = [shown[k] for k, n in counts.items() if n >= 2]
    assert len(found) >= 20
    return found


def test_releases_per_year_are_true_counts_whatever_the_filters(sample_engine, busiest, stored):
    dated = 0
    for kind, name in busiest:
        whole = sample_engine.entity(kind, name)
        naming = _naming(stored, kind, name)
        assert {d.doc_id for d in naming} == set(all_ids(sample_engine, "", **{kind: name}))
        years = Counter(d.date[:4] for d in naming if d.date)
        assert dict(whole.per_year) == years, (kind, name)
        dated += len(years)
        assert [y for y, _ in whole.per_year] == sorted(years)  # oldest first
        assert whole.undated_named == sum(1 for d in naming if not d.date)
        assert sum(n for _, n in whole.per_year) + whole.undated_named == whole.named == len(naming)
        narrowed = sample_engine.entity(kind, name, lang="vi", date_from="2019", limit=1, page=2)
        assert narrowed.total < whole.named
        assert [getattr(narrowed, f) for f in WHOLE] == [getattr(whole, f) for f in WHOLE], (kind, name)
    assert dated > 20  # years of several entities checked


def _spans(sample_engine, name: str, newest: list[str]) -> dict[str, tuple]:
    """Role group -> (first month, last month, releases) over the releases ``newest``, read anew."""
    months: dict[str, list[str]] = {}
    releases: Counter[str] = Counter()
    for doc_id in newest:
        doc = sample_engine.document(doc_id)
        groups = {phrase_key(o.role) for o in _named_in(sample_engine, "official", name, doc_id)
                  if o.role and phrase_key(o.role.rstrip(".")) not in ADDRESS}
        for group in groups:
            releases[group] += 1
            months.setdefault(group, []).extend([doc.date[:7]] if doc.date else [])
    return {g: (min(months[g], default=None), max(months[g], default=None), n) for g, n in releases.items()}


def test_roles_over_time_are_read_from_the_releases_naming_them(sample_engine, officials_named_twice):
    dated = 0
    for name in officials_named_twice:
        page = sample_engine.entity("official", name)
        newest = all_ids(sample_engine, "", sort="date", official=name)
        assert page.roles_read == len(newest) <= ROLES_READ
        expected = _spans(sample_engine, name, newest)
        got = {phrase_key(s.title): (s.first, s.last, s.releases) for s in page.role_history}
        assert got == expected, name
        assert {phrase_key(r.title) for r in page.roles} <= set(got)
        dates = sorted(sample_engine.document(i).date[:7] for i in newest if sample_engine.document(i).date)
        for span in page.role_history:
            assert (span.first is None) == (span.last is None)
            if span.first:
                dated += 1
                assert dates[0] <= span.first <= span.last <= dates[-1]
        lasts = [s.last or "" for s in page.role_history]
        assert lasts == sorted(lasts, reverse=True)  # latest last seen first, undated last
    assert dated >= 4  # the sample has dated roles to check


def test_roles_over_time_read_at_most_roles_read_releases(sample_engine, monkeypatch):
    every = sample_engine.entity("official", "Donald Trump")
    assert every.roles_read == every.named > 5
    monkeypatch.setattr(entity_pages, "DETAILS_READ", 2)
    monkeypatch.setattr(entity_pages, "ROLES_READ", 5)
    monkeypatch.setattr(entity_pages, "READ_PAGE", 2)  # read over three searches
    page = sample_engine.entity("official", "Donald Trump")
    assert page.named > 5 and page.roles_read == 5
    newest = [h.doc_id for p in (1, 2, 3)
              for h in sample_engine.search(None, limit=2, page=p, sort="date", official="Donald Trump").hits][:5]
    assert {phrase_key(s.title): (s.first, s.last, s.releases) for s in page.role_history} == \
        _spans(sample_engine, "Donald Trump", newest)
    assert sum(s.releases for s in page.role_history) < sum(s.releases for s in every.role_history)


_STORED_AS = {"official": "officials", "agency": "agencies", "media": "media"}


def test_entities_named_with_it_are_true_counts_without_itself(sample_engine, busiest, stored):
    """Each entry's count is the number of releases both filters find; no
    entity named in those releases and left out is named more often."""
    ids = lru_cache(maxsize=None)(lambda kind, value: frozenset(all_ids(sample_engine, "", **{kind: value})))
    for kind, name in busiest:
        page = sample_engine.entity(kind, name, lang="en", limit=1)  # filters do not change them
        mine = ids(kind, name)
        own = {entity_key(n) for n in (name, *page.spellings, *page.other_names)}
        groups = {g.kind: g.entries for g in page.related}
        assert {"official", "agency", "media"} <= set(groups) <= set(entity_pages.RELATED_KINDS)
        for other, listed in groups.items():
            assert listed and not {entity_key(v) for v, _ in listed} & own, (kind, name, other)
            assert [n for _, n in listed] == [len(mine & ids(other, v)) for v, _ in listed], (kind, name, other)
            assert [n for _, n in listed] == sorted((n for _, n in listed), reverse=True)
            # every other entity these releases name is named with it less often (an entity
            # is what one filter finds: "General Assembly" = "Đại hội đồng Liên Hợp Quốc")
            seen = {ids(other, e.name): e.name for d in sample_engine.documents(sorted(mine))
                    for e in getattr(d, _STORED_AS[other]) if entity_key(e.name) not in own}
            shown = {ids(other, v) for v, _ in listed} | {mine}
            left = {found: len(mine & found) for found in seen if found not in shown}
            assert max(left.values(), default=0) <= listed[-1][1], (kind, name, other)
            assert len(listed) >= min(len(left) + len(listed), RELATED_TOP - (other == kind))


def test_seed_pages_roles_years_and_named_with(engine):
    page = engine.entity("official", "le quoc hung")
    assert [(s.title, s.gloss, s.first, s.last, s.releases) for s in page.role_history] == \
        [("Thứ trưởng", "Deputy Minister", None, None, 1)]
    assert (page.roles_read, page.per_year, page.undated_named) == (1, (), 1)
    related = {g.kind: dict(g.entries) for g in page.related}
    others = {o.name for o in engine.document(SEED_A).officials} - {"Lê Quốc Hùng"}  # not himself
    assert related["official"] == dict.fromkeys(others, 1) and "Lesa Gale" in others
    assert related["agency"]["Cảnh sát Liên bang Australia"] == 1
    afp = engine.entity("agency", "AFP")
    assert afp.role_history == () and afp.roles_read == 0
    assert not {entity_key(v) for g in afp.related if g.kind == "agency" for v, _ in g.entries} & \
        {entity_key(n) for n in (afp.display_name, *afp.other_names)}
    assert {"Lê Quốc Hùng", "Lesa Gale"} <= {v for g in afp.related if g.kind == "official" for v, _ in g.entries}


def test_news_sources_named_with_it_and_their_own_pages(sample_engine, busiest):
    """The media a release cites are their own kind: an official's page
    lists the news sources named with them (true counts: both filters), and
    a news source has a page of its own, like an agency's."""
    kind, name = next((k, n) for k, n in busiest if k == "official")
    page = sample_engine.entity(kind, name)
    assert [g.kind for g in page.related] == ["official", "agency", "media"]
    media = dict(page.related[2].entries)
    assert media, "the busiest official's releases cite news sources"
    for outlet, n in media.items():
        assert sample_engine.search(None, official=name, media=outlet).total == n, outlet
    outlet = next(iter(media))
    own = sample_engine.entity("media", outlet)
    assert own.named == sample_engine.search(None, media=outlet).total >= media[outlet]
    stored = [sample_engine.document(h.doc_id) for h in own.hits]
    want = body_identity([outlet], True)  # "Hill" as "The Hill", "CNN" as "Đài CNN": one outlet
    assert all(any(body_identity([m.name, m.acronym, *m.aliases], True) == want for m in d.media)
               for d in stored), outlet
    assert own.role_history == () and own.roles_read == 0
    assert sum(n for _, n in own.per_year) + own.undated_named == own.named


# --- the chart, the web page, the JSON API and the CLI show the same figures ------------

def _svg(html: str) -> ET.Element:
    found = re.search(r"<svg\b.*?</svg>", html, re.S)
    assert found, "no chart"
    return ET.fromstring(found.group(0))  # well-formed XML


def test_year_chart_is_well_formed_one_bar_per_year_with_its_figures_as_text():
    from web.charts import year_bars

    svg = ET.fromstring(str(year_bars([("2016", 4), ("2019", 1), ("2018", 2)], "Releases <&> per year", 3,
                                      "no date")))
    ns = "{http://www.w3.org/2000/svg}"
    bars = svg.findall(f".//{ns}rect")
    assert [(g.get("data-year"), g.get("data-releases")) for g in svg.findall(f"{ns}g")] == \
        [("2016", "4"), ("2017", "0"), ("2018", "2"), ("2019", "1")]  # a year without releases stays a gap
    assert len(bars) == 4 and [float(b.get("height")) for b in bars] == [96, 0, 48, 24]
    title = svg.find(f"{ns}title").text
    assert title == svg.get("aria-label") == "Releases <&> per year. 2016: 4, 2017: 0, 2018: 2, 2019: 1; no date: 3"
    assert [t.text for t in svg.findall(f".//{ns}text")] == ["4", "2016", "0", "2017", "2", "2018", "1", "2019"]
    assert str(year_bars([], "x", 5, "no date")) == ""


def test_web_page_api_and_cli_show_the_same_figures(sample_engine, sample_client, sample_index, runner, busiest):
    from urllib.parse import quote, quote_plus

    for want in KINDS:  # the busiest official and agency with dated releases
        kind, name = next((k, n) for k, n in busiest if k == want and sample_engine.entity(k, n).per_year)
        page = sample_engine.entity(kind, name)
        api = sample_client.get(f"/api/{kind}/{name}", query_string={"lang": "vi", "page": "2", "limit": "1"})
        data = api.get_json()
        assert {k: data[k] for k in WHOLE} == {k: json.loads(json.dumps(page.to_dict()[k])) for k in WHOLE}
        assert data["per_year"] == [{"year": y, "releases": n} for y, n in page.per_year]

        html = sample_client.get(f"/{kind}/{name}", query_string={"ui": "en"}).get_data(as_text=True)
        svg = _svg(html)
        shown = {g.get("data-year"): int(g.get("data-releases")) for g in svg.iter("{http://www.w3.org/2000/svg}g")}
        assert {y: n for y, n in shown.items() if n} == dict(page.per_year)
        assert len(shown) == int(page.per_year[-1][0]) - int(page.per_year[0][0]) + 1
        assert f"{page.undated_named} releases without a date" in html and "Often named with" in html
        for group in page.related:  # media have no page (yet): a search narrowed to both
            for other, _ in group.entries:
                link = f'href="/{group.kind}/{quote(other)}"' if group.kind in KINDS else \
                    f"{kind}={quote_plus(name)}&amp;media={quote_plus(other)}"
                assert link in html, (group.kind, other)
        if page.role_history:
            assert "Roles over time" in html and page.role_history[0].title in html

        args = ["entity", name, "--index", str(sample_index)] + (["--agency"] if kind == "agency" else [])
        r = runner.invoke(main, args)
        assert r.exit_code == 0, r.output
        lines = r.stdout.splitlines()
        bars = [line.split() for line in takewhile(lambda line: line.startswith("  "),
                                                  lines[lines.index("releases per year:") + 1:])]
        assert [(b[0], int(b[-1])) for b in bars if b[0] != "no"] == list(page.per_year)
        assert f"  no date  {page.undated_named}" in lines
        for group in page.related:
            label = {"official": "officials", "agency": "agencies", "media": "news sources"}[group.kind]
            assert f"named with ({label}): " + " · ".join(f"{v} ({n})" for v, n in group.entries) in lines
        r = runner.invoke(main, args + ["--json", "--lang", "en"])
        assert {k: json.loads(r.stdout)[k] for k in WHOLE} == {k: data[k] for k in WHOLE}


def test_web_page_roles_over_time_and_both_link(client):
    html = client.get("/official/le quoc hung").get_data(as_text=True)
    assert "Chức vụ theo thời gian" in html and "Thường được nhắc cùng" in html
    assert re.search(r"<th scope=\"row\">Thứ trưởng <span class=\"gloss\">\(Deputy Minister\)</span></th>", html)
    assert 'href="/official/Lesa%20Gale"' in html
    assert "/search?official=L%C3%AA+Qu%E1%BB%91c+H%C3%B9ng&amp;agency=" in html  # narrowed to both
    assert "<svg" not in html and "1 thông cáo không rõ ngày" in html  # undated only: no chart
