"""The entity records and the keys that identify them.

Query, facets and the index import only this module: it needs the gazetteer's
``key`` but none of the extraction rules, so importing it stays cheap.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from .. import gazetteer as gz
from ..textnorm import fold, has_diacritics

__all__ = ["Agency", "Official", "entity_key", "exact_key", "loose_key", "person_identity", "body_identity",
           "role_field", "split_field", "shown_name"]


@dataclass
class Official:
    """A person named with a role ("Thứ trưởng", "Deputy Minister")."""

    name: str
    role: str = ""
    aliases: list[str] = field(default_factory=list)

    def to_dict(self) -> dict:
        out: dict[str, str | list[str]] = {"name": self.name, "role": self.role}
        if self.aliases:
            out["aliases"] = self.aliases
        return out


@dataclass
class Agency:
    """A body, with the acronym bound to it and its other known names."""

    name: str
    acronym: str = ""
    aliases: list[str] = field(default_factory=list)

    def to_dict(self) -> dict:
        return {"name": self.name, "acronym": self.acronym, "aliases": self.aliases}


_PUNCT = re.compile(r"[-–.,;:!?&/'’\"()\[\]]")


def exact_key(name: str) -> str:
    """A name as written but for case, tone placement ("Hoà"/"Hòa"), spacing,
    hyphens and dots ("TP. HCM"/"TP HCM"): its tone marks stay, so "Lê Quốc
    Hùng" and "Lê Quốc Hưng" are two names."""
    return " ".join(_PUNCT.sub(" ", gz.key(name)).split())


def entity_key(name: str) -> str:
    """Spelling-insensitive identity of a name: ``exact_key`` without tone
    marks, as a name typed without diacritics or romanised is written."""
    return fold(exact_key(name))


def person_identity(name: str, field: str = "") -> str:
    """Which person a spelling names, for facets and filters: a name written
    with its marks is that name exactly ("=" + exact key); one written
    without any ("Le Quoc Hung", "Donald Trump") is known only up to
    romanisation ("~" + loose key), and joins a marked name that folds to it.
    A role of a field of its own (``role_field``) sets the person apart:
    "|" + the field ("=lê quốc hùng|y tế" is not the Deputy Minister)."""
    base = "=" + exact_key(name) if has_diacritics(name) else "~" + loose_key(name)
    return f"{base}|{field}" if field else base


_FIELD_OPENERS = ("nguyên ", "cựu ", "former ", "ông ", "bà ")


def role_field(role: str) -> str:
    """The field a role belongs to when it is not public office ("trưởng
    khoa" -> "y tế", "HLV" -> "thể thao"), else ""."""
    k = gz.key(role).strip(" .,")
    for opener in _FIELD_OPENERS:
        k = k.removeprefix(opener)
    words = k.split()
    for n in (3, 2, 1):
        field = gz.ROLE_FIELDS.get(" ".join(words[:n]))
        if field:
            return field
    return "y tế" if "bệnh viện" in k else ""


_SUFFIX = re.compile(r"^(.*\S)\s*\(([^()]+)\)$")


def split_field(value: str) -> tuple[str, str]:
    """ "Lê Quốc Hùng (y tế)" (a facet entry, a page name) -> the name and
    the field; a name without one -> (name, "")."""
    m = _SUFFIX.match(value.strip())
    if m:
        inner = m.group(2).strip()
        field = _fields_by_fold().get(fold(inner.lower())) or role_field(inner)
        if field:
            return m.group(1), field
    return value, ""


@lru_cache(maxsize=1)
def _fields_by_fold() -> dict[str, str]:
    """Each field's name typed with or without marks ("y te") -> the field."""
    return {fold(f): f for f in gz.ROLE_FIELDS.values()}


def shown_name(name: str, field: str) -> str:
    """How a person set apart by a field is shown and asked for: "Lê Quốc Hùng (y tế)"."""
    return f"{name} ({field})" if field else name


@lru_cache(maxsize=1)
def _known_bodies() -> dict[str, str]:
    """Key of any gazetteer name or acronym of a known body -> the key of its
    Vietnamese name; an ambiguous acronym ("AFP") stands for none."""
    out: dict[str, str] = {}
    for vi, en, acronyms in gz.KNOWN_AGENCIES:
        for n in (vi, en, *acronyms):
            if n not in gz.AMBIGUOUS_ACRONYMS:
                out.setdefault(entity_key(n), entity_key(vi))
    for alias, vi in gz.AGENCY_ALIASES.items():
        out.setdefault(entity_key(alias), out.get(entity_key(vi), entity_key(vi)))
    return out


def body_identity(names: list[str], medium: bool = False) -> str:
    """Which body (agency or medium) its names (main name first) name: a
    known body's Vietnamese name whichever of its names is written ("CNN",
    "Đài CNN"), else the main name's key.  An ambiguous acronym ("AFP") is
    the outlet among its meanings for a medium, else the body it abbreviates."""
    known = _known_bodies()
    if medium:  # "Guardian" as "The Guardian" is cited
        names = [*names, *(("The " + n) for n in names if n and not n.lower().startswith("the "))]
    for n in names:
        if n in gz.AMBIGUOUS_ACRONYMS:
            n = gz.AMBIGUOUS_ACRONYMS[n][0] if medium else _abbreviated().get(n, n)
        if n and entity_key(n) in known:
            return known[entity_key(n)]
        if n and medium and entity_key(n) in _cited_outlets():
            return _cited_outlets()[entity_key(n)]
    return entity_key(names[0]) if names else ""


@lru_cache(maxsize=1)
def _cited_outlets() -> dict[str, str]:
    """A known outlet as stories cite it, without its head ("Công an nhân
    dân" of "Báo Công an nhân dân") -> its key; for media only, as the
    bare words may name a body too (the police force)."""
    out: dict[str, str] = {}
    for vi, _, _ in gz.KNOWN_AGENCIES:
        k = gz.key(vi)
        for head in gz.OUTLET_HEADS_VI:
            if k.startswith(head + " "):
                out.setdefault(entity_key(k[len(head) + 1:]), entity_key(vi))
    return out


@lru_cache(maxsize=1)
def _abbreviated() -> dict[str, str]:
    """Ambiguous acronym -> the Vietnamese name of the known body it is an acronym of."""
    return {a: vi for vi, _, acronyms in gz.KNOWN_AGENCIES for a in acronyms if a in gz.AMBIGUOUS_ACRONYMS}


@lru_cache(maxsize=65536)
def loose_key(name: str) -> str:
    """Key that also equates romanisations ("Yoo Jae-seong" = "Yu Jae-seong")."""
    k = entity_key(name)
    for a, b in gz.ROMANISATIONS:
        k = k.replace(a, b)
    return " ".join(k.split())
