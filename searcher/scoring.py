"""BM25F over Whoosh postings, computed with numpy.

Whoosh's matcher tree walks postings one Python call at a time; a long
question OR-ing a hundred terms over 20,000 releases took seconds.  Here each
term's postings are decoded once per index generation (block by block) into
numpy arrays and kept in a bounded cache, and a query's scores are summed
over whole arrays.  The formula is Whoosh's own BM25F (per-field B, term
boosts as field weights), so rankings match what Whoosh would compute.
"""

from __future__ import annotations

import math
import threading
from collections import OrderedDict
from collections.abc import Iterable, Iterator, Mapping, Sequence

import numpy as np
from rapidfuzz import process
from rapidfuzz.distance import Levenshtein
from whoosh.codec.whoosh3 import W3LeafMatcher
from whoosh.reading import SegmentReader
from whoosh.util.numeric import byte_to_length

from .config import DEFAULT, RankingConfig
from .textnorm import fold

__all__ = ["Scorer"]

_LENGTH_OF_BYTE = np.array([byte_to_length(b) for b in range(256)], dtype=np.float32)
ROUGH_KEPT = 200_000  # dictionary counts remembered (spelling checks repeat them)
CACHE_POSTINGS = 30_000_000  # postings kept decoded (~240 MB at most)


class FlatSpellings:
    """A spelling table kept as the one string it is stored as ("\nkey\tspelling\t...\n",
    lines sorted by key): loading it costs nothing; the first lookup indexes
    its lines (a few ms for the largest field), and a syllable's spellings
    are split out only when asked for."""

    def __init__(self, text: str):
        self.text = text
        self._lines: dict[str, str] | None = None

    @staticmethod
    def text_of(table: Mapping[str, list[str]] | FlatSpellings) -> str:
        if isinstance(table, FlatSpellings):
            return table.text
        return "\n" + "".join(k + "\t" + "\t".join(table[k]) + "\n" for k in sorted(table))

    def get(self, key: str, default: list[str]) -> list[str]:
        lines = self._lines
        if lines is None:
            lines = self._lines = dict(line.split("\t", 1) for line in self.text[1:-1].split("\n") if line)
        found = lines.get(key)
        return found.split("\t") if found is not None else default

    def __iter__(self) -> Iterator[str]:
        return (line.partition("\t")[0] for line in self.text[1:-1].split("\n") if line)


