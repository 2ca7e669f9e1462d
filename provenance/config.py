"""The newsroom policy file: discover → load → validate each source → merge → effective config.

Sources, first found wins: ``--config FILE``; else the first ``provenance.toml`` (its
top-level keys, or its ``[tool.provenance]`` table) or ``pyproject.toml`` with a
``[tool.provenance]`` table, searching from the audited files' common folder upwards and stopping at
the git root. Each file is validated against ``schemas/config.schema.json`` on its own,
then its ``extends`` chain (a shipped preset — ``default``, ``strict``, ``eu-ai-act`` — or a
path relative to the file) is merged under it. Command-line flags override the result.

Merging: tables merge key by key (``rules.AID001`` from the file refines the preset's);
``timezones`` merge; ``phrases`` lists and ``extra_sources``/``extra_generators`` add up;
other lists (``select``, ``ignore``, ``overrides``, ``known_sources``) replace.

Every problem is a :class:`ConfigError` naming the file and the JSON path, which the CLI
turns into exit code 2 — a hostile file too: only regular files are read (a FIFO or a
device named as the policy, an ``extends`` parent, ``trust_anchors`` or ``baseline`` is
refused unopened), reads are size-bounded, an ``extends`` chain stops at
:data:`MAX_EXTENDS` files, integers over Python's 4,300 digits and nesting past the
parser's depth are errors, and rule options are typed and range-checked by the schema
(plus "finite": TOML's ``nan`` passes JSON Schema's ``minimum``/``maximum``).
"""

from __future__ import annotations

import copy
import fnmatch
import math
import os
import stat
import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from provenance import package_text
from provenance.findings import Severity

PRESETS = ("default", "strict", "eu-ai-act")
_ADDITIVE_LISTS = ("extra_sources", "extra_generators", "extend_exclude")
MAX_EXTENDS = 32  # files in one extends chain; real chains are two or three long
MAX_POLICY_BYTES = 1_000_000
MAX_ANCHORS_BYTES = 10_000_000


class ConfigError(Exception):
    """A policy problem: ``file: path: message`` (exit 2)."""

    def __init__(self, source: str, path: str, message: str) -> None:
        super().__init__(f"{source}: {path or '(top)'}: {message}")
        self.source, self.path, self.message = source, path, message


@dataclass(frozen=True)
class Policy:
    """The merged policy and the files it came from (most specific last)."""

    data: Mapping[str, Any]
    sources: tuple[str, ...] = ()
    base_dir: Path = field(default_factory=Path.cwd)
    file: Path | None = None  # the policy file, None when only a preset applies

    def get(self, key: str, default: Any = None) -> Any:
        return self.data.get(key, default)


def discover(start: Path) -> Path | None:
    """The policy file that applies in ``start``: nearest first, stopping at a git root."""
    for folder in (start, *start.parents):
        own = folder / "provenance.toml"
        if own.is_file():
            return own
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file() and _has_tool_table(pyproject):
            return pyproject
        if (folder / ".git").exists():
            return None
    return None


