"""Translation links (searcher.pairs, link_translations, Engine.translation)
and how they shape the ranking (a hit's translation follows it).

The ntrex test needs ../shared/corpus/ntrex-dev.jsonl (60 English stories and
their professional Vietnamese translations); it fails, never skips, when the
file is missing."""

import json

import pytest
from conftest import SEED_A, SEED_B, seeds_and, shared_path

import searcher
from searcher.eval import pair_accuracy
from searcher.pairs import anchors, assign, similarity

EN = ("Deputy Minister Le Quoc Hung met AFP Deputy Commissioner Lesa Gale in Canberra on "
      "25 October 2023; the two sides agreed to set up 3 working groups on 1,500 cases.")
VI = ("Ngày 25/10/2023, tại Canberra, Thứ trưởng Lê Quốc Hùng đã hội đàm với Phó Tổng Tư lệnh AFP "
      "Lesa Gale; hai bên nhất trí lập 3 nhóm công tác về 1.500 vụ việc.")
OTHER_VI = "Công an tỉnh Nghệ An bắt giữ hai đối tượng vận chuyển 20 bánh heroin qua biên giới."


def test_anchors_keep_numbers_and_latin_names_across_languages():
    assert {"2023", "1500", "canberra", "lesa", "gale", "afp"} <= anchors(EN)
    assert {"2023", "1500", "canberra", "lesa", "gale", "afp"} <= anchors(VI)
    assert "the" not in anchors(EN)


def test_similarity_separates_a_translation_from_another_release():
    twin = similarity(EN, "en", VI, "vi")
    other = similarity(EN, "en", OTHER_VI, "vi")
    assert twin > 0.4 > other
    assert similarity(VI, "vi", VI, "vi") == 0.0  # same language is never a translation


def test_dates_far_apart_are_not_a_pair():
    assert similarity(EN, "en", VI, "vi", "2023-10-25", "2023-10-26") > 0.4
    assert similarity(EN, "en", VI, "vi", "2023-10-25", "2024-03-01") == 0.0


def test_seeds_have_no_translation(engine):
    # Both seeds are Vietnamese: nothing in that index can be their English version.
    assert engine.translation(SEED_A) is None and engine.translation(SEED_B) is None
    assert engine.translation("no-such-release") is None


@pytest.fixture(scope="module")
def ntrex_engine(tmp_path_factory):
    index_dir = tmp_path_factory.mktemp("ntrex-index")
    searcher.build_index(shared_path("corpus", "ntrex-dev.jsonl"), index_dir)
    eng = searcher.open_index(str(index_dir))
    yield eng
    eng.close()


def test_ntrex_pairs_are_linked(ntrex_engine):
    with open(shared_path("corpus", "ntrex-dev.jsonl"), encoding="utf-8") as fh:
        ids = [json.loads(line)["id"] for line in fh]
    acc = pair_accuracy(ntrex_engine, ids)
    assert acc["pairs"] == 120
    assert acc["wrong"] <= 2
    assert acc["correct"] / acc["pairs"] >= 0.9


def test_document_page_and_api_show_the_link(ntrex_engine, tmp_path):
    from web import create_app

    app = create_app(str(ntrex_engine.index_dir), {"TESTING": True})
    client = app.test_client()
    data = client.get("/api/doc/ntrex-reuters-218914-en").get_json()
    assert data["translation"]["doc_id"] == "ntrex-reuters-218914-vi"
    assert data["translation"]["lang"] == "vi"
    page = client.get("/doc/ntrex-reuters-218914-vi").get_data(as_text=True)
    assert "English version" in page and "/doc/ntrex-reuters-218914-en" in page
    page = client.get("/doc/ntrex-reuters-218914-en").get_data(as_text=True)
    assert "Bản tiếng Việt" in page


