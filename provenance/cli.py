"""The ``provenance`` command line: parse, call, render, map to an exit code. Nothing more.

Exit codes (PRODUCT.md CLI contract), highest wins: 3 internal error, 2 usage error,
1 findings at/above ``--fail-on``, 0 otherwise. A bad input file is a finding, never exit 2.
Heavy modules (Pillow, c2pa, the readers) are imported inside the commands so that
``provenance --version`` stays instant.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TextIO

import click

from provenance import __version__
from provenance.findings import FAIL_ON_CHOICES
from provenance.reporters import FORMATS as AUDIT_FORMATS  # cheap: no Pillow, no c2pa
from provenance.reporters import format_for_file


def _parse_now(value: str | None) -> datetime:
    if value is None:
        return datetime.now(UTC).replace(microsecond=0)
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not an ISO 8601 date-time",
                                 param_hint="--now") from None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def _rule_ids(spec: str | None, option: str) -> list[str]:
    """IDs or ID prefixes (``IMG``, ``AID00``) from a comma-separated list, validated."""
    from provenance.validators import RULES

    if not spec:
        return []
    items = [s.strip().upper() for s in spec.split(",") if s.strip()]
    for item in items:
        if not any(rid.startswith(item) for rid in RULES):
            raise click.BadParameter(f"{item!r} matches no rule ID", param_hint=option)
    return items


@dataclass(frozen=True)
class _Located:
    """The audit's root, policy and walk, worked out the same way however it is called."""

    root: Path
    policy: Any
    walk: Any


def _locate(paths: Sequence[str], root: str | None, config_file: str | None,
            named_as: str | None = None, outputs: Sequence[str] = (),
            force_exclude: bool = False) -> _Located:
    """Policy from the PATHs' common folder upwards; root from ``--root`` or the project
    (:func:`provenance.paths.project_root`); then the walk under the policy's selection."""
    from provenance.config import ConfigError, load_policy, selection_for
    from provenance.paths import UsageError, common_root, project_root
    from provenance.walk import walk

    given = [Path(p) for p in paths] or [Path(".")]
    for p in given:
        if not p.exists():
            raise click.BadParameter(f"path does not exist: {p}", param_hint="PATH")
    if root and not Path(root).is_dir():
        raise click.BadParameter(f"{root} is not a folder", param_hint="--root")
    try:
        policy = load_policy(Path(config_file) if config_file else None, common_root(given))
    except ConfigError as exc:
        raise click.UsageError(f"invalid configuration: {exc}") from None
    base = Path(root).resolve() if root else project_root(given, policy.file)
    selection = selection_for(policy, base, [Path(o) for o in outputs], force_exclude)
    try:
        return _Located(base, policy, walk(given, base, named_as=named_as,
                                           selection=selection))
    except UsageError as exc:
        raise click.UsageError(str(exc)) from None


def _display_root(root: Path) -> str:
    """The root as a relative POSIX path, so reports never carry absolute paths."""
    return Path(os.path.relpath(root, Path.cwd())).as_posix()


def _outputs(fmt: str | None, output: str | None,
             reports: Sequence[str]) -> list[tuple[str, str | None]]:
    """(format, file or None for stdout) pairs from --format, -o and --report (``-`` is
    stdout). Every file is checked here, before anything is read: a missing folder, a
    folder named as the file or no permission is exit 2 naming it, not a lost audit."""
    from provenance.output import STDOUT

    pairs: list[tuple[str, str | None]] = []
    hints: list[str] = []
    if output is not None and output != STDOUT:
        pairs.append((fmt or format_for_file(output) or "json", output))
        hints.append("-o/--output")
    elif fmt is not None or not reports or output == STDOUT:
        pairs.append((fmt or "text", None))
        hints.append("-o/--output")
    for spec in reports:
        name, sep, file = spec.partition("=")
        if not sep or not file or name not in AUDIT_FORMATS:
            raise click.BadParameter(f"{spec!r}: use FORMAT=FILE with FORMAT one of "
                                     f"{', '.join(AUDIT_FORMATS)}", param_hint="--report")
        pairs.append((name, None if file == STDOUT else file))
        hints.append("--report")
    _check_outputs(pairs, hints)
    return pairs


