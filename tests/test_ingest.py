import datetime as dt
import gzip
import json

import pytest
from conftest import SEED_A, SEED_B, SEEDS

import searcher
from searcher.ingest import (
    Problem,
    Release,
    derive_title,
    detect_lang,
    find_dateline,
    find_sources,
    read_source,
    release_from_text,
)

TODAY = dt.date(2024, 6, 1)  # the reindex day in these tests


def _read(root, today=None):
    sources, ignored = find_sources([root])
    items = [item for s in sources for item in read_source(s, today=today)]
    return ([i for i in items if isinstance(i, Release)],
            [i for i in items if isinstance(i, Problem)], ignored)


def test_seed_with_date_line():
    releases, problems, _ = _read(SEEDS / f"{SEED_B}.txt")
    (rel,) = releases
    assert not problems
    assert rel.doc_id == SEED_B
    assert rel.date == "2025-10-24" and not rel.date_inferred
    assert rel.title.startswith("Tăng cường hợp tác Cảnh sát")
    assert not rel.lead.startswith("date ")
    assert rel.lang == "vi"


def test_seed_without_date_line_or_dateline_is_undated():
    # its text mentions "từ ngày 22 - 28/10/2023" and "(1973 - 2023)": events, not its date
    (rel,), _, _ = _read(SEEDS / f"{SEED_A}.txt")
    assert rel.date is None and not rel.date_inferred and rel.date_refused == ""
    assert 4 <= len(rel.title.split()) <= 25
    assert rel.title != rel.lead and "Lê Quốc Hùng" in rel.title


def test_doc_id_is_relative_path_without_extension(tmp_path):
    (tmp_path / "2024" / "may").mkdir(parents=True)
    (tmp_path / "2024" / "may" / "visit.txt").write_text("Bộ Công an làm việc với Interpol.", encoding="utf-8")
    (tmp_path / "notes.md").write_text("not a release", encoding="utf-8")
    releases, problems, ignored = _read(tmp_path)
    assert [r.doc_id for r in releases] == ["2024/may/visit"]
    assert ignored == ["notes.md"] and not problems


def test_text_is_nfc(tmp_path):
    import unicodedata
    (tmp_path / "a.txt").write_text(unicodedata.normalize("NFD", "Thứ trưởng Lê Quốc Hùng"), encoding="utf-8")
    (rel,), _, _ = _read(tmp_path)
    assert unicodedata.is_normalized("NFC", rel.lead) and "Lê Quốc Hùng" in rel.lead


