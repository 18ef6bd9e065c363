"""What a search returns: hits and results, as the CLI, the API and the
pages show them."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

__all__ = ["Hit", "SearchResults", "Matches", "NOTICES"]

NOTICES = {
    "folded": "No release holds every word with the diacritics typed; showing those that hold them without.",
    "fewer": "No release holds all the words; showing those that hold {held} of {words}.",
    "respelled": "Showing results for “{held}”: no release holds “{words}” as written.",
    "cut": "The query is long: its first {held} syllables were searched, not all {words}.",
    "partial": ("A quoted phrase of very common words was checked in only part of the releases "
                "holding its words: there may be more matches. Add a rarer word to narrow it."),
}


@dataclass
class Hit:
    doc_id: str
    title: str
    lang: str
    date: str | None
    score: float
    snippet: str
    officials: list[str]
    agencies: list[str]
    date_inferred: bool = False
    title_html: str = ""
    translation: str | None = None  # doc_id of its version in the other language
    media: list[str] = field(default_factory=list)  # outlets it cites or names
    story: str | None = None  # the first version's doc_id, when the story was published more than once
    # the story's other releases (``stories``): doc_id, date, source of each
    versions: list[dict] = field(default_factory=list)

    def to_dict(self) -> dict:
        return {
            "doc_id": self.doc_id, "title": self.title, "lang": self.lang,
            "date": self.date, "date_inferred": self.date_inferred,
            "score": round(self.score, 4), "snippet": self.snippet,
            "officials": self.officials, "agencies": self.agencies, "media": self.media,
            "translation": self.translation, "story": self.story, "versions": self.versions,
        }


@dataclass
class SearchResults:
    query: str
    total: int
    took_ms: float
    hits: list[Hit]
    page: int = 1
    limit: int = 10
    facets: dict = field(default_factory=dict)
    suggestion: str | None = None
    # How the matches were chosen when no release holds every word as typed:
    # ("folded", 0, 0), ("fewer", words held, words in the query), or
    # ("respelled", the correction searched, the query as typed).
    loosened: tuple | None = None
    undated: int = 0  # matches a date filter left out for having no date

    @property
    def notice(self) -> str | None:
        """The loosened match in words, for the CLI and the API."""
        if not self.loosened:
            return None
        kind, held, words = self.loosened
        return NOTICES[kind].format(held=held, words=words)

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.limit))

    def to_dict(self) -> dict:
        return {"total": self.total, "took_ms": round(self.took_ms, 2), "notice": self.notice,
                "undated_left_out": self.undated, "hits": [h.to_dict() for h in self.hits]}

    def to_api(self) -> dict:
        """The JSON API's shape: the CLI's plus paging, facets, suggestion."""
        out = self.to_dict()
        out.update(query=self.query, page=self.page, limit=self.limit, pages=self.pages,
                   suggestion=self.suggestion,
                   facets={k: [{"value": v, "count": n} for v, n in items]
                           for k, items in self.facets.items()})
        return out


@dataclass
class Matches:
    """Every release a search matches, for an export or a feed: ``total``
    counts them all; ``hits`` yields up to the limit asked, in order, read
    as iterated (no snippets)."""

    query: str
    total: int
    hits: Iterator[Hit]
    loosened: tuple | None = None
