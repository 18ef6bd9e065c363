"""Facet counts (``searcher.facets``) on a real index of 442 releases
(``sample_engine``): language, year, official and agency counts over a set
of matches equal the counts made here from the releases themselves (each
read with ``engine.document``), most frequent first with ties in one
stable order, and equal the totals the corresponding filters give.  A
name typed without diacritics is spelled as the index spells it."""

from __future__ import annotations

from collections import Counter

import numpy as np
import pytest
from conftest import all_ids
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from whoosh import index as windex

from searcher.entities import entity_key
from searcher.entities.names import body_identity, exact_key, loose_key, role_field
from searcher.facets import FacetTable
from searcher.scoring import Scorer
from searcher.storage import current_generation
from searcher.textnorm import fold, has_diacritics

QUERIES = ["công an", "Trump", "tai nạn", "lừa đảo", "police", "Hà Nội", "ma túy"]
EVERYTHING = 10_000  # a facet length that lists every value
ENTITY_KINDS = ("official", "agency", "media")


class Sample:
    """The sample index's facet table, and its releases read one by one."""

    def __init__(self, index_dir, engine):
        self.searcher = windex.open_dir(str(current_generation(index_dir))).searcher()
        self.scorer = Scorer(self.searcher, [])
        self.table = FacetTable(self.scorer)
        self.ids = [self.searcher.stored_fields(d)["doc_id"] for d in range(self.scorer.size)]
        self.docnum = {doc_id: d for d, doc_id in enumerate(self.ids)}
        self.docs = [engine.document(doc_id) for doc_id in self.ids]

    def mask(self, doc_ids) -> np.ndarray:
        out = np.zeros(self.scorer.size, dtype=bool)
        out[[self.docnum[i] for i in doc_ids]] = True
        return out


@pytest.fixture(scope="module")
def sample(sample_index, sample_engine):
    s = Sample(sample_index, sample_engine)
    yield s
    s.searcher.close()


def _identities(docs: list, kind: str) -> list[list[tuple[str, str]]]:
    """Per release, (entity, spelling) of each official, agency or medium it
    names, worked out here from the stored records: a person written with
    tone marks is that exact name ("Lê Quốc Hùng" and "Lê Quốc Hưng" are
    two); one written without any counts for each marked name that folds to
    it, else stands alone; a body is its known name whichever it writes."""
    if kind != "official":
        medium = kind == "media"
        return [[(body_identity([e.name, e.acronym, *e.aliases], medium), e.name)
                 for e in (doc.media if medium else doc.agencies)] for doc in docs]
    marked: dict[tuple[str, str], set[str]] = {}
    for doc in docs:
        for o in doc.officials:
            if has_diacritics(o.name):
                field = role_field(o.role)
                marked.setdefault((loose_key(o.name), field), set()).add(f"={exact_key(o.name)}|{field}")
    out = []
    for doc in docs:
        ids = []
        for o in doc.officials:
            field = role_field(o.role)  # a doctor named like a minister is another person
            shown = f"{o.name} ({field})" if field else o.name
            if has_diacritics(o.name):
                ids.append((f"={exact_key(o.name)}|{field}", shown))
            else:
                ids += [(g, "") for g in sorted(marked.get((loose_key(o.name), field), ()))] \
                    or [(f"~{loose_key(o.name)}|{field}", shown)]
        out.append(ids)
    return out


def _entity_counts(docs: list, kind: str, matched: np.ndarray) -> list[tuple[frozenset[str], int]]:
    """Releases per entity among the matched, counted here (see
    ``_identities``), shown as a most frequent spelling (the set of those is
    given); most releases first, ties in order of the first release (of the
    whole index) naming the entity."""
    first: dict[str, int] = {}
    spellings: dict[str, Counter] = {}
    held: Counter = Counter()
    for d, ids in enumerate(_identities(docs, kind)):
        keys = set()
        for ident, name in ids:
            first.setdefault(ident, len(first))
            if name:
                spellings.setdefault(ident, Counter())[name] += 1
            keys.add(ident)
        if matched[d]:
            held.update(keys)
    order = sorted(held, key=lambda k: (-held[k], first[k]))
    best = {k: frozenset(n for n, c in spellings[k].items() if c == max(spellings[k].values())) for k in order}
    return [(best[k], held[k]) for k in order]


