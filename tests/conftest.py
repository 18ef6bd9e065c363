"""Shared fixtures: the seed releases, a small index built in a temp folder,
and the path to ../shared (tests that need it fail with a clear message
when it is missing, as it must be beside the checkout in CI)."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
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


def vietnews_bodies(ids: set[str], part: str = "body") -> dict[str, str]:
    """The bodies (or another ``part``: "title") of the vietnews-test releases with these ids."""
    import gzip
    import json

    found: dict[str, str] = {}
    with gzip.open(shared_path("corpus", "vietnews-test.jsonl.gz"), "rt", encoding="utf-8") as fh:
        for line in fh:
            rec = json.loads(line)
            if rec["id"] in ids:
                found[rec["id"]] = rec[part]
                if len(found) == len(ids):
                    break
    return found


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


# --- a real index of a few hundred releases -------------------------------------

CORPUS_VIETNEWS = 400  # vietnews releases in the shared corpus index
CORPUS_NTREX = 40      # ntrex lines (20 stories in both languages)


def seeds_and(tmp_path_factory, name: str, add) -> searcher.Engine:
    """An engine over the seeds plus what ``add(docs_folder)`` writes
    beside them, indexed in a fresh folder (the caller closes it)."""
    docs = tmp_path_factory.mktemp(f"{name}-docs")
    for f in SEEDS.glob("*.txt"):
        shutil.copy(f, docs / f.name)
    add(docs)
    index_dir = tmp_path_factory.mktemp(f"{name}-index")
    searcher.build_index(docs, index_dir)
    return searcher.open_index(str(index_dir))


def write_corpus_sample(docs: Path, seed: int = 13) -> int:
    """The seeds, the first vietnews releases and ntrex stories in ``docs``;
    two thirds of the vietnews releases get a date (fixed seed, 2016-2025),
    the rest stay undated, as in a real archive.  Returns the release count."""
    import gzip
    import json
    import random

    rng = random.Random(seed)
    for f in SEEDS.glob("*.txt"):
        shutil.copy(f, docs / f.name)
    with gzip.open(shared_path("corpus", "vietnews-test.jsonl.gz"), "rt", encoding="utf-8") as src, \
            open(docs / "vietnews.jsonl", "w", encoding="utf-8") as out:
        for n, line in enumerate(src):
            if n >= CORPUS_VIETNEWS:
                break
            rec = json.loads(line)
            if rng.random() < 2 / 3:
                rec["date"] = f"{rng.randint(2016, 2025)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
            out.write(json.dumps(rec, ensure_ascii=False) + "\n")
    with open(shared_path("corpus", "ntrex-dev.jsonl"), encoding="utf-8") as src, \
            open(docs / "ntrex.jsonl", "w", encoding="utf-8") as out:
        for n, line in enumerate(src):
            if n >= CORPUS_NTREX:
                break
            out.write(line)
    return 2 + CORPUS_VIETNEWS + CORPUS_NTREX


@pytest.fixture(scope="session")
def sample_index(tmp_path_factory) -> Path:
    """An index of the seeds, 400 vietnews releases and 40 ntrex releases."""
    docs = tmp_path_factory.mktemp("corpus-docs")
    expected = write_corpus_sample(docs)
    index_dir = tmp_path_factory.mktemp("corpus-index")
    report = searcher.build_index(docs, index_dir)
    assert report.releases == expected and not report.problems
    return index_dir


@pytest.fixture(scope="session")
def sample_engine(sample_index):
    eng = searcher.open_index(str(sample_index))
    yield eng
    eng.close()


@pytest.fixture(scope="session")
def sample_client(sample_index):
    """Flask's test client over the corpus sample index."""
    from web import create_app

    return create_app(str(sample_index), {"TESTING": True}).test_client()


def middle_body_spans(engine, longest: int, length: int, seed: int):
    """(release, syllables) of a ``length``-syllable span from the middle
    third of each of the ``longest`` Vietnamese bodies, when the span lies
    within one clause (only spaces between its syllables)."""
    import random

    from searcher.analysis import syllables

    gen = engine._current().gen
    rng = random.Random(seed)
    ranked = sorted((d for d in range(gen.size) if gen.release(d).lang == "vi"),
                    key=lambda d: len(gen.release(d).body), reverse=True)[:longest]
    for d in ranked:
        rel = gen.release(d)
        found = syllables(rel.body)
        start = rng.randrange(len(found) // 3, 2 * len(found) // 3)
        span = found[start:start + length]
        if all(rel.body[a[2]:b[1]] == " " for a, b in zip(span, span[1:], strict=False)):
            yield rel, [w for w, _, _ in span]


def all_ids(engine, query: str, **kwargs) -> list[str]:
    """Every release a search lists, page after page, in order."""
    out: list[str] = []
    page = 1
    while True:
        res = engine.search(query, limit=100, page=page, **kwargs)
        out += [h.doc_id for h in res.hits]
        if page >= res.pages:
            assert len(out) == res.total, (query, kwargs, len(out), res.total)
            return out
        page += 1


CHROMIUM = "/usr/bin/chromium"


@contextmanager
def live_server(index_dir: Path, threads: int = 4) -> Iterator[str]:
    """The app on ``index_dir`` served by waitress on a free loopback port,
    in a thread; yields its base URL."""
    import socket
    import threading

    from waitress.server import create_server

    from web import create_app

    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    sock.close()
    srv = create_server(create_app(str(index_dir)), host="127.0.0.1", port=port, threads=threads)
    closing = threading.Event()

    def run() -> None:
        try:
            srv.run()
        except OSError:
            if not closing.is_set():  # the socket closed under select() at shutdown is expected
                raise

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        closing.set()
        srv.close()
        thread.join(timeout=5)


@contextmanager
def chromium() -> Iterator:
    """Debian's Chromium driven by Playwright; fails (never skips) without it."""
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: install Debian's chromium (tests/run.sh does)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, args=[
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync"])
        try:
            yield b
        finally:
            b.close()
