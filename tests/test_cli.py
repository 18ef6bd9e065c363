import json
import shutil

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
                                    "officials", "agencies", "translation"}
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
