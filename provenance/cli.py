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
from typing import Any, TextIO, cast

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
    """IDs, ID prefixes (``IMG``, ``aid00``) or rule names from a comma-separated list,
    case-insensitive, as upper-case IDs or prefixes; an unknown one gets "did you mean"."""
    from provenance.findings import UnknownRule, rule_selector

    if not spec:
        return []
    try:
        return list(dict.fromkeys(rule_selector(s) for s in spec.split(",") if s.strip()))
    except UnknownRule as exc:
        raise click.BadParameter(str(exc), param_hint=option) from None


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

    paths, root, staged = _staged(paths, root)
    given = [Path(p) for p in paths] or [Path(".")]
    for p in given:
        if not p.exists():
            raise click.BadParameter(f"path does not exist: {p}", param_hint="PATH")
    if root and not Path(root).is_dir():
        raise click.BadParameter(f"{root} is not a folder", param_hint="--root")
    try:
        # A storage prefix's policy is the working directory's (or --config), not /tmp's.
        policy = load_policy(Path(config_file) if config_file else None,
                             Path.cwd() if staged else common_root(given))
    except ConfigError as exc:
        raise click.UsageError(f"invalid configuration: {exc}") from None
    base = Path(root).resolve() if root else project_root(given, policy.file)
    selection = selection_for(policy, base, [Path(o) for o in outputs], force_exclude)
    try:
        walked = walk(given, base, named_as=named_as, selection=selection)
    except UsageError as exc:
        raise click.UsageError(str(exc)) from None
    if named_as is None:
        _check_named_files(given, base, walked)
    return _Located(base, policy, walked)


def _staged(paths: Sequence[str], root: str | None) -> tuple[Sequence[str], str | None, bool]:
    """An ``s3://bucket/prefix/`` PATH (:mod:`provenance.storage`): the prefix is copied to
    a private folder, which becomes the PATH and the root."""
    from provenance.storage import StorageError, is_remote, stage

    remote = [p for p in paths if is_remote(p)]
    if not remote:
        return paths, root, False
    if len(paths) != 1 or root is not None:
        raise click.UsageError("a storage PATH (s3://bucket/prefix/) must be the only PATH, "
                               "and is the root itself (no --root)")
    try:
        staged = stage(remote[0])
    except StorageError as exc:
        raise click.UsageError(str(exc)) from None
    return [str(staged.folder)], str(staged.folder), True


def _check_named_files(given: Sequence[Path], base: Path, walked: Any) -> None:
    """A file named on the command line that the walk took neither as an article nor as
    an image is exit 2 saying so, not "0 articles — passed"."""
    from provenance.articles import ARTICLE_EXTENSIONS
    from provenance.images.model import IMAGE_EXTENSIONS
    from provenance.paths import kind_of, relative

    unknown = [p for p in given if p.is_file() and kind_of(p) is None]
    if not unknown:
        return
    taken = {f.rel.partition("#")[0] for f in walked.found} | {r for r, _ in walked.skipped}
    for p in unknown:
        if relative(p.resolve(), base) not in taken:
            raise click.UsageError(
                f"{p}: not an article or an image file (articles: "
                f"{' '.join(sorted(ARTICLE_EXTENSIONS))}; images: "
                f"{' '.join(sorted(IMAGE_EXTENSIONS))})")


def _display_root(root: Path) -> str:
    """The root as a relative POSIX path, so reports never carry absolute paths (a storage
    prefix's root is its URL)."""
    from provenance.storage import display_root

    return display_root(root) or Path(os.path.relpath(root, Path.cwd())).as_posix()


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


@dataclass(frozen=True)
class _TextOptions:
    """How the text format looks: ``--output-format``, ``--statistics``, ``--quiet`` and
    whether stdout is coloured (``--color``, ``FORCE_COLOR``, ``NO_COLOR``)."""

    concise: bool = False
    statistics: bool = False
    quiet: bool = False
    color: bool = False


