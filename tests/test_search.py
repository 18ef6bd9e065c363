import pytest
from conftest import SEED_A, SEED_B, small_index

import searcher


def _first(engine, query, **kw):
    res = engine.search(query, **kw)
    assert res.hits, f"no hits for {query!r}"
    return res.hits[0]


def test_diacritic_free_name_finds_release(engine):
    res = engine.search("le quoc hung")
    assert res.hits[0].doc_id == SEED_A
    assert res.total == engine.search("Lê Quốc Hùng").total and res.took_ms > 0


@pytest.mark.parametrize("query, doc_id", [
    ("Nguyễn Văn Long", SEED_B),
    ("uỷ ban bầu cử", SEED_B),
    ("ủy ban bầu cử", SEED_B),
    ("thoả thuận hợp tác dẫn độ", SEED_A),
    ("thỏa thuận hợp tác dẫn độ", SEED_A),
    ("CANH SAT LIEN BANG", SEED_A),
    ("Yoo Jae-seong", SEED_B),
    ("Lê Quốc Hùng", SEED_A),
    ("LÊ QUỐC HÙNG", SEED_A),
    ("nguyen van long", SEED_B),
    ("Cảnh sát Liên bang Australia", SEED_A),
    ("AFP", SEED_A),
    ("Australian Federal Police", SEED_A),
    ("Korean National Police Agency", SEED_B),
    ("Canberra", SEED_A),
    ("Hàn Quốc", SEED_B),
])
def test_natural_queries_rank_the_right_seed_first(engine, query, doc_id):
    hit = _first(engine, query)
    assert hit.doc_id == doc_id
    if query not in ("Australian Federal Police", "Korean National Police Agency"):
        assert "<mark>" in hit.snippet


def test_snippet_is_escaped_html_with_marks_only(engine):
    hit = _first(engine, "Lê Quốc Hùng")
    stripped = hit.snippet.replace("<mark>", "").replace("</mark>", "")
    assert "<" not in stripped and ">" not in stripped
    assert "<mark>Lê Quốc Hùng</mark>" in hit.snippet  # diacritics intact, one mark


def test_hit_fields(engine):
    hit = _first(engine, "Nguyễn Văn Long")
    assert hit.title.startswith("Tăng cường hợp tác")
    assert hit.lang == "vi" and hit.date == "2025-10-24" and hit.score > 0
    assert "Nguyễn Văn Long" in hit.officials
    assert "Cơ quan Cảnh sát quốc gia Hàn Quốc" in hit.agencies
    assert set(hit.to_dict()) == {"doc_id", "title", "lang", "date", "date_inferred", "score", "snippet",
                                  "officials", "agencies", "media", "translation", "story", "versions"}
    assert hit.translation is None  # both seeds are Vietnamese: no English version in that index


def test_document(engine):
    doc = engine.document(SEED_A)
    assert "Lê Quốc Hùng" in [o.name for o in doc.officials]
    hung = next(o for o in doc.officials if o.name == "Lê Quốc Hùng")
    assert hung.role in ("Trung tướng", "Thứ trưởng")  # an Official, read back with its role
    assert doc.date is None and not doc.date_inferred  # no date line, no dateline: undated
    assert engine.document("no-such-release") is None
    assert engine.document("") is None


@pytest.mark.parametrize("query", ['"unclosed', "title:(", "AND OR NOT", "*" * 3000, "a\x00b",
                                   "((((", "-", "official:", ":::", "NOT", '""', "\u202e\u200b", " "])
def test_malformed_queries_never_raise(engine, query):
    res = engine.search(query)
    assert res.total <= engine.doc_count and len(res.hits) == min(res.total, 10)


def test_phrase_and_fields(engine):
    assert _first(engine, '"Lê Quốc Hùng"').doc_id == SEED_A
    assert _first(engine, '"le quoc hung"').doc_id == SEED_A
    assert _first(engine, 'official:"Nguyen Van Long"').doc_id == SEED_B
    assert _first(engine, "agency:AFP").doc_id == SEED_A
    assert _first(engine, "title:Cảnh sát").doc_id == SEED_B


def test_a_language_term_beside_words_is_a_filter(engine):
    assert [h.doc_id for h in engine.search("lang:vi Canberra").hits] == [SEED_A]
    assert engine.search("lang:en Canberra").total == 0


