"""Bilingual (Vietnamese/English) search over press releases.

>>> import searcher
>>> report = searcher.build_index(docs_dir="docs_raw", index_dir="index")
>>> engine = searcher.open_index("index")
>>> res = engine.search("le quoc hung")
"""

from .config import RankingConfig
from .index import ReindexReport, SourceDropped
from .ingest import Problem, Release
from .reindex import build_index
from .search import Document, Engine, Hit, SearchResults, open_index
from .storage import IndexMissing, ReindexBusy

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
    "RankingConfig",
]