def _check_outputs(pairs: Sequence[tuple[str, str | None]], hints: Sequence[str]) -> None:
    """Exit 2 for two reports on stdout, one file named twice, or a file that cannot be
    written (:func:`provenance.output.output_problem`)."""
    if sum(file is None for _, file in pairs) > 1:
        raise click.UsageError("only one report can go to stdout (-o - or FORMAT=-)")
    seen: set[str] = set()
    for (_, file), hint in zip(pairs, hints, strict=True):
        if file is None:
            continue
        _check_output_file(file, hint)
        where = os.path.realpath(file)
        if where in seen and not where.startswith(("/dev/", "/proc/")):
            raise click.BadParameter(f"{file!r} is named for two reports", param_hint=hint)
        seen.add(where)


def _check_output_file(file: str, hint: str) -> None:
    from provenance.output import output_problem

    problem = output_problem(file)
    if problem is not None:
        raise click.BadParameter(f"cannot write {file!r}: {problem}", param_hint=hint)


@contextlib.contextmanager
def _open_outputs(pairs: Sequence[tuple[str, str | None]],
                  root: Path | None = None) -> Iterator[list[Any]]:
    """Reporters for every output; files are written atomically and only on success.

    A report that cannot be written after all (a full disk, a folder removed meanwhile)
    is exit 2 with one line; SIGTERM and SIGHUP unwind like Ctrl-C (no report replaced,
    no temporary file left, see :func:`_unwind_on_termination`).
    """
    from provenance.output import OutputError, atomic_write
    from provenance.reporters import make_reporter

    try:
        with contextlib.ExitStack() as stack:
            stack.enter_context(_unwind_on_termination())
            reporters = []
            for fmt, file in pairs:
                stream: TextIO = _stdout() if file is None else \
                    stack.enter_context(atomic_write(Path(file)))
                color = file is None and sys.stdout.isatty() and "NO_COLOR" not in os.environ
                reporters.append(make_reporter(fmt, stream, color=color, root=root))
            yield reporters
    except OutputError as exc:
        raise click.UsageError(str(exc)) from None
    except _Terminated as exc:
        import signal

        name = signal.Signals(exc.signum).name
        click.echo(f"provenance: stopped by {name}; no report written", err=True)
        raise


def _stdout() -> TextIO:
    """stdout, told to show what its encoding cannot carry (an ASCII or Latin-1 locale)
    as escapes rather than fail mid-report."""
    with contextlib.suppress(AttributeError, ValueError, OSError):
        sys.stdout.reconfigure(errors="backslashreplace")  # type: ignore[union-attr]
    return sys.stdout


class _Terminated(SystemExit):
    """SIGTERM or SIGHUP arrived; the exit status is 128 + the signal's number."""

    def __init__(self, signum: int) -> None:
        super().__init__(128 + signum)
        self.signum = signum


@contextlib.contextmanager
def _unwind_on_termination() -> Iterator[None]:
    """While reports are open, SIGTERM (a CI cancel) and SIGHUP (a closed terminal) raise
    :class:`_Terminated` in this process, so every ``with`` unwinds as for Ctrl-C: temporary
    report files are removed and the workers stopped. A worker forked meanwhile inherits
    the handler and just dies of the signal; a second signal kills at once."""
    import signal

    owner = os.getpid()

    def handler(signum: int, _frame: Any) -> None:
        signal.signal(signum, signal.SIG_DFL)
        if os.getpid() != owner:
            os.kill(os.getpid(), signum)
            return
        raise _Terminated(signum)  # reported once unwound: no I/O in a signal handler

    previous: dict[int, Any] = {}
    for sig in (signal.SIGTERM, getattr(signal, "SIGHUP", None)):
        if sig is not None:
            with contextlib.suppress(ValueError, OSError):  # not the main thread
                previous[sig] = signal.signal(sig, handler)
    try:
        yield
    finally:
        for sig, old in previous.items():
            signal.signal(sig, old)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="provenance")