def test_a_family_name_is_not_taken_for_a_title(tmp_path):
    ix = small_index(tmp_path, {"r.jsonl": (
        '{"id": "a", "lang": "vi", "title": "Thủ tướng Nguyễn Xuân Phúc tiếp đoàn", '
        '"body": "Thủ tướng Nguyễn Xuân Phúc phát biểu."}\n'
        '{"id": "b", "lang": "vi", "title": "Ông Lê Xuân Phúc nhận giải", '
        '"body": "Giám đốc Lê Xuân Phúc phát biểu."}\n')})
    eng = searcher.open_index(str(ix))
    # "Nguyễn" folds like "nguyên" (former), a title word: it must stay in the name.
    assert [h.doc_id for h in eng.search("", official="Nguyễn Xuân Phúc").hits] == ["a"]
    assert [h.doc_id for h in eng.search('official:"Nguyễn Xuân Phúc"').hits] == ["a"]
    assert [h.doc_id for h in eng.search("", official="nguyên Thủ tướng Nguyễn Xuân Phúc").hits] == ["a"]
    eng.close()


@pytest.mark.parametrize("spelling", ["Yu Jae-seong", "Yoo Jae-seong", "yoo jae seong", "Thượng tướng Yu Jae-seong"])
def test_an_official_by_either_romanisation(engine, spelling):
    # Seed B writes both "Yoo Jae-seong" and "Yu Jae-seong": one person, found by either.
    assert [h.doc_id for h in engine.search(f'official:"{spelling}"').hits] == [SEED_B]
    assert [h.doc_id for h in engine.search("", official=spelling).hits] == [SEED_B]


def test_a_romanisation_the_release_does_not_use(tmp_path):
    ix = small_index(tmp_path, {"r.jsonl": (
        '{"id": "k", "lang": "en", "title": "Commissioner Yoo Jae-seong visits Hanoi", "body": "Acting '
        'Commissioner General Yoo Jae-seong met officials."}\n')})
    eng = searcher.open_index(str(ix))
    assert [h.doc_id for h in eng.search("", official="Yu Jae-seong").hits] == ["k"]
    assert [h.doc_id for h in eng.search('official:"Yu Jae Seong"').hits] == ["k"]
    eng.close()


def test_official_filters_accept_a_title_in_either_language(engine):
    # Officials are indexed by name; a rank typed before it is not part of the name.
    for value in ("Deputy Minister Le Quoc Hung", "thứ trưởng Lê Quốc Hùng", "Thượng tướng Lê Quốc Hùng"):
        assert [h.doc_id for h in engine.search(f'official:"{value}"').hits] == [SEED_A], value
        assert [h.doc_id for h in engine.search("", official=value).hits] == [SEED_A], value
    assert engine.search('official:"Deputy Minister"').total == 0  # a title alone names no one


def test_boolean_operators(engine):
    ids = [h.doc_id for h in engine.search("Thứ trưởng -Australia").hits]
    assert ids == [SEED_B]
    ids = [h.doc_id for h in engine.search("Canberra AND Seoul").hits]
    assert ids == []
    ids = {h.doc_id for h in engine.search("Canberra OR Seoul").hits}
    assert ids == {SEED_A, SEED_B}


def test_filters(engine):
    assert [h.doc_id for h in engine.search("Thứ trưởng", date_from="2025").hits] == [SEED_B]
    before = engine.search("Thứ trưởng", date_to="2024-12-31")
    assert before.hits == [] and before.undated == 1  # seed A has no date: left out, and counted
    with_undated = engine.search("Thứ trưởng", date_to="2024-12-31", include_undated=True)
    assert [h.doc_id for h in with_undated.hits] == [SEED_A]
    assert engine.search("Thứ trưởng", lang="en").total == 0
    assert [h.doc_id for h in engine.search("", official="Le Quoc Hung").hits] == [SEED_A]
    assert [h.doc_id for h in engine.search("hợp tác", agency="Cơ quan Cảnh sát quốc gia Hàn Quốc").hits] == [SEED_B]


def test_sort_by_date_and_pagination(engine):
    res = engine.search("Bộ Công an", sort="date")
    assert [h.doc_id for h in res.hits] == [SEED_B, SEED_A]
    page2 = engine.search("Bộ Công an", limit=1, page=2)
    assert page2.total == 2 and len(page2.hits) == 1 and page2.pages == 2
    assert engine.search("Bộ Công an", page=1000).hits == []
    with pytest.raises(ValueError, match="page"):
        engine.search("Bộ Công an", page=999999999)


