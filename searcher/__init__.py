"""Bilingual (Vietnamese/English) search over press releases.

>>> import searcher
>>> report = searcher.build_index(docs_dir="docs_raw", index_dir="index")
>>> engine = searcher.open_index("index")
>>> res = engine.search("le quoc hung")
"""

from .index import IndexMissing, ReindexBusy, ReindexReport, SourceDropped, build_index
from .ingest import Problem, Release
from .search import Document, Engine, Hit, SearchResults, open_index

__all__ = [
    "build_index",
    "open_index",
    "Engine",
    "Hit",
    "SearchResults",
    "Document",
    "Release",
    "Problem",
    "ReindexReport",
    "ReindexBusy",
    "IndexMissing",
    "SourceDropped",
]