def _text_options(pairs: Sequence[tuple[str, str | None]], style: str, statistics: bool,
                  quiet: bool, color: str) -> _TextOptions:
    """The text options; exit 2 when they are asked of a run that writes no text."""
    if (style == "concise" or statistics) and all(fmt != "text" for fmt, _ in pairs):
        flag = "--output-format concise" if style == "concise" else "--statistics"
        raise click.UsageError(f"{flag} shapes the text format; this run writes "
                               f"{', '.join(fmt for fmt, _ in pairs)}")
    return _TextOptions(style == "concise", statistics, quiet, _use_color(color))


def _use_color(choice: str) -> bool:
    """``--color``; with ``auto``, ``NO_COLOR`` (any value) turns colour off,
    ``FORCE_COLOR`` (any value but ``0``) turns it on, else only on a terminal
    (https://no-color.org, https://force-color.org)."""
    if choice != "auto":
        return choice == "always"
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR", "0") not in ("", "0"):
        return True
    return sys.stdout.isatty()


@contextlib.contextmanager
def _open_outputs(pairs: Sequence[tuple[str, str | None]], root: Path | None = None,
                  text: _TextOptions | None = None) -> Iterator[list[Any]]:
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
                if file is None:
                    stack.callback(stream.flush)  # a last partial line, held during progress
                if fmt == "text":
                    reporters.append(_text_reporter(stream, file is None, text))
                else:
                    reporters.append(make_reporter(fmt, stream, root=root))
            yield reporters
    except OutputError as exc:
        raise click.UsageError(str(exc)) from None
    except _Terminated as exc:
        import signal

        name = signal.Signals(exc.signum).name
        click.echo(f"provenance: stopped by {name}; no report written", err=True)
        raise


def _text_reporter(stream: TextIO, on_stdout: bool, text: _TextOptions | None) -> Any:
    """The text reporter with the run's text options (colour only on stdout)."""
    from provenance.reporters.text import TextReporter

    text = text or _TextOptions(color=on_stdout and _use_color("auto"))
    return TextReporter(stream, color=on_stdout and text.color, concise=text.concise,
                        statistics=text.statistics, quiet=text.quiet)


def _stdout() -> TextIO:
    """stdout, told to show what its encoding cannot carry (an ASCII or Latin-1 locale)
    as escapes rather than fail mid-report; written through
    :class:`~provenance.progress.LiveStdout`, so that whatever a report prints while the
    progress display runs appears above it."""
    from provenance.progress import LiveStdout

    with contextlib.suppress(AttributeError, ValueError, OSError):
        sys.stdout.reconfigure(errors="backslashreplace")  # type: ignore[union-attr]
    return cast(TextIO, LiveStdout())


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


class _Commands(click.Group):
    """The command group; the ``report`` and ``fix`` subgroups are imported when named or
    listed (``--help``), not on every run: an audit does not pay for what they import."""

    _lazy = {"fix": "provenance.cli_fix", "report": "provenance.cli_report"}

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *self._lazy})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name in self._lazy and cmd_name not in self.commands:
            import importlib

            self.add_command(getattr(importlib.import_module(self._lazy[cmd_name]), cmd_name))
        return super().get_command(ctx, cmd_name)


@click.group(cls=_Commands, context_settings={"help_option_names": ["-h", "--help"]})
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
        click.option("--no-progress", is_flag=True, help="No progress display (shown only "
                     "when stdout and stderr are a terminal, never in CI)."),
        click.option("--changed-since", metavar="GIT-REF", help="Audit only articles changed "
                     "since the git ref's merge base with HEAD, and those whose images "
                     "changed."),
        click.option("--force-exclude", is_flag=True, help="Apply the policy's excludes, "
                     ".gitignore and site-generator folders to files named as PATHs too "
                     "(the pre-commit hook names every staged file)."),
        click.option("--engine", type=click.Choice(("local", "dask")), default=None,
                     expose_value=False, callback=_remember_engine, is_eager=False,
                     help="Where files are audited: this machine's worker pool (local, the "
                     "default) or a Dask cluster (dask; needs provenance[dask])."),
        click.option("--scheduler", metavar="ADDRESS", expose_value=False,
                     callback=_remember_engine, help="Dask scheduler to use "
                     "(tcp://HOST:8786; implies --engine dask). Default with --engine "
                     "dask: a LocalCluster of --jobs workers."),
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
    found, cfg = _expand_archives(found, cfg)
    return _Run(base, found, cfg, data["fail_on"], data.get("baseline"), located.walk)