def cli() -> None:
    """Check that news articles credit their sources and disclose AI-generated images."""


def _audit_options(f: Any) -> Any:
    """Options shared by ``audit`` and ``baseline create`` (same files, same policy)."""
    options = [
        click.argument("paths", nargs=-1, type=click.Path()),
        click.option("--root", type=click.Path(file_okay=False), help="Folder that bounds "
                     "every read (default: the deepest common folder of the PATHs)."),
        click.option("--config", "config_file", type=click.Path(dir_okay=False),
                     help="Policy file (default: provenance.toml or [tool.provenance] in "
                     "pyproject.toml, searched upwards)."),
        click.option("--select", help="Only these rule IDs or prefixes (comma-separated)."),
        click.option("--ignore", help="Skip these rule IDs or prefixes (comma-separated)."),
        click.option("--trust-anchors", type=click.Path(dir_okay=False),
                     help="PEM file of C2PA trust anchors (nothing is ever downloaded)."),
        click.option("--now", "now_text", metavar="ISO", help="Audit time for future-date "
                     "checks (default: the current time)."),
        click.option("--no-progress", is_flag=True, help="No progress bar on stderr."),
        click.option("--changed-since", metavar="GIT-REF", help="Audit only articles changed "
                     "since the git ref's merge base with HEAD, and those whose images "
                     "changed."),
        click.option("--force-exclude", is_flag=True, help="Apply the policy's excludes, "
                     ".gitignore and site-generator folders to files named as PATHs too "
                     "(the pre-commit hook names every staged file)."),
        click.option("--show-files", is_flag=True, help="List the files that would be "
                     "audited, what is skipped and why, and the detected sites; audit "
                     "nothing."),
    ]
    for option in reversed(options):
        f = option(f)
    return f


@dataclass(frozen=True)
class _Run:
    """A resolved audit request: files, config, policy values the CLI needs."""

    root: Path
    found: list[Any]
    cfg: Any
    fail_on: str
    baseline: str | None
    walk: Any = None


def _prepare_run(paths: Sequence[str], root: str | None, config_file: str | None,
                 select: str | None, ignore: str | None, trust_anchors: str | None,
                 now_text: str | None, changed_since: str | None = None,
                 fail_on: str | None = None, baseline: str | None = None,
                 named_as: str | None = None, outputs: Sequence[str] = (),
                 force_exclude: bool = False, referrers: bool = True) -> _Run:
    from provenance.config import CliOverrides, ConfigError, build_audit_config, effective

    for name, value in (("--trust-anchors", trust_anchors), ("--baseline", baseline),
                        ("--config", config_file)):
        if value is not None and not Path(value).is_file():
            raise click.BadParameter(f"{value} is not a file", param_hint=name)
    now = _parse_now(now_text)
    cli_values = CliOverrides(
        select=tuple(_rule_ids(select, "--select")) if select is not None else None,
        ignore=tuple(_rule_ids(ignore, "--ignore")) if ignore is not None else None,
        fail_on=fail_on, trust_anchors=Path(trust_anchors) if trust_anchors else None,
        baseline=Path(baseline) if baseline else None)
    located = _locate(paths, root, config_file, named_as, outputs, force_exclude)
    base, policy = located.root, located.policy
    try:
        cfg = build_audit_config(policy, cli_values, base, now, located.walk.sites)
        data = effective(policy, cli_values)
    except ConfigError as exc:
        raise click.UsageError(f"invalid configuration: {exc}") from None
    found = _with_referrers(located, cfg, changed_since) if referrers else located.walk.found
    return _Run(base, found, cfg, data["fail_on"], data.get("baseline"), located.walk)


def _with_referrers(located: _Located, cfg: Any, changed_since: str | None) -> list[Any]:
    """The files to audit: the walk's, narrowed by ``--changed-since``; an image named on
    the command line brings in the articles that show it (see :mod:`provenance.changes`)."""
    from provenance.changes import changed_files, select_changed, with_referrers
    from provenance.paths import UsageError

    found = located.walk.found
    try:
        if changed_since:
            changed = changed_files(changed_since, located.root)
            return select_changed(found, changed, cfg)
        return with_referrers(found, cfg, located.policy)
    except UsageError as exc:
        raise click.UsageError(str(exc)) from None


