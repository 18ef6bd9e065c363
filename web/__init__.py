"""The web UI and JSON API: a thin Flask layer over the Python core.

``create_app(index_dir)`` builds the app; ``searcher serve`` runs it under
waitress.  The engine is opened lazily and notices reindexes by itself.
"""

from __future__ import annotations

import threading
from pathlib import Path
from urllib.parse import urlencode

from flask import Flask, render_template, request

from searcher import IndexMissing, open_index

from .i18n import labels_for, ui_language
from .params import BadParameter

__all__ = ["create_app", "get_engine"]

SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
}


def create_app(index_dir: str | Path = "index", test_config: dict | None = None) -> Flask:
    """The Flask app serving the index in ``index_dir``."""
    app = Flask(__name__)
    app.config.update(INDEX_DIR=str(index_dir), MAX_CONTENT_LENGTH=64 * 1024, JSON_AS_ASCII=False)
    if test_config:
        app.config.update(test_config)
    app.json.ensure_ascii = False  # type: ignore[attr-defined]  # the default provider has it
    app.extensions["searcher_lock"] = threading.Lock()

    from . import api, views

    app.register_blueprint(views.bp)
    app.register_blueprint(api.bp)

    @app.after_request
    def _headers(response):
        for name, value in SECURITY_HEADERS.items():
            response.headers.setdefault(name, value)
        return response

    @app.context_processor
    def _labels():
        lang = ui_language()
        labels = labels_for(lang)
        args = request.args.to_dict()
        args["ui"] = labels["switch_to"]
        return {"ui": lang, "t": labels, "switch_url": request.path + "?" + urlencode(args)}

    def _error_page(code: int, message: str):
        return render_template("error.html", code=code, message=message), code

    @app.errorhandler(404)
    def _not_found(err):
        return _error_page(404, getattr(err, "description", "") or "")

    @app.errorhandler(400)
    def _bad_request(err):
        return _error_page(400, getattr(err, "description", "") or "")

    @app.errorhandler(BadParameter)
    def _bad_parameter(err):
        return _error_page(400, str(err))

    @app.errorhandler(IndexMissing)
    def _no_index(err):
        return _error_page(503, str(err))

    @app.errorhandler(500)
    def _server_error(err):
        return _error_page(500, "")

    return app


def get_engine(app: Flask):
    """The app's engine, opened on first use (raises IndexMissing)."""
    engine = app.extensions.get("searcher_engine")
    if engine is None:
        with app.extensions["searcher_lock"]:
            engine = app.extensions.get("searcher_engine")
            if engine is None:
                engine = open_index(app.config["INDEX_DIR"])
                app.extensions["searcher_engine"] = engine
    return engine