def _expand_archives(found: list[Any], cfg: Any) -> tuple[list[Any], Any]:
    """Web archives among the files become their records (:mod:`provenance.archives`)."""
    if not any(f.kind == "archive" for f in found):
        return found, cfg
    import dataclasses

    from provenance.archives import expand

    records, index = expand(found, cfg.root, cfg.site)
    return records, dataclasses.replace(cfg, archives=index)


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


@dataclass(frozen=True)
class _Stdin:
    """``audit -``: the article's bytes, its name, and what to locate the policy from."""

    name: Path
    data: bytes
    locate: tuple[str, ...]


def _stdin_request(paths: Sequence[str], stdin_filename: str | None) -> _Stdin | None:
    """The stdin article asked for with PATH ``-``, or ``None``; exit 2 for a request
    that cannot work (no name, a name that is no article, ``-`` among other PATHs)."""
    from provenance.articles import ARTICLE_EXTENSIONS, format_for_path

    if "-" not in paths:
        if stdin_filename is not None:
            raise click.BadParameter("only with PATH '-' (read an article from stdin)",
                                     param_hint="--stdin-filename")
        return None
    if len(paths) > 1:
        raise click.UsageError("PATH '-' (one article from stdin) cannot be combined with "
                               "other PATHs")
    if not stdin_filename:
        raise click.UsageError("reading an article from stdin (PATH '-') needs "
                               "--stdin-filename NAME: its extension decides the format")
    name = Path(stdin_filename)
    if format_for_path(name) is None:
        raise click.BadParameter(f"{stdin_filename!r} is not an article name (use one of "
                                 f"{' '.join(ARTICLE_EXTENSIONS)})",
                                 param_hint="--stdin-filename")
    folder = name.parent
    if not folder.is_dir():
        raise click.BadParameter(f"{stdin_filename!r}: its folder does not exist",
                                 param_hint="--stdin-filename")
    data = sys.stdin.buffer.read() if sys.stdin is not None else b""
    return _Stdin(name, data, (str(name),) if name.is_file() else (str(folder),))


def _stdin_run(run: _Run, stdin: _Stdin) -> _Run:
    """The run with the stdin article as its only file, named as ``--stdin-filename``."""
    import dataclasses

    from provenance.paths import Found, inside, relative

    where = stdin.name.parent.resolve() / stdin.name.name
    if not inside(where, run.root):
        raise click.BadParameter(f"{stdin.name} is outside the root {run.root}",
                                 param_hint="--stdin-filename")
    return dataclasses.replace(run, found=[Found("article", where,
                                                 relative(where, run.root), True)])


def _warn_unmatched_paths(run: _Run) -> None:
    """A rule whose ``paths`` globs match no audited file is most likely a typo: say so on
    stderr (a warning, not an error: the files may come later)."""
    from provenance.config import unmatched_rule_paths

    for rid, pattern in unmatched_rule_paths(run.cfg, [f.rel for f in run.found]):
        click.echo(f"provenance: warning: rules.{rid}.paths {pattern!r} matches none of "
                   "the audited files", err=True)


def _execute(run: _Run, reporters: Sequence[Any], no_progress: bool,
             generated: str | None = None, baseline: Any = None, *, jobs: int = 0,
             cache: Any = None, stdin: _Stdin | None = None) -> dict[str, Any]:
    from provenance.report import ReportBuilder, header

    if stdin is not None:
        from provenance.stdin_audit import audit_stdin

        builder = ReportBuilder(reporters, fail_on=run.fail_on, baseline=baseline or {})
        builder.start(header(_display_root(run.root), generated))
        audit_stdin(stdin.data, run.found[0], run.cfg, builder)
        tail: dict[str, Any] = builder.finish()
        return tail
    with _progress(run.found, no_progress) as display:
        extra = [display] if display is not None else []
        builder = ReportBuilder([*extra, *reporters], fail_on=run.fail_on,
                                baseline=baseline or {})
        builder.start(header(_display_root(run.root), generated))
        return _run_engine(run, builder, jobs, cache,
                           display.tick if display is not None else None)


