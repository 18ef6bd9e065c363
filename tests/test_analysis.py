import pickle
import unicodedata

from conftest import shared_path

from searcher.analysis import VietnameseTokenizer, english_analyzer, vietnamese_analyzer, words
from searcher.index import make_schema
from searcher.textnorm import fold

TEXT = ("Ngày 25/10, Thứ trưởng Lê Quốc Hùng đã hội đàm với bà Lesa Gale, Phó Tổng Tư lệnh "
        "Cảnh sát Liên bang Australia (AFP) về thoả thuận hợp tác của Uỷ ban.")


def _tokens(text, analyzer=None):
    analyzer = analyzer or vietnamese_analyzer()
    return [(t.text, t.pos, t.startchar, t.endchar, t.folded)
            for t in analyzer(text, positions=True, chars=True)]


def test_every_syllable_token_matches_its_slice_exactly():
    tokenizer = VietnameseTokenizer()
    for t in tokenizer(TEXT, chars=True):
        if not t.compound:
            assert TEXT[t.startchar:t.endchar] == t.text


def test_nfd_input_offsets_still_slice_original():
    nfd = unicodedata.normalize("NFD", TEXT)
    for t in VietnameseTokenizer()(nfd, chars=True):
        if not t.compound:
            assert unicodedata.normalize("NFC", nfd[t.startchar:t.endchar]) == t.text


def test_compounds_and_syllables_both_present():
    texts = {t[0] for t in _tokens("Bộ Công an và Cảnh sát")}
    assert {"bộ", "công", "an", "cong_an"} <= texts
    assert "công_an" not in texts  # compounds are kept folded only
    assert "cong" not in texts and "bo" not in texts  # folded syllables: at query time
    compound = [t for t in _tokens("Bộ Công an") if t[0] == "cong_an"][0]
    syllable = [t for t in _tokens("Bộ Công an") if t[0] == "công"][0]
    assert compound[1] == syllable[1]  # same position as its first syllable


def test_tone_placement_variants_index_identically():
    assert _tokens("thoả thuận uỷ ban hoà bình") == _tokens("thỏa thuận ủy ban hòa bình")


def test_syllables_exact_compounds_folded():
    toks = _tokens("Đồng Nai")
    assert ("đồng", 0, 0, 4, False) in toks and ("nai", 1, 5, 8, False) in toks
    assert ("dong_nai", 0, 0, 8, True) in toks


def test_capitals_lowercased():
    assert {t[0] for t in _tokens("CẢNH SÁT")} >= {"cảnh", "sát", "canh_sat"}


def test_english_analyzer_stems_folds_and_stops():
    toks = [t.text for t in english_analyzer()("The Deputy Minister Lê Quốc Hùng visited the Police agencies")]
    assert "the" not in toks
    assert {"le", "quoc", "hung"} <= set(toks)
    assert "polic" in toks and "agenc" in toks and "visit" in toks


def test_english_offsets_exact():
    text = "Australian Federal Police (AFP) met Lê Quốc Hùng"
    analyzer = english_analyzer()
    for t in analyzer(text, chars=True):
        assert [x.text for x in analyzer(text[t.startchar:t.endchar])] == [t.text]


def test_compound_offsets_cover_their_syllables():
    for t in VietnameseTokenizer()(TEXT, chars=True):
        if t.compound:
            assert TEXT[t.startchar:t.endchar].replace(" ", "_") == t.text
    for t in vietnamese_analyzer()(TEXT, chars=True):
        if "_" in t.text:
            assert fold(TEXT[t.startchar:t.endchar]).lower().replace(" ", "_") == t.text


def test_analyzers_and_schema_pickle():
    schema = make_schema()
    again = pickle.loads(pickle.dumps(schema))
    assert [t.text for t in again["body"].analyzer("Bộ Công an")] == \
        [t.text for t in schema["body"].analyzer("Bộ Công an")]


def test_words_join_hyphenated_names():
    ws = [w[0] for w in words("Quyền Tư lệnh Yoo Jae-seong.") if w[3]]
    assert any("Jae-seong" in w for w in ws)


def test_fast_features_are_exactly_pyvis():
    from conftest import SEEDS
    from pyvi.ViTokenizer import ViTokenizer

    from searcher.analysis import _UNIT_RE, features, pyvi_attributes
    model = ViTokenizer.model
    for path in SEEDS.glob("*.txt"):
        for text in path.read_text(encoding="utf-8").split("\n"):
            units = [m.group() for m in _UNIT_RE.finditer(text)]
            theirs = ViTokenizer.sent2features(units, False)
            assert features(units) == [pyvi_attributes(f) for f in theirs]
            # the attribute form tags exactly as pyvi's dicts do
            assert model.tagger_.tag(features(units)) == model.predict_single(theirs)
    # and the segmentation is the one pyvi's own tokenizer gives
    text = "Thứ trưởng Lê Quốc Hùng làm việc với Cảnh sát Liên bang Australia"
    ours = [w[0].replace(" ", "_") for w in words(text) if w[3]]
    assert ours == ViTokenizer.tokenize(text).split()


def test_pyvi_model_loaded_without_scikit_learn_tags_as_pyvi_does():
    """analysis loads pyvi's CRF model bytes straight into CRFsuite (no
    scikit-learn import); the labels are pyvi's own, on real news text."""
    import gzip
    import json

    from pyvi.ViTokenizer import ViTokenizer

    from searcher.analysis import _pyvi_model, features, pyvi_bi_grams, syllables

    theirs, ours = ViTokenizer.model.tagger_, _pyvi_model().tagger
    assert pyvi_bi_grams() == ViTokenizer.bi_grams and _pyvi_model().tri_grams == ViTokenizer.tri_grams
    compared = 0
    with gzip.open(shared_path("corpus", "vietnews-test.jsonl.gz"), "rt", encoding="utf-8") as f:
        for n, line in enumerate(f):
            if n >= 40:
                break
            units = [u for u, _, _ in syllables(json.loads(line)["body"][:2000])]
            feats = features(units)
            assert ours.tag(feats) == theirs.tag(feats)
            compared += len(units)
    assert compared > 10_000
