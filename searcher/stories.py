"""Near-duplicate releases: the same story published twice (a reprint, a
re-run with a corrected title) grouped, so results show it once with its
other versions beside it.

Each release gets a SimHash of its opening (title and the first
``PROFILE_CHARS`` of the lead and body): every run of ``SHINGLE`` words,
folded, votes on 64 bits, and releases whose fingerprints differ in at most
``MAX_BITS`` bits are one story.  Candidates are found by the pigeonhole
principle (fingerprints that close agree on one of ``MAX_BITS`` + 1 runs of bits),
so grouping compares releases within buckets, not all pairs.  Translations are not
duplicates: they share no words (the pairing in ``translations`` links them).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable

import numpy as np

from .textnorm import fold

__all__ = ["fingerprint", "fingerprints", "story_groups", "PROFILE_CHARS", "MAX_BITS"]

PROFILE_CHARS = 800  # of lead and body read after the title: reprints share their opening
SHINGLE = 4  # words per shingle
# Fingerprint bits two versions of one story may differ in (of 64): re-runs
# with a new title or a cut end differ in up to 10 (p99 9) at this profile
# length; the nearest different story of 2,800 differs in 12 or more.
MAX_BITS = 8
MIN_WORDS = 12  # a shorter text (a title alone) is too little to call two releases one story
_ROWS = 256  # rows of a bucket compared at once (a 256 x bucket matrix)
_WORD = re.compile(r"\w+")
_SHIFTS = np.arange(64, dtype=np.uint64)
_MIX = np.uint64(0x9E3779B97F4A7C15)


class _WordHashes:
    """A stable 64-bit hash per folded word (the same in every process)."""

    def __init__(self) -> None:
        self.known: dict[str, int] = {}

    def __call__(self, words: list[str]) -> np.ndarray:
        known = self.known
        for w in set(words).difference(known):
            known[w] = int.from_bytes(hashlib.blake2b(w.encode(), digest_size=8).digest(), "little")
        return np.array([known[w] for w in words], dtype=np.uint64)


def _rotl(x: np.ndarray, k: int) -> np.ndarray:
    return (x << np.uint64(k)) | (x >> np.uint64(64 - k))


def fingerprint(text: str, hashes: _WordHashes | None = None) -> int:
    """The SimHash of ``text``'s shingles; 0 for a text under ``MIN_WORDS`` words."""
    words = _WORD.findall(fold(text).lower())
    if len(words) < MIN_WORDS:
        return 0
    h = (hashes or _WordHashes())(words)
    n = len(words) - SHINGLE + 1
    shingles = h[:n].copy()
    for k in range(1, SHINGLE):
        shingles ^= _rotl(h[k:k + n], 7 * k)
    with np.errstate(over="ignore"):
        shingles = np.unique(shingles * _MIX)
    votes = ((shingles[:, None] >> _SHIFTS) & np.uint64(1)).sum(axis=0)
    bits = (votes * 2 > len(shingles)).astype(np.uint64)
    return int((bits << _SHIFTS).sum())


def fingerprints(texts: Iterable[str]) -> np.ndarray:
    """Fingerprints of many texts (one word-hash table shared)."""
    hashes = _WordHashes()
    return np.fromiter((fingerprint(t, hashes) for t in texts), dtype=np.uint64)


def story_groups(prints: np.ndarray) -> np.ndarray:
    """A group number per release (the smallest index among its versions),
    -1 for a release that is its only version.  ``prints`` 0 means none."""
    parent = np.arange(len(prints))

    def root(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = int(parent[x])
        return x

    for block in _blocks():
        keys = (prints >> np.uint64(block[0])) & np.uint64((1 << (block[1] - block[0])) - 1)
        order = np.argsort(keys, kind="stable")
        sorted_keys = keys[order]
        starts = np.flatnonzero(np.r_[True, sorted_keys[1:] != sorted_keys[:-1]])
        ends = np.r_[starts[1:], len(order)]
        for a, b in zip(starts.tolist(), ends.tolist(), strict=True):
            if b - a > 1:
                _join_close(prints, order[a:b], root, parent)
    groups = np.array([root(i) for i in range(len(prints))], dtype=np.int64)
    sizes = np.bincount(groups, minlength=len(prints))
    return np.where(sizes[groups] > 1, groups, -1).astype(np.int32)


def _blocks() -> list[tuple[int, int]]:
    """``MAX_BITS`` + 1 runs of bits covering all 64: two fingerprints that
    differ in at most ``MAX_BITS`` bits agree on at least one whole run."""
    n = MAX_BITS + 1
    edges = [round(64 * i / n) for i in range(n + 1)]
    return list(zip(edges, edges[1:], strict=False))


def _join_close(prints: np.ndarray, members: np.ndarray, root, parent: np.ndarray) -> None:
    """Join the releases of one bucket whose fingerprints are close."""
    members = members[prints[members] != 0]
    for start in range(0, len(members), _ROWS):  # all pairs of the bucket, a block of rows at a time
        rows = members[start:start + _ROWS]
        near = _popcount(prints[rows][:, None] ^ prints[members][None, :]) <= MAX_BITS
        for i, j in zip(*np.nonzero(near), strict=True):
            x, y = int(rows[i]), int(members[j])
            rx, ry = root(x), root(y)
            if rx != ry:
                parent[max(rx, ry)] = min(rx, ry)


def _popcount(x: np.ndarray) -> np.ndarray:
    """Set bits of each uint64."""
    x = x - ((x >> np.uint64(1)) & np.uint64(0x5555555555555555))
    x = (x & np.uint64(0x3333333333333333)) + ((x >> np.uint64(2)) & np.uint64(0x3333333333333333))
    x = (x + (x >> np.uint64(4))) & np.uint64(0x0F0F0F0F0F0F0F0F)
    with np.errstate(over="ignore"):
        return (x * np.uint64(0x0101010101010101)) >> np.uint64(56)