@dataclass(frozen=True)
class _EngineOptions:
    engine: str = "local"
    scheduler: str | None = None


def _remember_engine(ctx: click.Context, param: click.Parameter, value: Any) -> Any:
    """``--engine``/``--scheduler`` are kept in the context, not passed to each command."""
    ctx.meta[f"provenance.{param.name}"] = value
    return value


def _engine_options() -> _EngineOptions:
    ctx = click.get_current_context(silent=True)
    meta = ctx.meta if ctx is not None else {}
    scheduler = meta.get("provenance.scheduler")
    engine = meta.get("provenance.engine") or ("dask" if scheduler else "local")
    return _EngineOptions(engine, scheduler)


def _run_engine(run: _Run, builder: Any, jobs: int, cache: Any,
                progress: Any) -> dict[str, Any]:
    """Audit the run's files with the chosen engine: the local pool or a Dask cluster."""
    from provenance.parallel import run_audit_parallel

    options = _engine_options()
    archives = getattr(run.cfg, "archives", None)
    if archives is not None:
        builder.add_skipped(archives.skipped)  # records that are neither page nor image
        cache = None  # the cache's file signatures do not cover records inside a file
    if options.engine == "dask":
        from provenance.engine_dask import DaskUnavailable, run_audit_dask
        from provenance.storage import display_root

        if options.scheduler and display_root(run.root):
            raise click.UsageError("a storage PATH is copied to this machine for the run, "
                                   "where a remote cluster's workers cannot read it: use "
                                   "--engine local, or --engine dask without --scheduler")

        try:
            return run_audit_dask(run.found, run.cfg, builder, scheduler=options.scheduler,
                                  workers=jobs, progress=progress)
        except DaskUnavailable as exc:
            raise click.UsageError(str(exc)) from None
    return run_audit_parallel(run.found, run.cfg, builder, jobs=jobs, cache=cache,
                              progress=progress)


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
@click.option("--output-format", "style", type=click.Choice(("full", "concise")),
              default="full", show_default=True, help="Text output: findings grouped by "
              "article, or one 'path:line:col: CODE message' line each.")
@click.option("--statistics", is_flag=True, help="Count findings per rule (text output).")
@click.option("-q", "--quiet", is_flag=True, help="Print findings only: no summary, no "
              "progress, no messages on stderr.")
@click.option("--color", type=click.Choice(("auto", "always", "never")), default="auto",
              show_default=True, help="Colour text on stdout (auto: on a terminal; "
              "FORCE_COLOR and NO_COLOR are honoured).")
@click.option("--stdin-filename", metavar="PATH", help="With PATH '-': the name of the "
              "article read from stdin; its extension decides the format and it is the "
              "path reported (images resolve from its folder).")