class Scorer:
    """Score arrays for one searcher (one index generation)."""

    def __init__(self, searcher, fields: Iterable[str], folded_fields: Iterable[str] = (),
                 config: RankingConfig = DEFAULT, storage=None, derived: dict | None = None):
        """``folded_fields`` hold Vietnamese syllables as written: there a
        term typed without diacritics stands for all its indexed spellings
        (see ``variants``).  ``config``: k1, b, the idf formula and whether
        fields are combined before saturation.  ``storage``: the index's
        storage, for each thread's own readers (default: the searcher's).
        ``derived``: lengths and spelling tables built at reindex (``derived``),
        used when present instead of reading them out of the segments."""
        self.searcher = searcher
        self.storage = storage if storage is not None else searcher._ix.storage
        self.config = config
        self.folded_fields = frozenset(folded_fields)
        derived = derived or {}
        self._spellings: dict[str, dict[str, list[str]] | FlatSpellings] = {
            f: FlatSpellings(text) for f, text in derived.get("spellings", {}).items() if isinstance(text, str)}
        self._stored_lengths: dict[str, np.ndarray] = derived.get("lengths", {})
        self._by_letter: dict[str, dict[str, list[str]]] = {}  # near_terms' pools
        self.lock = threading.RLock()
        self.leaves = list(searcher.reader().leaf_readers())
        # Each thread decodes postings with readers of its own (same
        # segments): Whoosh's readers keep a file position, so one shared set
        # would need the lock held through every decode, and a long query's
        # decoding would make every other search wait for it.
        self._local = threading.local()
        self._opened: list[SegmentReader] = []
        self.size = sum(r.doc_count_all() for r, _ in self.leaves)
        self.live = np.ones(self.size, dtype=bool)
        for reader, base in self.leaves:
            if reader.has_deletions():
                for d in range(reader.doc_count_all()):
                    if reader.is_deleted(d):
                        self.live[base + d] = False
        self.doc_count = int(self.live.sum())
        self.lengths: dict[str, np.ndarray] = {}
        self.avg_length: dict[str, float] = {}
        for f in fields:
            self._load_lengths(f)
        self._rough: dict[tuple[str, str], int] = {}
        self._cache: OrderedDict[tuple[str, str, bool], tuple[np.ndarray, np.ndarray]] = OrderedDict()
        self._cached = 0

    def _load_lengths(self, field: str) -> None:
        out = self._stored_lengths.get(field)
        if out is None or len(out) != self.size:
            out = np.zeros(self.size, dtype=np.float32)
            for reader, base in self.leaves:
                n = reader.doc_count_all()
                get = reader.doc_field_length
                out[base:base + n] = [get(d, field) or 0 for d in range(n)]
        total = float(sum(reader.field_length(field) for reader, _ in self.leaves))
        self.lengths[field] = out
        # Average over the releases that have the field: English fields are
        # empty for Vietnamese releases and must not drag the mean down.
        having = int(np.count_nonzero(out[self.live])) if self.size else 0
        if self.doc_count < self.size:
            # Whoosh's totals still count removed releases until their
            # segment merges: take theirs out, or one reindex that removes
            # long releases shifts every score.
            total -= float(out[~self.live].sum())
        self.avg_length[field] = (total / having) if having else 1.0

    # -- postings --------------------------------------------------------------

    def own_leaves(self) -> list[tuple[SegmentReader, int]]:
        """This thread's readers of the generation's segments, with their
        first global doc number (opened on a thread's first use)."""
        leaves = getattr(self._local, "leaves", None)
        if leaves is None:
            leaves = [(self._reader_like(r), base) for r, base in self.leaves]
            with self.lock:
                self._opened += [r for (r, _), (shared, _) in zip(leaves, self.leaves, strict=True)
                                 if r is not shared]
            self._local.leaves = leaves
        return leaves

    def _reader_like(self, reader):
        """A reader of the same segment as ``reader``, of this thread's own;
        an index with no segment has nothing to decode: its empty reader."""
        segment = reader.segment() if isinstance(reader, SegmentReader) else None
        if segment is None:
            return reader
        return SegmentReader(self.storage, reader.schema, segment, generation=reader.generation())

    def close(self) -> None:
        """Close the readers threads opened (the searcher is closed apart)."""
        with self.lock:
            for reader in self._opened:
                reader.close()
            self._opened.clear()

    def derived(self) -> dict:
        """The lengths and every Vietnamese field's spelling table, for
        ``derived.save_derived`` (built now if not yet)."""
        with self.lock:
            return {"lengths": dict(self.lengths),
                    "spellings": {f: FlatSpellings.text_of(self._spelling_map(f)) for f in sorted(self.folded_fields)}}

    def _spelling_map(self, field: str) -> dict[str, list[str]] | FlatSpellings:
        """Diacritic-free form -> the indexed syllables that fold to it
        (built once per field and generation from the term list)."""
        table = self._spellings.get(field)
        if table is None:
            table = {}
            for reader, _ in self.leaves:
                for raw in reader.lexicon(field):
                    term = raw.decode("utf-8") if isinstance(raw, bytes) else raw
                    if "_" not in term:
                        table.setdefault(fold(term), []).append(term)
            for key, terms in table.items():
                table[key] = sorted(set(terms))
            self._spellings[field] = table
        return table

    def term_frequencies(self, field: str) -> dict[str, int]:
        """Every term of ``field`` with the number of releases holding it
        (dictionary counts, over every segment): read whole, so for the
        few callers that need a field's vocabulary once per generation."""
        out: dict[str, int] = {}
        with self.lock:
            for reader, _ in self.leaves:
                for raw, info in reader.iter_field(field):
                    term = raw.decode("utf-8") if isinstance(raw, bytes) else raw
                    out[term] = out.get(term, 0) + info.doc_frequency()
        return out

    def variants(self, field: str, text: str) -> list[str]:
        """The indexed terms a query term stands for: a diacritic-free
        syllable in a Vietnamese field means every spelling that folds to
        it ("cong" -> "công", "cộng", "cong", ...); any other term, itself."""
        if field not in self.folded_fields or "_" in text or fold(text) != text:
            return [text]
        with self.lock:
            return self._spelling_map(field).get(text, [])

    def near_terms(self, field: str, text: str, maxdist: int) -> list[str]:
        """Diacritic-free syllables of ``field`` within ``maxdist`` edits
        (Levenshtein) of ``text`` with its first letter, for spelling
        corrections: rapidfuzz compares the syllables of that letter in C,
        a fraction of a millisecond where a Levenshtein automaton walked
        over the term list took several."""
        if not text:
            return []
        with self.lock:
            by_letter = self._by_letter.get(field)
            if by_letter is None:
                by_letter = self._by_letter[field] = {}
                for word in self._spelling_map(field):
                    by_letter.setdefault(word[0], []).append(word)
        pool = by_letter.get(text[0], [])
        found = process.extract(text, pool, scorer=Levenshtein.distance, score_cutoff=maxdist, limit=None)
        return sorted(word for word, _, _ in found)

    def postings(self, field: str, text: str, exact: bool = False) -> tuple[np.ndarray, np.ndarray]:
        """Global doc numbers and term frequencies of one term (cached); a
        diacritic-free Vietnamese syllable sums the postings of its
        spellings, as if the folded form itself had been indexed, unless
        ``exact`` asks for that very spelling ("an", not "án")."""
        key = (field, text, exact)
        with self.lock:
            hit = self._cache.get(key)
            if hit is not None:
                self._cache.move_to_end(key)
                return hit
        ids_parts: list[np.ndarray] = []
        tf_parts: list[np.ndarray] = []
        for term in ([text] if exact else self.variants(field, text)):
            for reader, base in self.own_leaves():
                if (field, term) not in reader:  # type: ignore[operator]  # whoosh types it loosely
                    continue
                ids, tfs = _read_matcher(reader.postings(field, term))
                ids_parts.append(ids + base)
                tf_parts.append(tfs)
        if not ids_parts:
            value = (np.empty(0, dtype=np.int32), np.empty(0, dtype=np.float32))
        elif len(ids_parts) == 1:
            value = (ids_parts[0].astype(np.int32), tf_parts[0])
        else:  # spellings may share releases: sum per release
            ids, tfs = _sum_by_doc(ids_parts, tf_parts, self.size)
            value = (ids.astype(np.int32), tfs)
        with self.lock:
            if key in self._cache:  # another thread decoded it meanwhile
                return self._cache[key]
            self._cache[key] = value
            self._cached += len(value[0])
            while self._cached > CACHE_POSTINGS and len(self._cache) > 1:
                _, (old, _) = self._cache.popitem(last=False)
                self._cached -= len(old)
            return value

    def holding(self, field: str, text: str, exact: bool = False) -> np.ndarray:
        """Which documents hold a term (see ``postings``), as a mask."""
        out = np.zeros(self.size, dtype=bool)
        out[self.postings(field, text, exact)[0]] = True
        return out

    def holding_any(self, field: str, terms: list[str]) -> np.ndarray:
        """Which documents hold any of ``terms``, each the spelling as indexed."""
        out = np.zeros(self.size, dtype=bool)
        for t in terms:
            out[self.postings(field, t, True)[0]] = True
        return out

    def rough_frequency(self, field: str, text: str) -> int:
        """An upper bound of ``doc_frequency`` from the term dictionaries
        alone (spellings counted apart), without decoding any postings."""
        key = (field, text)
        with self.lock:
            n = self._rough.get(key)
            if n is None:
                if len(self._rough) >= ROUGH_KEPT:
                    self._rough.clear()
                n = self._rough[key] = sum(reader.doc_frequency(field, term)
                                           for term in self.variants(field, text) for reader, _ in self.leaves)
            return n

    def doc_frequency(self, field: str, text: str) -> int:
        return len(self.postings(field, text)[0])

    def term_array(self, field: str, key=None, default: float = 0.0) -> np.ndarray:
        """A per-document value from an ID field's terms (``key`` maps a
        term to a number), e.g. dates for sorting."""
        out = np.full(self.size, default, dtype=np.float64)
        with self.lock:
            for reader, base in self.leaves:
                for text in reader.lexicon(field):
                    text = text.decode("utf-8") if isinstance(text, bytes) else text
                    ids, _ = _read_matcher(reader.postings(field, text))
                    out[ids + base] = key(text) if key else 1.0
        return out

    def mask(self, docnums: Iterable[int]) -> np.ndarray:
        out = np.zeros(self.size, dtype=bool)
        ids = np.fromiter(docnums, dtype=np.int64)
        out[ids] = True
        return out

    def idf(self, df: int) -> float:
        # Robertson-Sparck Jones idf (as in Lucene): near zero for syllables
        # found in most releases, so function words of long questions weigh
        # little, where Whoosh's log(N/(df+1))+1 never drops below 1.
        n = self.doc_count
        if self.config.idf_formula == "whoosh":
            return math.log(n / (df + 1)) + 1.0
        return math.log(1.0 + (n - df + 0.5) / (df + 0.5))

    # -- scoring ---------------------------------------------------------------

    def scores(self, terms: Sequence[tuple[str, str, float]],
               field_weights: Mapping[str, float]) -> np.ndarray:
        """BM25F scores of every document.

        ``terms`` are (field, text, boost) where boost = field weight x term
        weight.  As in BM25F proper, a term's frequencies in all fields are
        combined (each scaled by its field weight and length normalisation)
        before saturation, so a word found in title, lead and body is not
        counted three times over; the term weight then scales its score.
        """
        cfg = self.config
        k1, combine = cfg.k1, cfg.combine_fields
        groups: dict = {}
        for field, text, boost in terms:
            key = text if combine else (field, text)
            groups.setdefault(key, []).append((field, boost))
        out = np.zeros(self.size, dtype=np.float32)
        for key, fields in groups.items():
            text = key if combine else key[1]
            ids_parts, val_parts, weights = [], [], []
            for field, boost in fields:
                ids, tfs = self.postings(field, text)
                fw = field_weights.get(field, 1.0)
                weights.append(boost / fw if fw else boost)
                if not len(ids):
                    continue
                b = cfg.b.get(field, cfg.default_b)
                norm = (1.0 - b) + b * (self.lengths[field][ids] / self.avg_length[field])
                ids_parts.append(ids)
                val_parts.append(fw * tfs / norm)
            if not ids_parts:
                continue
            if sum(len(i) for i in ids_parts) * 16 > self.size:
                # Common term: add it up over one dense array, no sorting.
                acc = _dense_sum(ids_parts, val_parts, self.size)
                weight = max(weights) * self.idf(int(np.count_nonzero(acc)))
                out += (weight * (acc * (k1 + 1.0)) / (acc + k1)).astype(np.float32)
                continue
            if len(ids_parts) == 1:
                ids, acc = ids_parts[0], val_parts[0]
            else:
                ids, acc = _sum_by_doc(ids_parts, val_parts, self.size)
            weight = max(weights) * self.idf(len(ids))
            out[ids] += weight * (acc * (k1 + 1.0)) / (acc + k1)
        return out

    def top(self, scores: np.ndarray, mask: np.ndarray | None, offset: int, count: int,
            order: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
        """Doc numbers of ranks offset..offset+count, and the matched docs.

        ``order`` (a per-document sort key, larger first) replaces the score
        as the sort key when given; ties fall back to the score.
        """
        matched = (scores > 0) & self.live
        if mask is not None:
            matched &= mask
        candidates = np.flatnonzero(matched)
        total = len(candidates)
        if offset >= total:
            return np.empty(0, dtype=np.int64), matched
        key = scores[candidates] if order is None else order[candidates]
        want = min(total, offset + count)
        if want < total:
            # Everything that ties with the last wanted key stays in, so the
            # final order (ties by score, then doc number) is one order for
            # every page, not whichever tied releases the partition kept.
            cut = -np.partition(-key, want - 1)[want - 1]
            keep = key >= cut
            candidates, key = candidates[keep], key[keep]
        if order is None:
            ranked = candidates[np.lexsort((candidates, -key))]
        else:
            ranked = candidates[np.lexsort((candidates, -scores[candidates], -key))]
        return ranked[offset:offset + count], matched


def _sum_by_doc(ids_parts: list[np.ndarray], val_parts: list[np.ndarray],
                size: int) -> tuple[np.ndarray, np.ndarray]:
    """Union of several (doc ids, values) lists, values summed per doc.
    Long lists go through one dense array (linear); short ones are sorted."""
    if sum(len(i) for i in ids_parts) * 16 > size:
        dense = _dense_sum(ids_parts, val_parts, size)
        out = np.flatnonzero(dense)
        return out, dense[out].astype(np.float32)
    out, inverse = np.unique(np.concatenate(ids_parts), return_inverse=True)
    return out, np.bincount(inverse, weights=np.concatenate(val_parts)).astype(np.float32)


def _dense_sum(ids_parts: list[np.ndarray], val_parts: list[np.ndarray], size: int) -> np.ndarray:
    """Values summed per doc over all ``size`` docs (zeros where absent)."""
    return np.bincount(np.concatenate(ids_parts), weights=np.concatenate(val_parts), minlength=size)


def _read_matcher(m) -> tuple[np.ndarray, np.ndarray]:
    """All (ids, weights) of a postings matcher, a block at a time."""
    ids: list = []
    tfs: list = []
    if isinstance(m, W3LeafMatcher):
        while m.is_active():
            m._read_ids()
            m._read_weights()
            ids.append(np.asarray(m._ids, dtype=np.int64))
            tfs.append(np.asarray(m._weights, dtype=np.float32))
            m._next_block()
        if ids:
            return np.concatenate(ids), np.concatenate(tfs)
        return np.empty(0, dtype=np.int64), np.empty(0, dtype=np.float32)
    while m.is_active():
        ids.append(m.id())
        tfs.append(m.weight())
        m.next()
    return np.asarray(ids, dtype=np.int64), np.asarray(tfs, dtype=np.float32)
