"""The entity records and the keys that identify them.

Query, facets and the index import only this module: it needs the gazetteer's
``key`` but none of the extraction rules, so importing it stays cheap.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from .. import gazetteer as gz
from ..textnorm import fold

__all__ = ["Agency", "Official", "entity_key", "loose_key"]


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


def entity_key(name: str) -> str:
    """Spelling-insensitive identity of a name: folded, lowercase, no hyphens."""
    return " ".join(fold(gz.key(name)).replace("-", " ").split())


@lru_cache(maxsize=65536)
def loose_key(name: str) -> str:
    """Key that also equates romanisations ("Yoo Jae-seong" = "Yu Jae-seong")."""
    k = entity_key(name)
    for a, b in gz.ROMANISATIONS:
        k = k.replace(a, b)
    return " ".join(k.split())
