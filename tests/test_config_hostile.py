"""Hostile policy files (red-team R11): each is exit 2 naming the file and the JSON path.

Never a traceback, a hang or an unbounded read: integers over 4,300 digits, nesting past
the parser's depth, a 1,500-file ``extends`` chain, ``trust_anchors``/``baseline`` naming a
FIFO or a device, and rule options of the wrong type or absurd size.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from provenance.cli import main
from provenance.config import MAX_EXTENDS, ConfigError, load_policy

LEAD = "SEOUL (Reuters) - The harbour reopened on Monday."


def _policy(tmp_path: Path, text: str, name: str = "provenance.toml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _error(path: Path) -> ConfigError:
    with pytest.raises(ConfigError) as caught:
        load_policy(path)
    return caught.value


def test_integer_over_4300_digits(tmp_path: Path) -> None:
    err = _error(_policy(tmp_path, f"fail_on = {'9' * 5000}\n"))
    assert (err.source, err.path) == (str(tmp_path / "provenance.toml"), "")
    assert "4,300 digits" in err.message


def test_array_nested_3000_deep(tmp_path: Path) -> None:
    err = _error(_policy(tmp_path, f"extra_sources = {'[' * 3000}{']' * 3000}\n"))
    assert "nested too deeply" in err.message


def test_extends_chain_is_limited(tmp_path: Path) -> None:
    for i in range(1, 1501):
        _policy(tmp_path, f'extends = "p{i + 1}.toml"\n', f"p{i}.toml")
    _policy(tmp_path, 'fail_on = "error"\n', "p1501.toml")
    err = _error(tmp_path / "p1.toml")
    assert err.path == "extends"
    assert err.source == str(tmp_path / f"p{MAX_EXTENDS + 1}.toml")
    assert f"longer than {MAX_EXTENDS} files" in err.message


def test_a_short_extends_chain_still_works(tmp_path: Path) -> None:
    _policy(tmp_path, 'extends = "base.toml"\n')
    _policy(tmp_path, 'extends = "strict"\nfail_on = "warning"\n', "base.toml")
    assert load_policy(tmp_path / "provenance.toml").get("fail_on") == "warning"


def test_extends_naming_a_fifo_is_refused(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "parent.toml")
    err = _error(_policy(tmp_path, 'extends = "parent.toml"\n'))
    assert err.path == "extends"


@pytest.mark.parametrize(("key", "target"), [
    ("trust_anchors", "fifo"), ("trust_anchors", "/dev/zero"),
    ("trust_anchors", "/dev/urandom"), ("baseline", "fifo"), ("baseline", "/dev/zero"),
])
def test_special_files_are_refused_unread(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                          key: str, target: str) -> None:
    if target == "fifo":
        os.mkfifo(tmp_path / "fifo")
    (tmp_path / "a.txt").write_text(f"By Ann\n\n{LEAD}\n", encoding="utf-8")
    policy = _policy(tmp_path, f'{key} = "{target}"\n')
    code = main(["audit", str(tmp_path / "a.txt"), "--config", str(policy), "--no-cache",
                 "--no-progress", "--format", "json"])
    err = capsys.readouterr().err
    assert code == 2
    assert f"{policy}: {key}: " in err and "is not a regular file" in err
    assert "Traceback" not in err


@pytest.mark.parametrize(("rule", "option", "value", "message"), [
    ("IMG008", "grace_hours", '"abc"', "'abc' is not of type 'number'"),
    ("IMG008", "grace_hours", "nan", "nan is not a finite number"),
    ("IMG008", "grace_hours", "1e308", "is greater than the maximum"),
    ("IMG008", "grace_hours", "-1", "is less than the minimum of 0"),
    ("IMG008", "max_capture_age_days", "1e300", "is greater than the maximum"),
    ("IMG008", "max_capture_age_days", "true", "is not of type 'number'"),
    ("MET002", "tolerance_minutes", "1e300", "is greater than the maximum"),
    ("MET002", "tolerance_minutes", "-inf", "is less than the minimum of 0"),
    ("ATR003", "extra_sources", '"Reuters"', "is not of type 'array'"),
])
def test_rule_options_are_typed_and_bounded(tmp_path: Path, rule: str, option: str,
                                            value: str, message: str) -> None:
    err = _error(_policy(tmp_path, f"[rules.{rule}.options]\n{option} = {value}\n"))
    assert err.path == f"rules/{rule}/options/{option}"
    assert message in err.message


def test_options_in_overrides_are_checked_too(tmp_path: Path) -> None:
    err = _error(_policy(tmp_path, '[[overrides]]\npaths = ["x/*"]\n'
                                   "[overrides.rules.IMG008.options]\ngrace_hours = inf\n"))
    assert err.path == "overrides/0/rules/IMG008/options/grace_hours"


def test_sane_options_are_accepted(tmp_path: Path) -> None:
    policy = load_policy(_policy(tmp_path, "[rules.IMG008.options]\ngrace_hours = 48\n"
                                           "max_capture_age_days = 3650\n"
                                           "[rules.MET002.options]\ntolerance_minutes = 5\n"))
    assert policy.get("rules")["IMG008"]["options"]["grace_hours"] == 48


def test_cli_exit_code_for_a_bad_option(tmp_path: Path,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "a.txt").write_text(f"By Ann\n\n{LEAD}\n", encoding="utf-8")
    policy = _policy(tmp_path, '[rules.IMG008.options]\ngrace_hours = "abc"\n')
    code = main(["audit", str(tmp_path / "a.txt"), "--config", str(policy), "--no-cache",
                 "--no-progress", "--format", "json"])
    assert code == 2
    assert "rules/IMG008/options/grace_hours" in capsys.readouterr().err
