"""An official's or agency's page: how the releases write it, and the releases.

The web page, the JSON API and ``searcher entity`` all show an entity through
:func:`entity_page`, so they agree; it uses only the engine's public search
and ``documents``.  What the page says about the entity (spellings, roles,
other names) is read from the newest releases naming it whatever the
request's filters and page, so the heading does not change from one page or
filter to the next.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any, Protocol

from . import gazetteer as gz
from .bilingual import gloss
from .entities.names import entity_key, loose_key
from .gazetteer import key as phrase_key
from .ingest import Release
from .options import InvalidParameter, search_options
from .results import Hit, SearchResults

__all__ = ["EntityPage", "Role", "YearGroup", "entity_page", "KINDS", "DETAILS_READ", "DEFAULT_LIMIT"]

class Searching(Protocol):
    """What an entity page needs of the engine (``search.Engine``)."""

    def search(self, query: str | None, limit: int = 10, page: int = 1, lang: str | None = None,
               date_from: str | None = None, date_to: str | None = None,
               official: str | None = None, agency: str | None = None,
               sort: str = "relevance", facets: bool = False,
               include_undated: bool = False) -> SearchResults: ...

    def documents(self, doc_ids: list[str]) -> list[Release | None]: ...


KINDS = ("official", "agency")
DEFAULT_LIMIT = 50  # releases on one page
DETAILS_READ = 50   # newest releases read for the spellings, roles and other names
MAX_NAME = 200


@dataclass(frozen=True)
class Role:
    """A title or rank as a release writes it, with the gazetteer's rendering
    in the other language ("" when it knows none of its words)."""

    title: str
    gloss: str = ""
    lang: str = ""  # the language of the release it was read from

    def __str__(self) -> str:
        return f"{self.title} ({self.gloss})" if self.gloss else self.title

    def to_dict(self) -> dict:
        return {"title": self.title, "gloss": self.gloss, "lang": self.lang}


@dataclass(frozen=True)
class YearGroup:
    """The releases of one year on the page, newest first; ``year`` None
    holds the undated ones."""

    year: str | None
    hits: tuple[Hit, ...]

    def to_dict(self) -> dict:
        return {"year": self.year, "hits": [h.to_dict() for h in self.hits]}


@dataclass(frozen=True)
class EntityPage:
    """One page of the releases naming an official or agency, by year, with
    what those releases say about it."""

    kind: str                       # "official" or "agency"
    name: str                       # as asked
    display_name: str               # its most used spelling (the name asked when none was read)
    spellings: tuple[str, ...] = ()  # most used first
    roles: tuple[Role, ...] = ()     # one per spelling group, most used first
    other_names: tuple[str, ...] = ()  # aliases, acronyms, names in the other language
    named: int = 0                  # releases naming it, whatever the filters (0: nothing names it)
    total: int = 0                  # releases naming it within the filters
    years: tuple[YearGroup, ...] = ()  # this page's releases: years newest first, undated last
    page: int = 1
    limit: int = DEFAULT_LIMIT
    undated: int = 0                # undated releases a date range left out
    notice: str | None = None       # how a query's words were loosened, as in a search

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.limit))

    @property
    def hits(self) -> list[Hit]:
        """This page's releases in the order shown."""
        return [hit for group in self.years for hit in group.hits]

    def to_dict(self) -> dict:
        return {
            "kind": self.kind, "name": self.name, "display_name": self.display_name,
            "spellings": list(self.spellings), "roles": [r.to_dict() for r in self.roles],
            "other_names": list(self.other_names), "named": self.named, "total": self.total,
            "page": self.page, "limit": self.limit, "pages": self.pages,
            "undated_left_out": self.undated, "notice": self.notice,
            "years": [g.to_dict() for g in self.years],
        }


def entity_page(engine: Searching, kind: str, name: str, *, page: int = 1, limit: int = DEFAULT_LIMIT,
                lang: str | None = None, date_from: str | None = None, date_to: str | None = None,
                official: str | None = None, agency: str | None = None, query: str | None = None,
                include_undated: bool = False) -> EntityPage:
    """Page ``page`` of the releases naming the official or agency ``name``
    (any spelling, as the search's ``official=``/``agency=`` filter matches
    it), newest first, narrowed by the other filters like a search.

    Raises ValueError (``InvalidParameter`` for the filters) naming a bad
    kind or value.  A name no release holds gives a page with ``named`` 0.
    """
    asked = _asked(kind, name)
    opts = search_options(limit=limit, page=page, lang=lang, date_from=date_from, date_to=date_to,
                          official=official, agency=agency, include_undated=include_undated)
    own, other = (opts.official, opts.agency) if kind == "official" else (opts.agency, opts.official)
    if own and entity_key(own) != entity_key(asked):
        raise InvalidParameter(f"{kind}: this page is about {asked!r} and cannot be narrowed to another "
                               f"{kind} ({own!r}); narrow it by the other kind, language, dates or words")
    if not entity_key(asked):  # blank or punctuation only: nothing names it
        return EntityPage(kind, asked, asked, page=opts.page, limit=opts.limit)
    res = engine.search(query, limit=opts.limit, page=opts.page, lang=opts.lang, date_from=date_from,
                        date_to=date_to, sort="date", include_undated=opts.include_undated,
                        official=asked if kind == "official" else opts.official,
                        agency=asked if kind == "agency" else opts.agency)
    narrowed = bool((query or "").strip() or opts.lang or opts.dated or other)
    named, sample = _newest(engine, kind, asked, res, narrowed)
    display, spellings, roles, others = _details(engine, kind, asked, sample)
    return EntityPage(kind, asked, display, spellings, roles, others, named=named, total=res.total,
                      years=by_year(res.hits), page=res.page, limit=res.limit, undated=res.undated,
                      notice=res.notice)


