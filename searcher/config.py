"""Ranking settings as one frozen value, passed to whatever ranks.

Every number here was measured (docs/evaluation.md).  An evaluation or an
ablation varies them with ``dataclasses.replace(DEFAULT, ...)`` and opens
the index with that value (``open_index(path, config=...)``); nothing
patches module globals, so two configurations can serve side by side.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from .fields import TEXT_FIELDS

__all__ = ["RankingConfig", "DEFAULT"]


_NAMES = {f.name: f for f in TEXT_FIELDS}


def _weights(lang: str) -> Mapping[str, float]:
    return MappingProxyType({f.name: f.weight for f in TEXT_FIELDS if f.lang == lang})


@dataclass(frozen=True)
class RankingConfig:
    """BM25F, query-term weights, and the re-ranking steps' settings."""

    # BM25F (``scoring``)
    vi_fields: Mapping[str, float] = field(default_factory=lambda: _weights("vi"))
    en_fields: Mapping[str, float] = field(default_factory=lambda: _weights("en"))
    k1: float = 1.2
    b: Mapping[str, float] = field(  # fields not listed: default_b
        default_factory=lambda: MappingProxyType({f.name: f.b for f in TEXT_FIELDS if f.b is not None}))
    default_b: float = 0.75
    idf_formula: str = "rsj"  # "rsj" (Lucene-style) or "whoosh": log(N/(df+1)) + 1
    combine_fields: bool = True  # BM25F: a term's fields combined before saturation
    # Query terms (``query``)
    exact_bonus: float = 0.5  # extra weight of a diacritic-exact syllable over its folded form
    compound_weight: float = 0.15  # a two/three-syllable compound term
    function_weight: float = 0.15  # question and function words ("bao nhiêu", "của")
    max_gram: int = 3  # longest run of query syllables tried as a compound
    compound_fields: frozenset[str] | None = None  # fields that get compound terms (None: all)
    cross_language_weight: float = 0.6  # terms in the other language's fields
    # Lexicon translations, times their probability and the cross weight.  An
    # English query reaching Vietnamese releases is the case users have; a
    # Vietnamese query pulling English releases mostly adds distractors.
    en2vi_weight: float = 2.0
    vi2en_weight: float = 0.3
    respell: bool = True  # a query no release holds whole falls back on its spelling correction
    # Re-ranking (``ranking``)
    adjacency: float = 0.25  # weight of the query's adjacent syllables held side by side (0: off)
    phrase_first: bool = True  # releases holding a plain query as written together rank first
    coordination: float = 1.0  # a long query's near misses scaled by (idf-weighted share of its words held)^this
    cross_scale: float = 0.6  # best other-language match vs best same-language one (0: raw scores)
    pair_scale: float = 0.75  # a hit's translation follows it at this share of its score (0: off)
    pair_depth: int = 50  # ...for the translations of this many top hits, whatever the page
    coverage_none: float = 0.3  # ...nothing when the hit holds no more than this share of the query,
    coverage_full: float = 0.5  # ...all when it holds at least this share (equal values: always all)
    _all_weights: Mapping[str, float] = field(init=False, repr=False, compare=False, default_factory=dict)

    @property
    def field_weights(self) -> Mapping[str, float]:
        """Every text field's weight (both languages)."""
        return self._all_weights

    def __post_init__(self) -> None:
        """Read-only copies of the tables (a shared config cannot be changed
        under other threads), checked against the field table."""
        if self.idf_formula not in ("rsj", "whoosh"):
            raise ValueError(f"idf_formula must be 'rsj' or 'whoosh', not {self.idf_formula!r}")
        for name, lang in (("vi_fields", "vi"), ("en_fields", "en"), ("b", None)):
            table = dict(getattr(self, name))
            wrong = [f for f in table if f not in _NAMES or (lang and _NAMES[f].lang != lang)]
            if wrong:
                raise ValueError(f"{name}: not {lang or 'a'} text field(s) of the index: {', '.join(wrong)}")
            object.__setattr__(self, name, MappingProxyType(table))
        object.__setattr__(self, "_all_weights", MappingProxyType({**self.vi_fields, **self.en_fields}))


DEFAULT = RankingConfig()
