"""The bilingual lexicon: training on real aligned paragraphs (../shared)."""

import json

import pytest
from conftest import shared_path

from searcher.lexicon import Lexicon, train, vi_terms


def test_vietnamese_terms_are_index_forms():
    assert vi_terms("Bộ Công an và Cảnh sát Liên bang") == ["bo", "cong_an", "canh_sat", "lien_bang"]


@pytest.fixture(scope="module")
def trained(tmp_path_factory) -> dict:
    """The lexicon trained on the first 3,000 aligned pairs and a bad line."""
    src = shared_path("corpus", "parallel-en-vi.jsonl")
    sample = tmp_path_factory.mktemp("lexicon") / "sample.jsonl"
    with open(src, encoding="utf-8") as fh, open(sample, "w", encoding="utf-8") as out:
        for n, line in enumerate(fh):
            if n >= 3000:
                break
            out.write(line)
        out.write("{broken\n")  # a bad line is skipped, not fatal
    return train(sample)


def test_training_learns_translations_both_ways(trained):
    data = trained
    assert data["pairs"] > 2500
    lex = Lexicon(json.loads(json.dumps(data)))
    assert "canh_sat" in [w for w, _ in lex.to_vietnamese("polic")]
    assert "polic" in [w for w, _ in lex.to_english("canh_sat")]
    assert lex.to_vietnamese("the") == []
    # Phrases: a pair of English words to the Vietnamese unit that goes with it.
    phrases = {" ".join(k): v for k, v in lex.phrases_in(["climat", "chang", "prime", "minist"])}
    assert phrases["climat chang"][0][0] == "bien doi khi hau"
    assert phrases["prime minist"][0][0] == "thu tuong"
    assert {" ".join(k) for k, _ in lex.phrases_in(["south", "korea", "law", "enforc"])} == {
        "south korea", "law enforc"}


def test_learned_phrases_are_translations_not_neighbours(trained):
    """Every unit a phrase is learned to is explained by the word lexicon
    (each of its words a learned translation of the English), never the
    English spelled as it is, never edged by a function word."""
    from searcher.gazetteer import QUERY_FUNCTION_WORDS_FOLDED

    data = trained
    assert len(data["en_phrases"]) > 300
    for english, units in data["en_phrases"].items():
        stems = english.split()
        assert len(stems) == 2, english
        ways = {w for s in stems for w, _ in data["en2vi"].get(s, [])}
        for unit, dice in units:
            words = unit.split()
            assert 0.35 <= dice <= 1.0
            assert all(w in ways or any(e in stems for e, _ in data["vi2en"].get(w, [])) for w in words), unit
            assert not {words[0], words[-1]} & QUERY_FUNCTION_WORDS_FOLDED, unit
            assert not set(stems) <= set(unit.replace("_", " ").split()), (english, unit)
