"""Faults an attacker found in the web layer, each pinned: links from a
release's url field, errors answered by route kind, waitress's own error
answers, the language-switch link on an error page, and slash redirects
built from the Host header."""

from __future__ import annotations

import contextlib
import html
import inspect
import json
import re
import socket
import threading
from urllib.parse import urljoin, urlsplit

import pytest
from conftest import small_index
from markupsafe import escape
from waitress import wasyncore

from web import SECURITY_HEADERS, create_app
from web.server import make_server, serve

# --- 1. a release's url is a link only when it is http(s) ------------------------

REFUSED_URLS = [
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    "\x01javascript:alert(1)",
    "\x00 javascript:alert(1)",
    "java\tscript:alert(1)",
    "java\nscript:alert(1)",
    "jav\rascript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "vbscript:msgbox(1)",
    "//evil.example/x",
    "\\\\evil.example/x",
    "https:evil.example",
    "http:///evil.example",
    "/local/path",
    "https://[::1",
    "ftp://files.example/x",
]
LINKED_URLS = {
    "https://mofa.gov.vn/tin?id=1&lang=vi": "https://mofa.gov.vn/tin?id=1&lang=vi",
    "HTTP://Example.COM/x": "HTTP://Example.COM/x",
    "ht\ttps://ok.example/a": "https://ok.example/a",
}


@pytest.fixture(scope="module")
def url_client(tmp_path_factory):
    """A real index of releases whose url fields are the ones above."""
    urls = REFUSED_URLS + list(LINKED_URLS)
    lines = [json.dumps({"id": f"u{n}", "lang": "en", "title": f"Release number {n}",
                         "body": "The ministry met the delegation.", "url": url})
             for n, url in enumerate(urls)]
    ix = small_index(tmp_path_factory.mktemp("urls"), {"urls.jsonl": "\n".join(lines) + "\n"})
    return create_app(str(ix), {"TESTING": True}).test_client()


def _hrefs(page: str) -> list[str]:
    return [html.unescape(h) for h in re.findall(r'href="([^"]*)"', page)]


@pytest.mark.parametrize("n", range(len(REFUSED_URLS)))
def test_release_url_that_is_not_http_is_text_not_a_link(url_client, n):
    url = REFUSED_URLS[n]
    page = url_client.get(f"/doc/u{n}").get_data(as_text=True)
    for href in _hrefs(page):
        squeezed = re.sub(r"[\x00-\x20]", "", href).lower()
        assert not squeezed.startswith(("javascript:", "vbscript:", "data:", "//", "\\\\", "ftp:")), href
        assert "evil.example" not in href and "alert" not in href and "msgbox" not in href
    shown = url.strip()[:80]  # the ingest strips the field's ends
    assert f'<span class="url">{escape(shown)}</span>' in page  # shown, not dropped


@pytest.mark.parametrize("url", list(LINKED_URLS))
def test_release_url_that_is_http_is_a_link(url_client, url):
    n = len(REFUSED_URLS) + list(LINKED_URLS).index(url)
    page = url_client.get(f"/doc/u{n}").get_data(as_text=True)
    assert f'<a href="{escape(LINKED_URLS[url])}" rel="noopener noreferrer nofollow">' in page


# --- 2. errors answered in the request's kind ------------------------------------


def _assert_security_headers(headers) -> None:
    for name, value in SECURITY_HEADERS.items():
        assert headers.get(name) == value, name


@pytest.mark.parametrize("path", ["/api/nope", "/api", "/api/", "/api/doc", "/healthz/x"])
def test_unknown_api_route_is_a_json_404(client, path):
    r = client.get(path)
    assert r.status_code == 404 and r.is_json, r.get_data(as_text=True)[:200]
    assert set(r.get_json()) == {"error", "detail"} and r.get_json()["error"] == "not found"
    _assert_security_headers(r.headers)


@pytest.mark.parametrize("path", ["/api/search", "/api/doc/x", "/api/official/x", "/healthz"])
def test_wrong_method_on_the_api_is_a_json_405(client, path):
    r = client.post(path)
    assert r.status_code == 405 and r.is_json
    assert r.get_json()["error"] == "method not allowed" and r.get_json()["detail"]
    assert "GET" in r.headers["Allow"]
    _assert_security_headers(r.headers)


def test_html_routes_keep_the_error_page(client):
    for r, code in ((client.get("/nope"), 404), (client.post("/search"), 405), (client.delete("/"), 405)):
        assert r.status_code == code and r.mimetype == "text/html"
        assert f"<h1>{code}</h1>" in r.get_data(as_text=True)
        _assert_security_headers(r.headers)
    assert "GET" in client.post("/search").headers["Allow"]


def test_server_error_answers_by_route_kind_and_leaks_nothing(seed_index):
    """A handler that fails (a test-only route: nothing in the app fails on
    demand) gets a 500 of the request's kind, naming neither the exception
    nor where it was raised."""
    app = create_app(str(seed_index))  # not TESTING: exceptions reach the 500 handler

    def boom():
        raise RuntimeError("secret-cause /srv/private/path")

    app.add_url_rule("/api/boom", "api_boom", boom)
    app.add_url_rule("/boom", "boom", boom)
    client = app.test_client()
    r = client.get("/api/boom")
    assert r.status_code == 500 and r.is_json
    assert r.get_json()["error"] == "internal server error" and r.get_json()["detail"]
    page = client.get("/boom")
    assert page.status_code == 500 and page.mimetype == "text/html" and "<h1>500</h1>" in page.get_data(as_text=True)
    for resp in (r, page):
        body = resp.get_data(as_text=True)
        assert "secret-cause" not in body and "Traceback" not in body and "/srv/private" not in body
        assert "RuntimeError" not in body and "File " not in body
        _assert_security_headers(resp.headers)


