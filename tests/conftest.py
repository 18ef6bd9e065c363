"""Shared fixtures: the seed releases, a small index built in a temp folder,
and the path to ../shared (tests that need it fail with a clear message
when it is missing, as it must be beside the checkout in CI)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

import searcher

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "docs_raw"
SHARED = Path(os.environ.get("SEARCHER_SHARED", ROOT.parent / "shared"))
SEED_A = "000_88d205db7cfd394d"  # Lê Quốc Hùng in Australia (no date line)
SEED_B = "004_45012c5433f0871f"  # Nguyễn Văn Long in Korea (date line)


def shared_path(*parts: str) -> Path:
    """A file under ../shared; fails (never skips) when it is missing."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.fail(f"this test needs ../shared/{'/'.join(parts)} beside the checkout "
                    f"(or SEARCHER_SHARED pointing at shared/); not found: {path}")
    return path


def small_index(tmp_path: Path, files: dict[str, str]) -> Path:
    """An index built in ``tmp_path`` from the given files (name -> text)."""
    import searcher

    d = tmp_path / "small-docs"
    d.mkdir()
    for name, text in files.items():
        (d / name).write_text(text, encoding="utf-8")
    searcher.build_index(d, tmp_path / "small-index")
    return tmp_path / "small-index"


@pytest.fixture
def docs(tmp_path) -> Path:
    """A fresh, writable copy of the seed releases for one test."""
    d = tmp_path / "docs"
    d.mkdir()
    for f in SEEDS.glob("*.txt"):
        shutil.copy(f, d / f.name)
    return d


@pytest.fixture(scope="session")
def seed_docs(tmp_path_factory) -> Path:
    docs = tmp_path_factory.mktemp("docs")
    for f in SEEDS.glob("*.txt"):
        shutil.copy(f, docs / f.name)
    return docs


@pytest.fixture(scope="session")
def seed_index(seed_docs, tmp_path_factory) -> Path:
    index_dir = tmp_path_factory.mktemp("index")
    report = searcher.build_index(seed_docs, index_dir)
    assert report.added == 2 and not report.problems
    return index_dir


@pytest.fixture(scope="session")
def engine(seed_index):
    eng = searcher.open_index(str(seed_index))
    yield eng
    eng.close()


@pytest.fixture(scope="session")
def app(seed_index):
    from web import create_app

    app = create_app(str(seed_index), {"TESTING": True})
    return app


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner():
    from click.testing import CliRunner

    return CliRunner()