def _has_tool_table(pyproject: Path) -> bool:
    try:
        data = tomllib.loads(pyproject.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return False
    return isinstance(data.get("tool"), dict) and "provenance" in data["tool"]


def load_policy(config: Path | None, cwd: Path | None = None) -> Policy:
    """The effective policy: ``config`` if given, else the file discovered from ``cwd``
    (the audited files' common folder; default the working directory), else defaults."""
    start = (cwd or Path.cwd()).resolve()
    path = config if config is not None else discover(start)
    if path is None:
        return Policy(_preset("default", ()), ("preset:default",), start)
    data, sources = _load_chain(path.resolve(), ())
    return Policy(data, sources, path.resolve().parent, path.resolve())


def _load_chain(path: Path, seen: tuple[str, ...]) -> tuple[dict[str, Any], tuple[str, ...]]:
    label = str(path)
    if label in seen:
        raise ConfigError(label, "extends", "circular extends chain: " + " -> ".join(seen))
    if len(seen) >= MAX_EXTENDS:
        raise ConfigError(label, "extends", f"extends chain longer than {MAX_EXTENDS} files "
                          f"(starting at {seen[0]})")
    own = read_file(path)
    parent_name = own.get("extends", "default")
    chain: tuple[str, ...]
    if parent_name in PRESETS:
        base, chain = _preset(parent_name, seen + (label,)), ("preset:" + parent_name,)
    else:
        parent = (path.parent / parent_name).resolve()
        if not parent.is_file():
            raise ConfigError(label, "extends", f"{parent_name!r} is neither a preset "
                              f"({', '.join(PRESETS)}) nor a file")
        base, chain = _load_chain(parent, seen + (label,))
    return merge(base, own), chain + (label,)


def _preset(name: str, seen: tuple[str, ...]) -> dict[str, Any]:
    text = package_text("presets", f"{name}.toml")
    # Shipped presets are validated against the schema by the tests, not on every run:
    # that would import jsonschema (~0.1 s) for each audit that has no policy file.
    data = tomllib.loads(text)
    _check_rule_ids(data, f"preset:{name}")
    parent = data.get("extends")
    return merge(_preset(parent, seen), data) if parent and parent != name else data


def read_file(path: Path) -> dict[str, Any]:
    """One policy file, parsed and validated (``[tool.provenance]`` for pyproject.toml)."""
    label = str(path)
    data = read_regular(path, MAX_POLICY_BYTES, label, "")
    try:
        raw = tomllib.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(label, "", f"not valid TOML: {exc}") from None
    except ValueError:  # tomllib's int() of a literal over Python's 4,300 digit limit
        raise ConfigError(label, "", "not valid TOML: an integer longer than 4,300 "
                          "digits") from None
    except RecursionError:
        raise ConfigError(label, "", "not valid TOML: nested too deeply to read") from None
    table = raw.get("tool", {}).get("provenance") if "tool" in raw else None
    if path.name == "pyproject.toml" or table is not None:
        if not isinstance(table, dict):
            raise ConfigError(label, "tool.provenance", "no [tool.provenance] table")
        raw = table
    return _validated(raw, label)


def read_regular(path: Path, limit: int, label: str, json_path: str) -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes, else :class:`ConfigError`.

    Opened non-blocking and checked with ``fstat`` before any read, so a FIFO never
    blocks and ``/dev/zero`` or ``/dev/urandom`` is never read.
    """
    from provenance.beneath import NotRegular, open_regular

    try:
        fd = open_regular(path)
    except NotRegular:
        raise ConfigError(label, json_path, f"{path} is not a regular file") from None
    except (OSError, ValueError) as exc:
        raise ConfigError(label, json_path, f"cannot read {path}: "
                          f"{getattr(exc, 'strerror', None) or exc}") from None
    try:
        with os.fdopen(fd, "rb", closefd=False) as fh:
            data = fh.read(limit + 1)
    except OSError as exc:
        raise ConfigError(label, json_path, f"cannot read {path}: "
                          f"{exc.strerror or exc}") from None
    finally:
        os.close(fd)
    if len(data) > limit:
        raise ConfigError(label, json_path, f"{path} is larger than the {limit:,} byte limit")
    return data


def normalise_rule_ids(data: dict[str, Any], label: str, prefix: str = "") -> dict[str, Any]:
    """``data`` with rule IDs as the rest of the tool spells them: ``select``/``ignore``
    items and ``rules`` keys may be any case, or a rule's name (``ai-image-undisclosed``),
    as on the command line. An unknown one is a :class:`ConfigError` with "did you mean";
    values that are not strings are left for the schema to name."""
    from provenance.findings import UnknownRule, rule_id, rule_selector

    out = dict(data)
    for key in ("select", "ignore"):
        if isinstance(out.get(key), list):
            out[key] = [_canonical(rule_selector, v, label, f"{prefix}{key}/{i}")
                        for i, v in enumerate(out[key])]
    if isinstance(out.get("rules"), dict):
        rules: dict[str, Any] = {}
        for name, table in out["rules"].items():
            try:
                rid = rule_id(name)
            except UnknownRule as exc:
                raise ConfigError(label, f"{prefix}rules/{name}", str(exc)) from None
            if rid in rules:
                raise ConfigError(label, f"{prefix}rules/{name}",
                                  f"{rid} is configured twice (rule IDs ignore case)")
            rules[rid] = table
        out["rules"] = rules
    if isinstance(out.get("overrides"), list):
        out["overrides"] = [normalise_rule_ids(o, label, f"{prefix}overrides/{i}/")
                            if isinstance(o, dict) else o
                            for i, o in enumerate(out["overrides"])]
    return out


def _canonical(convert: Any, value: Any, label: str, where: str) -> Any:
    from provenance.findings import UnknownRule

    if not isinstance(value, str):
        return value
    try:
        return convert(value)
    except UnknownRule as exc:
        raise ConfigError(label, where, str(exc)) from None


def _validated(data: dict[str, Any], label: str) -> dict[str, Any]:
    from provenance.schema import validator

    data = normalise_rule_ids(data, label)

    try:
        errors = sorted(validator("config.schema.json").iter_errors(data),
                        key=lambda e: list(map(str, e.absolute_path)))
    except RecursionError:
        raise ConfigError(label, "", "nested too deeply to validate") from None
    if errors:
        from jsonschema.exceptions import best_match

        err = best_match(errors)
        raise ConfigError(label, "/".join(map(str, err.absolute_path)), err.message)
    _check_rule_ids(data, label)
    return data


def _check_rule_ids(data: Mapping[str, Any], label: str, prefix: str = "") -> None:
    """Names the schema cannot know: registered rule IDs and each rule's options."""
    from provenance.validators import RULES

    for key in ("select", "ignore"):
        for i, item in enumerate(data.get(key, [])):
            if not any(rid.startswith(item.upper()) for rid in RULES):
                raise ConfigError(label, f"{prefix}{key}/{i}", f"{item!r} matches no rule")
    for rid, settings in data.get("rules", {}).items():
        if rid not in RULES:
            raise ConfigError(label, f"{prefix}rules/{rid}", f"unknown rule {rid!r}")
        known = set(RULES[rid].DEFAULTS)
        for option, value in settings.get("options", {}).items():
            where = f"{prefix}rules/{rid}/options/{option}"
            if option not in known:
                allowed = ", ".join(sorted(known)) or "none"
                raise ConfigError(label, where, f"unknown option for {rid} (options: {allowed})")
            if isinstance(value, float) and not math.isfinite(value):
                raise ConfigError(label, where, f"{value!r} is not a finite number")
    for i, override in enumerate(data.get("overrides", [])):
        _check_rule_ids(override, label, f"{prefix}overrides/{i}/")


def merge(base: Mapping[str, Any], over: Mapping[str, Any]) -> dict[str, Any]:
    """``over`` on top of ``base`` (see the module docstring for the rules)."""
    out = copy.deepcopy(dict(base))
    for key, value in over.items():
        if key == "extends":
            continue
        if key in _ADDITIVE_LISTS:
            out[key] = list(dict.fromkeys([*out.get(key, []), *value]))
        elif key == "phrases":
            phrases = dict(out.get(key, {}))
            for kind, items in value.items():
                phrases[kind] = list(dict.fromkeys([*phrases.get(kind, []), *items]))
            out[key] = phrases
        elif key in ("rules", "timezones", "site", "fix"):
            merged = dict(out.get(key, {}))
            for name, item in value.items():
                merged[name] = {**merged.get(name, {}), **item} if isinstance(item, dict) \
                    else item
            out[key] = merged
        else:
            out[key] = copy.deepcopy(value)
    return out


def glob_match(path: str, patterns: Sequence[str]) -> bool:
    """fnmatch globs against a root-relative POSIX path (``*`` crosses folders)."""
    return any(fnmatch.fnmatchcase(path, p) or fnmatch.fnmatchcase(path, p.rstrip("/") + "/*")
               for p in patterns)


def severity_of(value: str | None, default: Severity) -> Severity:
    return Severity.parse(value) if value else default


@dataclass(frozen=True)
class CliOverrides:
    """Command-line flags that override the policy (``None``: not given)."""

    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] | None = None
    fail_on: str | None = None
    trust_anchors: Path | None = None
    baseline: Path | None = None


