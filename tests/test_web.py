import re

import pytest
from conftest import SEED_A, SEED_B, small_index

from web import create_app


def test_home_has_autofocused_search_box_and_help(client):
    r = client.get("/")
    html = r.get_data(as_text=True)
    assert r.status_code == 200
    assert re.search(r'<input id="q" name="q" type="search"[^>]*autofocus', html)
    assert "official:" in html and 'lang="vi"' in html
    assert client.get("/?ui=en").get_data(as_text=True).count("Press release search") >= 1


def test_security_headers(client):
    r = client.get("/")
    csp = r.headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert r.headers["X-Content-Type-Options"] == "nosniff"
    assert r.headers["Referrer-Policy"]
    assert "<script>" not in r.get_data(as_text=True)  # no inline script


def test_search_results_page(client):
    r = client.get("/search", query_string={"q": "Lê Quốc Hùng"})
    html = r.get_data(as_text=True)
    assert r.status_code == 200
    assert "<mark>Lê Quốc Hùng</mark>" in html
    assert f"/doc/{SEED_A}" in html
    assert re.search(r"<strong>\d+</strong>", html) and " ms" in html
    assert 'class="badge badge-vi"' in html
    assert "chip-official" in html and "/official/L" in html  # chips open entity pages


def test_facets_filter_and_show_active(client):
    html = client.get("/search", query_string={"q": "Thứ trưởng"}).get_data(as_text=True)
    assert "from=2025&amp;to=2025" in html  # year facet: one link sets both ends
    r = client.get("/search", query_string={"q": "Thứ trưởng", "from": "2025", "to": "2025"})
    html = r.get_data(as_text=True)
    assert f"/doc/{SEED_B}" in html and f"/doc/{SEED_A}" not in html
    assert html.count("chip-active") == 1 and "Bỏ lọc" in html  # one chip for the year
    assert "1 thông cáo không rõ ngày" in html and "undated=1" in html  # seed A, undated, is counted
    html = client.get("/search", query_string={"q": "hợp tác", "official": "Lê Quốc Hùng"}).get_data(as_text=True)
    assert f"/doc/{SEED_A}" in html and f"/doc/{SEED_B}" not in html


def test_sort_and_pagination(client):
    html = client.get("/search", query_string={"q": "Bộ Công an", "limit": 1}).get_data(as_text=True)
    assert 'rel="next"' in html and "page=2" in html
    html = client.get("/search", query_string={"q": "Bộ Công an", "sort": "date"}).get_data(as_text=True)
    assert html.index(SEED_B) < html.index(SEED_A)


def test_no_results_and_suggestion(client):
    html = client.get("/search", query_string={"q": "zzqxv"}).get_data(as_text=True)
    assert "Không tìm thấy" in html and "<li>" in html
    html = client.get("/search", query_string={"q": "Canbera"}).get_data(as_text=True)
    assert "Đang hiện kết quả cho \u201cCanberra\u201d" in html and "Canbera" in html  # respelled, both named
    data = client.get("/api/search", query_string={"q": "Canbera"}).get_json()
    assert data["total"] == 1 and data["notice"].startswith("Showing results for") and data["suggestion"] is None
    data = client.get("/api/search", query_string={"q": "nguyen van long"}).get_json()
    assert data["suggestion"] == "Nguyễn Văn Long"


def test_document_page(client):
    r = client.get(f"/doc/{SEED_A}", query_string={"q": "le quoc hung"})
    html = r.get_data(as_text=True)
    assert r.status_code == 200
    assert "<mark>Lê Quốc Hùng</mark>" in html
    assert "không rõ ngày" in html  # seed A has no date line and no dateline
    assert "search?q=le+quoc+hung" in html  # back to the results
    assert "/official/L" in html


def test_unknown_document_is_404_page(client):
    r = client.get("/doc/no-such-release")
    assert r.status_code == 404 and "404" in r.get_data(as_text=True)
    assert client.get("/api/doc/no-such-release").status_code == 404
    assert client.get("/doc/../../etc/passwd").status_code == 404


