"""Highlight fidelity (issue 13, point 6): snippets, release pages and the
CLI mark the query's words where they stand, with the diacritics the user
typed, on real releases (the seeds and vietnews releases of ../shared)."""

from __future__ import annotations

import html
import re
import unicodedata
from dataclasses import dataclass

import pytest
from conftest import SEEDS, vietnews_bodies
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from searcher.query import build_query
from searcher.querytypes import Terms
from searcher.snippets import snippet_html

SEED_A = (SEEDS / "000_88d205db7cfd394d.txt").read_text(encoding="utf-8")
SEED_B = (SEEDS / "004_45012c5433f0871f.txt").read_text(encoding="utf-8").split("\n", 1)[1]
CORPUS_IDS = {
    "vnt-000001",  # "ma tuý" and "mà"
    "vnt-000123",  # "Cảnh sát" and "xuất cảnh"
    "vnt-000299",  # "Bộ Công an" only after the first 3,000 characters
    "vnt-000341",  # "bộ Công an" beside "Cổng", "án", "bổ"
    "vnt-001168",  # "thứ Bảy" and "thứ 2"
    "vnt-014646",  # "phối hợp", "xuất cảnh", but no "hợp tác" nor "cảnh sát"
}


@pytest.fixture(scope="module")
def corpus() -> dict[str, str]:
    """The bodies of the vietnews releases named in ``CORPUS_IDS``."""
    found = vietnews_bodies(set(CORPUS_IDS))
    assert set(found) == CORPUS_IDS
    return found


def _terms(query: str) -> Terms:
    return build_query(query)[1]


def views(query: str, text: str) -> dict[str, str]:
    """The text highlighted as users see it: a search snippet, a release
    page one paragraph at a time (as the web page asks for it), and the
    whole release at once with the release as context."""
    terms = _terms(query)
    page = "\n".join(snippet_html(p, "vi", terms, whole=True) if p.strip() else p
                     for p in text.split("\n"))
    return {"snippet": snippet_html(text, "vi", terms), "page": page,
            "within": snippet_html(text, "vi", terms, whole=True, within=text)}


def unmark(out: str) -> tuple[str, list[tuple[int, int]]]:
    """The plain text of highlighted HTML and the spans of its marks."""
    plain: list[str] = []
    spans: list[tuple[int, int]] = []
    pos = start = 0
    for piece in re.split(r"(</?mark>)", out):
        if piece == "<mark>":
            start = pos
        elif piece == "</mark>":
            spans.append((start, pos))
        else:
            plain.append(html.unescape(piece))
            pos += len(plain[-1])
    return "".join(plain), spans


def marks(out: str) -> list[str]:
    plain, spans = unmark(out)
    return [plain[a:b] for a, b in spans]


def marked_syllables(out: str) -> set[str]:
    return {w.lower() for m in marks(out) for w in re.findall(r"\w+", m)}


def marked_at(out: str, text: str, pattern: str, group: int = 1) -> list[str]:
    """Occurrences of ``pattern``'s group in ``text`` that ``out`` (a whole
    highlight of ``text``) marks, with their context."""
    plain, spans = unmark(out)
    assert plain == text
    return [text[max(0, m.start() - 20):m.end() + 20] for m in re.finditer(pattern, text)
            if any(a <= m.start(group) < b for a, b in spans)]


# --- what is marked -------------------------------------------------------------------


def test_an_accented_query_marks_its_spelling_not_look_alikes(corpus):
    for text in (SEED_A, corpus["vnt-000341"]):
        for name, out in views("Bộ Công an", text).items():
            assert any(m.lower() == "bộ công an" for m in marks(out)), name
            assert not marked_syllables(out) & {"cổng", "án", "bổ"}, name
    within = views("Bộ Công an", corpus["vnt-000341"])["within"]
    for look_alike in (r"\b(Cổng)\b", r"\b(án)\b", r"\b(bổ)\b"):
        assert re.search(look_alike, corpus["vnt-000341"])
        assert not marked_at(within, corpus["vnt-000341"], look_alike)


