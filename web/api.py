"""The JSON API: /api/search, /api/doc/<id>, /api/official/<name>, /api/agency/<name>, /api/media/<name>, /healthz.

Its errors (a bad parameter, no index, an unknown route, a wrong method)
are answered in JSON by the app's error handlers (``web.error_response``).
"""

from __future__ import annotations

from flask import Blueprint, current_app, jsonify, request

from searcher import IndexMissing
from searcher.storage import read_manifest

from . import get_engine
from .params import ENTITY_PAGE_LIMIT, run_entity, run_search, search_params

bp = Blueprint("api", __name__)


@bp.route("/api/search")
def api_search():
    p = search_params()
    res = run_search(get_engine(current_app), p)
    return jsonify(res.to_api())


@bp.route("/api/doc/<path:doc_id>")
def api_doc(doc_id: str):
    doc = get_engine(current_app).document(doc_id)
    if doc is None:
        return jsonify(error="not found", doc_id=doc_id[:200]), 404
    data = doc.to_dict()  # officials with their role (and other spellings), agencies with acronym and aliases
    twin = get_engine(current_app).translation(doc_id)
    data["translation"] = {"doc_id": twin.doc_id, "lang": twin.lang, "title": twin.title} if twin else None
    return jsonify(data)


@bp.route("/api/<any(official, agency, media):kind>/<path:name>")
def api_entity(kind: str, name: str):
    """An official's, agency's or news source's page as JSON (``EntityPage.to_dict``), with
    /api/search's parameters; 404 when no release names it at all."""
    p = search_params()
    limit = p["limit"] if request.args.get("limit", "").strip() else ENTITY_PAGE_LIMIT
    ent = run_entity(get_engine(current_app), kind, name, p, limit=limit)
    if not ent.named:
        return jsonify(error="not found", kind=kind, name=ent.name), 404
    return jsonify(ent.to_dict())


@bp.route("/healthz")
def healthz():
    index_dir = current_app.config["INDEX_DIR"]
    try:
        health = get_engine(current_app).health()
    except IndexMissing as exc:
        return jsonify(status="unavailable", index=False, detail=str(exc)), 503
    manifest = read_manifest(index_dir) or {}
    return jsonify(status="ok", index=True, last_reindex=manifest.get("last_reindex"), **health)