@pytest.mark.parametrize("q", ['"unclosed', "title:(", "AND OR NOT", "*" * 3000, "a\x00b", "<script>alert(1)</script>"])
def test_hostile_queries_are_never_500(client, q):
    for path in ("/search", "/api/search"):
        r = client.get(path, query_string={"q": q, "page": "1000"})
        assert r.status_code == 200
        r = client.get(path, query_string={"q": q, "page": "999999999"})
        assert r.status_code == 400 and "page" in r.get_data(as_text=True)
    html = client.get("/search", query_string={"q": q}).get_data(as_text=True)
    assert "<script>alert(1)</script>" not in html


@pytest.mark.parametrize("qs, named", [
    ({"page": "abc"}, "page"), ({"page": "-5"}, "page"), ({"page": "0"}, "page"), ({"limit": "0"}, "limit"),
    ({"limit": "100000"}, "limit"), ({"lang": "fr"}, "lang"), ({"from": "yesterday"}, "from"),
    ({"from": "24"}, "from"), ({"to": "2025-02-30"}, "to"), ({"from": "2025-13"}, "from"),
    ({"from": "2025", "to": "2024"}, "from"), ({"sort": "bogus"}, "sort"), ({"undated": "maybe"}, "undated"),
    ({"q": "lang:fr police"}, "lang:"),
])
def test_bad_values_are_a_400_naming_the_parameter(client, qs, named):
    qs = {"q": "x", **qs}
    r = client.get("/search", query_string=qs)
    assert r.status_code == 400 and named in r.get_data(as_text=True)
    r = client.get("/api/search", query_string=qs)
    assert r.status_code == 400 and r.get_json()["error"] == "bad parameter" and named in r.get_json()["detail"]


def test_odd_but_valid_values_are_accepted(client):
    for qs in ({"lang": "VI"}, {"sort": "Date"}, {"from": "2025", "to": "2025"}, {"from": " 2025-10 "},
               {"undated": "1"}, {"limit": "100"}):
        assert client.get("/search", query_string={"q": "Bộ Công an", **qs}).status_code == 200
        assert client.get("/api/search", query_string={"q": "Bộ Công an", **qs}).status_code == 200


def test_api_search_shape(client):
    data = client.get("/api/search", query_string={"q": "nguyen van long"}).get_json()
    assert data["hits"][0]["doc_id"] == SEED_B
    assert {"total", "took_ms", "hits", "page", "facets", "suggestion"} <= set(data)
    assert {f["value"] for f in data["facets"]["lang"]} == {"vi"}


def test_api_doc_and_health(client):
    data = client.get(f"/api/doc/{SEED_A}").get_json()
    assert data["doc_id"] == SEED_A and any(o["name"] == "Lê Quốc Hùng" for o in data["officials"])
    health = client.get("/healthz").get_json()
    assert health["status"] == "ok" and health["documents"] == 2 and health["last_reindex"]


def test_missing_index_is_503_everywhere(tmp_path):
    client = create_app(str(tmp_path / "nothing")).test_client()
    r = client.get("/search", query_string={"q": "x"})
    assert r.status_code == 503 and "reindex" in r.get_data(as_text=True)
    assert client.get("/api/search?q=x").status_code == 503
    assert client.get("/healthz").status_code == 503


def test_markup_in_releases_is_escaped(tmp_path):
    ix = small_index(tmp_path, {"evil.txt": (
        "date 2024-02-02 <script>alert('t')</script> Hội nghị\n\n"
        "Bộ Công an <img src=x onerror=alert(1)> tổ chức hội nghị về an ninh mạng.")})
    client = create_app(str(ix)).test_client()
    for path in ("/search?q=hội+nghị", "/doc/evil?q=hội+nghị"):
        html = client.get(path).get_data(as_text=True)
        assert "<script>alert" not in html and "<img src=x" not in html
        assert "&lt;script&gt;" in html or "&lt;img" in html
    data = client.get("/api/search?q=an+ninh").get_json()
    snippet = data["hits"][0]["snippet"]
    assert "<img" not in snippet and "&lt;img" in snippet


def test_new_requests_see_a_reindex_without_restart(tmp_path):
    import shutil

    from conftest import SEEDS

    import searcher
    docs = tmp_path / "docs"
    shutil.copytree(SEEDS, docs)
    searcher.build_index(docs, tmp_path / "ix")
    client = create_app(str(tmp_path / "ix")).test_client()
    assert client.get("/api/search?q=Zelinsky").get_json()["total"] == 0
    (docs / "new.txt").write_text("date 2024-03-03 Gặp gỡ Zelinsky\n\nBộ Công an tiếp ông Zelinsky.", encoding="utf-8")
    searcher.build_index(docs, tmp_path / "ix")
    assert client.get("/api/search?q=Zelinsky").get_json()["hits"][0]["doc_id"] == "new"
    searcher.build_index(docs, tmp_path / "ix", full=True)  # a new generation
    assert client.get("/api/search?q=Zelinsky").get_json()["hits"][0]["doc_id"] == "new"
    assert client.get("/healthz").get_json()["documents"] == 3