# --- 3. waitress's own error answers carry the security headers ------------------


@pytest.fixture
def live_port(app):
    """The app served by ``web.server`` on a free local port, stopped after."""
    server = make_server(app, "127.0.0.1", 0, 1)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    yield server.effective_port
    server.trigger.pull_trigger(lambda: wasyncore.close_all(server._map))  # closed by the loop's own thread
    thread.join(10)
    server.task_dispatcher.shutdown()
    assert not thread.is_alive()


def _raw(port: int, request: bytes) -> tuple[int, dict[str, str]]:
    """Send ``request`` as is (from a thread: waitress may answer and close
    before reading all of it) and read the status and headers of the answer."""
    with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
        def send() -> None:
            with contextlib.suppress(OSError):  # the server answered and closed first
                sock.sendall(request)

        sender = threading.Thread(target=send, daemon=True)
        sender.start()
        data = b""
        while b"\r\n\r\n" not in data:
            chunk = sock.recv(65536)
            if not chunk:
                break
            data += chunk
        sender.join(10)
    head = data.split(b"\r\n\r\n", 1)[0].decode("latin-1").split("\r\n")
    headers = dict(line.split(": ", 1) for line in head[1:])
    return int(head[0].split()[1]), headers


@pytest.mark.parametrize(("request_bytes", "status"), [
    (b"GET /search?q=" + b"a" * 2_000_000 + b" HTTP/1.1\r\nHost: x\r\n\r\n", 431),
    (b"GET / HTTP/1.1\r\nHost: x\r\nX-Big: " + b"a" * 1_000_000 + b"\r\n\r\n", 431),
    (b"GET / HTTP/1.1\r\nHost: x\r\nno colon here\r\n\r\n", 400),
], ids=["2MB-url", "1MB-header", "malformed-header"])
def test_waitress_error_answers_carry_the_security_headers(live_port, request_bytes, status):
    code, headers = _raw(live_port, request_bytes)
    assert code == status
    _assert_security_headers(headers)


def test_serve_takes_what_the_cli_passes():
    assert list(inspect.signature(serve).parameters) == ["make_app", "host", "port", "threads", "workers", "watcher"]


def test_the_served_app_answers_with_its_headers(live_port):
    code, headers = _raw(live_port, b"GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
    assert code == 200 and headers["Content-Type"].startswith("application/json")
    _assert_security_headers(headers)


# --- 4. the language-switch link never leaves the site ---------------------------

OFF_SITE_PATHS = ["/\\evil.example/x", "//evil.example/x", "/\\/evil.example", "///evil.example/x",
                  "/doc/\\evil.example", "/\t/evil.example"]  # as PATH_INFO, decoded


def _assert_links_stay_on_site(page: str, path: str) -> None:
    for href in _hrefs(page):
        assert not href.lstrip("\x00\t\n\r ").startswith(("//", "/\\", "\\")), href
        assert "evil.example" not in href, href
        assert urlsplit(urljoin("http://site.test" + path.replace("\\", "/"), href)).netloc == "site.test"


def test_switch_link_after_an_encoded_backslash_stays_on_the_site(client):
    r = client.get("/%5Cevil.example/x")
    assert r.status_code == 404
    page = r.get_data(as_text=True)
    assert 'class="switch" href="?ui=en"' in page
    _assert_links_stay_on_site(page, "/\\evil.example/x")


@pytest.mark.parametrize("path", OFF_SITE_PATHS)
def test_switch_link_on_an_error_page_stays_on_the_site(client, path):
    r = client.get("/", environ_overrides={"PATH_INFO": path}, query_string={"q": "x"})
    assert r.status_code == 404
    page = r.get_data(as_text=True)
    switch = re.search(r'<a class="switch" href="([^"]*)"', page)
    assert switch and html.unescape(switch.group(1)) == "?q=x&ui=en"
    _assert_links_stay_on_site(page, path)


def test_switch_link_keeps_the_query(client):
    page = client.get("/search", query_string={"q": "Lê Quốc Hùng", "ui": "en"}).get_data(as_text=True)
    assert re.search(r'class="switch" href="\?q=L%C3%AA\+Qu%E1%BB%91c\+H%C3%B9ng&amp;ui=vi"', page)


# --- 5. no redirect built from the Host header -----------------------------------

SLASH_PATHS = ["/doc//x", "/official//x", "/agency//x", "//search", "/api//search", "/api/doc//x",
               "/static//style.css", "//", "///evil.example", "/search/", ""]


@pytest.mark.parametrize("path", SLASH_PATHS)
def test_no_redirect_leaves_the_site_whatever_the_host(client, path):
    r = client.get("/", environ_overrides={"PATH_INFO": path}, headers={"Host": "evil.example"})
    location = r.headers.get("Location")
    if location is not None:
        assert r.status_code in (301, 302, 303, 307, 308)
        assert not urlsplit(location).netloc and not location.startswith(("//", "/\\", "\\")), location
        assert "evil.example" not in location
    _assert_security_headers(r.headers)


def test_double_slash_is_matched_as_written(client):
    r = client.get("/", environ_overrides={"PATH_INFO": "/doc//x"}, headers={"Host": "evil.example"})
    assert r.status_code == 404 and "Location" not in r.headers and "<h1>404</h1>" in r.get_data(as_text=True)
