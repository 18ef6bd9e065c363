"""The ``searcher`` command: reindex, search, entity, serve, check, eval.

Exit statuses: 0 success; 1 reindex finished but skipped some inputs (each
named on stderr), or no release names the entity asked for; 2 usage error;
3 the command could not run (docs folder missing, index missing or damaged,
another reindex running).
"""

from __future__ import annotations

import contextlib
import json
import sys

import click

from .options import InvalidParameter
from .storage import IndexMissing, ReindexBusy, stored_sources

EXIT_SKIPPED = 1
EXIT_FAILED = 3


@contextlib.contextmanager
def _stage_bar():
    """A tqdm bar on stderr (none when stderr is no terminal) that names the
    reindex stage being done and, while releases are written, shows their
    total, the percentage done and the time left."""
    from tqdm import tqdm

    bar = tqdm(unit=" releases", disable=None, file=sys.stderr, leave=False, dynamic_ncols=True)

    def stage(name: str, total: int | None) -> None:
        bar.reset(total=total)
        bar.set_description_str(name)

    try:
        yield bar.update, stage
    finally:
        bar.close()


def _fail(message: str) -> None:
    click.echo(f"error: {message}", err=True)
    sys.exit(EXIT_FAILED)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="searcher", prog_name="searcher")
def main() -> None:
    """Search Vietnamese and English press releases."""


@main.command()
@click.option("--docs", "docs", multiple=True, metavar="PATH",
              help="Folder (searched recursively) or file of releases; repeatable.  "
                   "Default: the sources the index was built from (docs_raw for a new index).")
@click.option("--index", "index_dir", default="index", show_default=True, help="Index folder.")
@click.option("--full", is_flag=True, help="Rebuild from scratch instead of updating.")
@click.option("--prune", is_flag=True,
              help="Allow removing every release of a source the index was built from "
                   "that --docs no longer lists.")
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
@click.option("--cluster", "cluster_address", metavar="ADDRESS",
              help="With --full: prepare and write the releases on the Dask cluster whose scheduler is at "
                   "ADDRESS (tcp://host:8786); the index folder must be at the same path on every worker "
                   "(pip install -e '.[cluster]'; docs/scaling.md).")
@click.option("--workers", "cluster_workers", type=click.IntRange(1, 256),
              help="With --full: the same on a Dask LocalCluster of this many worker processes here.")
def reindex(docs: tuple[str, ...], index_dir: str, full: bool, prune: bool, as_json: bool,
            cluster_address: str | None, cluster_workers: int | None) -> None:
    """Bring the index up to date with the releases in its sources.

    The index remembers its sources (each --docs folder or file, as an
    absolute path).  Without --docs, reindex reads those again; a new index
    reads docs_raw.  Files added, changed or removed inside a listed source
    are indexed, updated or removed.

    A source the index holds releases from but --docs no longer lists is not
    dropped silently: the run stops with exit status 3, names the source and
    how many releases it holds, and leaves the index unchanged.  List it
    again, or pass --prune to remove its releases (--full too: a rebuild
    from fewer sources loses them just the same).

    Two sources holding a file at the same relative path: the first one
    listed is indexed, the other is named as skipped.

    \b
    Exit statuses: 0 done; 1 done, but some inputs were skipped (named on
    stderr); 2 usage error; 3 could not run (a docs path missing, a source
    dropped without --prune, another reindex running, a damaged index).
    """
    from .index import SourceDropped  # here: a search need not load the writing side
    from .reindex import build_index

    spec = _cluster_spec(full, cluster_address, cluster_workers)
    if not docs:
        stored = stored_sources(index_dir)
        click.echo(f"sources: {', '.join(stored) or f'docs_raw (none stored in {index_dir})'}", err=True)
    with _stage_bar() as (advance, stage):
        try:
            report = build_index(list(docs) or None, index_dir, full=full, progress=advance, prune=prune,
                                 stage=stage, cluster=spec)
        except (FileNotFoundError, ReindexBusy, SourceDropped, ImportError) as exc:
            _fail(str(exc))
        except OSError as exc:
            _fail(f"cannot reach the cluster: {exc}" if spec is not None and "Dask" in str(exc)
                  else f"cannot write the index in {index_dir}: {exc}")
        except Exception as exc:  # a damaged index found mid-update: say how to repair it
            _fail(f"reindex failed ({type(exc).__name__}: {exc}); "
                  f"`searcher reindex --full --index {index_dir}` rebuilds the index from scratch")
    for problem in report.problems:
        click.echo(f"skipped {problem}", err=True)
    for note in report.notes:
        click.echo(f"note: {note}", err=True)
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


