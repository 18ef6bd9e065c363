"""An official's, agency's or news source's page: how the releases write it,
and the releases.

The web page, the JSON API and ``searcher entity`` all show an entity through
:func:`entity_page`, so they agree; it uses only the engine's public search
and ``documents``.  What the page says about the entity is read from the
releases naming it whatever the request's filters and page, so the heading
does not change from one page or filter to the next:

* spellings, roles and other names from the ``DETAILS_READ`` newest;
* an official's roles over time (first and last month, releases) from the
  ``ROLES_READ`` newest (``roles_read`` says how many were read);
* releases per year and the officials, agencies and news sources most often
  named with it: true counts over every release naming it, from the facets
  of one search filtered by it.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any, Protocol

from . import gazetteer as gz
from .bilingual import gloss
from .entities.names import (
    body_identity,
    entity_key,
    exact_key,
    loose_key,
    person_identity,
    role_field,
    shown_name,
    split_field,
)
from .gazetteer import key as phrase_key
from .ingest import Release
from .options import Choice, InvalidParameter, search_options
from .results import Hit, SearchResults
from .textnorm import has_diacritics

__all__ = ["EntityPage", "Role", "RoleSpan", "RelatedGroup", "YearGroup", "entity_page", "KINDS", "DETAILS_READ",
           "ROLES_READ", "RELATED_KINDS", "RELATED_TOP", "DEFAULT_LIMIT"]

class Searching(Protocol):
    """What an entity page needs of the engine (``search.Engine``)."""

    def search(self, query: str | None, limit: int = 10, page: int = 1, lang: Choice = None,
               date_from: str | None = None, date_to: str | None = None,
               official: Choice = None, agency: Choice = None,
               sort: str = "relevance", facets: bool = False,
               include_undated: bool = False, media: Choice = None,
               snippets: bool = True) -> SearchResults: ...

    def documents(self, doc_ids: list[str]) -> list[Release | None]: ...


KINDS = ("official", "agency", "media")
DEFAULT_LIMIT = 50  # releases on one page
DETAILS_READ = 50   # newest releases read for the spellings, roles and other names
ROLES_READ = 300    # newest releases read for an official's roles over time
READ_PAGE = 100     # releases per search when reading them (the search's largest page)
# Facets shown as the entities named with this one, in this order (each
# only when the index counts it).
RELATED_KINDS = ("official", "agency", "media")
# Entries per kind at most.  The engine's facets hold their top 10, the
# entity itself among them for its own kind, so that kind shows 9.
RELATED_TOP = 10
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
class RoleSpan:
    """A role the releases gave an official, and when: the year-months of
    the first and last dated release naming it with that role (None when
    only undated ones did), and how many releases did."""

    title: str
    gloss: str
    lang: str
    first: str | None
    last: str | None
    releases: int

    def to_dict(self) -> dict:
        return {"title": self.title, "gloss": self.gloss, "lang": self.lang, "first": self.first,
                "last": self.last, "releases": self.releases}


@dataclass(frozen=True)
class RelatedGroup:
    """The officials, agencies or media sources (``kind``, a facet's name)
    most often named in the releases naming the entity, with how many of
    those releases name each, most first."""

    kind: str
    entries: tuple[tuple[str, int], ...]

    def to_dict(self) -> list[dict]:
        return [{"name": name, "releases": n} for name, n in self.entries]


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
    # Whatever the filters and page:
    role_history: tuple[RoleSpan, ...] = ()  # latest last seen first (officials; agencies have none)
    roles_read: int = 0             # newest releases read for role_history (at most ROLES_READ)
    per_year: tuple[tuple[str, int], ...] = ()  # (year, releases naming it), oldest first, years with any
    undated_named: int = 0          # releases naming it without a date
    related: tuple[RelatedGroup, ...] = ()  # one group per kind of RELATED_KINDS the index has

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
            "role_history": [r.to_dict() for r in self.role_history], "roles_read": self.roles_read,
            "per_year": [{"year": y, "releases": n} for y, n in self.per_year],
            "undated_named": self.undated_named,
            "related": {g.kind: g.to_dict() for g in self.related},
        }


def entity_page(engine: Searching, kind: str, name: str, *, page: int = 1, limit: int = DEFAULT_LIMIT,
                lang: Choice = None, date_from: str | None = None, date_to: str | None = None,
                official: Choice = None, agency: Choice = None, query: str | None = None,
                include_undated: bool = False, media: Choice = None) -> EntityPage:
    """Page ``page`` of the releases naming the official, agency or news
    source ``name`` (any spelling, as the search's ``official=``/``agency=``
    /``media=`` filter matches it), newest first, narrowed by the other
    filters like a search.

    Raises ValueError (``InvalidParameter`` for the filters) naming a bad
    kind or value.  A name no release holds gives a page with ``named`` 0.
    """
    asked = _asked(kind, name)
    opts = search_options(limit=limit, page=page, lang=lang, date_from=date_from, date_to=date_to,
                          official=official, agency=agency, include_undated=include_undated, media=media)
    given: dict[str, Any] = {"official": opts.official, "agency": opts.agency, "media": opts.media}
    own = [v for v in given.pop(kind) if entity_key(v) != entity_key(asked)]
    if own:
        raise InvalidParameter(f"{kind}: this page is about {asked!r} and cannot be narrowed to another "
                               f"{kind} ({own[0]!r}); narrow it by another kind, language, dates or words")
    if not entity_key(asked):  # blank or punctuation only: nothing names it
        return EntityPage(kind, asked, asked, page=opts.page, limit=opts.limit)
    narrowed = bool((query or "").strip() or opts.lang or opts.dated or any(given.values()))
    res = engine.search(query, limit=opts.limit, page=opts.page, lang=opts.lang, date_from=date_from,
                        date_to=date_to, sort="date", include_undated=opts.include_undated,
                        facets=not narrowed and opts.page == 1, **{**given, kind: asked})
    whole = _whole(engine, kind, asked, res, narrowed)
    docs = _newest_docs(engine, kind, asked, whole)
    display, spellings, roles, others = _details(kind, asked, docs[:DETAILS_READ])
    history = _role_history(kind, asked, docs) if kind == "official" else ()
    per_year = tuple(sorted(whole.facets.get("year", [])))
    related = _related(kind, asked, whole.facets, {asked, display, *spellings, *others}, bool(spellings))
    return EntityPage(kind, asked, display, spellings, roles, others, named=whole.total, total=res.total,
                      years=by_year(res.hits), page=res.page, limit=res.limit, undated=res.undated,
                      notice=res.notice, role_history=history,
                      roles_read=sum(d is not None for d in docs) if kind == "official" else 0,
                      per_year=per_year, undated_named=whole.total - sum(n for _, n in per_year),
                      related=related)


def _asked(kind: str, name: object) -> str:
    if kind not in KINDS:
        raise ValueError(f"kind must be one of {', '.join(KINDS)} (got {kind!r})")
    if not isinstance(name, str):
        raise ValueError(f"name must be text (got {type(name).__name__})")
    return name.replace("\x00", " ").strip()[:MAX_NAME]


def _whole(engine: Searching, kind: str, asked: str, res: SearchResults, narrowed: bool) -> SearchResults:
    """A search of every release naming the entity, whatever the filters:
    its total, facets and newest releases (up to DETAILS_READ at least);
    the page's own search serves when it is that (first page, not narrowed,
    asked with facets)."""
    if not narrowed and res.page == 1 and (not res.total or len(res.hits) >= min(res.total, DETAILS_READ)):
        return res
    return engine.search(None, limit=DETAILS_READ, sort="date", facets=True, snippets=False, **_naming(kind, asked))


def _naming(kind: str, asked: str) -> dict[str, Any]:
    """The search filter naming the entity (``official=``, ``agency=`` or ``media=``)."""
    return {kind: asked}


def _newest_docs(engine: Searching, kind: str, asked: str, whole: SearchResults) -> list[Release | None]:
    """The newest releases naming the entity, newest first: ROLES_READ for
    an official (its roles over time), DETAILS_READ for the others; None
    for one removed by a reindex since the search.  They are read without
    snippets: only which releases they are matters here."""
    want = min(whole.total, ROLES_READ if kind == "official" else DETAILS_READ)
    ids = [hit.doc_id for hit in whole.hits[:want]]
    if len(ids) < want:  # read READ_PAGE at a time, newest first
        ids = []
        for page in range(1, -(-want // READ_PAGE) + 1):
            more = engine.search(None, limit=READ_PAGE, page=page, sort="date", snippets=False,
                                 **_naming(kind, asked)).hits
            ids += [hit.doc_id for hit in more]
            if len(more) < READ_PAGE:
                break
    return engine.documents(ids[:want])


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
    """An entity's names in a release, its main name first (an ``Official``
    or, for agencies and media, an ``Agency`` as the release stores it)."""
    acronym = getattr(ent, "acronym", "") if kind != "official" else ""
    return [n for n in (ent.name, acronym, *getattr(ent, "aliases", ())) if n]


def _same_person(asked: str, name: str) -> bool:
    """``name`` writes the person ``asked`` names: the same field, if any
    ("Lê Quốc Hùng (y tế)"), and the same marks (tone placement, case,
    spacing aside) when both have them ("Lê Quốc Hưng" is not "Lê Quốc
    Hùng"), else the same up to romanisation."""
    (asked, field), (name, other) = split_field(asked), split_field(name)
    if field != other:
        return False
    if has_diacritics(asked) and has_diacritics(name):
        return exact_key(asked) == exact_key(name)
    return loose_key(asked) == loose_key(name)


def _tier(kind: str, asked: str, names: list[str]) -> int | None:
    """How one stored entity answers the name asked, in the search's order:
    0 the same name (a person's marks kept; a body by any of its known
    names), 2 the words asked in a row within one of its names, 3 a person
    named at the end of what was asked (a title typed before the name:
    "Thứ trưởng Lê Quốc Hùng"); None when it does not."""
    want = entity_key(asked)
    keys = [entity_key(n) for n in names]
    if kind == "official":
        if any(_same_person(asked, n) for n in names):
            return 0
    elif want in keys or body_identity(names, kind == "media") == body_identity([asked], kind == "media"):
        return 0
    if any(f" {want} " in f" {k} " for k in keys):
        return 2
    if kind == "official" and any(k and f" {want}".endswith(f" {k}") for k in keys):
        return 3
    return None


def _identity(kind: str, ent: Any) -> str:
    """Which entity a stored one is, to tell one entity's spellings from
    several entities sharing the words asked."""
    if kind == "official":
        return person_identity(ent.name)
    return body_identity(_names(kind, ent), kind == "media")


def _chosen(kind: str, asked: str, docs: list[Release | None]) -> list[tuple[Release, Any]]:
    """The stored officials or agencies of ``docs`` that are the entity,
    with their release.  Only its best matches count, as in the search; a
    part of a name that several entities share ("Cảnh sát") gives none."""
    found: list[tuple[int, Release, Any]] = []
    name, field = split_field(asked) if kind == "official" else (asked, "")
    for doc in docs:
        if doc is None:  # removed by a reindex since the search
            continue
        for ent in {"official": doc.officials, "agency": doc.agencies, "media": doc.media}[kind]:
            if kind == "official" and role_field(ent.role) != field:
                continue  # a namesake of a field of their own ("Lê Quốc Hùng (y tế)"), or not of it
            tier = _tier(kind, name, _names(kind, ent))
            if tier is not None:
                found.append((tier, doc, ent))
    best = min((tier for tier, _, _ in found), default=None)
    chosen = [(doc, ent) for tier, doc, ent in found if tier == best]
    if best is not None and best >= 2 and len({_identity(kind, ent) for _, ent in chosen}) > 1:
        return []
    return chosen


def _details(kind: str, asked: str,
             docs: list[Release | None]) -> tuple[str, tuple[str, ...], tuple[Role, ...], tuple[str, ...]]:
    """The display name, spellings, roles and other names the releases
    ``docs`` give the entity; shown as asked, with nothing read, when they
    do not tell which entity it is."""
    return _summary(kind, asked, [(doc.lang, ent) for doc, ent in _chosen(kind, asked, docs)])


def _role(ent: Any) -> str:
    """An official's role as stored, "" for none or a form of address ("Mr", "ông")."""
    role = (getattr(ent, "role", "") or "").strip()  # agencies have none
    return role if role and phrase_key(role.rstrip(".")) not in gz.ADDRESS_FORMS else ""


def _summary(kind: str, asked: str,
             chosen: list[tuple[str, Any]]) -> tuple[str, tuple[str, ...], tuple[Role, ...], tuple[str, ...]]:
    """Counts over the stored entities (with their release's language, for
    the roles' gloss): spellings most used first, roles that are not forms
    of address, and the other names that are not one of its spellings."""
    spellings: Counter[str] = Counter()
    roles: dict[str, Counter[tuple[str, str]]] = {}
    others: dict[str, None] = {}
    for lang, ent in chosen:
        spellings[shown_name(ent.name, role_field(ent.role)) if kind == "official" else ent.name] += 1
        role = _role(ent)
        if role:
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


def _role_history(kind: str, asked: str, docs: list[Release | None]) -> tuple[RoleSpan, ...]:
    """Each role the releases ``docs`` give the entity (spellings grouped as
    in ``roles``), with the first and last year-month a release named it so
    and how many releases did; the latest last seen first, undated last, so
    a career reads from now back."""
    spellings: dict[str, Counter[tuple[str, str]]] = {}
    months: dict[str, set[str]] = {}
    releases: dict[str, set[str]] = {}
    for doc, ent in _chosen(kind, asked, docs):
        role = _role(ent)
        if not role:
            continue
        group = phrase_key(role)
        spellings.setdefault(group, Counter())[(role, doc.lang)] += 1
        releases.setdefault(group, set()).add(doc.doc_id)
        months.setdefault(group, set()).update([doc.date[:7]] if doc.date else [])
    spans = []
    for group, counts in spellings.items():
        (title, lang), _ = counts.most_common(1)[0]
        seen = sorted(months[group])
        spans.append(RoleSpan(title, gloss(title, lang), lang, seen[0] if seen else None,
                              seen[-1] if seen else None, len(releases[group])))
    spans.sort(key=lambda s: (s.last is not None, s.last or "", s.releases), reverse=True)
    return tuple(spans)


def _related(kind: str, asked: str, facets: dict, names: set[str], read: bool) -> tuple[RelatedGroup, ...]:
    """The facets' officials, agencies (and media sources, when the index
    counts them) of the releases naming the entity, without the entity
    itself: any of its names by key, and when nothing told which entity it
    is (a part of several names), whatever the filter matched it by."""
    own = set(names)
    groups = []
    for other in RELATED_KINDS:
        if other not in facets:
            continue
        kept = [(value, int(n)) for value, n in facets[other]
                if not (other == kind and _is_self(kind, asked, own, value, read))]
        groups.append(RelatedGroup(other, tuple(kept[:RELATED_TOP])))
    return tuple(groups)


def _is_self(kind: str, asked: str, own: set[str], value: str, read: bool) -> bool:
    """Whether a facet entry of the page's own kind is the entity itself:
    one of its names (a person's with the same marks), or, when nothing
    told which entity it is, whatever the filter matched it by."""
    if kind == "official":
        if _same_person(asked, value) or any(_same_person(n, value) for n in own):
            return True
    elif entity_key(value) in {entity_key(n) for n in own} \
            or body_identity([value], kind == "media") == body_identity([asked], kind == "media"):
        return True
    return not read and _tier(kind, asked, [value]) is not None