def test_an_empty_index_answers_everything(tmp_path):
    import searcher
    (tmp_path / "docs").mkdir()
    report = searcher.build_index(tmp_path / "docs", tmp_path / "ix")
    assert report.releases == 0 and not report.problems
    client = create_app(str(tmp_path / "ix")).test_client()
    for url in ("/search?q=x", "/api/search?q=x", "/search?q=&official=abc", "/api/search?q=a&from=2001&to=2030"):
        assert client.get(url).status_code == 200
    assert client.get("/api/search?q=a&from=2030&to=2001").status_code == 400
    assert client.get("/healthz").get_json()["documents"] == 0


@pytest.mark.parametrize("path", ["/official/Lê Quốc Hùng", "/official/le quoc hung", "/official/LE QUOC HUNG"])
def test_official_page_lists_releases_naming_them(client, path):
    r = client.get(path)
    html = r.get_data(as_text=True)
    assert r.status_code == 200
    assert f"/doc/{SEED_A}" in html and f"/doc/{SEED_B}" not in html
    assert "<h1>Lê Quốc Hùng</h1>" in html
    assert "Thứ trưởng (Deputy Minister)" in html  # the title in both languages


@pytest.mark.parametrize("path", ["/agency/AFP", "/agency/Cảnh sát Liên bang Australia",
                                  "/agency/Australian Federal Police"])
def test_agency_page_by_any_of_its_names(client, path):
    r = client.get(path)
    html = r.get_data(as_text=True)
    assert r.status_code == 200 and f"/doc/{SEED_A}" in html


def test_unknown_entity_is_404(client):
    assert client.get("/official/Nobody Atall").status_code == 404
    assert client.get("/agency/%00").status_code == 404


def test_news_sources_facet_filter_page_and_api(sample_index, sample_engine):
    """News sources are their own facet ("Nguồn tin"), not agencies: an entry
    filters to its count, links to its page, and its page and JSON list the
    releases citing it."""
    client = create_app(str(sample_index)).test_client()
    res = sample_engine.search("Trump", facets=True)
    outlet, count = res.facets["media"][0]
    assert outlet not in dict(res.facets["agency"])
    html = client.get("/search", query_string={"q": "Trump"}).get_data(as_text=True)
    assert re.search(r"<h3 id=\"facet-media\">Nguồn tin</h3>", html) and "chip-media" in html
    html = client.get("/search", query_string={"q": "Trump", "media": outlet}).get_data(as_text=True)
    assert re.search(rf"<strong>{count}</strong>", html) and f"Nguồn tin: {outlet}" in html
    page = client.get(f"/media/{outlet}")
    assert page.status_code == 200 and f"<h1>{outlet}</h1>" in page.get_data(as_text=True)
    data = client.get(f"/api/media/{outlet}").get_json()
    assert data["kind"] == "media" and data["named"] == sample_engine.search(None, media=outlet).total
    assert client.get("/api/media/Nobody Atall").status_code == 404


def test_year_facet_newest_first_older_folded_one_chip_per_year(sample_index):
    client = create_app(str(sample_index)).test_client()
    html = client.get("/search", query_string={"q": "công an"}).get_data(as_text=True)
    years = re.findall(r"from=(\d{4})&amp;to=\1", html)
    assert len(years) >= 8 and years == sorted(years, reverse=True)  # newest first
    assert "<details" in html and "Các năm trước" in html  # the older ones folded
    html = client.get("/search", query_string={"q": "công an", "from": years[0], "to": years[0]}).get_data(as_text=True)
    assert html.count("chip-active") == 1 and f"Thời gian: {years[0]}" in html
    assert "thông cáo không rõ ngày" in html and "undated=1" in html
    api = client.get("/api/search", query_string={"q": "công an", "from": years[0], "to": years[0]}).get_json()
    assert api["undated_left_out"] > 0 and all(h["date"].startswith(years[0]) for h in api["hits"])