def _checked(check):
    """A click callback running one of ``options``' checks: a bad value is
    a usage error naming the option (exit 2)."""
    def callback(ctx, param, value):
        try:
            return check(value, "--" + param.name.replace("date_", ""))
        except ValueError as exc:
            raise click.BadParameter(str(exc)) from None
    return callback


def _date_check(value, name):
    from .options import date_bound

    date_bound(value, name)
    return value


SEARCH_HELP = """Search the index for QUERY.

\b
Plain words in any order are ranked; a release matches when it holds
every word (function words such as "của", "the" are optional), a word of
several syllables or a name written together ("Bộ Công an").  A question
or a query of five words or more also matches the releases scoring at
least half as high as the best.  Diacritics are optional: "le quoc hung"
finds "Lê Quốc Hùng"; typed with diacritics, a word must carry them (tone
placement aside: "uỷ" = "ủy").  When no release holds all the words, those
holding most of them are shown, with a notice.

\b
Syntax:
  "exact phrase"          the words in this order
  a OR b                  either side (widens the match)
  -word, NOT word         releases without it
  title:word              in the title
  official:"Lê Quốc Hùng" naming this official (any spelling, rank ignored)
  agency:AFP              naming this agency (acronym or either language)
  lang:vi, lang:en        releases in this language
  ( )                     grouping
"""


def _narrowing_options(command):
    """--lang, --from, --to and --include-undated, as every listing takes them."""
    options = [
        click.option("--lang", type=click.Choice(["vi", "en"], case_sensitive=False),
                     help="Only releases in this language."),
        click.option("--from", "date_from", callback=_checked(_date_check),
                     help="Earliest date: YYYY, YYYY-MM or YYYY-MM-DD."),
        click.option("--to", "date_to", callback=_checked(_date_check),
                     help="Latest date: YYYY, YYYY-MM or YYYY-MM-DD."),
        click.option("--include-undated", is_flag=True,
                     help="With --from/--to, also list releases that have no date."),
    ]
    for option in reversed(options):
        command = option(command)
    return command


@main.command(help=SEARCH_HELP)
@click.argument("query")
@click.option("--index", "index_dir", default="index", show_default=True, help="Index folder.")
@click.option("--limit", default=10, show_default=True, type=click.IntRange(1, 100))
@click.option("--page", default=1, show_default=True, type=click.IntRange(1, 1000))
@_narrowing_options
@click.option("--official", multiple=True, help="Only releases naming this official (repeat: any of them).")
@click.option("--agency", multiple=True, help="Only releases naming this agency (repeat: any of them).")
@click.option("--media", multiple=True,
              help="Only releases citing or naming this news source (Reuters, Tuổi Trẻ...; repeat: any of them).")
@click.option("--sort", type=click.Choice(["relevance", "date"], case_sensitive=False), default="relevance",
              show_default=True)
@click.option("--json", "as_json", is_flag=True, help="Print results as JSON.")
def search(query: str, index_dir: str, limit: int, page: int, lang: str | None,
           date_from: str | None, date_to: str | None, include_undated: bool, official: tuple[str, ...],
           agency: tuple[str, ...], media: tuple[str, ...], sort: str, as_json: bool) -> None:
    engine = _open(index_dir)
    try:
        res = engine.search(query, limit=limit, page=page, lang=lang, date_from=date_from,
                            date_to=date_to, official=official, agency=agency, sort=sort,
                            include_undated=include_undated, facets=True, media=media)
    except InvalidParameter as exc:  # named as the options are
        message = str(exc).replace("date_from", "--from").replace("date_to", "--to")
        raise click.UsageError(message) from None
    if as_json:
        out = res.to_dict()
        out["suggestion"] = res.suggestion
        click.echo(json.dumps(out, ensure_ascii=False, indent=2))
        return
    _print_results(res)


def _print_notes(notice: str | None, undated: int) -> None:
    """What a listing says about how it was chosen: a loosened match, the
    undated releases a date range left out."""
    if notice:
        click.echo(notice)
    if undated:
        click.echo(f"{undated} release(s) without a date left out by the date range "
                   "(--include-undated lists them)")