def test_assign_gives_each_release_one_partner():
    # Two English paragraphs both find the same Vietnamese one most similar:
    # the closer pair wins, the other falls back to its next candidate.
    edges = [(0.9, "a-en", "a-vi"), (0.7, "b-en", "a-vi"), (0.6, "b-en", "b-vi"), (0.3, "c-en", "c-vi")]
    links = assign(edges)
    assert links["a-en"][0] == "a-vi" and links["a-vi"][0] == "a-en"
    assert links["b-en"][0] == "b-vi"
    assert "c-en" not in links  # below MIN_SIMILARITY: no translation
    kept = {"b-en": ("x-vi", 0.5), "x-vi": ("b-en", 0.5)}
    assert assign(edges, kept)["b-en"][0] == "x-vi"


def test_a_hit_is_followed_by_its_translation(ntrex_engine):
    en_title = "Out-of-form Mickelson benched on Ryder Cup Saturday"
    ids = ntrex_engine.rank(en_title)
    assert ids[:2] == ["ntrex-reuters-218914-en", "ntrex-reuters-218914-vi"]
    # Asking for Vietnamese releases only: the English hit's version comes first.
    assert ntrex_engine.rank(en_title, lang="vi")[0] == "ntrex-reuters-218914-vi"
    hits = ntrex_engine.search(en_title, lang="vi").hits
    assert hits[0].doc_id == "ntrex-reuters-218914-vi" and hits[0].lang == "vi"


def _write_jsonl(path, records):
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")


def _two_files(tmp_path, n: int):
    """The first ``n`` ntrex stories: English versions in one file,
    Vietnamese ones in another; returns (all records, story ids, docs, index)."""
    with open(shared_path("corpus", "ntrex-dev.jsonl"), encoding="utf-8") as fh:
        records = {r["id"]: r for r in map(json.loads, fh)}
    stories = sorted({i[:-3] for i in records})[:n]
    docs, index_dir = tmp_path / "docs", tmp_path / "index"
    docs.mkdir()
    _write_jsonl(docs / "en.jsonl", [records[s + "-en"] for s in stories])
    _write_jsonl(docs / "vi.jsonl", [records[s + "-vi"] for s in stories])
    return records, stories, docs, index_dir


def test_incremental_reindex_relinks_only_what_changed(tmp_path):
    records, stories, docs, index_dir = _two_files(tmp_path, 6)
    report = searcher.build_index(docs, index_dir)
    assert report.translations == 6
    eng = searcher.open_index(str(index_dir))
    assert eng.translation(stories[0] + "-en").doc_id == stories[0] + "-vi"

    # The Vietnamese version of the first story goes away: its English one is left unpaired.
    _write_jsonl(docs / "vi.jsonl", [records[s + "-vi"] for s in stories[1:]])
    report = searcher.build_index(docs, index_dir)
    assert not report.full and report.translations == 5
    assert eng.translation(stories[0] + "-en") is None
    assert eng.translation(stories[1] + "-vi").doc_id == stories[1] + "-en"

    # It comes back in a file of its own: linked again, the others untouched.
    _write_jsonl(docs / "vi-late.jsonl", [records[stories[0] + "-vi"]])
    report = searcher.build_index(docs, index_dir)
    assert report.translations == 6
    assert eng.translation(stories[0] + "-en").doc_id == stories[0] + "-vi"
    eng.close()


def test_results_link_each_hit_to_its_translation(ntrex_engine):
    from web import create_app

    client = create_app(str(ntrex_engine.index_dir), {"TESTING": True}).test_client()
    data = client.get("/api/search?q=Mickelson+benched+Ryder+Cup").get_json()
    first = data["hits"][0]
    assert first["doc_id"] == "ntrex-reuters-218914-en"
    assert first["translation"] == "ntrex-reuters-218914-vi"
    page = client.get("/search?q=Mickelson+benched+Ryder+Cup").get_data(as_text=True)
    assert 'class="twin" href="/doc/ntrex-reuters-218914-vi' in page


def test_a_translation_right_after_its_release_is_shown_under_it(ntrex_engine):
    from web import create_app

    client = create_app(str(ntrex_engine.index_dir), {"TESTING": True}).test_client()
    page = client.get("/search?q=Out-of-form+Mickelson+benched+on+Ryder+Cup+Saturday").get_data(as_text=True)
    first = page.index("/doc/ntrex-reuters-218914-en")
    assert page.count('class="hit hit-twin"') >= 1
    assert first < page.index('class="hit hit-twin"')