def audit(paths: tuple[str, ...], root: str | None, config_file: str | None,
          select: str | None, ignore: str | None, trust_anchors: str | None,
          now_text: str | None, no_progress: bool, changed_since: str | None,
          force_exclude: bool, show_files: bool, fmt: str | None, output: str | None,
          reports: tuple[str, ...], fail_on: str | None, baseline: str | None,
          timestamp: bool, jobs: int, cache_file: str | None, no_cache: bool,
          style: str, statistics: bool, quiet: bool, color: str,
          stdin_filename: str | None) -> None:
    """Audit articles and images under PATHs and report what is missing or wrong.

    PATH '-' reads one article from stdin (name it with --stdin-filename)."""
    from provenance.report import exit_code
    from provenance.reporters.text import ImageFiles

    pairs = _outputs(fmt, output, reports)
    text = _text_options(pairs, style, statistics, quiet, color)
    stdin = _stdin_request(paths, stdin_filename)
    run = _prepare_run(stdin.locate if stdin else paths, root, config_file, select, ignore,
                       trust_anchors, now_text, changed_since, fail_on, baseline,
                       outputs=[file for _, file in pairs if file],
                       force_exclude=force_exclude, referrers=stdin is None)
    if stdin is not None:
        run = _stdin_run(run, stdin)
    if show_files:
        _show_files(run)
        sys.exit(0)
    accepted = _accepted(run.baseline)
    generated = datetime.now(UTC).replace(microsecond=0).isoformat() if timestamp \
        else None
    cache = None if stdin else _open_cache(cache_file, no_cache, run, paths,
                                           now_text is not None)
    files = ImageFiles()
    with _open_outputs(pairs, run.root, text) as reporters, \
            cache or contextlib.nullcontext():
        tail = _execute(run, [*reporters, files], no_progress or quiet, generated, accepted,
                        jobs=jobs, cache=cache, stdin=stdin)
    if cache is not None and cache.problem and not quiet:
        click.echo(f"provenance: cache: {cache.problem}", err=True)
    if not quiet and stdin is None and not changed_since and \
            (not paths or any(Path(p).is_dir() for p in paths)):
        _warn_unmatched_paths(run)  # a walk, not files named one by one (pre-commit)
    if all(file is not None for _, file in pairs) and not quiet:
        _echo_written(tail["summary"], [file for _, file in pairs if file],
                      files.count)  # nothing on stdout: say what happened
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