def _execute(run: _Run, reporters: Sequence[Any], no_progress: bool,
             generated: str | None = None, baseline: Any = None, *, jobs: int = 0,
             cache: Any = None) -> dict[str, Any]:
    from provenance.parallel import run_audit_parallel
    from provenance.report import ReportBuilder, header

    builder = ReportBuilder(reporters, fail_on=run.fail_on, baseline=baseline or {})
    builder.start(header(_display_root(run.root), generated))
    with _progress(len(run.found), no_progress) as tick:
        return run_audit_parallel(run.found, run.cfg, builder, jobs=jobs, cache=cache,
                                  progress=tick)


def _open_cache(cache_file: str | None, no_cache: bool, run: _Run, paths: Sequence[str],
                now_given: bool) -> Any:
    """The incremental cache, or ``None`` (``--no-cache``, or the default spot is unusable).

    Without ``--now`` the audit time is the current second, so entries audited up to a day
    earlier are reused: a nightly re-audit hits the cache, and only the "date in the
    future" judgement of MET002 can lag by up to a day. With ``--now`` entries must match it.
    """
    from datetime import timedelta

    from provenance.cache import (
        CacheLocationError,
        check_cache_location,
        default_cache_path,
        open_cache,
    )

    if no_cache:
        if cache_file:
            raise click.UsageError("--cache and --no-cache cannot be used together")
        return None
    where = Path(cache_file) if cache_file else default_cache_path()
    try:
        check_cache_location(where, [run.root, *(Path(p) for p in paths)])
    except CacheLocationError as exc:
        if cache_file:
            raise click.BadParameter(str(exc), param_hint="--cache") from None
        return None  # the default folder lies inside the audited tree (auditing ~)
    tolerance = timedelta(0) if now_given else timedelta(days=1)
    return open_cache(where, run.cfg, now_tolerance=tolerance)


def _accepted(baseline: str | None) -> dict[str, Any]:
    """The baseline's accepted findings (none without ``--baseline``)."""
    if not baseline:
        return {}
    from provenance.baseline import BaselineError, load_baseline

    try:
        return load_baseline(Path(baseline))
    except BaselineError as exc:
        raise click.UsageError(str(exc)) from None


@cli.command()
@_audit_options
@click.option("--format", "fmt", type=click.Choice(AUDIT_FORMATS), help="Output format "
              "(default: text on stdout; with -o, inferred from the file name).")
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Write to FILE "
              "(- for stdout).")
@click.option("--report", "reports", multiple=True, metavar="FORMAT=FILE",
              help="Also write FORMAT to FILE (repeatable; - for stdout).")
@click.option("--fail-on", type=click.Choice(FAIL_ON_CHOICES), help="Lowest severity that "
              "makes the exit code 1 (default: the policy's fail_on, else error).")
@click.option("--baseline", type=click.Path(dir_okay=False), help="Baseline of accepted "
              "findings: report only new ones.")
@click.option("--timestamp", is_flag=True, help="Add generated_at to the report.")
@click.option("-j", "--jobs", type=click.IntRange(min=0), default=0,
              help="Worker processes (default 0: all CPUs). Every file is read in a worker, "
              "so a reader that hangs or runs out of memory costs only that file.")
@click.option("--cache", "cache_file", type=click.Path(dir_okay=False),
              help="Incremental cache file (default: $XDG_CACHE_HOME/provenance/"
              "audit.sqlite3).")
