import json
import shutil

import pytest
from click.testing import CliRunner
from conftest import SEED_A, SEEDS

from searcher.cli import main


def test_reindex_then_search_json(tmp_path):
    docs = tmp_path / "docs"
    shutil.copytree(SEEDS, docs)
    runner = CliRunner()
    r = runner.invoke(main, ["reindex", "--docs", str(docs), "--index", str(tmp_path / "ix")])
    assert r.exit_code == 0, r.output
    assert "2 added" in r.output
    r = runner.invoke(main, ["search", "le quoc hung", "--index", str(tmp_path / "ix"), "--json"])
    assert r.exit_code == 0
    data = json.loads(r.output)
    assert set(data) == {"total", "took_ms", "hits", "notice", "undated_left_out", "suggestion"}
    assert data["hits"][0]["doc_id"] == SEED_A
    assert set(data["hits"][0]) == {"doc_id", "title", "lang", "date", "date_inferred", "score", "snippet",
                                    "officials", "agencies", "media", "translation", "story", "versions"}
    r = runner.invoke(main, ["search", "Lê Quốc Hùng", "--index", str(tmp_path / "ix")])
    assert r.exit_code == 0 and "[Lê Quốc Hùng]" in r.output and SEED_A in r.output


def test_reindex_with_bad_input_exits_1_and_names_it(tmp_path):
    docs = tmp_path / "docs"
    shutil.copytree(SEEDS, docs)
    (docs / "broken.jsonl").write_text('{"id": "x", "body": "ok"}\n{oops\n', encoding="utf-8")
    r = CliRunner().invoke(main, ["reindex", "--docs", str(docs), "--index", str(tmp_path / "ix")])
    assert r.exit_code == 1
    assert "skipped broken.jsonl:2: broken JSON" in r.output
    assert "3 added" in r.output


def test_errors_are_messages_not_tracebacks(tmp_path):
    runner = CliRunner()
    r = runner.invoke(main, ["search", "x", "--index", str(tmp_path / "none")])
    assert r.exit_code == 3 and "no index" in r.output and "Traceback" not in r.output
    r = runner.invoke(main, ["reindex", "--docs", str(tmp_path / "missing"), "--index", str(tmp_path / "ix")])
    assert r.exit_code == 3 and "docs folder not found" in r.output
    r = runner.invoke(main, ["search", "x", "--limit", "0"])
    assert r.exit_code == 2


def test_version_and_search_help():
    runner = CliRunner()
    r = runner.invoke(main, ["--version"])
    assert r.exit_code == 0 and r.output.startswith("searcher, version ")
    r = runner.invoke(main, ["search", "--help"])
    assert r.exit_code == 0
    for syntax in ('"exact phrase"', "OR", "-word", "title:", "official:", "agency:", "lang:vi"):
        assert syntax in r.output


@pytest.mark.parametrize("args, named", [
    (["--from", "yesterday"], "--from"), (["--from", "24"], "--from"), (["--to", "2025-02-30"], "--to"),
    (["--from", "2025-13"], "--from"), (["--from", "2020", "--to", "2019"], "--from"), (["--lang", "fr"], "--lang"),
    (["--sort", "bogus"], "--sort"), (["--page", "0"], "--page"), (["--limit", "101"], "--limit"),
])
def test_bad_values_are_usage_errors_naming_the_option(seed_index, args, named):
    r = CliRunner().invoke(main, ["search", "Bộ Công an", "--index", str(seed_index), *args])
    assert r.exit_code == 2 and named in r.output and "Traceback" not in r.output


def test_lang_in_the_query_with_a_bad_value_is_a_usage_error(seed_index):
    r = CliRunner().invoke(main, ["search", "lang:fr police", "--index", str(seed_index)])
    assert r.exit_code == 2 and "lang:" in r.output


def test_search_prints_the_suggestion_undated_count_and_inferred_dates(seed_index, tmp_path):
    runner = CliRunner()
    r = runner.invoke(main, ["search", "nguyen van long", "--index", str(seed_index)])
    assert r.exit_code == 0 and "Did you mean: Nguyễn Văn Long" in r.output
    r = runner.invoke(main, ["search", "Canbera", "--index", str(seed_index)])  # no release holds it: respelled
    assert r.exit_code == 0 and "Showing results for \u201cCanberra\u201d" in r.output and "1 result(s)" in r.output
    r = runner.invoke(main, ["search", "Thứ trưởng", "--index", str(seed_index), "--to", "2024"])
    assert r.exit_code == 0 and "1 release(s) without a date left out" in r.output
    r = runner.invoke(main, ["search", "Thứ trưởng", "--index", str(seed_index), "--to", "2024", "--include-undated"])
    assert r.exit_code == 0 and SEED_A in r.output and "no date" in r.output
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "d.txt").write_text("Hội nghị an ninh\n\nHà Nội, ngày 25/10/2023 - Bộ Công an tổ chức hội nghị.",
                                encoding="utf-8")
    runner.invoke(main, ["reindex", "--docs", str(docs), "--index", str(tmp_path / "ix")])
    r = runner.invoke(main, ["search", "Bộ Công an", "--index", str(tmp_path / "ix")])
    assert "2023-10-25, date read from the text" in r.output
