"""Precision and recall of `searcher.entities.collect.extract` against hand labels.

The labels are in tests/data/entities-labelled.jsonl (36 releases: the two
seeds, 14 VietNews articles, 10 English and 10 Vietnamese NTREX stories);
tests/data/ENTITIES.md says how they were made and what counts as an
official or an agency.  The file is self-contained: this test does not need
../shared.

Matching (one gold entity matches at most one extracted entity):

* keys: `entity_key` of a name, then punctuation dropped ("TP. Đà Nẵng" =
  "TP Đà Nẵng", "Donald J. Trump" = "Donald J Trump") and a leading English
  "the" dropped;
* pass 1, equal keys: the extracted name equals the gold name or one of its
  aliases; for agencies also the gold acronym equals the extracted name or
  acronym, or the extracted acronym equals the gold name or an alias;
* pass 2, for what is left: one key is a contiguous run of syllables inside
  the other and they share at least 2 syllables (officials) or 3 syllables
  (agencies); for officials an extracted name that is the gold name with
  words in front of it ("Tổng thống Trump" for gold "Trump") also matches.
  Among candidates the longest overlap wins.

Target (the issue's): precision >= 0.9 and recall >= 0.9 for officials and
for agencies over the whole set, and for each kind on the two seed releases
alone.  The numbers per source and per language are printed too (pytest -s
shows them), with every miss and false positive.

Run as a script for the report alone: python tests/test_entity_labels.py
"""

from __future__ import annotations

import json
import re
import sys
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # when run as a script
    sys.path.insert(0, str(ROOT))

import pytest  # noqa: E402

from searcher.entities.collect import extract  # noqa: E402
from searcher.entities.names import entity_key  # noqa: E402

DATA = Path(__file__).resolve().parent / "data" / "entities-labelled.jsonl"
SEED_IDS = ("000_88d205db7cfd394d", "004_45012c5433f0871f")
TARGET = 0.9
# The target holds for recall too (it was 0.76 for both kinds before
# the rules for apposition, coordinated bodies, companies and the gazetteer
# of public figures); the seeds are held to it on their own as well.
RECALL_FLOOR = TARGET
MIN_SHARED = {"officials": 2, "agencies": 3, "sources": 2}
# "sources" are the media a release cites or names (issue 17): the labels'
# word for what the extractor returns as its third kind, media.
KINDS = ("officials", "agencies", "sources")

_PUNCT = re.compile(r"[^\w\s&]")


def match_key(name: str) -> str:
    """entity_key without punctuation and without a leading English article."""
    words = _PUNCT.sub(" ", entity_key(name or "")).split()
    if len(words) > 1 and words[0] == "the":
        words = words[1:]
    return " ".join(words)


def _contains(big: list[str], small: list[str]) -> bool:
    n = len(small)
    return any(big[i:i + n] == small for i in range(len(big) - n + 1))


def _overlap(a: str, b: str, kind: str) -> int:
    """Shared syllables when one key is a contiguous run inside the other, else 0."""
    sa, sb = a.split(), b.split()
    if not sa or not sb:
        return 0
    small, big = (sa, sb) if len(sa) <= len(sb) else (sb, sa)
    if not _contains(big, small):
        return 0
    if len(small) >= MIN_SHARED[kind]:
        return len(small)
    if kind == "officials" and small is sa and sb[-len(sa):] == sa:
        return len(small)  # gold name with title words in front of it
    return 0


@dataclass
class Gold:
    name: str
    extra: str  # role or acronym
    keys: set[str]
    acronym: str = ""


@dataclass
class Found:
    name: str
    extra: str
    key: str
    acronym: str = ""


def _gold(entries: list[dict], kind: str) -> list[Gold]:
    out = []
    for e in entries:
        keys = {match_key(n) for n in [e["name"], *e.get("aliases", [])]} - {""}
        acr = match_key(e.get("acronym", "")) if kind != "officials" else ""
        out.append(Gold(e["name"], e.get("role" if kind == "officials" else "acronym", ""), keys, acr))
    return out


def _found(entities, kind: str) -> list[Found]:
    if kind == "officials":
        return [Found(o.name, o.role, match_key(o.name)) for o in entities]
    return [Found(a.name, a.acronym, match_key(a.name), match_key(a.acronym)) for a in entities]