def test_a_query_word_of_one_syllable_is_not_marked_inside_other_words():
    within = views("Bộ Công an", SEED_A)["within"]
    assert not marked_at(within, SEED_A, r"cán (bộ)") and not marked_at(within, SEED_A, r"đồng (bộ)")
    assert not marked_at(within, SEED_A, r"(Bộ) Ngoại giao")  # another ministry's name
    assert all(re.search(p, SEED_A) for p in (r"cán bộ", r"đồng bộ", r"Bộ Ngoại giao"))
    text = "Bộ Công Thương và Bộ Công an ký kết"
    assert marks(snippet_html(text, "vi", _terms("Bộ Công an"), whole=True)) == ["Bộ Công an"]


def test_ma_tuy_does_not_mark_ma(corpus):
    for text in (SEED_B, corpus["vnt-000001"]):
        for name, out in views("ma túy", text).items():
            assert {m.lower() for m in marks(out)} & {"ma túy", "ma tuý"}, name
            assert "mà" not in marked_syllables(out), name


def test_a_query_without_diacritics_marks_the_folded_matches():
    for name, out in views("bo cong an", SEED_A).items():
        assert "Bộ Công an" in marks(out), name
    assert "<mark>Lê Quốc Hùng</mark>" in views("le quoc hung", SEED_A)["snippet"]


def test_words_of_a_query_are_not_marked_out_of_context(corpus):
    for text in (SEED_A, corpus["vnt-000123"]):
        for name, out in views("hợp tác cảnh sát", text).items():
            assert marks(out), name
            if name != "snippet":
                assert not marked_at(out, text, r"phối (hợp)"), name
                assert not marked_at(out, text, r"xuất (cảnh)"), name
            assert not re.search(r"phối <mark>hợp|xuất <mark>cảnh", out), name
    assert re.search(r"xuất cảnh", corpus["vnt-000123"])


def test_a_name_does_not_mark_its_syllables_elsewhere():
    out = views("Lê Quốc Hùng", SEED_A)
    for name in ("page", "within"):
        assert set(marks(out[name])) == {"Lê Quốc Hùng"}, name
        assert len(marks(out[name])) == SEED_A.count("Lê Quốc Hùng")
        assert not marked_at(out[name], SEED_A, r"(quốc) (?:tế|gia)", 1)
    assert "<mark>quốc" not in out["snippet"]


def test_function_words_are_not_marked_alone():
    page = views("của Bộ Công an", SEED_A)["within"]
    assert "của" not in marks(page) and "<mark>của Bộ Công an</mark>" in page


def test_tone_placement_and_case_do_not_matter(corpus):
    for query in ("uỷ ban", "ủy ban", "UỶ BAN"):
        assert "Uỷ ban" in marks(views(query, SEED_A)["within"]), query
    for query in ("mã hoá", "mã hóa"):
        assert "mã hóa" in marks(views(query, SEED_B)["within"]), query
    for query in ("Khánh Hòa", "khánh hoà", "KHANH HOA"):
        assert "Khánh Hoà" in marks(views(query, corpus["vnt-000123"])["within"]), query
    for query in ("BỘ CÔNG AN", "bộ công an"):
        assert "Bộ Công an" in marks(views(query, SEED_A)["within"]), query


def test_a_quoted_phrase_is_marked_where_it_stands_whole():
    out = views('"an ninh mạng"', SEED_A)["within"]
    assert "an ninh mạng" in marks(out)
    assert not marked_at(out, SEED_A, r"tội phạm (mạng)")
    assert not {m.lower() for m in marks(out)} & {"an", "ninh", "mạng", "ninh mạng"}


@dataclass(frozen=True)
class WholeRun:
    """A run the query builder asks to mark only whole (a quoted phrase)."""

    words: tuple[str, ...]
    accented: bool
    whole: bool = True


def test_a_run_marked_only_whole_has_no_partial_marks():
    terms = Terms(vi={"an", "ninh", "mang"}, vi_runs=[WholeRun(("an", "ninh", "mạng"), True)])
    out = snippet_html(SEED_A, "vi", terms, whole=True, within=SEED_A)
    assert {m.lower() for m in marks(out)} == {"an ninh mạng"}


def test_a_translated_query_marks_the_whole_translation(corpus):
    text = corpus["vnt-001168"]
    for name, out in views("Saturday", text).items():
        assert "thứ Bảy" in marks(out), name
        assert all(m.lower() == "thứ bảy" for m in marks(out) if "thứ" in m.lower()), name
    assert re.search(r"\bthứ \d", text)
    assert not marked_at(views("Saturday", text)["within"], text, r"\b(thứ) \d")


# --- which passage, and the looser rules ------------------------------------------------