def test_bad_txt_inputs_are_reported_and_good_ones_kept(tmp_path):
    (tmp_path / "good.txt").write_text("Bộ Công an tổ chức hội nghị.", encoding="utf-8")
    (tmp_path / "empty.txt").write_bytes(b"   \n")
    (tmp_path / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00")
    (tmp_path / "latin.txt").write_bytes("Bộ Công an".encode() + b"\xff\xfe\xfa")
    (tmp_path / "bom.txt").write_bytes("\ufeffCảnh sát giao thông".encode("utf-8"))
    releases, problems, _ = _read(tmp_path)
    assert sorted(r.doc_id for r in releases) == ["bom", "good"]
    reasons = {p.path: p.reason for p in problems}
    assert reasons["empty.txt"] == "empty file"
    assert "binary" in reasons["binary.txt"]
    assert "UTF-8" in reasons["latin.txt"]


def _jsonl_lines():
    return [
        json.dumps({"id": "r1", "title": "Hội nghị Interpol", "body": "Bộ Công an dự hội nghị.", "lang": "vi",
                    "date": "2024-05-01"}, ensure_ascii=False),
        "{broken json",
        json.dumps({"title": "no id", "body": "x"}),
        json.dumps({"id": "r2", "title": "no body"}),
        json.dumps({"id": "r3", "body": "The Ministry of Public Security met the Australian Federal Police."}),
        "",
        json.dumps(["not", "an", "object"]),
    ]


def test_jsonl_bad_lines_named_with_line_numbers(tmp_path):
    (tmp_path / "a.jsonl").write_text("\n".join(_jsonl_lines()) + "\n", encoding="utf-8")
    releases, problems, _ = _read(tmp_path)
    assert [r.doc_id for r in releases] == ["r1", "r3"]
    assert releases[0].date == "2024-05-01" and releases[0].lang == "vi"
    assert releases[1].lang == "en" and releases[1].title
    lines = {p.line: p.reason for p in problems}
    assert set(lines) == {2, 3, 4, 7}
    assert "broken JSON" in lines[2] and "no 'id'" in lines[3] and "no 'body'" in lines[4]
    assert all(str(p).startswith(f"a.jsonl:{p.line}: ") for p in problems)


def test_jsonl_gz_and_truncated_gzip(tmp_path):
    data = ("\n".join(_jsonl_lines()) + "\n").encode("utf-8")
    with gzip.open(tmp_path / "b.jsonl.gz", "wb") as fh:
        fh.write(data)
    good = (tmp_path / "b.jsonl.gz").read_bytes()
    (tmp_path / "c.jsonl.gz").write_bytes(good[: len(good) - 12])
    releases, problems, _ = _read(tmp_path / "b.jsonl.gz")
    assert [r.doc_id for r in releases] == ["r1", "r3"]
    releases, problems, _ = _read(tmp_path / "c.jsonl.gz")
    assert any("stops being readable" in p.reason for p in problems)


def test_language_detection():
    assert detect_lang("Thứ trưởng Lê Quốc Hùng làm việc với AFP tại Canberra") == "vi"
    assert detect_lang("Deputy Minister Le Quoc Hung met the AFP in Canberra on Tuesday") == "en"
    assert detect_lang("Bo Cong an va cac don vi cua Viet Nam trong nam nay") == "vi"


def test_derive_title_prefers_short_headline_line():
    assert derive_title(["A very long lead " * 10 + ".", "Minister visits Canberra police headquarters"]) \
        == "Minister visits Canberra police headquarters"
    long = derive_title(["Trong khuôn khổ chương trình đối ngoại năm 2023, " + "đoàn công tác làm việc " * 10 + "."])
    assert len(long.split()) <= 16


# --- dates -------------------------------------------------------------------

_BODY = "Hai bên trao đổi về hợp tác phòng, chống tội phạm xuyên quốc gia."


def _dated(lead: str, today: dt.date = TODAY) -> Release:
    return release_from_text("r", f"{lead}\n\n{_BODY}", today=today)


@pytest.mark.parametrize("lead, date, kind", [
    ("Hà Nội, ngày 25/10/2023 - Bộ Công an tổ chức hội nghị sơ kết.", "2023-10-25", "vi-numeric"),
    ("(Chinhphu.vn) - Ngày 25/10/2023, Thủ tướng Chính phủ tiếp Đại sứ Australia.", "2023-10-25", "vi-numeric"),
    ("Ngày 14/5/2019, TAND tỉnh Bắc Ninh xét xử vụ án trộm cắp tài sản tại công ty Samsung.", "2019-05-14",
     "vi-numeric"),
    ("TP.HCM, 25/10/2023 - Công an Thành phố phối hợp với AFP điều tra đường dây ma túy.", "2023-10-25",
     "vi-numeric"),
    ("Thứ Hai, 25/10/2023 | Bộ Công an tiếp đoàn Cảnh sát Liên bang Australia.", "2023-10-25", "vi-numeric"),
    ("(TP. HCM, ngày 28/10/2017) – Tập đoàn Novaland khởi công trường học.", "2017-10-28", "vi-numeric"),
    ("Chiều ngày 26/7/2019, Bộ Công an ký kết thỏa thuận hợp tác với Interpol.", "2019-07-26", "vi-numeric"),
    ("Ngày 21/8/2018 tại Hà Nội, Bộ Công an ký kết thỏa thuận hợp tác.", "2018-08-21", "vi-numeric"),
    ("Hà Nội, ngày 25 tháng 10 năm 2023 – Bộ Công an tổ chức hội nghị.", "2023-10-25", "vi-words"),
    ("HANOI, Oct. 25, 2023 — Deputy Minister Le Quoc Hung met the Australian Federal Police.", "2023-10-25",
     "en-month-day"),
    ("October 25, 2023 - The Ministry of Public Security met the Australian Federal Police.", "2023-10-25",
     "en-month-day"),
    ("WASHINGTON (Reuters) - Monday, Sept. 4, 2023: The FBI and Vietnam's police signed a deal.", "2023-09-04",
     "en-month-day"),
    ("25 October 2023 — The Ministry of Public Security hosted the AFP in Hanoi.", "2023-10-25", "en-day-month"),
    ("2023-10-25 The Ministry of Public Security hosted the AFP in Hanoi.", "2023-10-25", "iso"),
])
def test_dateline_at_the_top_dates_the_release(lead, date, kind):
    assert find_dateline(lead) == (date, kind)
    rel = _dated(lead)
    assert (rel.date, rel.date_inferred, rel.date_refused) == (date, True, "")


@pytest.mark.parametrize("lead", [
    # dates inside the text are events, deadlines, history
    "Đoàn đại biểu đã thăm và làm việc tại Australia từ ngày 22 - 28/10/2023.",
    "Ngày 22 - 28/10/2023, đoàn công tác của Bộ Công an thăm Australia.",
    "Ngày 22/10/2023 - 28/10/2023 diễn ra tuần lễ hợp tác.",
    "Trong khuôn khổ chương trình, ngày 25/10/2023, Thứ trưởng hội đàm với AFP.",
    "Từ ngày 1/1/2018, toàn bộ xăng A92 sẽ bị khai tử.",
    "Vào ngày 6 tháng 10 năm 1973, Syria và Ai Cập tấn công bất ngờ.",
    "Ngày 13/1/2019 tới đây, dự án chính thức ra mắt thị trường.",
    "Nguyên Chủ tịch nước qua đời tại Hà Nội tối nay 22-4-2019 do bệnh nặng.",
    "Ngày 1-9-1858, liên quân Pháp - Tây Ban Nha đem 14 chiếc thuyền đánh Đà Nẵng.",
    "On October 6, 1973, Syria and Egypt launched a surprise attack.",
    # birth years and years alone
    "TAND TP. Đà Nẵng tuyên phạt Hồ Xuân Huy (SN 1994), ngụ quận Hải Châu, 12 năm tù.",
    "Năm 2018 đánh dấu một năm tồi tệ của thị trường chứng khoán.",
    "Kỷ niệm 50 năm quan hệ ngoại giao Việt Nam - Australia (1973 - 2023).",
    # a cue without a year: we cannot know which year
    "Ngày 25/2, TAND TP. Đà Nẵng tuyên phạt Hồ Xuân Huy 12 năm tù.",
    "HANOI, Oct. 25 (VNA) — Deputy Minister Le Quoc Hung met the AFP.",
    # no such day
    "Ngày 31/02/2023, Bộ Công an tổ chức hội nghị.",
    "HANOI, Feb. 30, 2023 — The ministry met the AFP.",
])
def test_no_date_from_the_body_years_or_incomplete_cues(lead):
    assert find_dateline(lead) is None
    rel = _dated(lead)
    assert (rel.date, rel.date_inferred, rel.date_refused) == (None, False, "")


def test_dates_below_the_first_paragraph_never_date_a_release():
    text = ("Bộ Công an tổ chức hội nghị sơ kết công tác hợp tác quốc tế.\n\n"
            "Ngày 25/10/2023, Thứ trưởng Lê Quốc Hùng hội đàm với AFP.\n\n"
            "Hạn chót nộp hồ sơ là ngày 18/10/2044.")
    rel = release_from_text("r", text, today=TODAY)
    assert rel.date is None and not rel.date_inferred


def test_dateline_after_a_headline_line():
    text = ("Bộ Công an tiếp đoàn Cảnh sát Liên bang Australia\n\n"
            "Hà Nội, ngày 25/10/2023 - Thứ trưởng Lê Quốc Hùng tiếp bà Lesa Gale.")
    rel = release_from_text("r", text, today=TODAY)
    assert rel.title == "Bộ Công an tiếp đoàn Cảnh sát Liên bang Australia"
    assert rel.date == "2023-10-25" and rel.date_inferred


def test_a_letterhead_dateline_is_not_the_title():
    text = "Hà Nội, ngày 25 tháng 10 năm 2023\n\nBộ Công an tiếp đoàn Cảnh sát Liên bang Australia"
    rel = release_from_text("r", text, today=TODAY)
    assert rel.title == "Bộ Công an tiếp đoàn Cảnh sát Liên bang Australia"
    assert rel.date == "2023-10-25" and rel.date_inferred


def test_date_line_wins_over_dateline_and_is_not_inferred():
    rel = release_from_text("r", "date 2023-11-02 Hội nghị\nHà Nội, ngày 25/10/2023 - Bộ Công an họp.",
                            today=TODAY)
    assert (rel.date, rel.date_inferred, rel.title) == ("2023-11-02", False, "Hội nghị")


def test_impossible_date_line_is_not_used():
    rel = release_from_text("r", "date 2023-02-31 Hội nghị Interpol\nBộ Công an dự hội nghị.", today=TODAY)
    assert rel.date is None and rel.title == "Hội nghị Interpol" and rel.lead == "Bộ Công an dự hội nghị."


def test_future_dates_are_refused_and_recorded(tmp_path):
    (tmp_path / "line.txt").write_text("date 2044-10-18 Hội nghị\nHà Nội, ngày 25/10/2023 - Bộ Công an họp.",
                                       encoding="utf-8")
    (tmp_path / "cue.txt").write_text("Hà Nội, ngày 18/10/2044 - Bộ Công an họp.", encoding="utf-8")
    recs = [{"id": "field", "body": "Bộ Công an họp.", "date": "2044-10-18T09:00:00+07:00"},
            {"id": "tomorrow", "body": "Bộ Công an họp.", "date": "2024-06-02"},
            {"id": "today", "body": "Bộ Công an họp.", "date": "2024-06-01"}]
    (tmp_path / "r.jsonl").write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in recs), encoding="utf-8")
    releases, problems, _ = _read(tmp_path, today=TODAY)
    assert not problems
    got = {r.doc_id: (r.date, r.date_inferred, r.date_refused) for r in releases}
    assert got == {"line": (None, False, "2044-10-18"),  # kept, undated: no fallback to the dateline
                   "cue": (None, False, "2044-10-18"),
                   "field": (None, False, "2044-10-18"),
                   "tomorrow": (None, False, "2024-06-02"),
                   "today": ("2024-06-01", False, "")}