def _print_results(res) -> None:
    click.echo(f"{res.total} result(s) in {res.took_ms:.1f} ms")
    if res.suggestion:
        click.echo(f"Did you mean: {res.suggestion}")
    _print_notes(res.notice, res.undated)
    first = (res.page - 1) * res.limit
    for n, hit in enumerate(res.hits, first + 1):
        date = hit.date or "no date"
        if hit.date and hit.date_inferred:
            date += ", date read from the text"
        click.echo(f"\n{n}. {hit.title}  [{hit.lang}, {date}]  {hit.doc_id}")
        click.echo("   " + _plain(hit.snippet))


def _plain(snippet: str) -> str:
    """A snippet for the terminal: marks shown as [brackets], text unescaped."""
    import html
    import re

    text = snippet.replace("<mark>", "[").replace("</mark>", "]")
    return re.sub(r"\s+", " ", html.unescape(text)).strip()


EXIT_NOT_NAMED = 1  # `entity`: no release names it


@main.command()
@click.argument("name")
@click.option("--agency", "is_agency", is_flag=True, help="NAME is an agency (default: an official).")
@click.option("--media", "is_media", is_flag=True, help="NAME is a news source (Reuters, Tuổi Trẻ...).")
@click.option("--index", "index_dir", default="index", show_default=True, help="Index folder.")
@_narrowing_options
@click.option("--page", default=1, show_default=True, type=click.IntRange(1, 1000))
@click.option("--limit", default=50, show_default=True, type=click.IntRange(1, 100))
@click.option("--json", "as_json", is_flag=True, help="Print the page as JSON.")
def entity(name: str, is_agency: bool, is_media: bool, index_dir: str, lang: str | None, date_from: str | None,
           date_to: str | None, include_undated: bool, page: int, limit: int, as_json: bool) -> None:
    """An official's (with --agency an agency's, with --media a news
    source's) page: how the releases
    write NAME (spellings, titles and ranks, other names), an official's
    roles over time, releases per year and the officials and agencies most
    often named with it (whatever the filters), then the releases naming it
    by any spelling, by year, newest first.

    \b
    Exit statuses: 0 done; 1 no release names NAME; 2 usage error;
    3 no index or a damaged one.
    """
    if not name.replace("\x00", " ").strip():
        raise click.BadParameter("must not be blank", param_hint="NAME")
    if is_agency and is_media:
        raise click.UsageError("--agency and --media: NAME is one kind of entity, give one of them")
    kind = "media" if is_media else "agency" if is_agency else "official"
    engine = _open(index_dir)
    try:
        found = engine.entity(kind, name, page=page, limit=limit, lang=lang, date_from=date_from,
                              date_to=date_to, include_undated=include_undated)
    except InvalidParameter as exc:  # named as the options are
        message = str(exc).replace("date_from", "--from").replace("date_to", "--to")
        raise click.UsageError(message) from None
    if as_json:
        click.echo(json.dumps(found.to_dict(), ensure_ascii=False, indent=2))
    elif found.named:
        _print_entity(found)
    if not found.named:
        click.echo(f"no release names the {kind} {name.strip()!r}", err=True)
        sys.exit(EXIT_NOT_NAMED)


def _print_entity(found) -> None:
    click.echo(found.display_name)
    within = f", {found.total} within the filters" if found.total != found.named else ""
    click.echo(f"{found.kind}, named in {found.named} release(s){within}; page {found.page} of {found.pages}")
    for label, values in (("spellings", found.spellings), ("roles", [str(r) for r in found.roles]),
                          ("other names", found.other_names)):
        if values:
            click.echo(f"{label}: {' · '.join(values)}")
    _print_notes(found.notice, found.undated)
    _print_profile(found)
    for group in found.years:
        click.echo(f"\n{group.year or 'no date'}")
        for hit in group.hits:
            date = (hit.date or "no date") + (" (date read from the text)" if hit.date and hit.date_inferred else "")
            click.echo(f"  {date}  {hit.doc_id}  {hit.title}")


BAR_WIDTH = 40  # characters of the longest per-year bar


def _print_profile(found) -> None:
    """Roles over time, releases per year (a text bar each) and the entities
    most often named with it: the web page's figures, whatever the filters."""
    if found.role_history:
        read = f" (read from the {found.roles_read} newest releases)" if found.roles_read < found.named else ""
        click.echo(f"roles over time{read}:")
        for span in found.role_history:
            role = f"{span.title} ({span.gloss})" if span.gloss else span.title
            dates = f"{span.first or 'no date'} – {span.last or 'no date'}"
            click.echo(f"  {role}  {dates}  {span.releases} release(s)")
    if found.per_year or found.undated_named:
        click.echo("releases per year:")
        tallest = max((n for _, n in found.per_year), default=1)
        for year, n in found.per_year:
            click.echo(f"  {year}  {'#' * max(1, round(BAR_WIDTH * n / tallest)):<{BAR_WIDTH}}  {n}")
        if found.undated_named:
            click.echo(f"  no date  {found.undated_named}")
    for group in found.related:
        if group.entries:
            named = " · ".join(f"{name} ({n})" for name, n in group.entries)
            click.echo(f"named with ({RELATED_LABELS.get(group.kind, group.kind)}): {named}")