def test_exact_diacritics_outrank_folded_matches(tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    # Same folded words; only one has the diacritics the user typed.
    (docs / "exact.txt").write_text("Tin tức: đoàn công tác tới Bộ Công an làm việc.", encoding="utf-8")
    (docs / "folded.txt").write_text("Tin tức: đoàn công tác tới bờ cống an làm việc.", encoding="utf-8")
    searcher.build_index(docs, tmp_path / "ix")
    eng = searcher.open_index(str(tmp_path / "ix"))
    assert [h.doc_id for h in eng.search("Bộ Công an").hits] == ["exact"]  # "cống", "bờ" are other words
    # Without diacritics the words are those of the name the index knows,
    # written as the name is (capitals and all): the ministry, not "bờ cống an".
    assert [h.doc_id for h in eng.search("bo cong an").hits] == ["exact"]
    assert [h.doc_id for h in eng.search("bờ cống an").hits] == ["folded"]
    assert {h.doc_id for h in eng.search("cong an").hits} == {"exact", "folded"}
    eng.close()


def test_missing_index_is_a_clear_error(tmp_path):
    with pytest.raises(searcher.IndexMissing, match="searcher reindex"):
        searcher.open_index(str(tmp_path / "nothing"))


def _engine_for(tmp_path, releases):
    import json
    lines = [json.dumps(r, ensure_ascii=False) for r in releases]
    (tmp_path / "r.jsonl").write_text("\n".join(lines), encoding="utf-8")
    searcher.build_index(tmp_path / "r.jsonl", tmp_path / "ix")
    return searcher.open_index(str(tmp_path / "ix"))


def test_question_words_do_not_outweigh_content_words(tmp_path):
    eng = _engine_for(tmp_path, [
        {"id": "asks", "title": "Bao nhiêu người đã đến?", "body": "Có bao nhiêu người đã đến hội nghị năm nay."},
        {"id": "answer", "title": "Trận chung kết", "body": "Đội Panthers đã thua 10 điểm trong trận chung kết."},
        *({"id": f"filler{i}", "title": f"Tin số {i}", "body": f"Có nhiều người đã đến xem trận số {i}."}
          for i in range(20)),
    ])
    assert eng.rank("Đội Panthers đã thua bao nhiêu điểm?")[0] == "answer"
    assert eng.rank("Doi Panthers da thua bao nhieu diem?")[0] == "answer"
    eng.close()


def test_english_question_prefers_english_release(tmp_path):
    eng = _engine_for(tmp_path, [
        {"id": "en", "lang": "en", "title": "Football", "body": "The Panthers defense gave up just 308 points."},
        {"id": "vi", "lang": "vi", "title": "The Panthers", "body": "Bài viết về the Panthers và những điểm số."},
    ])
    assert eng.rank("How many points did the Panthers defense give up?")[0] == "en"
    eng.close()


def test_a_dash_before_a_number_is_not_negation(engine):
    from searcher.query import build_query
    from searcher.querytypes import flat_terms
    q, _ = build_query("tên lửa S -400 của Nga")
    assert flat_terms(q) is not None  # plain words, no NOT
    q, _ = build_query("tên lửa -Nga")
    assert flat_terms(q) is None


def test_snippet_shows_the_passage_where_query_words_stand_together(engine):
    hit = _first(engine, "hợp tác an ninh mạng")
    assert "<mark>an ninh mạng</mark>" in hit.snippet
    assert "<mark>hợp tác</mark>" in hit.snippet


def test_english_keywords_reach_a_vietnamese_release(engine):
    from searcher.lexicon import load
    assert ("canh_sat", pytest.approx(0.789, abs=0.05)) in load().to_vietnamese("polic")
    hit = _first(engine, "election commission Korea")
    assert hit.doc_id == SEED_B and "<mark>Ủy ban Bầu cử" in hit.snippet


def test_translated_words_are_marked_only_where_they_stand_whole():
    from searcher.query import build_query
    from searcher.snippets import snippet_html

    _, terms = build_query("Mickelson benched on Ryder Cup Saturday")
    text = "Gôn thủ người Mỹ Phil Mickelson chơi trận đấu Cúp Ryder lần thứ 47 vào Thứ Bảy."
    html = snippet_html(text, "vi", terms, whole=True)
    assert "<mark>Thứ Bảy</mark>" in html  # "Saturday", translated, as one word
    assert "lần thứ 47" in html and "<mark>thủ</mark>" not in html  # not each syllable anywhere
    assert "<mark>Mickelson</mark>" in html
    _, terms = build_query("Deputy Minister Le Quoc Hung")
    html = snippet_html("Thứ trưởng Lê Quốc Hùng gặp các thứ khác.", "vi", terms, whole=True)
    assert html.startswith("<mark>Thứ trưởng Lê Quốc Hùng</mark>") and "các thứ khác" in html
