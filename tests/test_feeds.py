"""Watching and exporting a search (web/feeds.py) and completions
(searcher/completion.py), on the corpus sample index (seeds, 400 vietnews
releases of which two thirds dated, 40 ntrex releases)."""

from __future__ import annotations

import csv
import io
import json
import random

import feedparser
import pytest
from conftest import SEED_A, all_ids

from searcher.entities.names import entity_key
from searcher.search import EXPORT_LIMIT


def test_feed_is_atom_with_the_newest_releases_first(sample_client, sample_engine):
    r = sample_client.get("/feed", query_string={"q": "công an", "lang": "vi"})
    assert r.status_code == 200 and r.mimetype == "application/atom+xml"
    parsed = feedparser.parse(r.data)
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.feed.title.startswith("công an")
    entries = parsed.entries
    expected = all_ids(sample_engine, "công an", lang="vi", sort="date")
    assert len(entries) == min(50, len(expected)) and len(entries) >= 20
    assert [e.link.rsplit("/doc/", 1)[1] for e in entries] == expected[:len(entries)]
    stamps = [e.updated_parsed for e in entries if e.get("published")]
    assert stamps == sorted(stamps, reverse=True) and len(stamps) >= 10  # dated ones first, newest first
    assert all(e.id == e.link for e in entries)
    assert any(link.rel == "self" and "q=c" in link.href for link in parsed.feed.links)


def test_an_empty_feed_is_still_valid_atom(sample_client):
    parsed = feedparser.parse(sample_client.get("/feed", query_string={"q": "zzqxw"}).data)
    assert not parsed.bozo and parsed.entries == [] and parsed.feed.updated


def test_csv_export_lists_every_match_in_order(sample_client, sample_engine):
    expected = all_ids(sample_engine, "công an")
    r = sample_client.get("/api/export", query_string={"format": "csv", "q": "công an"})
    assert r.status_code == 200 and r.mimetype == "text/csv"
    assert "attachment" in r.headers["Content-Disposition"]
    text = r.data.decode("utf-8")
    assert text.startswith("\ufeff")  # spreadsheets then read the diacritics as UTF-8
    rows = list(csv.DictReader(io.StringIO(text[1:])))
    assert [row["doc_id"] for row in rows] == expected and len(rows) > 100
    assert int(r.headers["X-Total-Count"]) == len(expected) == int(r.headers["X-Export-Count"])
    by_id = {row["doc_id"]: row for row in rows}
    seed = sample_engine.document(SEED_A)
    if SEED_A in by_id:
        assert by_id[SEED_A]["title"] == seed.title and "Lê Quốc Hùng" in by_id[SEED_A]["officials"]
    assert all(row["url"].endswith("/doc/" + row["doc_id"]) for row in rows)


def test_json_export_with_filters_matches_the_search(sample_client, sample_engine):
    kwargs = {"q": "công an", "lang": "vi", "from": "2018", "to": "2022", "sort": "date"}
    r = sample_client.get("/api/export", query_string={"format": "json", **kwargs})
    data = json.loads(r.data)
    expected = all_ids(sample_engine, "công an", lang="vi", date_from="2018", date_to="2022", sort="date")
    assert [row["doc_id"] for row in data["releases"]] == expected
    assert data["total"] == data["exported"] == len(expected) > 20
    assert all("2018" <= row["date"][:4] <= "2022" for row in data["releases"])


def test_a_formula_is_never_a_csv_cell(sample_client):
    from web.feeds import _cell

    assert _cell("=HYPERLINK(\"x\")") == "'=HYPERLINK(\"x\")" and _cell("Bộ Công an") == "Bộ Công an"


@pytest.mark.parametrize("path, args, named", [
    ("/api/export", {"format": "xls", "q": "x"}, "format"),
    ("/api/export", {"format": "csv", "lang": "fr"}, "lang"),
    ("/api/export", {"format": "csv", "from": "2020-13"}, "from"),
    ("/api/suggest", {"q": "le", "limit": "0"}, "limit"),
    ("/api/suggest", {"q": "le", "limit": "abc"}, "limit"),
])
def test_bad_parameters_are_named_in_json(sample_client, path, args, named):
    r = sample_client.get(path, query_string=args)
    assert r.status_code == 400 and r.is_json and named in r.get_json()["detail"]


def test_a_bad_feed_parameter_is_a_400_page(sample_client):
    r = sample_client.get("/feed", query_string={"lang": "fr"})
    assert r.status_code == 400 and "lang" in r.get_data(as_text=True)


def test_suggest_restores_diacritics_of_an_official(client):
    r = client.get("/api/suggest", query_string={"q": "le qu"})
    found = r.get_json()["suggestions"]
    assert found and found[0]["text"] == "Lê Quốc Hùng" and found[0]["kind"] == "official"


def test_every_known_name_completes_from_any_word(sample_engine):
    """Officials and agencies drawn at random: the start of any of their
    words, typed without diacritics, offers them (within the 20 best when
    the prefix is the name's start; the 20 best are all name starts first)."""
    gen = sample_engine._current().gen
    rng = random.Random(4)
    for ents, kind in ((gen.facets.officials, "official"), (gen.facets.agencies, "agency")):
        for name in rng.sample(ents.display, min(25, len(ents.display))):
            key = entity_key(name)
            got = sample_engine.complete(key[:max(4, len(key) * 2 // 3)], limit=20)
            assert (name, kind) in [(c.text, c.kind) for c in got] or len(got) == 20, name
            starts = [entity_key(c.text).startswith(key[:4]) for c in got]
            assert starts == sorted(starts, reverse=True), (name, [c.text for c in got])


def test_frequent_phrases_complete_with_their_diacritics(sample_engine):
    got = sample_engine.complete("cong a", limit=20)
    assert any(c.kind == "phrase" and c.text == "công an" for c in got), got
    assert sample_engine.complete("   ") == [] and sample_engine.complete("zzqxw") == []


def test_python_api_names_bad_values(sample_engine):
    with pytest.raises(ValueError, match="limit"):
        sample_engine.matches("x", limit=EXPORT_LIMIT + 1)
    with pytest.raises(ValueError, match="sort"):
        sample_engine.matches("x", sort="score")
    with pytest.raises(ValueError, match="prefix"):
        sample_engine.complete(None)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="limit"):
        sample_engine.complete("le", limit=0)
