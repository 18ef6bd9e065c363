"""Gazetteer phrases translated whole (searcher.bilingual) and their use in
queries: an English rank or title finds the Vietnamese release that writes
it in Vietnamese, and the reverse."""

from conftest import SEED_A, SEED_B

from searcher.bilingual import TITLES, phrase_translations


def test_ranks_and_titles_translate_as_whole_phrases():
    assert phrase_translations("Deputy Minister Le Quoc Hung", "en") == ["Thứ trưởng"]
    assert phrase_translations("a Senior Lieutenant General", "en") == ["Thượng tướng"]
    # The longest phrase wins: not also "Trung tướng" for the "Lieutenant General" inside it.
    assert "Trung tướng" not in phrase_translations("Senior Lieutenant General", "en")
    assert "Deputy Minister" in phrase_translations("Thứ trưởng Lê Quốc Hùng", "vi")


def test_lookups_ignore_case_diacritics_and_tone_placement():
    assert phrase_translations("THƯỢNG TƯỚNG", "vi") == phrase_translations("thuong tuong", "vi")
    assert "Senior Lieutenant General" in phrase_translations("thuong tuong", "vi")
    assert phrase_translations("senior lieutenant general", "en") == ["Thượng tướng"]


def test_known_bodies_translate_both_ways():
    assert "Bộ Công an" in phrase_translations("Ministry of Public Security delegation", "en")
    assert "Australian Federal Police" in phrase_translations("Cảnh sát Liên bang Australia", "vi")


def test_vietnamese_with_diacritics_must_match_them():
    # "thị trường" (market) is not "thị trưởng" (mayor); typed plainly, either may be meant.
    assert phrase_translations("giá thị trường bất động sản", "vi") == []
    assert phrase_translations("ma túy bị thu giữ", "vi") == []
    assert "Mayor" in phrase_translations("Thị trưởng Hà Nội", "vi")
    assert "Mayor" in phrase_translations("thi truong", "vi")


def test_common_words_alone_are_not_titles():
    # "general", "major", "president" alone are too common in English questions.
    assert phrase_translations("the general election", "en") == []
    assert phrase_translations("a major problem for the president", "en") == []


def test_every_title_row_has_an_english_form():
    assert all(len(row) >= 2 and all(row) for row in TITLES)


def test_an_english_rank_finds_the_release_that_writes_it_in_vietnamese(engine):
    # Seed B names "Thượng tướng Nguyễn Văn Long", seed A "Trung tướng Lê Quốc Hùng";
    # neither says "general" in English.
    assert engine.rank("Senior Lieutenant General")[0] == SEED_B
    assert engine.rank("Lieutenant General")[0] == SEED_A


def test_gloss_renders_each_phrase_once_in_the_other_language():
    from searcher.bilingual import gloss

    assert gloss("Thứ trưởng Bộ Công an", "vi") == "Deputy Minister · Ministry of Public Security"
    assert gloss("Deputy Minister", "en") == "Thứ trưởng"
    assert gloss("Mr", "en") == "" and gloss("", "vi") == ""