def _equal(g: Gold, f: Found) -> bool:
    if f.key in g.keys:
        return True
    if g.acronym and g.acronym in (f.key, f.acronym):
        return True
    return bool(f.acronym) and f.acronym in g.keys


def match(gold: list[Gold], found: list[Found], kind: str):
    """Pairs (gold, found), unmatched gold (misses), unmatched found (false positives)."""
    free = list(range(len(gold)))
    pairs, rest = [], []
    for f in found:
        hit = next((i for i in free if _equal(gold[i], f)), None)
        if hit is None:
            rest.append(f)
        else:
            free.remove(hit)
            pairs.append((gold[hit], f))
    fps = []
    for f in rest:
        best, best_n = None, 0
        for i in free:
            n = max(_overlap(k, f.key, kind) for k in gold[i].keys)
            if n > best_n:
                best, best_n = i, n
        if best is None:
            fps.append(f)
        else:
            free.remove(best)
            pairs.append((gold[best], f))
    return pairs, [gold[i] for i in free], fps


@dataclass
class Tally:
    gold: int = 0
    found: int = 0
    matched: int = 0
    role_ok: int = 0

    @property
    def precision(self) -> float:
        return self.matched / self.found if self.found else 1.0

    @property
    def recall(self) -> float:
        return self.matched / self.gold if self.gold else 1.0


@dataclass
class Evaluation:
    records: list[dict]
    tallies: dict = field(default_factory=lambda: defaultdict(Tally))  # (kind, scope) -> Tally
    misses: dict = field(default_factory=lambda: defaultdict(list))  # kind -> [(id, Gold)]
    false_pos: dict = field(default_factory=lambda: defaultdict(list))  # kind -> [(id, Found)]