def _rule_settings(data: Mapping[str, Any]) -> dict[str, Any]:
    """Every registered rule's RuleSetting under ``data``'s select/ignore/rules."""
    from provenance.engine import RuleSetting
    from provenance.validators import RULES

    select = [s.upper() for s in data.get("select", [])]
    ignore = [s.upper() for s in data.get("ignore", [])]
    sources = {k: data[k] for k in ("known_sources", "extra_sources") if k in data}
    settings = {}
    for rid, rule in RULES.items():
        table = data.get("rules", {}).get(rid, {})
        on = (not select or any(rid.startswith(s) for s in select)) and \
            not any(rid.startswith(i) for i in ignore) and table.get("enabled", True)
        options = {**rule.DEFAULTS, **(sources if rid == "ATR003" else {}),
                   **table.get("options", {})}
        settings[rid] = RuleSetting(on, severity_of(table.get("severity"),
                                                    rule.DEFAULT_SEVERITY),
                                    options, tuple(table.get("paths", ())),
                                    tuple(table.get("exclude", ())))
    return settings


def effective(policy: Policy, cli: CliOverrides) -> dict[str, Any]:
    """The merged policy with the command-line flags applied (what ``config show`` prints)."""
    data = dict(policy.data)
    if cli.select is not None:
        data["select"] = list(cli.select)
    if cli.ignore is not None:
        data["ignore"] = list(cli.ignore)
    if cli.fail_on is not None:
        data["fail_on"] = cli.fail_on
    data.setdefault("fail_on", "error")
    for key, flag in (("trust_anchors", cli.trust_anchors), ("baseline", cli.baseline)):
        if flag is not None:
            data[key] = str(flag.resolve())
        elif key in data:
            data[key] = str((policy.base_dir / data[key]).resolve())
    data.pop("extends", None)
    return data