def _counted_here(sample: Sample, matched: np.ndarray) -> dict:
    docs = [doc for d, doc in enumerate(sample.docs) if matched[d]]
    langs = Counter(doc.lang for doc in docs)
    years = Counter(doc.date[:4] for doc in docs if doc.date)
    return {
        "lang": [(code, langs[code]) for code in ("vi", "en") if langs[code]],
        "year": sorted(years.items(), reverse=True),
        **{kind: _entity_counts(sample.docs, kind, matched) for kind in ENTITY_KINDS},
    }


def _same_facets(got: dict, want: dict, top: int) -> None:
    assert got["lang"] == want["lang"]
    assert got["year"] == want["year"]
    for kind in ENTITY_KINDS:
        # Counts and order exactly; the spelling shown is a most frequent one.
        assert [n for _, n in got[kind]] == [n for _, n in want[kind][:top]], kind
        for (shown, _), (spellings, _) in zip(got[kind], want[kind], strict=False):
            assert shown in spellings, (kind, shown, spellings)


def test_facets_of_every_release_are_counted_from_the_releases(sample):
    everything = sample.scorer.live.copy()
    got = sample.table.counts(everything, top=EVERYTHING)
    want = _counted_here(sample, everything)
    _same_facets(got, want, EVERYTHING)
    assert sum(n for _, n in got["lang"]) == len(sample.ids) == 442
    assert len(got["official"]) > 100 and len(got["agency"]) > 100, "the sample names many"


@pytest.mark.parametrize("query", QUERIES)
def test_facets_of_a_query_are_counted_from_its_matches(sample, sample_engine, query):
    ids = all_ids(sample_engine, query)
    assert len(ids) >= 5, query
    matched = sample.mask(ids)
    want = _counted_here(sample, matched)
    _same_facets(sample.table.counts(matched, top=EVERYTHING), want, EVERYTHING)
    # What the search shows is the same table, cut to ten.
    shown = sample_engine.search(query, facets=True).facets
    _same_facets(shown, want, 10)
    assert shown["official"] == sample.table.counts(matched)["official"]


def test_entities_are_most_frequent_first_and_ties_keep_index_order(sample):
    everything = sample.scorer.live.copy()
    for kind in ENTITY_KINDS:
        entries = sample.table.counts(everything, top=EVERYTHING)[kind]
        want = _entity_counts(sample.docs, kind, everything)
        counts = [n for _, n in entries]
        assert counts == [n for _, n in want], kind
        if kind != "media":
            assert len(counts) > len(set(counts)), "the sample has ties"
        assert all(shown in names for (shown, _), (names, _) in zip(entries, want, strict=True)), kind
        assert sample.table.counts(everything, top=7)[kind] == entries[:7]


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_facets_of_any_set_of_releases(sample, data):
    chosen = data.draw(st.lists(st.booleans(), min_size=len(sample.ids), max_size=len(sample.ids)))
    matched = np.array(chosen, dtype=bool)
    top = data.draw(st.integers(1, 30))
    _same_facets(sample.table.counts(matched, top=top), _counted_here(sample, matched), top)


def test_no_match_has_no_facets(sample):
    nothing = np.zeros(sample.scorer.size, dtype=bool)
    assert sample.table.counts(nothing) == {"lang": [], "year": [], "official": [], "agency": [], "media": []}


@pytest.mark.parametrize("query", QUERIES + [""])
def test_every_facet_count_is_the_total_of_its_filter(sample_engine, sample, query):
    """Each value listed (not only the first few) filters to its count.
    An official's filter also matches releases where the name is another
    official's alias ("Vinh" for "Nghiêm Quang Vinh"), which the facet,
    counting names, does not: there the filter gives at least the count."""
    engine = sample_engine
    base = {} if query else {"lang": "vi"}
    res = engine.search(query, facets=True, **base)
    facets = res.facets
    assert sum(n for _, n in facets["lang"]) == res.total
    assert sum(n for _, n in facets["year"]) == sum(1 for i in all_ids(engine, query, **base)
                                                    if engine.document(i).date)
    for lang, count in facets["lang"]:
        assert engine.search(query, **{**base, "lang": lang}).total == count
    for year, count in facets["year"]:
        assert engine.search(query, date_from=year, date_to=year, **base).total == count
    aliases = {entity_key(a) for doc in sample.docs for o in doc.officials for a in o.aliases
               if entity_key(a) != entity_key(o.name)}
    for kind in ENTITY_KINDS:
        for name, count in facets[kind]:
            total = engine.search(query, **base, **{kind: name}).total
            if kind == "official" and entity_key(name) in aliases:
                assert total >= count, (kind, name)
            else:
                assert total == count, (kind, name)