@pytest.fixture(scope="module")
def mixed_engine(tmp_path_factory):
    """The two Vietnamese seeds (no English version) beside the ntrex pairs."""
    import shutil

    eng = seeds_and(tmp_path_factory, "mixed",
                    lambda docs: shutil.copy(shared_path("corpus", "ntrex-dev.jsonl"), docs / "ntrex-dev.jsonl"))
    yield eng
    eng.close()


def test_a_partial_hit_does_not_push_its_translation_above_real_matches(mixed_engine):
    # English stories about police hold "police" but not Canberra, Korea or
    # transnational crime: their Vietnamese versions must not outrank the
    # Vietnamese releases that are about those (asked for in Vietnamese only).
    assert mixed_engine.rank("police cooperation delegation to Canberra", lang="vi")[0] == SEED_A
    assert mixed_engine.rank("police chief visits Australia", lang="vi")[0] == SEED_A
    assert mixed_engine.rank("Korean police cooperation against transnational crime", lang="vi")[0] == SEED_B
    # A language filter shows the same ranking as without it, restricted.
    everything = mixed_engine.rank("police cooperation delegation to Canberra", limit=100)
    only_vi = mixed_engine.rank("police cooperation delegation to Canberra", limit=100, lang="vi")
    assert only_vi == [d for d in everything if d.endswith("-vi") or d in (SEED_A, SEED_B)][:len(only_vi)]


def test_pages_cut_one_ranking_with_a_language_filter(ntrex_engine):
    # Translations are raised for a fixed number of top hits, not per page:
    # page after page of the same query never repeats or skips a release.
    query = ntrex_engine.document("ntrex-abcnews-306755-vi").title
    for lang in ("en", "vi", None):
        pages = [ntrex_engine.search(query, lang=lang, limit=2, page=p) for p in range(1, 6)]
        ids = [h.doc_id for res in pages for h in res.hits]
        assert ids == ntrex_engine.rank(query, limit=10, lang=lang)
        assert len(set(ids)) == len(ids)
        assert len({res.total for res in pages}) == 1


def test_removed_releases_lose_their_pairs(tmp_path):
    records, stories, docs, index_dir = _two_files(tmp_path, 4)
    assert searcher.build_index(docs, index_dir).translations == 4
    eng = searcher.open_index(str(index_dir))
    (docs / "vi.jsonl").write_text("", encoding="utf-8")  # the file stays, its releases go
    report = searcher.build_index(docs, index_dir)
    assert report.removed == 4 and report.translations == 0
    title = records[stories[0] + "-en"]["title"]
    hits = eng.search(title).hits
    assert hits and all(h.translation is None for h in hits)
    assert eng.translation(stories[0] + "-en") is None
    eng.close()


def test_a_damaged_pairs_file_is_survived_and_rebuilt(tmp_path):
    records, stories, docs, index_dir = _two_files(tmp_path, 4)
    searcher.build_index(docs, index_dir)
    table = next(index_dir.glob("gen-*")) / "translations.json"
    eng = searcher.open_index(str(index_dir))
    title = records[stories[0] + "-en"]["title"]
    for damaged in ('{"pairs": [["a", "b"]]}', '{"pairs": null}', '{"pairs": [[1, 2, 0.5]]}', '{"pairs": [', "x"):
        table.write_text(damaged, encoding="utf-8")
        assert eng.search(title).hits[0].doc_id == stories[0] + "-en"  # no error, no pairs
    # The next reindex, however small, pairs everything again.
    _write_jsonl(docs / "late.jsonl", [records[sorted({i[:-3] for i in records})[5] + "-en"]])
    assert searcher.build_index(docs, index_dir).translations == 4
    assert eng.translation(stories[1] + "-vi").doc_id == stories[1] + "-en"
    eng.close()