@click.option("--no-cache", is_flag=True, help="Neither read nor update the cache.")
def audit(paths: tuple[str, ...], root: str | None, config_file: str | None,
          select: str | None, ignore: str | None, trust_anchors: str | None,
          now_text: str | None, no_progress: bool, changed_since: str | None,
          force_exclude: bool, show_files: bool, fmt: str | None, output: str | None,
          reports: tuple[str, ...], fail_on: str | None, baseline: str | None,
          timestamp: bool, jobs: int, cache_file: str | None, no_cache: bool) -> None:
    """Audit articles and images under PATHs and report what is missing or wrong."""
    from provenance.report import exit_code

    pairs = _outputs(fmt, output, reports)
    run = _prepare_run(paths, root, config_file, select, ignore, trust_anchors, now_text,
                       changed_since, fail_on, baseline,
                       outputs=[file for _, file in pairs if file], force_exclude=force_exclude)
    if show_files:
        _show_files(run)
        sys.exit(0)
    accepted = _accepted(run.baseline)
    generated = datetime.now(UTC).replace(microsecond=0).isoformat() if timestamp \
        else None
    cache = _open_cache(cache_file, no_cache, run, paths, now_text is not None)
    with _open_outputs(pairs, run.root) as reporters, cache or contextlib.nullcontext():
        tail = _execute(run, reporters, no_progress, generated, accepted, jobs=jobs,
                        cache=cache)
    if cache is not None and cache.problem:
        click.echo(f"provenance: cache: {cache.problem}", err=True)
    if all(file is not None for _, file in pairs):  # nothing on stdout: say what happened
        _echo_written(tail["summary"], [file for _, file in pairs if file])
    sys.exit(exit_code(tail))


def _show_files(run: _Run) -> None:
    """``--show-files``: what would be audited, what is skipped and why, and the sites."""
    from provenance.output import safe_text

    for item in run.found:
        click.echo(f"{item.kind:<8} {safe_text(item.rel)}")
    for rel, why in run.walk.skipped:
        click.echo(f"{'skipped':<8} {safe_text(rel)}  ({why})")
    for folder, site in sorted(run.walk.sites.sites.items()):
        roots = ", ".join(r or "." for r in site.web_roots) or "none"
        click.echo(f"{'site':<8} {safe_text(folder or '.')}  {site.kind}: / -> "
                   f"{safe_text(roots)}")
    sys.stdout.flush()
    click.echo(f"{len(run.found)} files to audit, {len(run.walk.skipped)} skipped; root "
               f"{_display_root(run.root)}", err=True)


def _echo_written(summary: dict[str, Any], files: Sequence[str]) -> None:
    from provenance.report import counted, verdict

    counts = summary["findings"]
    click.echo(f"provenance: {counted(summary['articles'], 'article')}, "
               f"{counted(summary['images'], 'image')}: {counted(counts['error'], 'error')}, "
               f"{counted(counts['warning'], 'warning')}, {counts['info']} info"
               f" — {verdict(summary)}; wrote {', '.join(files)}", err=True)


@cli.group()
def baseline() -> None:
    """Accept the findings of a legacy archive so audits report only new ones."""


@baseline.command("create")
@_audit_options
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False),
              help="The baseline file to write.")
def baseline_create(paths: tuple[str, ...], root: str | None, config_file: str | None,
                    select: str | None, ignore: str | None, trust_anchors: str | None,
                    now_text: str | None, no_progress: bool, changed_since: str | None,
                    force_exclude: bool, show_files: bool, output: str) -> None:
    """Audit PATHs and store the fingerprints of every finding in FILE."""
    from provenance.baseline import BaselineCollector, write_baseline
    from provenance.output import OutputError
    from provenance.report import EXIT_INTERNAL

    _check_output_file(output, "-o/--output")  # before the audit, not after it
    run = _prepare_run(paths, root, config_file, select, ignore, trust_anchors, now_text,
                       changed_since, outputs=[output], force_exclude=force_exclude)
    if show_files:
        _show_files(run)
        sys.exit(0)
    collector = BaselineCollector()
    tail = _execute(run, [collector], no_progress)
    try:
        write_baseline(Path(output), collector.entries)
    except OutputError as exc:
        raise click.UsageError(str(exc)) from None
    click.echo(f"{len(collector.entries)} findings accepted into {output}", err=True)
    sys.exit(EXIT_INTERNAL if tail["errors"] else 0)


