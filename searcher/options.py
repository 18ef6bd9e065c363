"""Search parameters, checked once for every way in.

The Python API, the CLI and the web app all pass what the user gave through
:func:`search_options`: a bad value is a ``ValueError`` that names the
parameter and the accepted form (the CLI turns it into a usage error, the
web into a 400), never a filter silently dropped.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TypeAlias

__all__ = ["InvalidParameter", "SearchOptions", "search_options", "parse_lang", "parse_langs", "parse_sort",
           "date_bound", "Choice", "MAX_LIMIT", "MAX_PAGE", "MAX_VALUES", "LANGS", "SORTS"]

MAX_PAGE = 1000
MAX_LIMIT = 100
MAX_VALUES = 10  # values one filter may take at once (a facet's choices)
LANGS = ("vi", "en")
SORTS = ("relevance", "date")
_DATE = re.compile(r"([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?")


Choice: TypeAlias = str | Sequence[str] | None  # a filter's value, or several (any of them)


class InvalidParameter(ValueError):
    """A search parameter with a value the search cannot use; the message
    names the parameter and the accepted form."""


@dataclass(frozen=True)
class SearchOptions:
    """Checked search parameters; dates as inclusive ISO bounds."""

    limit: int = 10
    page: int = 1
    lang: tuple[str, ...] = ()  # several: any of them
    date_from: str | None = None  # YYYY-MM-DD, first day of what was typed
    date_to: str | None = None    # YYYY-MM-DD, last day of what was typed
    official: tuple[str, ...] = ()  # several: a release naming any of them
    agency: tuple[str, ...] = ()
    sort: str = "relevance"
    include_undated: bool = False
    media: tuple[str, ...] = ()  # outlets the releases cite or name ("Reuters")

    @property
    def dated(self) -> bool:
        """Whether a date range filters the releases."""
        return bool(self.date_from or self.date_to)


def _choice(value: object, name: str, accepted: tuple[str, ...]) -> str | None:
    if value is None or value == "":
        return None
    if isinstance(value, str) and value.strip().lower() in accepted:
        return value.strip().lower()
    raise InvalidParameter(f"{name} must be one of {', '.join(accepted)} (got {value!r})")


def parse_lang(value: object, name: str = "lang") -> str | None:
    """'vi', 'en' or None (no language filter); any case."""
    return _choice(value, name, LANGS)


def parse_sort(value: object) -> str:
    """'relevance' (the default) or 'date'; any case."""
    return _choice(value, "sort", SORTS) or "relevance"


def _whole(value: object, name: str, low: int, high: int) -> int:
    """A whole number in [low, high]; digit strings are accepted (web forms)."""
    if isinstance(value, bool) or not isinstance(value, (int, str)):
        raise InvalidParameter(f"{name} must be a whole number from {low} to {high} (got {value!r})")
    if isinstance(value, str):
        if not (value.strip().isascii() and value.strip().isdigit()):
            raise InvalidParameter(f"{name} must be a whole number from {low} to {high} (got {value!r})")
        value = int(value.strip())
    if not low <= value <= high:
        raise InvalidParameter(f"{name} must be a whole number from {low} to {high} (got {value})")
    return value


def date_bound(value: object, name: str, end: bool = False) -> str | None:
    """An inclusive ISO bound for YYYY, YYYY-MM or YYYY-MM-DD (a date that
    exists); a year or month widens to its first or last day."""
    if value is None or value == "":
        return None
    text = value.strip() if isinstance(value, str) else ""
    m = _DATE.fullmatch(text)
    problem = f"{name} must be a date written YYYY, YYYY-MM or YYYY-MM-DD (got {value!r})"
    if not m:
        raise InvalidParameter(problem)
    year, month, day = int(m.group(1)), m.group(2), m.group(3)
    if year < 1000:
        raise InvalidParameter(problem + ": no such year")
    try:
        if day is not None:
            return dt.date(year, int(month), int(day)).isoformat()
        if month is not None:
            last = calendar.monthrange(year, int(month))[1]
            return dt.date(year, int(month), last if end else 1).isoformat()
    except ValueError:
        raise InvalidParameter(problem + ": no such date") from None
    return dt.date(year, 12, 31).isoformat() if end else dt.date(year, 1, 1).isoformat()


def _values(value: object, name: str) -> tuple[object, ...]:
    """One value or a list of them (a facet's several choices), at most ``MAX_VALUES``."""
    if value is None:
        return ()
    values = tuple(value) if isinstance(value, (list, tuple)) else (value,)
    if len(values) > MAX_VALUES:
        raise InvalidParameter(f"{name} takes at most {MAX_VALUES} values (got {len(values)})")
    return values


def _names(value: object, name: str) -> tuple[str, ...]:
    """Names as given (trimmed, each once); empty ones dropped."""
    out: dict[str, None] = {}
    for v in _values(value, name):
        if not isinstance(v, str):
            raise InvalidParameter(f"{name} must be text or a list of texts (got {value!r})")
        v = v.replace("\x00", " ").strip()[:300]
        if v:
            out[v] = None
    return tuple(out)


def parse_langs(value: object) -> tuple[str, ...]:
    """Languages to keep ('vi', 'en'; several: any of them)."""
    return tuple(dict.fromkeys(x for x in (parse_lang(v) for v in _values(value, "lang")) if x))


def search_options(limit: object = 10, page: object = 1, lang: object = None,
                   date_from: object = None, date_to: object = None,
                   official: object = None, agency: object = None,
                   sort: object = "relevance", include_undated: object = False,
                   media: object = None) -> SearchOptions:
    """Check every parameter; raises InvalidParameter (a ValueError) naming
    the first bad one."""
    opts = SearchOptions(
        limit=_whole(limit, "limit", 1, MAX_LIMIT), page=_whole(page, "page", 1, MAX_PAGE),
        lang=parse_langs(lang), date_from=date_bound(date_from, "date_from"),
        date_to=date_bound(date_to, "date_to", end=True),
        official=_names(official, "official"), agency=_names(agency, "agency"),
        sort=parse_sort(sort), include_undated=bool(include_undated), media=_names(media, "media"),
    )
    if opts.date_from and opts.date_to and opts.date_from > opts.date_to:
        raise InvalidParameter(f"date_from ({date_from}) is after date_to ({date_to})")
    return opts
