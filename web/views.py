"""The HTML pages: home, results, one release, an official's or agency's page."""

from __future__ import annotations

import re
from datetime import date, timedelta
from urllib.parse import urlsplit

from flask import Blueprint, abort, current_app, make_response, render_template, request, send_from_directory

from searcher.entity_pages import RELATED_KINDS
from searcher.options import MAX_PAGE

from . import get_engine
from .charts import year_bars
from .i18n import labels_for, ui_language
from .params import FILTER_KEYS, MULTI_KEYS, run_entity, run_search, search_params, url_args

bp = Blueprint("ui", __name__)

LINK_SCHEMES = ("http", "https")
_ENDS = "".join(map(chr, range(0x21)))  # C0 controls and space: browsers strip them from a URL's ends
_INSIDE = re.compile(r"[\t\n\r]")  # and drop these anywhere in it
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


@bp.app_template_filter("link_href")
def link_href(url: str) -> str:
    """The href a release's ``url`` may be given: an http(s) URL naming a
    host, read as a browser reads it (ends stripped, tabs and newlines
    dropped, scheme in any case); "" for anything else (``javascript:``,
    ``data:``, ``//host``, a path), which the page shows as text instead,
    since a release's fields come from files anyone may have written."""
    cleaned = _INSIDE.sub("", url.strip(_ENDS))
    if _CONTROL.search(cleaned):
        return ""
    try:
        parts = urlsplit(cleaned)
    except ValueError:  # an unclosed "[" in the host
        return ""
    return cleaned if parts.scheme.lower() in LINK_SCHEMES and parts.hostname else ""


def _remember_ui(response):
    if request.args.get("ui") in ("vi", "en"):
        response.set_cookie("ui", ui_language(), max_age=365 * 24 * 3600, samesite="Lax")
    return response


@bp.route("/favicon.ico")
def favicon():
    """Browsers ask for /favicon.ico before reading a page's icon link."""
    return send_from_directory(current_app.static_folder or "static", "favicon.svg", mimetype="image/svg+xml",
                               max_age=24 * 3600)


@bp.route("/")
def home():
    return _remember_ui(make_response(render_template("index.html", p=search_params())))


@bp.route("/search")
def search():
    p = search_params()
    engine = get_engine(current_app)
    if not p["q"] and not any(p[k] for k in FILTER_KEYS):
        return _remember_ui(make_response(render_template("index.html", p=p)))
    res = run_search(engine, p)
    _facets_beside_choices(engine, p, res)
    t = labels_for(ui_language())
    years = res.facets.get("year", [])
    chart = year_bars(years, t["per_year_matched"]) if len(years) > 1 else None
    page = render_template("search.html", p=p, res=res, active=_active_filters(p), url_args=url_args,
                           years=_year_facet(p, years), chart=chart, presets=date_presets(date.today()),
                           clear_all=_cleared(p), last_page=min(res.pages, MAX_PAGE), shown_first=SHOWN_FIRST)
    return _remember_ui(make_response(page))


SHOWN_FIRST = 5  # values of a facet shown before "show more"


def _facets_beside_choices(engine, p: dict, res) -> None:
    """A facet with values chosen counts its values as if none were: the
    other languages, officials or years stay offered, to add (any of them)
    or switch to, each with what it would add.  One more search per facet
    in use (without snippets); in place."""
    for facet, params in (*((k, (k,)) for k in MULTI_KEYS), ("year", ("from", "to"))):
        if not any(p[k] for k in params):
            continue
        wider = run_search(engine, {**p, **{k: ([] if k in MULTI_KEYS else "") for k in params}}, limit=1, page=1,
                           snippets=False)
        res.facets[facet] = wider.facets.get(facet, [])


def date_presets(today: date) -> list[tuple[str, str]]:
    """(label key, first day) of the date presets: the past week, month and year."""
    return [(key, (today - timedelta(days=days)).isoformat())
            for key, days in (("past_week", 7), ("past_month", 30), ("past_year", 365))]


def _cleared(p: dict) -> dict:
    """The page with every filter removed: the words and the sort stay."""
    return {k: v for k, v in url_args(p).items() if k in ("q", "sort")}


def _active_filters(p: dict) -> list[tuple[str, str, dict]]:
    """(label key, shown value, parameters it clears) per filter value in
    force: a date range is one filter ("2019", "2019-03 – 2020"), not two."""
    out: list[tuple[str, str, dict]] = []
    for key in MULTI_KEYS:
        for value in p[key]:
            out.append((key, value, {key: [v for v in p[key] if v != value]}))
    if p["from"] or p["to"]:
        same = p["from"] == p["to"]
        shown = p["from"] if same else f"{p['from'] or '…'} – {p['to'] or '…'}"
        out.append(("dates", shown, {"from": None, "to": None, "undated": None}))
    return out


RECENT_YEARS = 6  # year facet entries shown before "older"


def _year_facet(p: dict, years: list) -> dict:
    """The year facet newest first: the recent years, and the older ones
    collapsed; a year is one choice (from and to both set to it)."""
    chosen = p["from"] if p["from"] and p["from"] == p["to"] else ""
    return {"recent": years[:RECENT_YEARS], "older": years[RECENT_YEARS:], "chosen": chosen}


@bp.route("/doc/<path:doc_id>")
def document(doc_id: str):
    engine = get_engine(current_app)
    doc = engine.document(doc_id)
    if doc is None:
        abort(404, f"No release with id “{doc_id[:200]}”.")
    p = search_params()
    terms = engine.query_terms(p["q"])
    paragraphs = [engine.highlight(par, doc.lang, terms, within=doc.text)
                  for par in doc.text.split("\n") if par.strip()]
    title = engine.highlight(doc.title, doc.lang, terms)
    return render_template("doc.html", doc=doc, p=p, title_html=title, paragraphs=paragraphs,
                           url_args=url_args, translation=engine.translation(doc_id))


@bp.route("/official/<path:name>")
def official(name: str):
    return _entity_page("official", name)


@bp.route("/agency/<path:name>")
def agency(name: str):
    return _entity_page("agency", name)


@bp.route("/media/<path:name>")
def media(name: str):
    return _entity_page("media", name)


def _entity_page(kind: str, name: str):
    """Every release naming an official, agency or news source, newest first, with the
    spellings, roles and other names seen for it (``searcher.entity_pages``);
    the request's other filters (language, dates, the other kind of entity,
    words) narrow it.  404 when no release names it at all."""
    p = search_params()
    ent = run_entity(get_engine(current_app), kind, name, p)
    if not ent.named:
        abort(404, f"No release names “{ent.name}”.")
    t = labels_for(ui_language())
    chart = year_bars(ent.per_year, t["per_year_chart"].format(name=ent.display_name), ent.undated_named,
                      t["no_date"])
    return render_template("entity.html", kind=kind, ent=ent, p=p, url_args=url_args, entity=name, chart=chart,
                           paged=_paged_kinds(), filters=[k for k in RELATED_KINDS if k in FILTER_KEYS])


def _paged_kinds() -> set[str]:
    """The kinds of entity (facet names) with a page of their own here, so a
    kind added to the facets (a media source) links only once it has one."""
    return {kind for kind in RELATED_KINDS if f"ui.{kind}" in current_app.view_functions}
