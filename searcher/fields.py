"""The text fields of the index, in one table.

The schema (``index``), the query builder (``query``), the scorer
(``scoring``), the matcher and the spelling suggestions read their field
names, languages and BM25F settings from here, so a field is added or
re-weighted in one place.  Weights are the defaults of ``RankingConfig``
(``config``), which evaluation runs vary.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["TextField", "TEXT_FIELDS", "VI_FIELDS", "EN_FIELDS", "ENTITY_FIELDS", "PAIRS", "SPELLING_FIELDS",
           "PREFIX_FIELDS", "PREFIXES", "WORD_FIELDS"]


@dataclass(frozen=True)
class TextField:
    """One analysed field: the language of its analyser, its BM25F weight
    (what a release is about is in its title and in who and what it names;
    lead and body carry the detail), and its length normalisation ``b``
    (short fields such as titles and names are normalised less)."""

    name: str
    lang: str  # "vi": pyvi syllables and words; "en": stemmed English
    part: str  # what the query syntax calls it: title:, body:, official:, agency:
    weight: float
    b: float | None = None  # None: the ranking configuration's default b


TEXT_FIELDS: tuple[TextField, ...] = (
    TextField("title", "vi", "title", 5.0, 0.5),
    TextField("officials", "vi", "official", 2.0, 0.3),
    TextField("agencies", "vi", "agency", 2.0, 0.3),
    TextField("lead", "vi", "body", 1.5),
    TextField("body", "vi", "body", 1.0),
    TextField("title_en", "en", "title", 5.0, 0.5),
    TextField("lead_en", "en", "body", 1.5),
    TextField("body_en", "en", "body", 1.0),
)
VI_FIELDS = tuple(f.name for f in TEXT_FIELDS if f.lang == "vi")
EN_FIELDS = tuple(f.name for f in TEXT_FIELDS if f.lang == "en")
ENTITY_FIELDS = tuple(f.name for f in TEXT_FIELDS if f.part in ("official", "agency"))  # names, not running text
# Fields whose words read as the corpus's vocabulary: where a misspelled
# word is looked up, and how common a compound is.
SPELLING_FIELDS = ("body", "title", "body_en")
# Where a compound's release count says whether it is a word (``Generation.unit_kind``).
WORD_FIELDS = ("title", "body")
# The fields a syntax prefix searches ("title:" both titles; "officials:" as "official:").
PREFIX_FIELDS = {p: [f.name for f in TEXT_FIELDS if f.part == p] for p in ("title", "body", "official", "agency")}
PREFIX_FIELDS.update(officials=PREFIX_FIELDS["official"], agencies=PREFIX_FIELDS["agency"])
PREFIXES = (*PREFIX_FIELDS, "lang")  # every field: prefix of the query syntax
PAIRS = "pairs"  # the presence-only field of adjacent syllables (``analysis.adjacent_pairs``)
