"""Bilingual (Vietnamese/English) search over press releases.

>>> import searcher
>>> report = searcher.build_index(docs_dir="docs_raw", index_dir="index")
>>> engine = searcher.open_index("index")
>>> res = engine.search("le quoc hung")

The names below load on first use, so importing one module of the package
(``searcher.entities.names``, ``searcher.textnorm``) does not load pyvi,
Whoosh and the whole engine with it.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

# name -> the module that defines it
_EXPORTS = {
    "build_index": "reindex",
    "open_index": "search",
    "Engine": "search",
    "Hit": "results",
    "SearchResults": "results",
    "Release": "ingest",
    "Problem": "ingest",
    "ReindexReport": "index",
    "SourceDropped": "index",
    "ReindexBusy": "storage",
    "IndexMissing": "storage",
    "RankingConfig": "config",
}
__all__ = ["build_index", "open_index", "Engine", "Hit", "SearchResults", "Release", "Problem", "ReindexReport",
           "SourceDropped", "ReindexBusy", "IndexMissing", "RankingConfig"]  # = _EXPORTS

if TYPE_CHECKING:  # what type checkers see; at run time, __getattr__
    from .config import RankingConfig
    from .index import ReindexReport, SourceDropped
    from .ingest import Problem, Release
    from .reindex import build_index
    from .results import Hit, SearchResults
    from .search import Engine, open_index
    from .storage import IndexMissing, ReindexBusy


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'searcher' has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value
