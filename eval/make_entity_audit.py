"""Draw the corpus audit of entity pages (issue 17; tests/data/AUDIT.md).

The 40 most frequent officials and the 40 most frequent agencies of an index
(by their facet counts over every release), and for each 10 releases drawn at
random (``random.Random(17)``, in that order) from everything its page lists,
printed as JSON lines with what a reader needs to judge them: the stored
record that put the release on the page and up to three passages naming it.

    python eval/make_entity_audit.py INDEX > rows.jsonl

The readers' verdicts (tests/data/entity-audit.jsonl) are re-scored by
tests/test_entity_audit.py.
"""

from __future__ import annotations

import json
import random
import re
import sys

import numpy as np

import searcher
from searcher.entities.names import body_identity, entity_key, loose_key

TOP = 40
PER_PAGE = 10
SEED = 17


def page_ids(engine, kind: str, name: str) -> list[str]:
    """Every release the entity's page lists, in the search's order."""
    ids: list[str] = []
    page = 1
    while True:
        res = engine.search(None, limit=100, page=page, snippets=False, **{kind: name})
        ids += [h.doc_id for h in res.hits]
        if page * 100 >= res.total:
            return ids
        page += 1


def _stored(doc, kind: str, name: str) -> list:
    """The release's records of the entity (same person up to romanisation, or same body)."""
    out = []
    for e in doc.officials if kind == "official" else doc.agencies:
        names = [n for n in (e.name, getattr(e, "acronym", ""), *e.aliases) if n]
        same = any(loose_key(n) == loose_key(name) for n in names) if kind == "official" else \
            body_identity(names) == body_identity([name]) or any(entity_key(n) == entity_key(name) for n in names)
        if same:
            out.append(e)
    return out


def _passages(doc, words: list[str], most: int = 3) -> list[str]:
    text = "\n".join(p for p in (doc.title, doc.lead, doc.body) if p)
    out: list[str] = []
    for w in sorted(words, key=len, reverse=True):
        for m in re.finditer(re.escape(w), text, re.I):
            out.append(text[max(0, m.start() - 160):m.end() + 160].replace("\n", " "))
            if len(out) >= most:
                return out
    return out


def main(index_dir: str) -> None:
    engine = searcher.open_index(index_dir)
    gen = engine._current().gen
    everything = np.ones(gen.size, dtype=bool)
    rng = random.Random(SEED)
    for kind in ("official", "agency"):
        for name, count in gen.facets.counts(everything, top=TOP)[kind]:
            for doc_id in rng.sample(page_ids(engine, kind, name), min(PER_PAGE, count)):
                doc = engine.document(doc_id)
                stored = _stored(doc, kind, name)
                words = {name} | {n for e in stored for n in (e.name, getattr(e, "acronym", ""), *e.aliases) if n}
                print(json.dumps({"kind": kind, "entity": name, "count": count, "doc_id": doc_id,
                                  "title": doc.title, "stored": [e.to_dict() for e in stored],
                                  "contexts": _passages(doc, sorted(words))}, ensure_ascii=False))


if __name__ == "__main__":
    main(sys.argv[1])
