"""The `indexer` command line: a thin layer over indexer.store.archive and
indexer.search.service.

Each command imports what it needs when it runs: the archive, the engine, Whoosh,
numpy and nltk take seconds to import, and `indexer --help` needs none of them
(tests/test_cli_start.py checks what starting imports).
"""
from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from indexer.core.config import Settings
from indexer.core.errors import ArchivoError, StorageError

if TYPE_CHECKING:
    from indexer.store.archive import Archive


EVAL_EXTRA_MODULES = {"ir_measures", "pytrec_eval"}


class ArchivoGroup(click.Group):
    """Turns the project's errors into one clear line and exit status 1."""

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except ArchivoError as exc:
            raise click.ClickException(str(exc)) from exc


@click.group(cls=ArchivoGroup)
@click.pass_context
def main(ctx):
    """Archivo: build and query the publication archive's index.

    Paths come from ARCHIVO_CORPUS_DIR (default corpus/) and ARCHIVO_INDEX_DIR
    (default var/index).
    """
    ctx.obj = _ArchiveOnDemand(Settings.from_env())


class _ArchiveOnDemand:
    """The Archive, made (and its modules imported) on a command's first use of it."""

    def __init__(self, settings: Settings):
        self._settings, self._archive = settings, None

    def __getattr__(self, name):
        if self._archive is None:
            from indexer.store.archive import Archive
            self._archive = Archive(self._settings)
        return getattr(self._archive, name)


def _progress(label: str, length: int | None):
    return click.progressbar(length=length, label=label, file=sys.stderr,
                             show_pos=True) if length else _NoBar()


class _NoBar:
    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False

    def update(self, n):
        pass


@main.command()
@click.option("--if-stale", is_flag=True, help="Only rebuild when the index is missing, of an "
              "older schema, or out of step with the corpus.")
@click.pass_obj
def build(archive: Archive, if_stale: bool):
    """Rebuild the whole index from the corpus (built aside, then swapped in).

    Example: indexer build
    """
    if if_stale and _index_is_fresh(archive):
        click.echo("index is up to date", err=True)
        return
    with _progress("indexing", len(archive.corpus)) as bar:
        count = archive.rebuild(progress=bar.update)
    click.echo(f"indexed {count} documents into {archive.index.current_dir()}", err=True)


def _index_is_fresh(archive: Archive) -> bool:
    """The index exists, is of this schema, agrees with the corpus and can be read (one
    written by another version of Archivo cannot: then it is stale, not an error)."""
    if not (archive.index.exists() and archive.index.is_current_schema()):
        return False
    try:
        return not any(archive.check().values())
    except StorageError:
        return False


@main.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False))
@click.option("--type", "doc_type", help="Content type (brief, report, podcast, ...).")
@click.option("--topic", "topics", multiple=True, help="A topic; repeat for several.")
@click.option("--title", help="Title (a single document only).")
@click.option("--author", "authors", multiple=True, help="An author; repeat for several.")
@click.option("--date", help="Date: 2016, 2016-06 or 2016-06-02.")
@click.pass_obj
def add(archive: Archive, files, doc_type, topics, title, authors, date):
    """Add HTML, PDF or text files; prints the new document ids.

    A bad file is reported and skipped; the others are still added.
    Example: indexer add brief.pdf page.html --topic trade
    """
    overrides = {k: v for k, v in {"type": doc_type, "title": title, "date": date,
                                   "topics": list(topics) or None,
                                   "authors": list(authors) or None}.items() if v}
    failures = 0
    for name in files:
        try:
            data = Path(name).read_bytes()
            for doc in archive.add_file(data, Path(name).name, overrides, actor="cli"):
                click.echo(doc.id)
        except OSError as exc:
            failures += 1
            click.echo(f"error: {name}: cannot read the file ({exc.strerror})", err=True)
        except ArchivoError as exc:
            failures += 1
            click.echo(f"error: {name}: {exc.message}", err=True)
    if failures:
        sys.exit(1)


@main.command("import")
@click.argument("jsonl", type=click.Path(exists=True, dir_okay=False))
@click.pass_obj
def import_(archive: Archive, jsonl):
    """Batch-import records, one JSON object a line (title, text, and any metadata).

    Bad lines are reported by line number; good lines are kept. Saved in batches (a
    librarian's save waits for one batch at most); killed halfway, the batches
    counted on the progress bar are kept, and running it again adds the rest.
    Example: indexer import old-archive.jsonl
    """
    from indexer.store.importer import import_jsonl
    lines = Path(jsonl).read_bytes().splitlines()
    with _progress("importing", len(lines)) as bar:
        report = import_jsonl(archive, lines, progress=bar.update)
    for line_no, message in report.errors:
        click.echo(f"error: {jsonl}:{line_no}: {message}", err=True)
    click.echo(f"imported {len(report.added)} documents, {len(report.errors)} bad lines",
               err=True)
    if report.errors:
        sys.exit(1)


@main.command()
@click.argument("doc_id")
@click.pass_obj
def remove(archive: Archive, doc_id):
    """Move a document to the trash (restorable) and out of search.

    Example: indexer remove leveraging-the-u-s-mexico-relationship
    """
    archive.remove(doc_id, actor="cli")
    click.echo(f"removed {doc_id} (in the trash; restore with `indexer restore {doc_id}`)")


