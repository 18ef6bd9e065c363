"""The web UI and JSON API: a thin Flask layer over the Python core.

``create_app(index_dir)`` builds the app; ``searcher serve`` runs it under
waitress (``web.server``).  The engine is opened lazily and notices
reindexes by itself.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Iterable
from pathlib import Path
from urllib.parse import urlencode, urlsplit

from flask import Flask, Response, jsonify, make_response, render_template, request
from flask_compress import Compress
from werkzeug.exceptions import HTTPException

from searcher import IndexMissing, open_index
from searcher.storage import CURRENT

from .i18n import labels_for, ui_language
from .params import BadParameter, lanes

__all__ = ["SECURITY_HEADERS", "create_app", "get_engine"]

SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
}
_COMPRESSED = ["text/html", "text/css", "text/csv", "application/json", "application/javascript",
               "text/javascript", "image/svg+xml", "application/atom+xml", "application/rss+xml"]
JSON_PATHS = ("/api", "/healthz")  # these paths, and every path under them, answer errors in JSON
SERVER_ERROR_DETAIL = "the server could not answer this request"  # never the exception itself


def create_app(index_dir: str | Path = "index", test_config: dict | None = None) -> Flask:
    """The Flask app serving the index in ``index_dir``."""
    app = Flask(__name__)
    app.config.update(INDEX_DIR=str(index_dir), MAX_CONTENT_LENGTH=64 * 1024, JSON_AS_ASCII=False,
                      # Pages and JSON compressed for clients that ask (Flask-Compress: Brotli, then gzip);
                      # small answers are not worth it; static files are cached for a day.
                      COMPRESS_ALGORITHM=["br", "gzip"], COMPRESS_MIN_SIZE=500, COMPRESS_LEVEL=6,
                      COMPRESS_BR_LEVEL=4, COMPRESS_MIMETYPES=_COMPRESSED,
                      SEND_FILE_MAX_AGE_DEFAULT=24 * 3600)
    if test_config:
        app.config.update(test_config)
    app.json.ensure_ascii = False  # type: ignore[attr-defined]  # the default provider has it
    app.extensions["searcher_lock"] = threading.Lock()
    app.extensions["searcher_lanes"] = lanes()
    # Werkzeug answers "/doc//x" with a redirect to an absolute URL built from
    # the Host header, which a client chooses: "//" is matched as written.
    app.url_map.merge_slashes = False

    from . import api, feeds, views

    app.register_blueprint(views.bp)
    app.register_blueprint(api.bp)
    app.register_blueprint(feeds.bp)
    app.after_request(_finish)
    Compress(app)
    app.context_processor(_page_context)
    _register_error_handlers(app)
    return app


def _finish(response: Response) -> Response:
    """Every answer carries the security headers; a redirect the routing makes
    stays on this site whatever Host the request named."""
    for name, value in SECURITY_HEADERS.items():
        response.headers.setdefault(name, value)
    if response.location:
        response.location = same_site(response.location)
    return response


def same_site(location: str) -> str:
    """``location`` as a path on this site: without its scheme and host, and
    never one a browser would read as another host's (``//host``, ``/\\host``)."""
    parts = urlsplit(location)
    if not (parts.scheme or parts.netloc or location.startswith(("/", "\\"))):
        return location  # a relative path ("page2", "?q=x") cannot leave the site
    path = "/" + parts.path.lstrip("/\\")
    return path + ("?" + parts.query if parts.query else "")


def _page_context() -> dict:
    """The interface labels, and the link to the other language: the same
    page with ``ui`` changed, as a query-only link, so that it can never
    point off the site whatever path was requested."""
    lang = ui_language()
    labels = labels_for(lang)
    args = request.args.to_dict()
    args["ui"] = labels["switch_to"]
    return {"ui": lang, "t": labels, "switch_url": "?" + urlencode(args)}


def wants_json() -> bool:
    """Whether the request's errors are answered in JSON: the API's and the
    health check's paths, routed or not; every other path gets the HTML page."""
    path = request.path
    return any(path == p or path.startswith(p + "/") for p in JSON_PATHS)


def error_response(code: int, error: str, detail: str, headers: Iterable[tuple[str, str]] = ()) -> Response:
    """An error answer: ``{"error", "detail"}`` under the JSON paths, the
    error page elsewhere."""
    if wants_json():
        response = jsonify(error=error, detail=detail)
    else:
        response = make_response(render_template("error.html", code=code, message=detail))
    response.status_code = code
    response.headers.extend(headers)
    return response


def _register_error_handlers(app: Flask) -> None:
    """Every error gets an answer of the request's kind (JSON or HTML); a
    500 says nothing of its cause."""

    @app.errorhandler(HTTPException)
    def _http_error(err: HTTPException) -> Response:
        code = err.code or 500
        if code == 500:  # the page says "an error occurred"; the API, as little
            return error_response(500, "internal server error", SERVER_ERROR_DETAIL if wants_json() else "")
        extra = [(k, v) for k, v in err.get_headers() if k.lower() != "content-type"]  # 405's Allow
        return error_response(code, (err.name or "error").lower(), err.description or "", extra)

    @app.errorhandler(BadParameter)
    def _bad_parameter(err: BadParameter) -> Response:
        return error_response(400, "bad parameter", str(err))

    @app.errorhandler(IndexMissing)
    def _no_index(err: IndexMissing) -> Response:
        return error_response(503, "index unavailable", str(err))


def get_engine(app: Flask):
    """The app's engine, opened on first use (raises IndexMissing)."""
    engine = app.extensions.get("searcher_engine")
    if engine is None:
        with app.extensions["searcher_lock"]:
            engine = app.extensions.get("searcher_engine")
            if engine is None:
                engine = _open_engine(app)
    return engine


RETRY_OPEN = 1.0  # seconds an index that failed to open is answered from that failure


def _pointer_state(index_dir: str) -> tuple[int, int, int] | None:
    """``CURRENT``'s identity: a repair (a new ``CURRENT``) is tried at once."""
    try:
        st = os.stat(os.path.join(index_dir, CURRENT))
    except OSError:
        return None
    return (st.st_ino, st.st_mtime_ns, st.st_size)


def _open_engine(app: Flask):
    """Open the engine (the caller holds the app's lock).  A failure is
    answered again for ``RETRY_OPEN`` seconds without another attempt: a
    damaged index checked on every request of a busy server would cost
    every request the check."""
    pointer = _pointer_state(app.config["INDEX_DIR"])
    failed = app.extensions.get("searcher_failure")
    if failed is not None and failed[1] == pointer and time.monotonic() - failed[0] < RETRY_OPEN:
        raise failed[2]
    try:
        engine = open_index(app.config["INDEX_DIR"], warm=app.config.get("WARM", False))
    except IndexMissing as exc:
        app.extensions["searcher_failure"] = (time.monotonic(), pointer, exc)
        raise
    app.extensions.pop("searcher_failure", None)
    app.extensions["searcher_engine"] = engine
    return engine
