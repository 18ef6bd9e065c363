import unicodedata

import pytest

from searcher.textnorm import canonical_tone, fold, has_diacritics, nfc, nfc_with_offsets


@pytest.mark.parametrize("old, new", [
    ("hoà", "hòa"), ("uỷ", "ủy"), ("thoả", "thỏa"), ("thuỷ", "thủy"), ("hoè", "hòe"),
    ("khoẻ", "khỏe"), ("quý", "quý"),
])
def test_old_and_new_tone_placement_meet(old, new):
    assert canonical_tone(old) == canonical_tone(new)


@pytest.mark.parametrize("word", ["hoàng", "người", "giữa", "quyết", "khuỷu", "thuở", "gì", "tiếng", "được"])
def test_standard_spellings_are_kept(word):
    assert canonical_tone(word) == word


def test_non_vietnamese_words_untouched():
    assert canonical_tone("résumé") == "résumé"
    assert canonical_tone("police") == "police"


def test_fold_maps_d_bar_and_all_marks():
    assert fold("Đồng Nai đã được") == "Dong Nai da duoc"
    assert fold("Bộ Công an") == "Bo Cong an"
    assert fold(fold("Ủy ban")) == fold("Ủy ban")
    assert has_diacritics("Lê") and not has_diacritics("Le")


def test_nfc_and_offset_map_point_into_original():
    original = unicodedata.normalize("NFD", "Lê Quốc Hùng, Thứ trưởng")
    text, starts, ends = nfc_with_offsets(original)
    assert text == unicodedata.normalize("NFC", original)
    assert len(starts) == len(ends) == len(text) + 1
    start = text.index("Quốc")
    end = start + len("Quốc")
    assert unicodedata.normalize("NFC", original[starts[start]:ends[end]]) == "Quốc"
    assert nfc("Lê") == "Lê"
    assert nfc_with_offsets("already NFC")[1] is None
