"""Watching and exporting a search: an Atom feed of its newest releases,
the whole matched set as CSV or JSON (streamed), completions as one types.

The feed and the exports take the search's own parameters (``params``),
so every results page links to the same query and filters in each form.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from datetime import UTC, datetime
from xml.etree import ElementTree as ET

from flask import Blueprint, Response, current_app, jsonify, request, stream_with_context, url_for

from searcher.completion import MAX_COMPLETIONS
from searcher.results import Hit, Matches
from searcher.search import EXPORT_LIMIT
from searcher.storage import read_manifest

from . import get_engine
from .params import BadParameter, engine_kwargs, run_guarded, search_params, url_args

bp = Blueprint("feeds", __name__)

FEED_ENTRIES = 50  # newest releases a feed lists
ATOM = "http://www.w3.org/2005/Atom"
EXPORT_FORMATS = ("csv", "json")
CSV_COLUMNS = ("doc_id", "lang", "date", "date_inferred", "title", "officials", "agencies", "media",
               "translation", "url")


def _matches(p: dict, limit: int, sort: str | None = None) -> Matches:
    """The search's whole matched set (up to ``limit``) for its parameters."""
    kwargs = engine_kwargs(p)
    for key in ("page", "facets"):
        kwargs.pop(key)
    kwargs.update(limit=limit, sort=sort or p["sort"])
    engine = get_engine(current_app)
    return run_guarded(p["q"], lambda: engine.matches(p["q"], **kwargs))


@bp.route("/feed")
def feed() -> Response:
    """An Atom feed of the search: its ``FEED_ENTRIES`` newest releases."""
    p = search_params()
    found = _matches(p, FEED_ENTRIES, sort="date")
    hits = list(found.hits)
    updated = _feed_updated(hits)
    ET.register_namespace("", ATOM)
    root = ET.Element(f"{{{ATOM}}}feed")
    page_url = url_for("ui.search", _external=True, **url_args(p))
    self_url = url_for("feeds.feed", _external=True, **url_args(p))
    _sub(root, "id", self_url)
    _sub(root, "title", f"{p['q'] or 'Releases'} · Press release search")
    _sub(root, "updated", updated)
    _sub(root, "link", href=self_url, rel="self", type="application/atom+xml")
    _sub(root, "link", href=page_url, rel="alternate", type="text/html")
    author = _sub(root, "author")
    _sub(author, "name", request.host)
    for hit in hits:
        _entry(root, hit, updated)
    body = ET.tostring(root, encoding="unicode", xml_declaration=True)
    return Response(body, mimetype="application/atom+xml")


def _entry(root: ET.Element, hit: Hit, fallback: str) -> None:
    entry = _sub(root, "entry")
    link = url_for("ui.document", doc_id=hit.doc_id, _external=True)
    _sub(entry, "id", link)
    title = _sub(entry, "title", hit.title or hit.doc_id)
    title.set("{http://www.w3.org/XML/1998/namespace}lang", hit.lang)
    _sub(entry, "updated", _timestamp(hit.date) or fallback)
    if hit.date:
        _sub(entry, "published", _timestamp(hit.date))
    _sub(entry, "link", href=link, rel="alternate", type="text/html")
    names = [*hit.officials, *hit.agencies]
    if names:
        _sub(entry, "summary", "; ".join(names))
    for name in hit.officials:
        _sub(entry, "category", term=name, label=name, scheme="official")
    for name in hit.agencies:
        _sub(entry, "category", term=name, label=name, scheme="agency")


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    el = ET.SubElement(parent, f"{{{ATOM}}}{tag}", attrs)
    if text is not None:
        el.text = text
    return el


def _timestamp(date: str | None) -> str:
    """A release date (YYYY, YYYY-MM or YYYY-MM-DD) as an Atom date."""
    if not date:
        return ""
    parts = (date.split("-") + ["01", "01"])[:3]
    return f"{parts[0]}-{parts[1]:0>2}-{parts[2]:0>2}T00:00:00Z"


