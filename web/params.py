"""Reading search parameters from a request, checked by ``searcher.options``.

A bad value raises ``BadParameter`` naming the URL parameter and the
accepted form; the pages answer it with a 400 page, the API with a JSON 400.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TypeVar

from flask import current_app, request
from werkzeug.exceptions import TooManyRequests

from searcher.entity_pages import DEFAULT_LIMIT, EntityPage
from searcher.options import InvalidParameter, search_options
from searcher.querytypes import MAX_QUERY_CHARS, query_cost

FILTER_KEYS = ("lang", "from", "to", "official", "agency", "media")
MULTI_KEYS = ("lang", "official", "agency", "media")  # several values: any of them
# The Python API's parameter names as the URL spells them.
_URL_NAMES = {"date_from": "from", "date_to": "to", "include_undated": "undated"}
_TRUE = ("1", "true", "on", "yes")
_FALSE = ("", "0", "false", "off", "no")
T = TypeVar("T")


class BadParameter(ValueError):
    """A URL parameter with a value the search cannot use."""


def _text(name: str, limit: int = 300) -> str:
    value = request.args.get(name, "")
    return value.replace("\x00", " ").strip()[:limit]


def _flag(name: str) -> bool:
    value = request.args.get(name, "").strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise BadParameter(f"{name} must be 1 or 0 (got {value!r})")


def _texts(name: str, limit: int = 300) -> list[str]:
    """Every value of a parameter given several times (a facet's choices)."""
    return [v.replace("\x00", " ").strip()[:limit] for v in request.args.getlist(name)]


def search_params() -> dict:
    """The search parameters of the current request, checked (raises
    ``BadParameter``); empty strings where a parameter is not given, and
    lists for the filters that take several values (``MULTI_KEYS``)."""
    q = _text("q", MAX_QUERY_CHARS)
    date_from, date_to = _text("from", 40), _text("to", 40)
    try:
        opts = search_options(limit=_text("limit", 40) or 10, page=_text("page", 40) or 1,
                              lang=_texts("lang", 40), date_from=date_from, date_to=date_to,
                              official=_texts("official"), agency=_texts("agency"),
                              sort=_text("sort", 40) or "relevance", include_undated=_flag("undated"),
                              media=_texts("media"))
    except InvalidParameter as exc:
        message = str(exc)
        for api, url in _URL_NAMES.items():
            message = message.replace(api, url)
        raise BadParameter(message) from None
    return {
        "q": q, "page": opts.page, "limit": opts.limit, "lang": list(opts.lang),
        "from": date_from, "to": date_to, "official": list(opts.official), "agency": list(opts.agency),
        "sort": opts.sort, "undated": "1" if opts.include_undated else "", "media": list(opts.media),
    }


def engine_kwargs(p: dict) -> dict:
    """The same parameters as keyword arguments of ``Engine.search``."""
    return {
        "limit": p["limit"], "page": p["page"], "lang": p["lang"] or None,
        "date_from": p["from"] or None, "date_to": p["to"] or None,
        "official": p["official"] or None, "agency": p["agency"] or None,
        "sort": p["sort"], "facets": True, "include_undated": bool(p["undated"]),
        "media": p["media"] or None,
    }


@dataclass
class Lane:
    """Turns for one cost class of query: ``slots`` run at once, a query
    waits ``wait`` seconds at most for its turn (then 429), and the turn
    rests ``rest`` times as long as the query ran before the next one."""

    slots: int
    wait: float
    rest: float
    queue: int = 2  # queries waiting at most; more are refused at once
    gate: threading.BoundedSemaphore = field(init=False)
    waiting: int = field(init=False, default=0)
    lock: threading.Lock = field(init=False, default_factory=threading.Lock)

    def __post_init__(self) -> None:
        self.gate = threading.BoundedSemaphore(self.slots)

    def enter(self, wait: float) -> bool:
        """Take a turn, waiting ``wait`` seconds at most; False when the
        line is already full or the turn did not come (each waiter holds a
        server thread: a long line would starve the short queries)."""
        if self.gate.acquire(blocking=False):
            return True
        with self.lock:
            if self.waiting >= self.queue:
                return False
            self.waiting += 1
        try:
            return self.gate.acquire(timeout=wait)
        finally:
            with self.lock:
                self.waiting -= 1


def lanes() -> dict[str, Lane]:
    """The app's lanes (made with the app), by ``query_cost``.  Python's GIL
    gives all threads of a process one core: without turns, four pasted
    paragraphs would take four fifths of it.  Long queries run one at a time
    and get at most a third of the time; the others run at once (a lane for
    titles and questions too was tried: it made them wait in line for
    seconds and did not speed up short ones)."""
    return {"long": Lane(1, 5.0, 2.0)}


@contextmanager
def turn(q: str) -> Iterator[None]:
    """Run a search in its lane (none for a short query); raises 429 with
    Retry-After when its turn does not come in time."""
    lane = current_app.extensions["searcher_lanes"].get(query_cost(q))
    if lane is None:
        yield
        return
    wait = current_app.config.get("LANE_WAIT", lane.wait)
    if not lane.enter(wait):
        raise TooManyRequests("Other long queries are running; try again in a few seconds, "
                              "or with fewer words.", retry_after=2)
    started = time.monotonic()
    try:
        yield
    finally:
        time.sleep(min(lane.rest * (time.monotonic() - started), wait / 2))
        lane.gate.release()


def run_search(engine, p: dict, **changes):
    """``engine.search`` with the request's parameters (``changes`` applied);
    a value the engine refuses (``lang:fr`` in the query) is a BadParameter."""
    return run_guarded(p["q"], lambda: engine.search(p["q"], **{**engine_kwargs(p), **changes}))


def run_guarded(q: str, call: Callable[[], T]) -> T:
    """``call`` (an engine call for query ``q``) in the query's lane; a
    value the engine refuses is a BadParameter, named as the URL names it."""
    try:
        with turn(q):
            return call()
    except InvalidParameter as exc:
        raise BadParameter(str(exc).replace("date_from", "from").replace("date_to", "to")) from None


def url_args(p: dict, **changes) -> dict:
    """Non-empty parameters for url_for, with ``changes`` applied; a changed
    filter sends the user back to page 1."""
    out = {k: v for k, v in p.items() if v and k != "limit" and not (k == "page" and v == 1)
           and not (k == "sort" and v == "relevance")}
    if any(k != "page" for k in changes):
        out.pop("page", None)
    for k, v in changes.items():
        if v is None or v == "" or v == [] or (k == "page" and v == 1) or (k == "sort" and v == "relevance"):
            out.pop(k, None)
        else:
            out[k] = v
    return out


ENTITY_PAGE_LIMIT = DEFAULT_LIMIT  # releases per entity page when the request does not say


def run_entity(engine, kind: str, name: str, p: dict, limit: int = ENTITY_PAGE_LIMIT) -> EntityPage:
    """``engine.entity`` with the request's parameters (its sort aside: an
    entity's releases are listed newest first); a value the core refuses
    is a BadParameter, named as the URL names it."""
    return run_guarded(p["q"], lambda: engine.entity(
        kind, name, page=p["page"], limit=limit, lang=p["lang"] or None, date_from=p["from"] or None,
        date_to=p["to"] or None, official=p["official"] or None, agency=p["agency"] or None,
        query=p["q"] or None, include_undated=bool(p["undated"]), media=p["media"] or None))