def _cluster_spec(full: bool, address: str | None, workers: int | None):
    """The cluster of --cluster/--workers (None: a local build); a usage
    error (exit 2) for both at once or without --full."""
    if address is None and workers is None:
        return None
    if address is not None and workers is not None:
        raise click.UsageError("--cluster and --workers are two ways to run a cluster build: give one")
    if not full:
        raise click.UsageError("a cluster build rebuilds the whole index: add --full")
    from .cluster import ClusterSpec

    return ClusterSpec(address=address, workers=workers)


RELATED_LABELS = {"official": "officials", "agency": "agencies", "media": "news sources"}


@main.command()
@click.option("--index", "index_dir", default="index", show_default=True, help="Index folder.")
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535))
@click.option("--threads", default=16, show_default=True, type=click.IntRange(1, 64),
              help="Requests each worker answers at once (a long query waiting its turn holds one).")
@click.option("--processes", "--workers", "workers", default=None, type=click.IntRange(1, 64),
              help="Worker processes sharing the port; each opens the "
                   "index itself, and one that dies is replaced.  Default: the cores this process "
                   "may use, at most 8.")
@click.option("--watch", is_flag=True,
              help="Reindex (incrementally) whenever the index's sources change: a release "
                   "dropped into docs_raw/ is found within seconds.  Reindex errors are logged, "
                   "never fatal.")
def serve(index_dir: str, host: str, port: int, threads: int, workers: int | None, watch: bool) -> None:
    """Serve the web UI and JSON API with waitress.

    Python runs one thread at a time per process, so the server runs one
    waitress process per core by default (--processes), each opening and
    warming the index before it answers.  A worker that dies is replaced.
    """
    import os

    from web.server import serve as serve_app

    count = workers or min(len(os.sched_getaffinity(0)), MAX_DEFAULT_WORKERS)
    click.echo(f"serving {index_dir} on http://{host}:{port}/ ({count} worker process(es))", err=True)
    watcher = None
    if watch:
        from .watch import watch_sources

        def watcher() -> None:
            watch_sources(index_dir)
    serve_app(lambda: _served_app(index_dir), host=host, port=port, threads=threads, workers=count,
              watcher=watcher)


MAX_DEFAULT_WORKERS = 8  # each worker holds its own warm copy of the index's caches


def _served_app(index_dir: str):
    """The web app with its engine opened and warmed, so no first user pays
    for loading; a missing or damaged index is answered 503 until repaired."""
    from web import create_app, get_engine

    app = create_app(index_dir, {"WARM": True})
    try:
        get_engine(app)
    except IndexMissing as exc:
        click.echo(f"warning: {exc}", err=True)
    return app


EXIT_STALE = 1  # `check`: whole, but a reindex stopped before its end


@main.command()
@click.option("--index", "index_dir", default="index", show_default=True, help="Index folder.")
@click.option("--json", "as_json", is_flag=True, help="Print the findings as JSON.")
def check(index_dir: str, as_json: bool) -> None:
    """Verify an index: CURRENT names a generation, the manifest is readable
    and of this version, every index file matches the digest recorded when
    it was written, every stored release can be read, and the manifest
    lists as many releases as the index holds.  Prints what to run.

    \b
    Exit statuses: 0 whole; 1 readable, but a reindex should be run;
    3 missing or damaged (run the command printed).
    """
    from .integrity import check_index

    found = check_index(index_dir)
    if as_json:
        click.echo(json.dumps(found.to_dict(), ensure_ascii=False, indent=2))
    else:
        for line in found.ok:
            click.echo(f"ok: {line}")
        for line in found.problems:
            click.echo(f"problem: {line}", err=True)
        click.echo(f"run: {found.repair}" if found.repair else f"{index_dir}: whole, {found.releases} releases")
    if found.problems:
        sys.exit(EXIT_STALE if found.readable and found.releases else EXIT_FAILED)


def _register_eval() -> None:
    from .eval import main as eval_main

    main.add_command(eval_main, name="eval")


_register_eval()

if __name__ == "__main__":
    main()
