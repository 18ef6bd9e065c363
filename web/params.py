"""Reading search parameters from a request: cleaned, bounded, never raising."""

from __future__ import annotations

import re

from flask import request

from searcher.search import MAX_LIMIT, MAX_PAGE, MAX_QUERY_CHARS

FILTER_KEYS = ("lang", "from", "to", "official", "agency")
_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


def _text(name: str, limit: int = 300) -> str:
    value = request.args.get(name, "")
    return value.replace("\x00", " ").strip()[:limit]


def _int(name: str, default: int, low: int, high: int) -> int:
    try:
        value = int(request.args.get(name, default))
    except (TypeError, ValueError):
        return default
    return max(low, min(value, high))


def search_params() -> dict:
    """The search parameters of the current request, as the UI uses them."""
    lang = request.args.get("lang", "")
    date_from, date_to = _text("from", 10), _text("to", 10)
    return {
        "q": _text("q", MAX_QUERY_CHARS),
        "page": _int("page", 1, 1, MAX_PAGE),
        "limit": _int("limit", 10, 1, MAX_LIMIT),
        "lang": lang if lang in ("vi", "en") else "",
        "from": date_from if _DATE.match(date_from) else "",
        "to": date_to if _DATE.match(date_to) else "",
        "official": _text("official"),
        "agency": _text("agency"),
        "sort": "date" if request.args.get("sort") == "date" else "relevance",
    }


def engine_kwargs(p: dict) -> dict:
    """The same parameters as keyword arguments of ``Engine.search``."""
    return {
        "limit": p["limit"], "page": p["page"], "lang": p["lang"] or None,
        "date_from": p["from"] or None, "date_to": p["to"] or None,
        "official": p["official"] or None, "agency": p["agency"] or None,
        "sort": p["sort"], "facets": True,
    }


def url_args(p: dict, **changes) -> dict:
    """Non-empty parameters for url_for, with ``changes`` applied; a changed
    filter sends the user back to page 1."""
    out = {k: v for k, v in p.items() if v and k != "limit" and not (k == "page" and v == 1)
           and not (k == "sort" and v == "relevance")}
    if any(k != "page" for k in changes):
        out.pop("page", None)
    for k, v in changes.items():
        if v in (None, "", 1 if k == "page" else None) or (k == "sort" and v == "relevance"):
            out.pop(k, None)
        else:
            out[k] = v
    return out
