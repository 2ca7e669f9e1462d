"""``provenance fix``: repair findings in place, in the manner of ``ruff --fix``.

Same files, root, policy, rule selection and exit codes as ``audit``: the audit runs first,
then each fixable finding becomes a change to its file (see :mod:`provenance.fixes`).
Safe fixes apply by default, unsafe ones with ``--unsafe-fixes``. ``--diff`` writes
nothing and shows each change (a unified diff for articles, a before/after metadata table
for images; unsafe fixes too, labelled, for review); ``--check`` writes nothing and lists
the files that ``fix`` would change. Both exit 1
when there is something to fix. A plain ``fix`` exits as ``audit`` would on what remains:
3 for an internal error, 1 for remaining findings at or above ``--fail-on``, else 0.
"""

from __future__ import annotations

import difflib
import hashlib
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import click

from provenance.findings import FAIL_ON_CHOICES, Severity, fail_threshold


@click.command("fix")
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("--root", type=click.Path(file_okay=False), help="Folder that bounds every "
              "read and write (default: the project root, as for audit).")
@click.option("--config", "config_file", type=click.Path(dir_okay=False),
              help="Policy file (default: discovered as for audit).")
@click.option("--select", help="Only fix these rule IDs or prefixes (comma-separated).")
@click.option("--ignore", help="Do not fix these rule IDs or prefixes (comma-separated).")
@click.option("--unsafe-fixes", is_flag=True, help="Also apply fixes that edit the article "
              "text (AID001 disclosure, ATR001 attribution).")
@click.option("--diff", "show_diff", is_flag=True, help="Write nothing; show each change "
              "(exit 1 when there is something to fix).")
@click.option("--check", is_flag=True, help="Write nothing; list the files that would "
              "change (exit 1 when there is something to fix).")
@click.option("--backup", metavar="SUFFIX", help="Keep each original as FILE+SUFFIX.")
@click.option("--sign", nargs=2, type=click.Path(exists=True, dir_okay=False),
              metavar="CERT KEY", help="Re-sign C2PA-signed images after editing them, with "
              "this PEM certificate chain and private key (otherwise they are refused).")
@click.option("--trust-anchors", type=click.Path(dir_okay=False),
              help="PEM file of C2PA trust anchors (nothing is ever downloaded).")
@click.option("--fail-on", type=click.Choice(FAIL_ON_CHOICES), help="Lowest severity of a "
              "remaining finding that makes the exit code 1.")
@click.option("--now", "now_text", metavar="ISO", help="Audit time (default: now).")
@click.option("--force-exclude", is_flag=True, help="Apply the policy's excludes to files "
              "named as PATHs too.")
@click.option("-j", "--jobs", type=click.IntRange(min=0), default=0,
              help="Worker processes for the audit (default 0: all CPUs).")
def fix(paths: tuple[str, ...], root: str | None, config_file: str | None,
        select: str | None, ignore: str | None, unsafe_fixes: bool, show_diff: bool,
        check: bool, backup: str | None, sign: tuple[str, str] | None,
        trust_anchors: str | None, fail_on: str | None, now_text: str | None,
        force_exclude: bool, jobs: int) -> None:
    """Fix what can be fixed in the articles and images under PATHs."""
    from provenance.cli import _prepare_run
    from provenance.fixes.plan import Planner, apply

    if backup is not None and (not backup or "/" in backup or backup in (".", "..")):
        raise click.BadParameter("a suffix such as .orig, without '/'", param_hint="--backup")
    run = _prepare_run(paths, root, config_file, select, ignore, trust_anchors, now_text,
                       fail_on=fail_on, force_exclude=force_exclude, referrers=True)
    # --diff shows unsafe fixes too (labelled), so that they can be reviewed before
    # --unsafe-fixes applies them; --check and a plain fix count only what would apply.
    planner = Planner(run.root, _fix_settings(paths, config_file), unsafe_fixes or show_diff,
                      _credential(sign), run.cfg.placement)
    _audit_into(run, planner, jobs)
    outcome = planner.changes()
    dry = show_diff or check
    written = outcome.changes if dry else apply(run.root, outcome, backup)
    for change in written:
        _show(change, show_diff, check, unsafe_fixes)
    _report(outcome, written, dry)
    sys.exit(_exit_code(outcome, written, dry, run.fail_on))


def _fix_settings(paths: Sequence[str], config_file: str | None) -> Any:
    """The policy's ``[fix]`` table, found as the audit finds its policy (already
    validated by the time this runs)."""
    from provenance.config import ConfigError, load_policy
    from provenance.fixes.plan import FixSettings
    from provenance.paths import common_root

    given = [Path(p) for p in paths] or [Path(".")]
    try:
        policy = load_policy(Path(config_file) if config_file else None, common_root(given))
    except ConfigError as exc:
        raise click.UsageError(f"invalid configuration: {exc}") from None
    return FixSettings.from_policy(policy.data)