def build_audit_config(policy: Policy, cli: CliOverrides, root: Path, now: Any,
                       site_map: Any = None) -> Any:
    """The :class:`~provenance.engine.AuditConfig` a run uses; ``ConfigError`` on problems."""
    from provenance.articles.detect.settings import (
        DEFAULT_KNOWN_SOURCES,
        DEFAULT_TZ_TABLE,
        DetectSettings,
    )
    from provenance.engine import AuditConfig, Override

    data = effective(policy, cli)
    _check_baseline(data.get("baseline"), policy, cli)
    overrides = tuple(
        Override(tuple(o["paths"]), _rule_settings(merge(
            {k: v for k, v in data.items() if k != "overrides"},
            {k: v for k, v in o.items() if k != "paths"})))
        for o in data.get("overrides", []))
    known = tuple(data.get("known_sources", DEFAULT_KNOWN_SOURCES)) + \
        tuple(data.get("extra_sources", ()))
    detect = DetectSettings(
        tz_table={**DEFAULT_TZ_TABLE, **data.get("timezones", {})}, known_sources=known,
        extra_disclosure_phrases=tuple(data.get("phrases", {}).get("disclosure", ())),
        extra_attribution_phrases=tuple(data.get("phrases", {}).get("attribution", ())))
    return AuditConfig(root=root, rules=_rule_settings(data), now=now,
                       trust_anchors=_anchors(data.get("trust_anchors"),
                                              _label(policy, cli.trust_anchors,
                                                     "--trust-anchors")),
                       extra_generators=tuple(data.get("extra_generators", ())),
                       detect=detect, overrides=overrides,
                       policy_dir=policy.base_dir, site=site_map,
                       placement=placement_settings(data))