def _feed_updated(hits: list[Hit]) -> str:
    """The newest release's date; else when the index was last rebuilt."""
    dated = [_timestamp(h.date) for h in hits if h.date]
    if dated:
        return max(dated)
    manifest = read_manifest(current_app.config["INDEX_DIR"]) or {}
    stamp = manifest.get("last_reindex")
    if isinstance(stamp, str) and stamp:
        return stamp
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


@bp.route("/api/export")
def export() -> Response:
    """The whole matched set (up to ``EXPORT_LIMIT``) as CSV or JSON,
    streamed, in the search's order; ``X-Total-Count`` says how many
    matched, ``X-Export-Count`` how many are listed."""
    fmt = request.args.get("format", "csv").strip().lower()
    if fmt not in EXPORT_FORMATS:
        raise BadParameter(f"format must be one of {', '.join(EXPORT_FORMATS)} (got {fmt[:40]!r})")
    p = search_params()
    found = _matches(p, EXPORT_LIMIT)
    shown = min(found.total, EXPORT_LIMIT)
    rows = _csv_rows(found.hits) if fmt == "csv" else _json_chunks(found, shown)
    name = "releases." + fmt
    mimetype = "text/csv" if fmt == "csv" else "application/json"
    response = Response(stream_with_context(rows), mimetype=mimetype)
    response.headers["Content-Disposition"] = f'attachment; filename="{name}"'
    response.headers["X-Total-Count"] = str(found.total)
    response.headers["X-Export-Count"] = str(shown)
    return response


def _doc_url(doc_id: str) -> str:
    return url_for("ui.document", doc_id=doc_id, _external=True)


def _csv_rows(hits: Iterator[Hit]) -> Iterator[str]:
    """A header row, then a row per release; a byte-order mark first, so a
    spreadsheet reads the diacritics as UTF-8."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(CSV_COLUMNS)
    yield "\ufeff" + _drain(buffer)
    for hit in hits:
        writer.writerow([hit.doc_id, hit.lang, hit.date or "", int(hit.date_inferred), _cell(hit.title),
                         "; ".join(hit.officials), "; ".join(hit.agencies), "; ".join(hit.media),
                         hit.translation or "", _doc_url(hit.doc_id)])
        yield _drain(buffer)


def _cell(text: str) -> str:
    """A text cell a spreadsheet will not run as a formula."""
    return "'" + text if text[:1] in ("=", "+", "-", "@") else text


def _drain(buffer: io.StringIO) -> str:
    out = buffer.getvalue()
    buffer.seek(0)
    buffer.truncate()
    return out


def _json_chunks(found: Matches, shown: int) -> Iterator[str]:
    head = {"query": found.query, "total": found.total, "exported": shown, "limit": EXPORT_LIMIT}
    yield json.dumps(head, ensure_ascii=False)[:-1] + ', "releases": ['
    for n, hit in enumerate(found.hits):
        row = {k: v for k, v in hit.to_dict().items() if k not in ("score", "snippet")}
        row["url"] = _doc_url(hit.doc_id)
        yield ("," if n else "") + json.dumps(row, ensure_ascii=False)
    yield "]}"


@bp.route("/api/suggest")
def suggest() -> Response:
    """Completions of ``q``: officials, agencies, news sources and frequent
    phrases, with their diacritics (``searcher.completion``)."""
    q = request.args.get("q", "").replace("\x00", " ")[:200]
    raw = request.args.get("limit", "").strip() or "8"
    if not raw.isdigit() or not 1 <= int(raw) <= MAX_COMPLETIONS:
        raise BadParameter(f"limit must be a whole number from 1 to {MAX_COMPLETIONS} (got {raw[:40]!r})")
    found = get_engine(current_app).complete(q, int(raw))
    return jsonify(query=q, suggestions=[c.to_dict() for c in found])