def test_jsonl_dates_from_field_or_lead_dateline(tmp_path):
    recs = [{"id": "a", "lead": "Ngày 14/5/2019, TAND tỉnh Bắc Ninh xét xử vụ án.", "body": "Bị cáo (SN 1994)."},
            {"id": "b", "body": "HANOI, Oct. 25, 2023 — The ministry met the AFP.\nIt was founded in 1945."},
            {"id": "c", "lead": "Bộ Công an họp.", "body": "Ngày 25/10/2023, Thứ trưởng hội đàm với AFP."},
            {"id": "d", "body": "Bộ Công an họp.", "date": "không rõ"}]
    path = tmp_path / "x.jsonl"
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in recs), encoding="utf-8")
    releases, _, _ = _read(path, today=TODAY)
    assert {r.doc_id: (r.date, r.date_inferred) for r in releases} == {
        "a": ("2019-05-14", True), "b": ("2023-10-25", True), "c": (None, False), "d": (None, False)}


def _cp1258(text):
    """Windows-1258 bytes as legacy tools write them: tone marks combining."""
    import unicodedata
    tones = "\u0300\u0301\u0303\u0309\u0323"
    out = []
    for ch in text:
        d = unicodedata.normalize("NFD", ch)
        base = unicodedata.normalize("NFC", "".join(x for x in d if x not in tones))
        out.append(base + "".join(x for x in d if x in tones))
    return "".join(out).encode("cp1258")