@contextlib.contextmanager
def _progress(total: int, disabled: bool) -> Iterator[Any]:
    """A progress bar on stderr for interactive runs; silent otherwise."""
    if disabled or not sys.stderr.isatty() or total < 2:
        yield None
        return
    with click.progressbar(length=total, label="auditing", file=sys.stderr) as bar:
        yield bar.update


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("--root", type=click.Path(file_okay=False), help="Folder that bounds every read.")
@click.option("--format", "fmt", type=click.Choice(("text", "json")), default="text",
              show_default=True)
@click.option("--fail-on", type=click.Choice(FAIL_ON_CHOICES), help="Lowest severity that "
              "makes the exit code 1 (default: the policy's fail_on, else error).")
@click.option("--trust-anchors", type=click.Path(exists=True, dir_okay=False),
              help="PEM file of C2PA trust anchors.")
@click.option("--config", "config_file", type=click.Path(dir_okay=False),
              help="Policy file (default: discovered as for audit).")
@click.option("--now", "now_text", metavar="ISO", help="Audit time (default: now).")
def inspect(paths: tuple[str, ...], root: str | None, fmt: str, fail_on: str | None,
            trust_anchors: str | None, config_file: str | None, now_text: str | None) -> None:
    """Show what each image's metadata says: AI verdict, C2PA, credit, GPS, findings."""
    import time

    from provenance import SCHEMA_VERSION
    from provenance.parallel import run_isolated
    from provenance.report import ReportBuilder, exit_code, tool_info
    from provenance.reporters.json import dumps
    from provenance.reporters.views import inspect_text

    run = _prepare_run(paths, root, config_file, None, None, trust_anchors, now_text,
                       fail_on=fail_on, named_as="image", referrers=False)
    cfg, found = run.cfg, run.found
    builder = ReportBuilder([], fail_on=run.fail_on)
    entries: list[Any] = []
    started = time.perf_counter()

    def show(_: Any, result: Any) -> None:
        entry, errors = result
        builder.add_errors(errors)
        builder.add_image(entry)
        entries.append(entry)
        if fmt == "text":
            inspect_text(entry, sys.stdout)

    # Read in worker processes as an audit reads: a hostile image is IMG002, never a hang.
    run_isolated("image", [f for f in found if f.kind == "image"], cfg, show)
    elapsed = time.perf_counter() - started
    if fmt == "json":
        doc = {"schema_version": SCHEMA_VERSION, "tool": tool_info(), "images": entries}
        sys.stdout.write(dumps(doc) + "\n")
    rate = len(entries) / elapsed if elapsed > 0 else 0.0
    click.echo(f"{len(entries)} images in {elapsed:.2f} s ({rate:.0f} images/s)", err=True)
    tail = builder.finish()
    sys.exit(exit_code(tail))  # 3 when a rule crashed, else by fail-on


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("--root", type=click.Path(file_okay=False), help="Folder that bounds every read.")
@click.option("--format", "fmt", type=click.Choice(("text", "json")), default="text",
              show_default=True)
def extract(paths: tuple[str, ...], root: str | None, fmt: str) -> None:
    """Show each article as read: every block with its zone, and what was detected."""
    from provenance import SCHEMA_VERSION
    from provenance.engine import AuditConfig
    from provenance.output import safe_text
    from provenance.parallel import run_isolated
    from provenance.report import EXIT_INTERNAL, tool_info
    from provenance.reporters.json import dumps
    from provenance.reporters.views import extract_text

    located = _locate(paths, root, None)
    base, found = located.root, located.walk.found
    # No rules run here: the configuration says where the root and the sites are.
    from provenance.config import placement_settings

    cfg = AuditConfig(root=base, rules={}, now=_parse_now(None), site=located.walk.sites,
                      placement=placement_settings(located.policy.data))
    entries: list[Any] = []
    errors: list[Any] = []

    def show(_: Any, outcome: Any) -> None:
        errors.extend(outcome.errors)
        for bad in outcome.unreadable:
            click.echo(f"{safe_text(bad['path'])}: unreadable: {safe_text(bad['message'])}",
                       err=True)
        for entry in outcome.articles:
            if fmt == "text":
                extract_text(entry, sys.stdout)
            else:
                entries.append(entry)

    # Read in worker processes as an audit reads: a FIFO or a reader that hangs costs the
    # per-file timeout and becomes an "unreadable" line, never a hang or a traceback.
    run_isolated("extract", [f for f in found if f.kind == "article"], cfg, show)
    if fmt == "json":
        doc = {"schema_version": SCHEMA_VERSION, "tool": tool_info(), "articles": entries}
        sys.stdout.write(dumps(doc) + "\n")
    for error in errors:
        click.echo(f"internal error in {error['stage']} for {error['path']}: "
                   f"{error['message']}", err=True)
    sys.exit(EXIT_INTERNAL if errors else 0)