@main.command()
@click.argument("doc_id")
@click.pass_obj
def restore(archive: Archive, doc_id):
    """Bring a document back from the trash."""
    archive.restore(doc_id, actor="cli")
    click.echo(f"restored {doc_id}")


@main.command()
@click.argument("doc_id")
@click.pass_obj
def show(archive: Archive, doc_id):
    """Print a document's stored record as JSON."""
    click.echo(json.dumps(archive.corpus.get_record(doc_id), indent=2, ensure_ascii=False))


@main.command()
@click.argument("query", default="")
@click.option("--topic", "topics", multiple=True)
@click.option("--type", "types", multiple=True)
@click.option("--author", "authors", multiple=True)
@click.option("--limit", default=10, show_default=True)
@click.option("--json", "as_json", is_flag=True, help="Print the API's JSON shape.")
@click.pass_obj
def search(archive: Archive, query, topics, types, authors, limit, as_json):
    """Search the index like the search page does.

    Example: indexer search "border security" --type podcast --json
    """
    from indexer.search.request import SearchRequest
    from indexer.search.service import SearchService
    request = SearchRequest.from_args({"q": query, "topic": list(topics), "type": list(types),
                                       "author": list(authors), "per_page": str(limit)})
    result = SearchService(archive.index, topics_file=archive.settings.topics_file,
                           semantic=archive.settings.semantic).search(request)
    if as_json:
        click.echo(json.dumps(result.to_json(), indent=2, ensure_ascii=False))
        return
    click.echo(f"{result.total} documents")
    for hit in result.hits:
        click.echo(f"{hit.id}  [{hit.type}] {hit.title}  {hit.date or ''}")
    if result.suggestion:
        click.echo(f"did you mean: {result.suggestion}")


@main.command()
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path))
@click.option("--queries", type=click.Path(dir_okay=False, path_type=Path),
              help="Queries to run instead of DIR/queries.jsonl (e.g. a train split).")
@click.option("--qrels", type=click.Path(dir_okay=False, path_type=Path),
              help="Judgments instead of DIR/qrels.tsv.")
@click.option("--no-semantic", "lexical", is_flag=True,
              help="Rank by the words alone (no search by meaning), to measure that side.")
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
@click.pass_obj
def evaluate(archive: Archive, directory, queries, qrels, lexical, as_json):
    """Measure ranking on a test collection (docs.jsonl, queries.jsonl, qrels.tsv).

    Indexes the documents aside with the product's own analysis and ranking, runs
    every query like the search page does, and reports nDCG@10, MAP and recall@100.
    Example: indexer evaluate tests/data/cranfield --json
    """
    run_evaluation = _evaluation()
    figures = run_evaluation(directory, _progress, queries=queries, qrels=qrels,
                             topics_file=archive.settings.topics_file,
                             semantic=archive.settings.semantic and not lexical)
    if as_json:
        click.echo(json.dumps(figures))
        return
    click.echo(f"{directory}: {figures['queries']} queries")
    for name in ("ndcg@10", "map", "recall@100"):
        click.echo(f"  {name:<11} {figures[name]:.4f}")
    for kind, group in figures.get("by_kind", {}).items():
        click.echo(f"  {kind} ({group['queries']} queries): " + ", ".join(
            f"{name} {group[name]:.4f}" for name in ("ndcg@10", "map", "recall@100")))


def _evaluation():
    """indexer.search.evaluate needs the `eval` extra, which a plain install leaves out."""
    try:
        from indexer.search.evaluate import evaluate as run_evaluation
    except ModuleNotFoundError as exc:
        if exc.name not in EVAL_EXTRA_MODULES:
            raise
        raise click.ClickException(f"indexer evaluate needs the evaluation extra ({exc.name} "
                                   "is not installed): pip install 'archivo[eval]'") from exc
    return run_evaluation


@main.command()
@click.pass_obj
def topics(archive: Archive):
    """The topic vocabulary with the number of documents tagged with each."""
    counts: dict[str, int] = {}
    for doc in archive.corpus:
        for name in doc.topic_names:
            counts[name] = counts.get(name, 0) + 1
    for topic in archive.vocabulary.topics:
        click.echo(f"{topic.slug:<14} {counts.get(topic.slug, 0):>6}  {topic.label}")


@main.command()
@click.pass_obj
def optimize(archive: Archive):
    """Merge the index's small segments (what saves and imports leave) into few large
    ones; searches and saves go on meanwhile. Saves and imports also merge as they go.

    Example: indexer optimize
    """
    before = archive.index.live().segment_sizes() if archive.index.exists() else []
    merged = archive.merge_segments(everything=True)
    after = archive.index.live().segment_sizes() if archive.index.exists() else []
    click.echo(f"{len(before)} segments before, {len(after)} after ({merged} merged)")


@main.command()
@click.pass_obj
def check(archive: Archive):
    """Check that corpus and index agree; exit 1 listing the differences otherwise."""
    differences = archive.check()
    if not any(differences.values()):
        click.echo(f"ok: {len(archive.corpus)} documents, corpus and index agree")
        return
    for kind, ids in differences.items():
        for doc_id in ids:
            click.echo(f"{kind}: {doc_id}")
    click.echo("run `indexer build` to repair the index", err=True)
    sys.exit(1)


if __name__ == "__main__":
    main()