def load_records(path: Path = DATA) -> list[dict]:
    with path.open(encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def _scopes(rec: dict) -> list[str]:
    scopes = ["all"]
    if rec["id"] in SEED_IDS:
        scopes.append("seeds")
    elif rec["source"] == "vietnews":
        scopes.append("vietnews (vi)")
    else:
        scopes.append(f"ntrex ({rec['lang']})")
    return scopes


def _role_agrees(gold_role: str, found_role: str) -> bool:
    g, f = match_key(gold_role), match_key(found_role)
    return bool(g) and bool(f) and (g == f or _contains(g.split(), f.split()) or _contains(f.split(), g.split()))


LANG_SCOPES = ("lang (vi)", "lang (en)")


@lru_cache(maxsize=4)
def evaluate(path: Path = DATA) -> Evaluation:
    """Precision/recall tallies over a labelled file, per scope (all, seeds,
    source and language, and each language alone)."""
    ev = Evaluation(load_records(path))
    for rec in ev.records:
        extracted = extract([rec["title"], rec.get("lead", ""), rec["body"]], rec["lang"])
        for kind, got in zip(KINDS, extracted, strict=True):
            pairs, misses, fps = match(_gold(rec[kind], kind), _found(got, kind), kind)
            for scope in [*_scopes(rec), f"lang ({rec['lang']})"]:
                t = ev.tallies[(kind, scope)]
                t.gold += len(rec[kind])
                t.found += len(got)
                t.matched += len(pairs)
                if kind == "officials":
                    t.role_ok += sum(_role_agrees(g.extra, f.extra) for g, f in pairs)
            ev.misses[kind] += [(rec["id"], g) for g in misses]
            ev.false_pos[kind] += [(rec["id"], f) for f in fps]
    return ev


def report(ev: Evaluation, path: Path = DATA, by_language: bool = False) -> str:
    """The table (with each language's own rows when ``by_language``), then
    every miss and false positive."""
    order = ["all", "seeds", "vietnews (vi)", "ntrex (en)", "ntrex (vi)"]
    order += list(LANG_SCOPES) if by_language else []
    try:
        name = path.resolve().relative_to(ROOT)
    except ValueError:
        name = path
    lines = [f"Entity extraction vs {name} ({len(ev.records)} releases)",
             f"{'kind':<10} {'scope':<14} {'gold':>5} {'found':>6} {'match':>6} {'P':>6} {'R':>6}"]
    for kind in KINDS:
        for scope in order:
            t = ev.tallies.get((kind, scope))
            if t is None:
                continue
            lines.append(f"{kind:<10} {scope:<14} {t.gold:>5} {t.found:>6} {t.matched:>6} "
                         f"{t.precision:>6.3f} {t.recall:>6.3f}")
    t = ev.tallies[("officials", "all")]
    lines.append(f"(informational) extracted role agrees with the labelled role for "
                 f"{t.role_ok}/{t.matched} matched officials")
    for kind in KINDS:
        what = "role" if kind == "officials" else "acronym"
        lines.append(f"\nMISSES, {kind} ({len(ev.misses[kind])}):")
        lines += [f"  {rid}: {g.name}" + (f" [{what}: {g.extra}]" if g.extra else "")
                  for rid, g in ev.misses[kind]]
        lines.append(f"\nFALSE POSITIVES, {kind} ({len(ev.false_pos[kind])}):")
        lines += [f"  {rid}: {f.name}" + (f" [{what}: {f.extra}]" if f.extra else "")
                  for rid, f in ev.false_pos[kind]]
    return "\n".join(lines)


_printed: set[Path] = set()


def _evaluation(path: Path = DATA) -> Evaluation:
    """``evaluate``, printing the report once per file (pytest -s shows it)."""
    ev = evaluate(path)
    if path not in _printed:
        print("\n" + report(ev, path, by_language=path != DATA))
        _printed.add(path)
    return ev


# --- tests -----------------------------------------------------------------

def test_labelled_file_is_well_formed():
    records = load_records()
    ids = [r["id"] for r in records]
    assert len(records) >= 36 and len(set(ids)) == len(ids)
    assert set(SEED_IDS) <= set(ids)
    for r in records:
        assert r["lang"] in ("vi", "en") and r["source"] and r["title"] and r["body"], r["id"]
        for o in r["officials"]:
            assert o["name"].strip() and "role" in o, (r["id"], o)
        for a in r["agencies"]:
            assert a["name"].strip() and "acronym" in a, (r["id"], a)
        for kind in KINDS:  # one entry per entity: no two entries share a key
            seen: set[str] = set()
            for e in r[kind]:
                keys = {match_key(n) for n in [e["name"], *e.get("aliases", [])]}
                assert not keys & seen, (r["id"], kind, e["name"])
                seen |= keys


def test_matching_rule():
    gold = _gold([{"name": "Nguyễn Văn Long", "role": "Thứ trưởng"}, {"name": "Trump", "role": ""}], "officials")
    pairs, misses, fps = match(gold, [Found("x", "", match_key("Thứ trưởng Nguyễn Văn Long")),
                                      Found("y", "", match_key("Tổng thống Trump")),
                                      Found("z", "", match_key("Long"))], "officials")
    assert len(pairs) == 2 and not misses and [f.name for f in fps] == ["z"]
    gold = _gold([{"name": "Cảnh sát Liên bang Australia", "acronym": "AFP"},
                  {"name": "Bộ Công an Việt Nam", "acronym": "", "aliases": ["Bộ Công an"]}], "agencies")
    pairs, misses, fps = match(gold, [Found("AFP", "", match_key("AFP")),
                                      Found("Bộ Công an", "", match_key("Uỷ ban Bộ Công an"))], "agencies")
    assert len(pairs) == 2 and not misses and not fps


def test_officials_precision_and_recall():
    t = _evaluation().tallies[("officials", "all")]
    assert t.precision >= TARGET and t.recall >= RECALL_FLOOR, (
        f"officials: P={t.precision:.3f} R={t.recall:.3f} (target {TARGET}); run with -s for the misses")


def test_agencies_precision_and_recall():
    t = _evaluation().tallies[("agencies", "all")]
    assert t.precision >= TARGET and t.recall >= RECALL_FLOOR, (
        f"agencies: P={t.precision:.3f} R={t.recall:.3f} (target {TARGET}); run with -s for the misses")


def test_sources_precision_and_recall():
    """Media on the development set: floors at today's values rounded down
    to 0.05 (P 0.938 R 0.938, session 10), short of the precision target."""
    t = _evaluation().tallies[("sources", "all")]
    assert t.precision >= 0.90 and t.recall >= RECALL_FLOOR, (
        f"sources: P={t.precision:.3f} R={t.recall:.3f}; run with -s for the misses")


def test_seeds_precision_and_recall():
    """Each seed release on its own, both kinds: the releases shipped in docs_raw/."""
    ev = _evaluation()
    for rid in SEED_IDS:
        rec = next(r for r in ev.records if r["id"] == rid)
        extracted = extract([rec["title"], rec.get("lead", ""), rec["body"]], rec["lang"])
        for kind, got in zip(KINDS, extracted, strict=True):
            pairs, _, _ = match(_gold(rec[kind], kind), _found(got, kind), kind)
            p = len(pairs) / len(got) if got else 1.0
            r = len(pairs) / len(rec[kind]) if rec[kind] else 1.0
            assert p >= TARGET and r >= TARGET, f"{rid} {kind}: P={p:.3f} R={r:.3f} (target {TARGET})"


# --- held-out set ------------------------------------------------------------
# tests/data/entities-heldout.jsonl: 24 releases the rules were never tuned on
# (14 VietNews articles picked by a fixed procedure, 5 English and 5
# Vietnamese NTREX stories); tests/data/HELDOUT.md says how it was made.  Any
# labelled file in the same format can be scored with `evaluate(path)`, or from
# the shell: python tests/test_entity_labels.py --file PATH

HELDOUT = Path(__file__).resolve().parent / "data" / "entities-heldout.jsonl"


def test_heldout_file_is_well_formed():
    records = load_records(HELDOUT)
    ids = [r["id"] for r in records]
    assert len(records) == 24 and len(set(ids)) == len(ids)
    dev = {r["id"] for r in load_records()}
    stories = {i.rsplit("-", 1)[0] for i in dev if i.startswith("ntrex-")}
    assert not set(ids) & dev, "held-out ids must not be in the development set"
    assert not {i.rsplit("-", 1)[0] for i in ids if i.startswith("ntrex-")} & stories
    assert sum(r["source"] == "vietnews" for r in records) == 14
    assert sum(r["source"] == "ntrex" and r["lang"] == "en" for r in records) == 5
    assert sum(r["source"] == "ntrex" and r["lang"] == "vi" for r in records) == 5
    for r in records:
        assert r["lang"] in ("vi", "en") and r["source"] and r["title"] and r["body"], r["id"]
        for o in r["officials"]:
            assert o["name"].strip() and "role" in o, (r["id"], o)
        for a in r["agencies"]:
            assert a["name"].strip() and "acronym" in a, (r["id"], a)
        for kind in KINDS:
            seen: set[str] = set()
            for e in r[kind]:
                keys = {match_key(n) for n in [e["name"], *e.get("aliases", [])]}
                assert not keys & seen, (r["id"], kind, e["name"])
                seen |= keys


# First measured on 2026-11-24 (commit 58d93d5 plus working tree): officials
# P 0.878 R 0.754, agencies P 0.910 R 0.780.  After the session 3 rules (see
# HELDOUT.md; the set was used for error analysis, so it is no longer blind):
# officials P 1.000 R 0.947, agencies P 0.978 R 0.989.  The floors are those
# values rounded down to 0.05, precision at most 0.95 so one debatable
# extraction does not fail it: a regression guard, not a target.
HELDOUT_FLOORS = {"officials": (0.95, 0.90), "agencies": (0.95, 0.95), "sources": (0.95, 0.90)}


def test_heldout_precision_and_recall():
    """Regression guard on the held-out set (not a target).

    Asserts that P and R stay at least at the measured level rounded down
    to the nearest 0.05 (HELDOUT_FLOORS).  The set has been used for error
    analysis since its first measurement (HELDOUT.md, "Session 3 rules"), so
    these figures are no longer a blind estimate.  Raise the floors when the
    extractor improves; never edit the held-out labels to pass.
    """
    ev = _evaluation(HELDOUT)
    for kind in KINDS:
        t = ev.tallies[(kind, "all")]
        p_floor, r_floor = HELDOUT_FLOORS[kind]
        assert t.precision >= p_floor and t.recall >= r_floor, (
            f"held-out {kind}: P={t.precision:.3f} R={t.recall:.3f} "
            f"(floors P>={p_floor} R>={r_floor}); run with -s for the misses")


if __name__ == "__main__":
    if "--file" in sys.argv[1:]:
        path = Path(sys.argv[sys.argv.index("--file") + 1])
        print(report(evaluate(path), path, by_language=True))
        sys.exit(0)
    ev = evaluate()
    print(report(ev))
    ok = all(ev.tallies[(k, "all")].precision >= TARGET and ev.tallies[(k, "all")].recall >= RECALL_FLOOR
             for k in KINDS)
    sys.exit(0 if ok else 1)


# --- second held-out set (issue 17) -------------------------------------------
# tests/data/entities-heldout2.jsonl: 24 releases drawn by a fixed procedure
# (HELDOUT2.md) and labelled, officials, agencies and news sources, before
# the extractor was run on them.  First (blind) measurement, on commit
# ebf32e9: officials P 0.853 R 0.763, agencies P 0.825 R 0.650, sources
# P 0.842 R 0.640.  The set then served for error analysis (HELDOUT2.md says
# which general rules followed, and session 10 added more); the floors are the values after them,
# rounded down to 0.05: a regression guard, short of the target of
# P 0.95 and R 0.90.

HELDOUT2 = Path(__file__).resolve().parent / "data" / "entities-heldout2.jsonl"
HELDOUT2_FLOORS = {"officials": (0.95, 0.90), "agencies": (0.90, 0.80), "sources": (0.95, 0.85)}


def test_second_heldout_file_is_well_formed_and_apart():
    records = load_records(HELDOUT2)
    ids = [r["id"] for r in records]
    assert len(records) == 24 and len(set(ids)) == len(ids)
    earlier = {r["id"] for r in load_records()} | {r["id"] for r in load_records(HELDOUT)}
    stories = {i.rsplit("-", 1)[0] for i in earlier if i.startswith("ntrex-")}
    assert not set(ids) & earlier
    assert not {i.rsplit("-", 1)[0] for i in ids if i.startswith("ntrex-")} & stories
    for r in records:
        assert all(kind in r for kind in KINDS), r["id"]
        for e in r["sources"]:
            assert e["name"].strip(), (r["id"], e)


# A third blind held-out set (HELDOUT3.md), labelled by a helper that never
# read or ran the extractor, measured once with the rules frozen at commit
# 3cd5c94: officials P 0.931 R 0.806, agencies P 0.906 R 0.774, sources
# P 1.000 R 0.826 (blind).  A short round of general rules followed (lists
# after a plural title, foreign given names after a body, "trưởng đặc khu",
# courts with their place, "Tổng hội"); the floors are the values after it,
# rounded down to 0.05.  The target (P 0.95, R 0.90) is not met.

HELDOUT3 = Path(__file__).resolve().parent / "data" / "entities-heldout3.jsonl"
HELDOUT3_FLOORS = {"officials": (0.90, 0.90), "agencies": (0.90, 0.80), "sources": (0.95, 0.80)}


def test_third_heldout_file_is_well_formed_and_apart():
    records = load_records(HELDOUT3)
    ids = [r["id"] for r in records]
    assert len(records) == 24 and len(set(ids)) == len(ids)
    earlier = {r["id"] for path in (DATA, HELDOUT, HELDOUT2) for r in load_records(path)}
    assert not set(ids) & earlier
    for r in records:
        text = " ".join((r["title"], r["lead"], r["body"]))
        assert all(kind in r for kind in KINDS), r["id"]
        for kind in KINDS:
            for e in r[kind]:
                assert e["name"].strip(), (r["id"], e)
                # every label is written in the text, but for one coordinated
                # expansion HELDOUT3.md names ("không quân Trung Quốc và Pakistan")
                assert e["name"] in text or e["name"] == "không quân Pakistan", (r["id"], e["name"])


@pytest.mark.parametrize("path, floors", [(HELDOUT2, HELDOUT2_FLOORS), (HELDOUT3, HELDOUT3_FLOORS)],
                         ids=["heldout2", "heldout3"])
def test_later_heldout_precision_and_recall(path, floors):
    """Floors of the second and third held-out sets (see their comments)."""
    ev = _evaluation(path)
    for kind in KINDS:
        t = ev.tallies[(kind, "all")]
        p_floor, r_floor = floors[kind]
        assert t.precision >= p_floor and t.recall >= r_floor, (
            f"{path.name} {kind}: P={t.precision:.3f} R={t.recall:.3f} (floors P>={p_floor} R>={r_floor})")
