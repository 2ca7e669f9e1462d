"""``provenance report render|diff|validate``: work with a saved JSON report.

The lead registers the group with ``cli.add_command(report)``. Exit codes follow the CLI
contract: ``render`` 0, or 2 when the report cannot be used; ``diff`` 1 only when the new
report has findings the old one did not, 0 otherwise, 2 on unreadable input; ``validate`` 0
when the report matches the shipped schema, 1 when it does not (best match first).
"""

from __future__ import annotations

import contextlib
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import NoReturn, TextIO

import click

from provenance.reporters import FORMATS, format_for_file

EXIT_OK, EXIT_NEW, EXIT_INVALID, EXIT_USAGE = 0, 1, 1, 2
MAX_SHOWN_ERRORS = 20


@contextlib.contextmanager
def _output(file: str | None) -> Iterator[TextIO]:
    """stdout (no file, or ``-``), or ``file`` written atomically (it appears only when
    complete); a file that cannot be written is exit 2 with one line."""
    from provenance.output import STDOUT, OutputError, atomic_write

    if file is None or file == STDOUT:
        yield sys.stdout
        return
    try:
        with atomic_write(Path(file)) as stream:
            yield stream
    except OutputError as exc:
        _fail(str(exc))


def _check_output(file: str | None) -> None:
    """Exit 2 before any work when ``file`` cannot take the output."""
    from provenance.output import STDOUT, output_problem

    problem = None if file is None or file == STDOUT else output_problem(file)
    if problem is not None:
        _fail(f"cannot write {file!r}: {problem}")


def _fail(message: str) -> NoReturn:
    click.echo(f"error: {message}", err=True)
    sys.exit(EXIT_USAGE)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
def report() -> None:
    """Render, compare or validate saved JSON reports."""


@report.command()
@click.argument("report_file", metavar="REPORT.json", type=click.Path(exists=True, dir_okay=False))
@click.option("--format", "fmt", type=click.Choice(FORMATS), help="Output format (default: "
              "from the -o file name, else text).")
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Write to FILE "
              "(- for stdout).")
@click.option("--root", type=click.Path(file_okay=False), help="Where the images are, for "
              "HTML thumbnails (default: the report's root, relative to this folder).")
def render(report_file: str, fmt: str | None, output: str | None, root: str | None) -> None:
    """Write a saved JSON report in another format."""
    from provenance.report_tools import ReportError, load_valid_report
    from provenance.report_tools import render as render_report

    _check_output(output)
    try:
        doc = load_valid_report(Path(report_file))
    except ReportError as exc:
        _fail(str(exc))
    chosen = fmt or ((format_for_file(output) or "text") if output
                     else "text")
    with _output(output) as out:
        render_report(doc, chosen, out, root=Path(root) if root else None)


@report.command()
@click.argument("old", metavar="OLD.json", type=click.Path(exists=True, dir_okay=False))
@click.argument("new", metavar="NEW.json", type=click.Path(exists=True, dir_okay=False))
@click.option("--format", "fmt", type=click.Choice(("text", "json")), default="text",
              show_default=True)
def diff(old: str, new: str, fmt: str) -> None:
    """Findings new in NEW.json, fixed since OLD.json, and unchanged (by fingerprint)."""
    from provenance.report_tools import (
        ReportError,
        diff_reports,
        load_valid_report,
        write_diff_text,
    )

    try:
        before, after = load_valid_report(Path(old)), load_valid_report(Path(new))
    except ReportError as exc:
        _fail(str(exc))
    result = diff_reports(before, after)
    if fmt == "json":
        from provenance.report import repair_quietly  # "\\ud800" in a saved report

        sys.stdout.write(json.dumps(repair_quietly(result.to_dict()), ensure_ascii=False,
                                    indent=2) + "\n")
    else:
        write_diff_text(result, sys.stdout)
    sys.exit(EXIT_NEW if result.new else EXIT_OK)


@report.command()
@click.argument("report_file", metavar="REPORT.json", type=click.Path(exists=True, dir_okay=False))
def validate(report_file: str) -> None:
    """Check a saved report against the shipped JSON Schema."""
    from provenance.report_tools import ReportError, load_report
    from provenance.schema import report_errors

    try:
        errors = report_errors(load_report(Path(report_file)))
    except ReportError as exc:
        errors = [str(exc)]
    if not errors:
        click.echo(f"{report_file}: valid provenance report")
        sys.exit(EXIT_OK)
    click.echo(f"{report_file}: invalid: {errors[0]}")
    for more in errors[1:MAX_SHOWN_ERRORS]:
        click.echo(f"  also: {more}")
    if len(errors) > MAX_SHOWN_ERRORS:
        click.echo(f"  …and {len(errors) - MAX_SHOWN_ERRORS} more")
    sys.exit(EXIT_INVALID)