def placement_settings(data: Mapping[str, Any]) -> Any:
    """The readers' :class:`~provenance.articles.PlacementSettings` from ``[site]``: the
    policy's image fields and shortcodes are added to the built-in ones."""
    from provenance.articles import DEFAULT_PLACEMENT, PlacementSettings

    site = data.get("site", {})
    return PlacementSettings(
        image_fields=tuple(dict.fromkeys([*DEFAULT_PLACEMENT.image_fields,
                                          *site.get("image_fields", ())])),
        shortcodes=tuple(dict.fromkeys([*DEFAULT_PLACEMENT.shortcodes,
                                        *site.get("shortcodes", ())])))


def selection_for(policy: Policy, root: Path, outputs: Sequence[Path] = (),
                  force_exclude: bool = False) -> Any:
    """The walk's :class:`~provenance.walk.Selection` under this policy."""
    from provenance.site import configured_site
    from provenance.walk import Selection

    configured = configured_site(policy.get("site", {}), policy.base_dir, root)
    return Selection.from_policy(policy.data, policy.base_dir, outputs=tuple(outputs),
                                 force_exclude=force_exclude, configured_site=configured)


def _label(policy: Policy, flag: Path | None, option: str) -> str:
    """Who named a file: the command-line option, else the policy file."""
    return option if flag is not None else str(policy.file or "preset")


def _anchors(path: str | None, label: str) -> str | None:
    if path is None:
        return None
    data = read_regular(Path(path), MAX_ANCHORS_BYTES, label, "trust_anchors")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ConfigError(label, "trust_anchors", f"cannot read the PEM file {path}: "
                          f"{exc}") from None


def _check_baseline(path: str | None, policy: Policy, cli: CliOverrides) -> None:
    """A ``baseline`` that exists must be a regular file: a FIFO would block its reader,
    ``/dev/zero`` would be read until memory runs out. (A missing one is the baseline
    reader's message.)"""
    if path is None:
        return
    try:
        mode = os.stat(path).st_mode
    except (OSError, ValueError):
        return
    if not stat.S_ISREG(mode):
        raise ConfigError(_label(policy, cli.baseline, "--baseline"), "baseline",
                          f"{path} is not a regular file")


def unmatched_rule_paths(cfg: Any, rels: Sequence[str]) -> list[tuple[str, str]]:
    """(rule ID, glob) for each ``rules.ID.paths`` glob that matches none of ``rels``
    (root-relative paths): most likely a typo or a folder since renamed."""
    unmatched = []
    for rid, setting in cfg.rules.items():
        for pattern in setting.paths:
            if not any(glob_match(rel, (pattern,)) for rel in rels):
                unmatched.append((rid, pattern))
    return unmatched


def rule_table(policy: Policy, cli: CliOverrides) -> dict[str, dict[str, Any]]:
    """What ``config show`` prints per rule: whether it runs, its effective severity and
    options (the rule's defaults under the policy's), and where it applies."""
    from provenance.articles.detect.settings import DEFAULT_KNOWN_SOURCES

    data = effective(policy, cli)
    shown: dict[str, dict[str, Any]] = {}
    for rid, setting in _rule_settings(data).items():
        options = dict(setting.options)
        if "known_sources" in options and options["known_sources"] is None:
            options["known_sources"] = list(DEFAULT_KNOWN_SOURCES)  # what None stands for
        row: dict[str, Any] = {"enabled": setting.enabled,
                               "severity": setting.severity.label, "options": options}
        if setting.paths:
            row["paths"] = list(setting.paths)
        if setting.exclude:
            row["exclude"] = list(setting.exclude)
        shown[rid] = row
    return shown