def test_a_name_typed_without_diacritics_is_given_its_indexed_spelling(sample):
    everything = sample.scorer.live.copy()
    facets = sample.table.counts(everything, top=EVERYTHING)
    officials = {entity_key(n): n for n, _ in facets["official"]}
    checked = 0
    for kind in ("official", "agency"):
        for name, _ in facets[kind]:
            if kind == "agency" and entity_key(name) in officials:
                continue  # an official of that name is found first
            same = [n for n, _ in facets[kind] if entity_key(n) == entity_key(name)]
            if len(same) > 1:  # "Nguyễn Thị Hoa", "Nguyễn Thị Hoá": two people, one folded form
                assert sample.table.entity_spelling(fold(name)) in same, name
                continue
            assert sample.table.entity_spelling(fold(name)) == name, name
            assert sample.table.entity_spelling(name.upper()) == name, name
            checked += has_diacritics(name)
    assert checked > 100, "names with diacritics in the sample"
    assert sample.table.entity_spelling("zzqxv nobody") is None
    assert sample.table.entity_spelling("") is None


@pytest.mark.parametrize("typed, spelled", [("nguyen huu linh", "Nguyễn Hữu Linh"),
                                            ("nguoi dua tin", "Người Đưa Tin")])
def test_search_suggests_the_indexed_spelling_of_a_name(sample_engine, typed, spelled):
    assert sample_engine.search(typed, facets=True).suggestion == spelled
    assert sample_engine.search(spelled, facets=True).suggestion is None  # already spelled so


# --- what the entity facets list ------------------------------------------------------

OUTLETS = {"reuters", "afp", "ap", "cnn", "bbc", "yonhap", "ttxvn", "kcna", "xinhua", "tan hoa xa", "vnexpress",
           "tuoi tre", "tuoi tre online", "thanh nien", "dan tri", "nguoi dua tin", "zing", "vietnamnet", "vtv",
           "vov", "fox news", "new york times", "washington post", "bloomberg", "scmp", "tass", "rt", "sputnik",
           "the guardian", "guardian", "telegraph", "daily mail", "nbc news", "cbs news", "abc news", "cnbc"}
OUTLET_HEADS = ("báo ", "đài ", "hãng tin ", "hãng thông tấn ", "tờ ", "tạp chí ")
LINK_WORDS = {"và", "của", "tại", "ở", "&", "-", "–"}


def test_the_first_hundred_entries_are_whole_names_and_no_news_source(sample):
    """Over every release of the sample, the first 100 officials, agencies
    and news sources: a person has at least two syllables (or is known by
    one), an agency is no news source (a list kept here), none is cut after
    a linking word, and no two agency entries differ only by case,
    punctuation or tone placement ("UBND TP. HCM" / "UBND TP HCM")."""
    from searcher import gazetteer as gz

    everything = sample.scorer.live.copy()
    facets = sample.table.counts(everything, top=100)
    for name, _ in facets["official"]:
        assert len(name.split()) >= 2 or name in gz.SINGLE_NAMES, name
    for kind in ("agency", "media", "official"):
        for name, _ in facets[kind]:
            assert name.split()[-1].lower() not in LINK_WORDS, (kind, name)
    agencies = [name for name, _ in facets["agency"]]
    for name in agencies:
        assert entity_key(name) not in OUTLETS and not name.lower().startswith(OUTLET_HEADS), name
        assert len(name.split()) >= 2 or name.isupper() or name[:1].isupper(), name
    assert len({entity_key(n) for n in agencies}) == len(agencies), "one entry per body"
    media = {entity_key(n) for n, _ in facets["media"]}
    assert len(media & OUTLETS) >= 5, "the sample's wire stories cite these"
