import gzip
import json

from conftest import SEED_A, SEED_B, SEEDS

from searcher.ingest import (Problem, Release, detect_lang, derive_title, find_sources,
                             infer_date, read_source)


def _read(root):
    sources, ignored = find_sources([root])
    items = [item for s in sources for item in read_source(s)]
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


def test_seed_without_date_line_gets_short_title_and_inferred_date():
    (rel,), _, _ = _read(SEEDS / f"{SEED_A}.txt")
    assert rel.date == "2023-10-28" and rel.date_inferred  # latest full date in the text
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
    (tmp_path / "latin.txt").write_bytes("Bộ Công an".encode("utf-8") + b"\xff\xfe\xfa")
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


def test_infer_date_formats():
    assert infer_date("từ ngày 22 - 28/10/2023 và ngày 5/1/2024") == "2024-01-05"
    assert infer_date("ngày 3 tháng 4 năm 2022") == "2022-04-03"
    assert infer_date("on October 25, 2023 and 2 November 2023") == "2023-11-02"
    assert infer_date("ngày 31/02/2023") is None
    assert infer_date("no dates here") is None


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
    assert sorted(r.doc_id for r in releases) == ["Thông báo (bản 2)", "a&b;c", "tin mới #1"]


def test_oversized_inputs_are_reported(tmp_path, monkeypatch):
    import searcher.ingest as ingest
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
