"""Translation links (searcher.pairs, Engine.translation).

The ntrex test needs ../shared/corpus/ntrex-dev.jsonl (60 English stories and
their professional Vietnamese translations); it fails, never skips, when the
file is missing."""

import json

import pytest
from conftest import SEED_A, SEED_B, shared_path

import searcher
from searcher.eval import pair_accuracy
from searcher.pairs import anchors, similarity

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
