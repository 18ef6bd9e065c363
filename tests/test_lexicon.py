"""The bilingual lexicon: training on real aligned paragraphs (../shared)."""

import json

from conftest import shared_path

from searcher.lexicon import Lexicon, train, vi_terms


def test_vietnamese_terms_are_index_forms():
    assert vi_terms("Bộ Công an và Cảnh sát Liên bang") == ["bo", "cong_an", "canh_sat", "lien_bang"]


def test_training_learns_translations_both_ways(tmp_path):
    src = shared_path("corpus", "parallel-en-vi.jsonl")
    sample = tmp_path / "sample.jsonl"
    with open(src, encoding="utf-8") as fh, open(sample, "w", encoding="utf-8") as out:
        for n, line in enumerate(fh):
            if n >= 3000:
                break
            out.write(line)
        out.write("{broken\n")  # a bad line is skipped, not fatal
    data = train(sample)
    assert data["pairs"] > 2500
    lex = Lexicon(json.loads(json.dumps(data)))
    assert "canh_sat" in [w for w, _ in lex.to_vietnamese("polic")]
    assert "polic" in [w for w, _ in lex.to_english("canh_sat")]
    assert lex.to_vietnamese("the") == []
