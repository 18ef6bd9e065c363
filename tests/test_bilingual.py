"""Gazetteer phrases translated whole (searcher.bilingual) and their use in
queries: an English rank or title finds the Vietnamese release that writes
it in Vietnamese, and the reverse."""

from conftest import SEED_A, SEED_B, all_ids

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


def _titled_names(sample_engine) -> list[tuple[str, str, str]]:
    """(doc id, Vietnamese title, name) for each "<title> <Name of three
    capitalised syllables>" written in a release of the sample index."""
    import re

    gen = sample_engine._current().gen
    found = []
    for vi, *english in TITLES:
        pattern = re.compile(rf"\b{re.escape(vi)} ((?:[A-ZĐ][^\W\d_]+ ){{2}}[A-ZĐ][^\W\d_]+)\b")
        for d in range(gen.size):
            rel = gen.release(d)
            m = pattern.search(rel.text)
            if m and english:
                found.append((rel.doc_id, vi, m.group(1)))
    return found


def test_an_english_title_before_a_name_typed_plainly_finds_the_vietnamese_release(sample_engine):
    """A journalist types the title in English and the name without
    diacritics ("Deputy Minister Nguyen Van Long"): the query reads as
    Vietnamese, yet its English words are translated; every release that
    writes "<title> <name>" in Vietnamese is matched, and the first hit is
    one of them."""
    from searcher.bilingual import TITLES as rows
    from searcher.textnorm import fold

    english = {vi: en for vi, en, *_ in rows}
    cases = _titled_names(sample_engine)
    assert len(cases) >= 15, len(cases)
    for doc_id, vi, name in cases[:40]:
        query = f"{english[vi]} {fold(name)}"
        ids = all_ids(sample_engine, query)
        assert doc_id in ids, query
        top = sample_engine.document(ids[0])
        assert fold(f"{vi} {name}").lower() in fold(top.text).lower(), (query, ids[0])


def test_english_words_in_a_vietnamese_query_are_translated(sample_engine):
    """Among hundreds of news releases: "Nguyễn Văn Long Korea" is the
    release about his visit to Hàn Quốc, and each such query matches only
    releases that hold the translation."""
    assert all_ids(sample_engine, "Nguyễn Văn Long Korea") == [SEED_B]
    assert all_ids(sample_engine, "Deputy Minister Le Quoc Hung Australia") == [SEED_A]


PHRASES_EN = ("climate change", "law enforcement", "prime minister", "south korea", "north korea",
              "human rights", "fire fighting", "health ministry", "supreme court", "real estate",
              "armed forces", "natural disaster", "united states", "death toll")


def test_a_learned_english_phrase_finds_its_vietnamese_words_side_by_side(sample_engine):
    """English phrases learned from the aligned paragraphs (not gazetteer
    entries), asked of the Vietnamese news with the language filter: for
    each whose Vietnamese unit some release holds, the first hit mostly
    holds it side by side (a release with "biến đổi" here and "khí hậu"
    there comes later; the phrase is a learned, weak signal)."""
    from searcher.lexicon import load
    from searcher.query import _stems
    from searcher.textnorm import fold

    gen = sample_engine._current().gen
    texts = [fold(gen.release(d).text).lower() for d in range(gen.size)]
    checked = held = 0
    for english in PHRASES_EN:
        found = load().phrases_in(_stems(english))
        if not found:
            continue
        unit = found[0][1][0][0]
        if not any(unit in t for t in texts):
            continue
        checked += 1
        first = sample_engine.rank(english, limit=1, lang="vi")
        held += bool(first) and unit in fold(sample_engine.document(first[0]).text).lower()
    # 8 of 11 when written; 7 since issue 17 changed the agencies field's
    # statistics: "united states" puts a North Korea story that writes "Hoa
    # Kỳ" often 0.3% above the one titled "Hoa Kỳ ..." (13.41 vs 13.37), as
    # near a tie as it was the other way (13.56 vs 13.51).
    assert checked >= 5 and held >= 0.6 * checked, (held, checked)


def test_an_english_title_is_rendered_as_a_vietnamese_release_writes_it():
    from searcher.bilingual import rendered_in_vietnamese

    assert rendered_in_vietnamese("Ambassador Nguyen Tat Thanh") == "Đại sứ Nguyen Tat Thanh"
    assert rendered_in_vietnamese("Le Quoc Hung Ministry of Public Security") == "Le Quoc Hung Bộ Công an"
    assert rendered_in_vietnamese("nguyen van long") is None
