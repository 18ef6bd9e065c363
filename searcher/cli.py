"""The ``searcher`` command: reindex, search, serve.

Exit statuses: 0 success; 1 reindex finished but skipped some inputs (each
named on stderr); 2 usage error; 3 the command could not run (docs folder
missing, index missing or damaged, another reindex running).
"""

from __future__ import annotations

import json
import sys

import click

from .index import IndexMissing, ReindexBusy, build_index

EXIT_SKIPPED = 1
EXIT_FAILED = 3


def _fail(message: str) -> None:
    click.echo(f"error: {message}", err=True)
    sys.exit(EXIT_FAILED)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
def main() -> None:
    """Search Vietnamese and English press releases."""


@main.command()
@click.option("--docs", "docs", default="docs_raw", show_default=True, multiple=True,
              help="Folder (searched recursively) or file of releases; repeatable.")
@click.option("--index", "index_dir", default="index", show_default=True, help="Index folder.")
@click.option("--full", is_flag=True, help="Rebuild from scratch instead of updating.")
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
def reindex(docs: tuple[str, ...], index_dir: str, full: bool, as_json: bool) -> None:
    """Bring the index up to date with the releases in DOCS."""
    from tqdm import tqdm

    bar = tqdm(unit=" releases", disable=None, file=sys.stderr, leave=False)
    try:
        report = build_index(list(docs), index_dir, full=full, progress=bar.update)
    except (FileNotFoundError, ReindexBusy) as exc:
        bar.close()
        _fail(str(exc))
    except OSError as exc:
        bar.close()
        _fail(f"cannot write the index in {index_dir}: {exc}")
    except Exception as exc:  # a damaged index found mid-update: say how to repair it
        bar.close()
        _fail(f"reindex failed ({type(exc).__name__}: {exc}); "
              f"`searcher reindex --full --index {index_dir}` rebuilds the index from scratch")
    bar.close()
    for problem in report.problems:
        click.echo(f"skipped {problem}", err=True)
    if as_json:
        click.echo(json.dumps(report.to_dict(), ensure_ascii=False, indent=2))
    else:
        kind = "full" if report.full else "incremental"
        click.echo(
            f"{kind} reindex of {index_dir}: {report.added} added, {report.updated} updated, "
            f"{report.removed} removed, {report.skipped} skipped; "
            f"{report.releases} releases in the index; {report.seconds:.1f} s"
        )
        if report.ignored:
            click.echo(f"ignored {len(report.ignored)} file(s) of other types", err=True)
    if report.problems:
        sys.exit(EXIT_SKIPPED)


def _open(index_dir: str):
    from .search import open_index

    try:
        return open_index(index_dir)
    except IndexMissing as exc:
        _fail(str(exc))


@main.command()
@click.argument("query")
@click.option("--index", "index_dir", default="index", show_default=True, help="Index folder.")
@click.option("--limit", default=10, show_default=True, type=click.IntRange(1, 100))
@click.option("--page", default=1, show_default=True, type=click.IntRange(1, 1000))
@click.option("--lang", type=click.Choice(["vi", "en"]), help="Only releases in this language.")
@click.option("--from", "date_from", help="Earliest date (YYYY, YYYY-MM or YYYY-MM-DD).")
@click.option("--to", "date_to", help="Latest date (YYYY, YYYY-MM or YYYY-MM-DD).")
@click.option("--official", help="Only releases naming this official.")
@click.option("--agency", help="Only releases naming this agency.")
@click.option("--sort", type=click.Choice(["relevance", "date"]), default="relevance", show_default=True)
@click.option("--json", "as_json", is_flag=True, help="Print results as JSON.")
def search(query: str, index_dir: str, limit: int, page: int, lang: str | None,
           date_from: str | None, date_to: str | None, official: str | None,
           agency: str | None, sort: str, as_json: bool) -> None:
    """Search the index for QUERY."""
    engine = _open(index_dir)
    res = engine.search(query, limit=limit, page=page, lang=lang, date_from=date_from,
                        date_to=date_to, official=official, agency=agency, sort=sort)
    if as_json:
        click.echo(json.dumps(res.to_dict(), ensure_ascii=False, indent=2))
        return
    click.echo(f"{res.total} result(s) in {res.took_ms:.1f} ms")
    first = (res.page - 1) * res.limit
    for n, hit in enumerate(res.hits, first + 1):
        date = hit.date or "no date"
        click.echo(f"\n{n}. {hit.title}  [{hit.lang}, {date}]  {hit.doc_id}")
        click.echo("   " + _plain(hit.snippet))


def _plain(snippet: str) -> str:
    """A snippet for the terminal: marks shown as [brackets], text unescaped."""
    import html
    import re

    text = snippet.replace("<mark>", "[").replace("</mark>", "]")
    return re.sub(r"\s+", " ", html.unescape(text)).strip()


@main.command()
@click.option("--index", "index_dir", default="index", show_default=True, help="Index folder.")
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535))
@click.option("--threads", default=8, show_default=True, type=click.IntRange(1, 64))
def serve(index_dir: str, host: str, port: int, threads: int) -> None:
    """Serve the web UI and JSON API with waitress."""
    from waitress import serve as waitress_serve

    from web import create_app

    app = create_app(index_dir)
    click.echo(f"serving {index_dir} on http://{host}:{port}/", err=True)
    waitress_serve(app, host=host, port=port, threads=threads)


def _register_eval() -> None:
    from .eval import main as eval_main

    main.add_command(eval_main, name="eval")


_register_eval()

if __name__ == "__main__":
    main()