def _echo_written(summary: dict[str, Any], files: Sequence[str], image_files: int) -> None:
    from provenance.report import counted, verdict
    from provenance.reporters.text import images_text

    counts = summary["findings"]
    click.echo(f"provenance: {counted(summary['articles'], 'article')}, "
               f"{images_text(image_files, summary['images'])}: "
               f"{counted(counts['error'], 'error')}, "
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


def _baseline_revision(command: str, add_new: bool) -> Any:
    """``baseline update`` and ``baseline prune``: the same audit, told whether to add."""

    @baseline.command(command, help=(
        "Audit PATHs; accept the new findings into the baseline and remove entries no "
        "longer found." if add_new else
        "Audit PATHs; remove the baseline entries no longer found (nothing is added)."))
    @_audit_options
    @click.option("--baseline", "baseline_file", type=click.Path(dir_okay=False),
                  help="The baseline file to revise (default: the policy's baseline).")
    def revise_command(paths: tuple[str, ...], root: str | None, config_file: str | None,
                       select: str | None, ignore: str | None, trust_anchors: str | None,
                       now_text: str | None, no_progress: bool, changed_since: str | None,
                       force_exclude: bool, show_files: bool,
                       baseline_file: str | None) -> None:
        from provenance.baseline import BaselineCollector, revise, write_baseline
        from provenance.output import OutputError
        from provenance.report import EXIT_INTERNAL

        run = _prepare_run(paths, root, config_file, select, ignore, trust_anchors,
                           now_text, changed_since, baseline=baseline_file,
                           force_exclude=force_exclude)
        if run.baseline is None:
            raise click.UsageError("name the baseline file with --baseline (or set "
                                   "baseline in the policy file)")
        if show_files:
            _show_files(run)
            sys.exit(0)
        accepted = _accepted(run.baseline)
        collector = BaselineCollector()
        tail = _execute(run, [collector], no_progress)
        if tail["errors"]:  # a crashed rule found nothing: keep the file as it was
            click.echo("provenance: internal errors; the baseline was not changed", err=True)
            sys.exit(EXIT_INTERNAL)
        audited = {f.rel for f in run.found}
        change = revise(accepted, collector.entries,
                        lambda e: e.path in audited and _rule_ran(run, e.rule),
                        add_new=add_new)
        try:
            write_baseline(Path(run.baseline), change.entries)
        except OutputError as exc:
            raise click.UsageError(str(exc)) from None
        click.echo(f"{run.baseline}: {change.added} added, {change.removed} removed, "
                   f"{change.kept} kept", err=True)

    return revise_command


def _rule_ran(run: _Run, rule: str) -> bool:
    setting = run.cfg.rules.get(rule)
    return setting is not None and setting.enabled


baseline_update = _baseline_revision("update", add_new=True)
baseline_prune = _baseline_revision("prune", add_new=False)


@contextlib.contextmanager
def _progress(found: Sequence[Any], disabled: bool) -> Iterator[Any]:
    """A live progress display for a person at a terminal (:mod:`provenance.progress`);
    ``None`` otherwise (redirected, CI, ``--no-progress``, ``--quiet``)."""
    from provenance.progress import AuditProgress, wanted

    if not wanted(disabled, len(found)):
        yield None
        return
    with AuditProgress(found) as display:
        yield display


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
    _refuse_named_images(paths)
    # No rules run here: the configuration says where the root and the sites are.
    from provenance.config import placement_settings

    cfg = AuditConfig(root=base, rules={}, now=_parse_now(None), site=located.walk.sites,
                      placement=placement_settings(located.policy.data))
    found, cfg = _expand_archives(list(found), cfg)  # a web archive's pages, record by record
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
                # Encoded as it arrives, while the workers read on: the document is these
                # texts joined, byte for byte what one dumps() of it all would give.
                entries.append(dumps(entry))

    # Read in worker processes as an audit reads: a FIFO or a reader that hangs costs the
    # per-file timeout and becomes an "unreadable" line, never a hang or a traceback.
    run_isolated("extract", [f for f in found if f.kind == "article"], cfg, show)
    if fmt == "json":
        head = dumps({"schema_version": SCHEMA_VERSION, "tool": tool_info(), "articles": []})
        sys.stdout.write(f"{head[:-2]}{', '.join(entries)}]}}\n")
    for error in errors:
        click.echo(f"internal error in {error['stage']} for {error['path']}: "
                   f"{error['message']}", err=True)
    sys.exit(EXIT_INTERNAL if errors else 0)


def _refuse_named_images(paths: Sequence[str]) -> None:
    """``extract photo.jpg``: exit 2 saying it is an image and what shows its metadata,
    instead of printing nothing."""
    from provenance.paths import kind_of

    images = [p for p in paths if Path(p).is_file() and kind_of(p) == "image"]
    if images:
        named = " ".join(images)
        raise click.UsageError(f"{named}: an image, not an article; `provenance extract` "
                               f"shows articles as read. Run `provenance inspect {named}` "
                               "for its metadata, or `provenance audit` to judge it.")


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
    """Print the effective merged policy (JSON), each rule's effective severity and
    options, the files it came from, the root and the sites detected under PATHs (default:
    the working directory), with where / maps."""
    import json

    from provenance.config import CliOverrides, ConfigError, effective, rule_table

    located = _locate(paths, root, config_file)
    try:
        data = effective(located.policy, CliOverrides())
        rules_shown = rule_table(located.policy, CliOverrides())
    except ConfigError as exc:
        raise click.UsageError(f"invalid configuration: {exc}") from None
    sites = located.walk.sites
    shown = [site.describe() for _, site in sorted(sites.sites.items())]
    if sites.configured is not None:
        shown.insert(0, sites.configured.describe())
    click.echo(json.dumps({"sources": list(located.policy.sources), "config": data,
                           "rules": rules_shown, "root": _display_root(located.root),
                           "sites": shown},
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
@click.argument("rule_id", metavar="RULE")
@click.option("--format", "fmt", type=click.Choice(("text", "markdown")), default="text",
              show_default=True, help="Plain text for a terminal, or Markdown.")
def explain(rule_id: str, fmt: str) -> None:
    """Print a rule's documentation: why, options, examples, how to fix. RULE is its ID
    (any case) or its name (ai-image-undisclosed)."""
    from provenance.findings import UnknownRule
    from provenance.findings import rule_id as find_rule
    from provenance.rule_docs import render
    from provenance.validators import RULES

    try:
        rule = RULES[find_rule(rule_id)]
    except UnknownRule as exc:
        raise click.BadParameter(str(exc), param_hint="RULE") from None
    click.echo(render(rule, fmt), nl=False)


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


if __name__ == "__main__":
    sys.exit(main())