@cli.group()
def config() -> None:
    """Show or check the policy file."""


@config.command("show")
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("--config", "config_file", type=click.Path(exists=True, dir_okay=False),
              help="Policy file (default: discovered from the PATHs upwards).")
@click.option("--root", type=click.Path(file_okay=False), help="Folder that bounds every "
              "read (default: the project root).")
def config_show(paths: tuple[str, ...], config_file: str | None, root: str | None) -> None:
    """Print the effective merged policy (JSON), the files it came from, the root and the
    sites detected under PATHs (default: the working directory), with where / maps."""
    import json

    from provenance.config import CliOverrides, ConfigError, effective

    located = _locate(paths, root, config_file)
    try:
        data = effective(located.policy, CliOverrides())
    except ConfigError as exc:
        raise click.UsageError(f"invalid configuration: {exc}") from None
    sites = located.walk.sites
    shown = [site.describe() for _, site in sorted(sites.sites.items())]
    if sites.configured is not None:
        shown.insert(0, sites.configured.describe())
    click.echo(json.dumps({"sources": list(located.policy.sources), "config": data,
                           "root": _display_root(located.root), "sites": shown},
                          indent=2, ensure_ascii=False))


@config.command("validate")
@click.argument("file", type=click.Path(exists=True, dir_okay=False))
def config_validate(file: str) -> None:
    """Check a policy file (and what it extends); exit 2 naming the file and path."""
    from provenance.config import ConfigError, load_policy

    try:
        load_policy(Path(file))
    except ConfigError as exc:
        raise click.UsageError(f"invalid configuration: {exc}") from None
    click.echo(f"{file}: valid")


@cli.command()
def rules() -> None:
    """List every rule: ID, name, default severity and summary."""
    from provenance.validators import RULES

    for rid, rule in RULES.items():
        click.echo(f"{rid}  {rule.NAME:<34} {rule.DEFAULT_SEVERITY.label:<8} {rule.SUMMARY}")


@cli.command()
@click.argument("rule_id")
def explain(rule_id: str) -> None:
    """Print a rule's documentation: why, options, examples, how to fix."""
    from provenance.validators import get_rule

    try:
        rule = get_rule(rule_id)
    except KeyError as exc:
        raise click.BadParameter(str(exc.args[0]), param_hint="RULE_ID") from None
    click.echo((rule.__doc__ or "").strip())
    click.echo(f"\nDefault severity: {rule.DEFAULT_SEVERITY.label}")


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI and return its exit code (2 for usage errors, as click does)."""
    try:
        cli.main(args=list(argv) if argv is not None else None, prog_name="provenance",
                 standalone_mode=False)
    except click.exceptions.Exit as exc:
        return int(exc.exit_code)
    except click.ClickException as exc:
        exc.show()
        return 2
    except click.exceptions.Abort:
        click.echo("Aborted.", err=True)
        return 130
    except SystemExit as exc:
        return int(exc.code or 0) if not isinstance(exc.code, str) else 2
    return 0


def _register_subgroups() -> None:
    from provenance.cli_report import report

    cli.add_command(report)


_register_subgroups()

if __name__ == "__main__":
    sys.exit(main())