def test_the_snippet_shows_where_the_words_stand_together(corpus):
    text = corpus["vnt-000299"]
    assert len(text) > 2400 and text.find("Bộ Công an") > 3000
    assert "<mark>Bộ Công an</mark>" in views("Bộ Công an", text)["snippet"]


def test_a_snippet_is_never_without_a_mark_when_the_text_holds_a_query_word(corpus):
    text = corpus["vnt-014646"]
    out = views("hợp tác cảnh sát", text)
    assert marks(out["snippet"])  # the release matched on scattered words: show them
    assert not marks(out["page"])  # a paragraph on its own: only words where they stand
    assert marks(out["within"])  # the release as context: it holds nothing better
    out = views("ma túy", "Việc này mà không làm thì ma mới biết, túy lúy.")
    assert marks(out["snippet"]) and "mà" not in marked_syllables(out["snippet"])


def test_english_releases_keep_the_english_path():
    _, terms = build_query("Australian Federal Police")
    out = snippet_html("The Australian Federal Police (AFP) met <Vietnam> & co.", "en", terms, whole=True)
    assert "<mark>Australian Federal Police</mark>" in out and "&lt;Vietnam&gt; &amp; co." in out


# --- offsets and safety ------------------------------------------------------------------


def test_offsets_are_exact_on_decomposed_text_and_markup_is_escaped():
    paragraph = SEED_A.split("\n")[0]
    for text in (unicodedata.normalize("NFD", paragraph), "<b>Bộ Công an</b> & <i>AFP</i>"):
        out = snippet_html(text, "vi", _terms("Bộ Công an"), whole=True)
        plain, spans = unmark(out)
        assert plain == text and spans
        assert all(unicodedata.normalize("NFC", plain[a:b]) == "Bộ Công an" for a, b in spans)
        assert "<" not in re.sub(r"</?mark>", "", out)


def test_snippet_fragments_are_slices_of_the_text(corpus):
    for text in (SEED_A, corpus["vnt-000341"]):
        out = snippet_html(text, "vi", _terms("Bộ Công an hợp tác"))
        plain, _ = unmark(out)
        assert all(piece in text for piece in plain.split(" … "))


SYLLABLES = ["Bộ", "Công", "an", "cổng", "án", "bổ", "bộ", "ma", "túy", "tuý", "mà", "hợp", "tác",
             "phối", "xuất", "cảnh", "sát", "Lê", "Quốc", "Hùng", "quốc", "tế", "uỷ", "ủy", "ban",
             "hoà", "hòa", "thứ", "Bảy", "AFP", "Australia", "của", "2023", "Đà", "Nẵng"]
SEPARATORS = [" ", " ", " ", ", ", ".", "\n", "-", " - ", "<", ">", "&", "&amp;", '"', "'", "…",
              "\u00a0", "\t", "(", ")", "_", "\x00"]
QUERIES = ["Bộ Công an", "bo cong an", "ma túy", "hợp tác cảnh sát", "Lê Quốc Hùng", '"an ninh mạng"',
           "uỷ ban", "Saturday", "official:\"Lê Quốc Hùng\" hợp tác", "của", "AFP -cổng", "<mark>"]
piece = st.one_of(st.sampled_from(SYLLABLES),
                  st.sampled_from(SYLLABLES).map(lambda s: unicodedata.normalize("NFD", s)),
                  st.sampled_from(SEPARATORS), st.text(max_size=4))
texts = st.lists(piece, max_size=80).map("".join)
queries = st.one_of(st.sampled_from(QUERIES), st.lists(st.sampled_from(SYLLABLES), min_size=1, max_size=4)
                    .map(" ".join), st.text(max_size=20))


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(query=queries, text=texts, lang=st.sampled_from(["vi", "vi", "en"]), within=st.booleans())
def test_highlighting_never_invents_or_loses_characters(query, text, lang, within):
    terms = _terms(query)
    out = snippet_html(text, lang, terms, whole=True, within=text if within else None)
    assert "<" not in re.sub(r"</?mark>", "", out) and ">" not in re.sub(r"</?mark>", "", out)
    assert unmark(out)[0] == text
    out = snippet_html(text, lang, terms)
    assert "<" not in re.sub(r"</?mark>", "", out)
    plain, spans = unmark(out)
    if spans:
        assert all(p in text for p in plain.split(" … "))
    else:
        assert plain.removesuffix("…") in text
