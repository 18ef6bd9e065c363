"""The HTML pages: home, results, one release."""

from __future__ import annotations

from flask import Blueprint, abort, current_app, make_response, render_template, request

from . import get_engine
from .i18n import ui_language
from .params import FILTER_KEYS, engine_kwargs, search_params, url_args

bp = Blueprint("ui", __name__)


def _remember_ui(response):
    if request.args.get("ui") in ("vi", "en"):
        response.set_cookie("ui", ui_language(), max_age=365 * 24 * 3600, samesite="Lax")
    return response


@bp.route("/")
def home():
    return _remember_ui(make_response(render_template("index.html", p=search_params())))


@bp.route("/search")
def search():
    p = search_params()
    engine = get_engine(current_app)
    if not p["q"] and not any(p[k] for k in FILTER_KEYS):
        return _remember_ui(make_response(render_template("index.html", p=p)))
    res = engine.search(p["q"], **engine_kwargs(p))
    active = [(k, p[k]) for k in FILTER_KEYS if p[k]]
    page = render_template("search.html", p=p, res=res, active=active, url_args=url_args)
    return _remember_ui(make_response(page))


@bp.route("/doc/<path:doc_id>")
def document(doc_id: str):
    engine = get_engine(current_app)
    doc = engine.document(doc_id)
    if doc is None:
        abort(404, f"No release with id “{doc_id[:200]}”.")
    p = search_params()
    paragraphs = [engine.highlight(par, doc.lang, p["q"]) for par in doc.text.split("\n") if par.strip()]
    title = engine.highlight(doc.title, doc.lang, p["q"])
    return render_template("doc.html", doc=doc, p=p, title_html=title, paragraphs=paragraphs,
                           url_args=url_args)