def _asked(kind: str, name: object) -> str:
    if kind not in KINDS:
        raise ValueError(f"kind must be one of {', '.join(KINDS)} (got {kind!r})")
    if not isinstance(name, str):
        raise ValueError(f"name must be text (got {type(name).__name__})")
    return name.replace("\x00", " ").strip()[:MAX_NAME]


def _newest(engine: Searching, kind: str, asked: str, res: SearchResults,
            narrowed: bool) -> tuple[int, list[Hit]]:
    """How many releases name the entity whatever the filters, and the
    newest of them to read; the page's own search serves when it is that."""
    if not narrowed and (not res.total or (res.page == 1 and len(res.hits) >= min(res.total, DETAILS_READ))):
        return res.total, res.hits[:DETAILS_READ]
    every = engine.search(None, limit=DETAILS_READ, sort="date",
                          official=asked if kind == "official" else None,
                          agency=asked if kind == "agency" else None)
    return every.total, every.hits


def by_year(hits: list[Hit]) -> tuple[YearGroup, ...]:
    """Hits grouped by year, years newest first and the undated last; each
    group keeps the hits' order."""
    groups: dict[str | None, list[Hit]] = {}
    for hit in hits:
        groups.setdefault(hit.date[:4] if hit.date else None, []).append(hit)
    years: list[str | None] = [y for y in sorted(filter(None, groups), reverse=True)]
    if None in groups:
        years.append(None)
    return tuple(YearGroup(y, tuple(groups[y])) for y in years)


# --- what the releases say about the entity ----------------------------------------

def _names(kind: str, ent: Any) -> list[str]:
    """An official's or agency's names in a release, its main name first
    (an ``Official`` or ``Agency`` as the release stores it)."""
    acronym = getattr(ent, "acronym", "") if kind == "agency" else ""
    return [n for n in (ent.name, acronym, *getattr(ent, "aliases", ())) if n]


def _tier(kind: str, asked: str, names: list[str]) -> int | None:
    """How one stored official or agency answers the name asked, in the
    search's order: 0 by key (case and diacritics aside), 1 a person by
    romanisation-free key, 2 the words asked in a row within one of its
    names, 3 a person named at the end of what was asked (a title typed
    before the name: "Thứ trưởng Lê Quốc Hùng"); None when it does not."""
    want = entity_key(asked)
    keys = [entity_key(n) for n in names]
    person = kind == "official"
    if want in keys:
        return 0
    if person and loose_key(asked) in {loose_key(n) for n in names}:
        return 1
    if any(f" {want} " in f" {k} " for k in keys):
        return 2
    if person and any(k and f" {want}".endswith(f" {k}") for k in keys):
        return 3
    return None


def _identity(kind: str, ent: Any) -> str:
    """Which entity a stored one is, to tell one entity's spellings from
    several entities sharing the words asked."""
    return loose_key(ent.name) if kind == "official" else entity_key(ent.name)


def _details(engine: Searching, kind: str, asked: str,
             hits: list[Hit]) -> tuple[str, tuple[str, ...], tuple[Role, ...], tuple[str, ...]]:
    """The display name, spellings, roles and other names the releases of
    ``hits`` give the entity.  Only its best matches count, as in the
    search; a part of a name that several entities share ("Cảnh sát") is
    shown as asked, with nothing read."""
    found: list[tuple[int, str, Any]] = []
    for doc in engine.documents([hit.doc_id for hit in hits]):
        if doc is None:  # removed by a reindex since the search
            continue
        for ent in doc.officials if kind == "official" else doc.agencies:
            tier = _tier(kind, asked, _names(kind, ent))
            if tier is not None:
                found.append((tier, doc.lang, ent))
    best = min((tier for tier, _, _ in found), default=None)
    chosen = [(lang, ent) for tier, lang, ent in found if tier == best]
    if best is not None and best >= 2 and len({_identity(kind, ent) for _, ent in chosen}) > 1:
        chosen = []
    return _summary(kind, asked, chosen)


def _summary(kind: str, asked: str,
             chosen: list[tuple[str, Any]]) -> tuple[str, tuple[str, ...], tuple[Role, ...], tuple[str, ...]]:
    """Counts over the stored entities (with their release's language, for
    the roles' gloss): spellings most used first, roles that are not forms
    of address, and the other names that are not one of its spellings."""
    spellings: Counter[str] = Counter()
    roles: dict[str, Counter[tuple[str, str]]] = {}
    others: dict[str, None] = {}
    for lang, ent in chosen:
        spellings[ent.name] += 1
        role = (getattr(ent, "role", "") or "").strip()  # agencies have none
        if role and phrase_key(role.rstrip(".")) not in gz.ADDRESS_FORMS:
            roles.setdefault(phrase_key(role), Counter())[(role, lang)] += 1
        for other in _names(kind, ent)[1:]:
            if entity_key(other) != entity_key(ent.name):
                others.setdefault(other, None)
    ranked = [s for s, _ in spellings.most_common()]
    return (ranked[0] if ranked else asked, tuple(ranked), _one_per_spelling(roles),
            tuple(o for o in others if o not in spellings))


def _one_per_spelling(roles: dict[str, Counter[tuple[str, str]]]) -> tuple[Role, ...]:
    """Roles written alike but for case or tone placement ("Tổng thống",
    "tổng thống") as one, in their most used spelling, most used first,
    each with the gazetteer's rendering in the other language."""
    groups = sorted(roles.values(), key=lambda counts: sum(counts.values()), reverse=True)
    out = []
    for counts in groups:
        (title, lang), _ = counts.most_common(1)[0]
        out.append(Role(title, gloss(title, lang), lang))
    return tuple(out)