def _credential(sign: tuple[str, str] | None) -> Any:
    if sign is None:
        return None
    from provenance.fixes.sign import Credential

    cert, key = sign
    try:
        return Credential(Path(cert).read_bytes(), Path(key).read_bytes())
    except OSError as exc:
        raise click.BadParameter(str(exc), param_hint="--sign") from None


def _audit_into(run: Any, planner: Any, jobs: int) -> None:
    """The audit, run as ``provenance audit`` runs it (worker processes, per-file time and
    memory limits, no cache: a fix must see the files as they are), into the planner."""
    from provenance.parallel import run_audit_parallel
    from provenance.report import ReportBuilder, header

    builder = ReportBuilder([planner], fail_on=run.fail_on)
    builder.start(header(run.root.as_posix(), None))
    run_audit_parallel(run.found, run.cfg, builder, jobs=jobs, cache=None)


def _rules(change: Any) -> str:
    return ", ".join(dict.fromkeys(k.rule for k in change.keys))


def _show(change: Any, show_diff: bool, check: bool, unsafe_fixes: bool) -> None:
    from provenance.fixes import UNSAFE, fix_kind
    from provenance.output import safe_text

    if show_diff:
        unsafe = [k.rule for k in change.keys if fix_kind(k.rule) == UNSAFE]
        if unsafe and not unsafe_fixes:
            click.echo(f"# unsafe fix ({', '.join(dict.fromkeys(unsafe))}): applied only with "
                       "--unsafe-fixes")
        lines = _text_diff(change) if change.kind == "text" else _image_table(change)
        for line in lines:
            click.echo(line)
    elif check:
        click.echo(f"would fix {safe_text(change.rel)}: {_rules(change)}")
    else:
        click.echo(f"fixed {safe_text(change.rel)}: {_rules(change)}")


def _text_diff(change: Any) -> list[str]:
    from provenance.fixes.text import decode
    from provenance.output import safe_text

    before = decode(change.snapshot.data).splitlines()
    after = decode(change.after).splitlines()
    rel = safe_text(change.rel)
    return [safe_text(line, keep="\t") for line in difflib.unified_diff(
        before, after, f"a/{rel}", f"b/{rel}", lineterm="")]


def _image_table(change: Any) -> list[str]:
    """Before/after of the metadata the fixes touch, and proof the pixels are kept."""
    from provenance.fixes.image import describe
    from provenance.fixes.rewrite import image_data
    from provenance.output import safe_text

    rel = safe_text(change.rel)
    old, new = describe(change.snapshot.data), describe(change.after)
    rows = [(name, old.get(name, "-"), new.get(name, "-")) for name in old
            if old.get(name) != new.get(name)]
    pixels = image_data(change.snapshot.data, change.fmt)
    same = pixels == image_data(change.after, change.fmt)
    digest = hashlib.sha256(pixels).hexdigest()[:16]
    rows.append(("image data", f"{len(pixels)} bytes sha256:{digest}",
                 "unchanged" if same else "CHANGED"))
    width = max(len(r[0]) for r in rows)
    out = [f"--- a/{rel}", f"+++ b/{rel}", f"@@ {change.fmt} metadata ({_rules(change)}) @@"]
    for name, before, after in rows:
        out.append(f"  {name:<{width}}  {safe_text(before)}  ->  {safe_text(after)}")
    return out


def _report(outcome: Any, written: Sequence[Any], dry: bool) -> None:
    from provenance.output import safe_text

    for skip in outcome.skipped:
        click.echo(f"{safe_text(skip.path)}: {skip.rule} not fixed: {safe_text(skip.message)}",
                   err=True)
    for error in outcome.errors:
        click.echo(f"internal error in {error['stage']} for {safe_text(error['path'])}: "
                   f"{safe_text(error['message'])}", err=True)
    fixed = sum(len(c.keys) for c in written)
    verb = "would fix" if dry else "fixed"
    extra = f" ({outcome.unsafe_hidden} more fixable with --unsafe-fixes)" \
        if outcome.unsafe_hidden else ""
    click.echo(f"provenance: {verb} {fixed} finding{'s' * (fixed != 1)} in {len(written)} "
               f"file{'s' * (len(written) != 1)}; {len(outcome.remaining)} remaining{extra}",
               err=True)


def _exit_code(outcome: Any, written: Sequence[Any], dry: bool, fail_on: str) -> int:
    from provenance.report import EXIT_INTERNAL

    if outcome.errors:
        return EXIT_INTERNAL
    if dry:
        return 1 if written else 0
    threshold = fail_threshold(fail_on)
    if threshold is None:
        return 0
    worst = [Severity.parse(f.get("severity", "info")) for _, f in outcome.remaining]
    return 1 if any(s >= threshold for s in worst) else 0