def test_legacy_encodings(tmp_path):
    text = "Thứ trưởng Lê Quốc Hùng làm việc với Cảnh sát Liên bang Australia về hợp tác phòng chống tội phạm."
    (tmp_path / "cp1258.txt").write_bytes(_cp1258(text))
    (tmp_path / "utf16.txt").write_text(text, encoding="utf-16")
    (tmp_path / "latin1.txt").write_bytes("Café crème brûlée, déjà vu, naïve résumé façade".encode("latin-1"))
    releases, problems, _ = _read(tmp_path)
    assert {r.doc_id: r.lead for r in releases} == {"cp1258": text, "utf16": text}
    assert [p.path for p in problems] == ["latin1.txt"]
    assert "Windows-1258" in problems[0].reason


def test_odd_file_names(tmp_path):
    for name in ("tin mới #1.txt", "Thông báo (bản 2).txt", "a&b;c.txt"):
        (tmp_path / name).write_text("Bộ Công an tổ chức hội nghị.", encoding="utf-8")
    releases, problems, _ = _read(tmp_path)
    assert sorted(r.doc_id for r in releases) == ["Thông báo (bản 2)", "a&b;c", "tin mới #1"] and not problems


def test_oversized_inputs_are_reported(tmp_path, monkeypatch):
    from searcher import ingest
    monkeypatch.setattr(ingest, "MAX_TXT_BYTES", 100)
    monkeypatch.setattr(ingest, "MAX_RECORD_BYTES", 200)
    (tmp_path / "big.txt").write_text("Bộ Công an " * 50, encoding="utf-8")
    lines = [json.dumps({"id": "a", "body": "ngắn"}, ensure_ascii=False),
             json.dumps({"id": "b", "body": "dài " * 200}, ensure_ascii=False),
             json.dumps({"id": "c", "body": "ngắn nữa"}, ensure_ascii=False)]
    (tmp_path / "many.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    releases, problems, _ = _read(tmp_path)
    assert [r.doc_id for r in releases] == ["a", "c"]  # a big record costs only itself
    assert {(p.path, p.line) for p in problems} == {("big.txt", None), ("many.jsonl", 2)}
    assert all("limit" in p.reason for p in problems)


def test_a_future_date_is_reported_by_the_reindex_and_the_release_kept(tmp_path):
    from click.testing import CliRunner

    from searcher.cli import main

    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "future.txt").write_text("date 2999-01-01 Hội nghị tương lai\n\nBộ Công an dự hội nghị.", encoding="utf-8")
    (docs / "now.txt").write_text("date 2024-01-02 Hội nghị Interpol\n\nBộ Công an dự hội nghị.", encoding="utf-8")
    r = CliRunner().invoke(main, ["reindex", "--docs", str(docs), "--index", str(tmp_path / "ix")])
    assert r.exit_code == 0, r.output
    assert "future.txt: date 2999-01-01 is after the day of this reindex" in r.output
    engine = searcher.open_index(str(tmp_path / "ix"))
    assert engine.document("future").date is None and engine.document("now").date == "2024-01-02"
