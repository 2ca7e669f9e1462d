"""The GitHub Action (action.yml): read as GitHub reads it, and its shell steps run here.

The static checks hold what a reviewer of a composite action looks for: no input pasted into
a shell script, every input used is declared and every declared one used, outputs wired to
a step that writes them, the SARIF upload on upload-sarif@v4 and opt-in, Python set up
without touching the caller's. The run checks execute the action's bash steps in order, as
the runner would (``bash --noprofile --norc -eo pipefail``, a fresh ``GITHUB_OUTPUT`` per
step, one ``GITHUB_STEP_SUMMARY``), on articles written here; the ``uses:`` steps are
recorded with their evaluated ``with:`` rather than run, and the install step is replaced
by this checkout's interpreter (installing would need the network).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import yaml

from provenance.cli import main
from tests.conftest import REPO
from tests.reporters.sample import make_site

ACTION = REPO / "action.yml"
EXPR = re.compile(r"\$\{\{\s*(.*?)\s*\}\}")
BASH = shutil.which("bash")
NOW = "2026-03-10T00:00:00Z"


def load(text: str | None = None) -> dict[str, Any]:
    doc: dict[str, Any] = yaml.safe_load(text if text is not None
                                         else ACTION.read_text(encoding="utf-8"))
    return doc


def problems(action: Mapping[str, Any]) -> list[str]:
    """What is wrong with an action definition, in words (empty when nothing is)."""
    found = []
    steps = action["runs"]["steps"]
    declared = set(action.get("inputs", {}))
    text = yaml.safe_dump(action["runs"]) + yaml.safe_dump(action.get("outputs", {}))
    used = set(re.findall(r"\binputs\.([A-Za-z0-9_-]+)", text))
    found += [f"input {n!r} is used but not declared" for n in sorted(used - declared)]
    found += [f"input {n!r} is declared but never used" for n in sorted(declared - used)]
    ids = {s["id"] for s in steps if "id" in s}
    for i, step in enumerate(steps):
        name = step.get("id", step.get("name", f"step {i}"))
        if "run" in step:
            if "${{" in step["run"]:
                found.append(f"{name}: an expression is pasted into the run script")
            if step.get("shell") != "bash":
                found.append(f"{name}: no 'shell: bash'")
            for var in sorted(set(re.findall(r"\$\{?(PROVENANCE_[A-Z_]+)", step["run"]))
                              - set(step.get("env") or {})):
                found.append(f"{name}: ${var} is not set in the step's env")
        for key, value in (step.get("env") or {}).items():
            if "${{" in str(value) and not re.fullmatch(r"\$\{\{[^}]*\}\}", str(value)):
                found.append(f"{name}: env {key} mixes an expression with text")
        if "uses" in step and not re.search(r"@v\d+$", step["uses"]):
            found.append(f"{name}: {step['uses']} is not pinned to a major version")
    uploads = [s for s in steps if "upload-sarif" in s.get("uses", "")]
    if [s["uses"] for s in uploads] != ["github/codeql-action/upload-sarif@v4"]:
        found.append("the SARIF upload is not one github/codeql-action/upload-sarif@v4 step")
    elif "inputs.upload-sarif == 'true'" not in uploads[0].get("if", ""):
        found.append("the SARIF upload does not depend on upload-sarif")
    if str(action.get("inputs", {}).get("upload-sarif", {}).get("default")) != "false":
        found.append("the SARIF upload is not opt-in")
    pythons = [s for s in steps if s.get("uses", "").startswith("actions/setup-python@")]
    if not pythons or pythons[0].get("with", {}).get("update-environment") is not False:
        found.append("setup-python changes the caller's default python")
    for out, spec in (action.get("outputs") or {}).items():
        ref = re.fullmatch(r"\$\{\{ steps\.([\w-]+)\.outputs\.([\w-]+) \}\}", spec["value"])
        if not ref or ref.group(1) not in ids:
            found.append(f"output {out!r} is not a step's output")
    return found


def test_action_definition_holds() -> None:
    assert problems(load()) == []


def test_declares_the_inputs_and_outputs_ci_needs() -> None:
    action = load()
    assert {"paths", "root", "config", "baseline", "fail-on", "changed-since", "sarif-file",
            "upload-sarif", "python-version", "cache"} <= set(action["inputs"])
    assert {"errors", "warnings", "info", "gated", "exit-code", "sarif-file", "json-file",
            "markdown-file"} <= set(action["outputs"])
    steps = action["runs"]["steps"]
    install = next(s for s in steps if s.get("id") == "install")
    assert install["env"]["PROVENANCE_SETUP_PYTHON"] == "${{ steps.python.outputs.python-path }}"
    assert any(s.get("uses", "").startswith("actions/cache@") for s in steps)  # pip cache


def test_the_checks_catch_the_old_action() -> None:
    """0.1.0's action (with one more fault, an unset variable): the checks name each."""
    old = load("""
inputs:
  paths: {default: .}
  upload-sarif: {default: "true"}
runs:
  using: composite
  steps:
    - uses: actions/setup-python@v5
      with: {python-version: "3.11"}
    - shell: bash
      env: {PROVENANCE_CONFIG: "--config ${{ inputs.config }}"}
      run: provenance audit ${{ inputs.paths }} --fail-on "${{ inputs.fail-on }}" $PROVENANCE_CS
    - if: always() && inputs.upload-sarif == 'true'
      uses: github/codeql-action/upload-sarif@v3
      with: {sarif_file: provenance.sarif}
""")
    assert problems(old) == [
        "input 'config' is used but not declared",
        "input 'fail-on' is used but not declared",
        "step 1: an expression is pasted into the run script",
        "step 1: $PROVENANCE_CS is not set in the step's env",
        "step 1: env PROVENANCE_CONFIG mixes an expression with text",
        "the SARIF upload is not one github/codeql-action/upload-sarif@v4 step",
        "the SARIF upload is not opt-in",
        "setup-python changes the caller's default python",
    ]


# --- running the steps -----------------------------------------------------------------

@dataclass
class Run:
    """What one simulated run of the action did."""

    stdout: dict[str, str] = field(default_factory=dict)       # step id -> its stdout
    outputs: dict[str, dict[str, str]] = field(default_factory=dict)
    outcome: dict[str, str] = field(default_factory=dict)      # success | failure | skipped
    calls: list[tuple[str, dict[str, str]]] = field(default_factory=list)  # uses: + with:
    summary: str = ""


def _parse_output_file(text: str) -> dict[str, str]:
    """GITHUB_OUTPUT's two forms: ``name=value`` and ``name<<DELIMITER`` … ``DELIMITER``."""
    out: dict[str, str] = {}
    lines = iter(text.splitlines())
    for line in lines:
        if "<<" in line and ("=" not in line or line.index("<<") < line.index("=")):
            name, mark = line.split("<<", 1)
            value = []
            for nxt in lines:
                if nxt == mark:
                    break
                value.append(nxt)
            else:
                raise AssertionError(f"output {name} is never closed by {mark}")
            out[name] = "\n".join(value)
        elif line:
            name, value = line.split("=", 1)
            out[name] = value
    return out


class Simulator:
    """Evaluates the few expression forms action.yml uses, and runs its steps in order."""

    def __init__(self, workspace: Path, temp: Path, inputs: Mapping[str, str]) -> None:
        action = load()
        self.steps = action["runs"]["steps"]
        self.outputs_spec = action["outputs"]
        self.inputs = {k: str(v.get("default", "")) for k, v in action["inputs"].items()}
        unknown = set(inputs) - set(self.inputs)
        assert not unknown, f"not inputs of the action: {unknown}"
        self.inputs.update(inputs)
        self.workspace, self.temp = workspace, temp
        self.run = Run()

    def value(self, expr: str) -> str:
        parts = expr.split(".")
        if parts[0] == "inputs" and len(parts) == 2:
            return self.inputs[parts[1]]
        if parts[0] == "steps" and len(parts) == 4 and parts[2] == "outputs":
            return self.run.outputs.get(parts[1], {}).get(parts[3], "")
        if parts[0] == "steps" and len(parts) == 3 and parts[2] == "outcome":
            return self.run.outcome.get(parts[1], "")
        if expr == "runner.temp":
            return str(self.temp)
        raise AssertionError(f"the simulator does not know the expression {expr!r}")

    def substitute(self, text: str) -> str:
        return EXPR.sub(lambda m: self.value(m.group(1)), str(text))

    def condition(self, text: str) -> bool:
        result = True
        for term in (t.strip() for t in EXPR.sub(r"\1", text).split("&&")):
            if term in ("always()", "success()"):
                continue
            m = re.fullmatch(r"([\w.-]+) (==|!=) '([^']*)'", term)
            assert m, f"the simulator does not know the condition {term!r}"
            equal = self.value(m.group(1)) == m.group(3)
            result = result and (equal if m.group(2) == "==" else not equal)
        return result

    def execute(self) -> Run:
        summary = self.temp / "step_summary.md"
        summary.write_text("", encoding="utf-8")
        for i, step in enumerate(self.steps):
            sid = step.get("id", f"step{i}")
            failed = any(v == "failure" for v in self.run.outcome.values())
            default_ok = "always()" in step.get("if", "") or not failed
            if not default_ok or ("if" in step and not self.condition(step["if"])):
                self.run.outcome[sid] = "skipped"
                continue
            if "uses" in step:
                given = {k: self.substitute(v) for k, v in (step.get("with") or {}).items()}
                self.run.calls.append((step["uses"], given))
                if step["uses"].startswith("actions/setup-python@"):
                    self.run.outputs[sid] = {"python-path": sys.executable,
                                             "python-version": "3.12.0"}
                self.run.outcome[sid] = "success"
            elif sid == "install":  # installing needs the network: this checkout stands in
                self.run.calls.append(("install", {}))
                self.run.outputs[sid] = {"python": sys.executable}
                self.run.outcome[sid] = "success"
            else:
                self._bash(sid, step, summary)
        self.run.summary = summary.read_text(encoding="utf-8")
        return self.run

    def _bash(self, sid: str, step: Mapping[str, Any], summary: Path) -> None:
        script = self.temp / f"{sid}.sh"
        script.write_text(step["run"], encoding="utf-8")
        output = self.temp / f"{sid}.output"
        output.write_text("", encoding="utf-8")
        env = {"PATH": os.environ["PATH"], "HOME": str(self.temp), "LANG": "C.UTF-8",
               "XDG_CACHE_HOME": str(self.temp / "xdg"), "GITHUB_OUTPUT": str(output),
               "GITHUB_STEP_SUMMARY": str(summary), "GITHUB_ACTION_PATH": str(REPO),
               "GITHUB_WORKSPACE": str(self.workspace), "RUNNER_TEMP": str(self.temp),
               "RUNNER_OS": "Linux", "RUNNER_ARCH": "X64", "PYTHONDONTWRITEBYTECODE": "1"}
        env.update({k: self.substitute(v) for k, v in (step.get("env") or {}).items()})
        assert BASH is not None
        done = subprocess.run([BASH, "--noprofile", "--norc", "-eo", "pipefail", str(script)],
                              cwd=self.workspace, env=env, capture_output=True, text=True,
                              timeout=300)
        self.run.stdout[sid] = done.stdout
        self.run.outputs[sid] = _parse_output_file(output.read_text(encoding="utf-8"))
        self.run.outcome[sid] = "success" if done.returncode == 0 else "failure"
        if sid == "audit":
            assert done.returncode == 0, done.stderr  # the audit step records, never fails

    def action_outputs(self) -> dict[str, str]:
        return {k: self.substitute(v["value"]) for k, v in self.outputs_spec.items()}


needs_bash = pytest.mark.skipif(BASH is None, reason="bash is not installed")


def _workspace(tmp_path: Path) -> tuple[Path, Path]:
    workspace, temp = tmp_path / "workspace", tmp_path / "runner-temp"
    make_site(workspace / "site")  # two articles showing an undisclosed AI image
    temp.mkdir()
    return workspace, temp


def _simulate(tmp_path: Path, **inputs: str) -> tuple[Simulator, Run]:
    workspace, temp = _workspace(tmp_path)
    sim = Simulator(workspace, temp, {k.replace("_", "-"): v for k, v in inputs.items()})
    return sim, sim.execute()


@needs_bash
def test_a_failing_audit_sets_outputs_summary_and_fails_last(tmp_path: Path) -> None:
    sim, run = _simulate(tmp_path, paths="site")
    outputs = sim.action_outputs()
    assert [k for k, v in outputs.items() if v == ""] == []  # every declared output is written
    report = json.loads(Path(outputs["json-file"]).read_text(encoding="utf-8"))
    summary = report["summary"]
    assert summary["findings"]["error"] == 2  # AID001 on each article
    assert {k: outputs[k] for k in ("errors", "warnings", "info", "articles", "images",
                                    "suppressed", "baselined", "gated", "exit-code")} == {
        "errors": "2", "warnings": str(summary["findings"]["warning"]),
        "info": str(summary["findings"]["info"]), "articles": "2",
        "images": str(summary["images"]), "suppressed": "0", "baselined": "0",
        "gated": "true", "exit-code": "1"}
    assert outputs["sarif-file"] == "provenance.sarif"
    sarif = json.loads((sim.workspace / "provenance.sarif").read_text(encoding="utf-8"))
    assert {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
            for r in sarif["runs"][0]["results"] if r["ruleId"] == "AID001"} == {
        "site/festival.md", "site/festival-update.md"}
    # annotations on stdout, named as the SARIF names the files
    assert re.search(r"^::error file=site/festival\.md,line=\d+,title=AID001 ",
                     run.stdout["audit"], re.M)
    # the run summary is the Markdown report
    markdown = Path(outputs["markdown-file"]).read_text(encoding="utf-8")
    assert run.summary == markdown and "AID001" in markdown
    # SARIF upload is opt-in: skipped by default; the gate fails the job, last
    assert run.outcome["audit"] == "success"
    assert not [c for c in run.calls if "upload-sarif" in c[0]]
    assert list(run.outcome)[-1] == "gate" and run.outcome["gate"] == "failure"
    python = [c for c in run.calls if c[0].startswith("actions/setup-python@")]
    assert python == [("actions/setup-python@v6", {"python-version": "3.12",
                                                   "update-environment": "False"})]


@needs_bash
def test_upload_when_asked_and_never_gate(tmp_path: Path) -> None:
    sim, run = _simulate(tmp_path, paths="site", upload_sarif="true", fail_on="never",
                         sarif_file="reports/audit.sarif", sarif_category="desk")
    outputs = sim.action_outputs()
    assert (outputs["gated"], outputs["exit-code"], outputs["errors"]) == ("false", "0", "2")
    assert ("github/codeql-action/upload-sarif@v4",
            {"sarif_file": "reports/audit.sarif", "category": "desk"}) in run.calls
    assert (sim.workspace / "reports" / "audit.sarif").is_file()
    assert run.outcome["gate"] == "success"


@needs_bash
def test_config_baseline_and_root_reach_the_audit(tmp_path: Path) -> None:
    workspace, temp = _workspace(tmp_path)
    cwd = Path.cwd()
    os.chdir(workspace)
    try:
        assert main(["baseline", "create", "site", "-o", "accepted.json", "--now", NOW,
                     "--no-progress"]) == 0
    finally:
        os.chdir(cwd)
    (workspace / "policy.toml").write_text('ignore = ["IMG006"]\nfail_on = "warning"\n',
                                           encoding="utf-8")
    sim = Simulator(workspace, temp, {"paths": "site/festival.md\nsite/festival-update.md\n",
                                      "root": "site", "config": "policy.toml",
                                      "baseline": "accepted.json"})
    run = sim.execute()
    outputs = sim.action_outputs()
    report = json.loads(Path(outputs["json-file"]).read_text(encoding="utf-8"))
    assert report["root"] == "site"
    assert not [f for a in report["articles"] for f in a["findings"] if f["rule"] == "IMG006"]
    assert int(outputs["baselined"]) >= 2 and outputs["errors"] == "0"
    assert (outputs["gated"], run.outcome["gate"]) == ("false", "success")


@needs_bash
def test_hostile_inputs_stay_data(tmp_path: Path) -> None:
    """Shell syntax in inputs is never run: no file appears, the audit refuses the paths as
    a usage error, the outputs and the summary say so, and the job fails."""
    sim, run = _simulate(
        tmp_path, paths='site/festival.md $(touch pwned1) `touch pwned2`;touch${IFS}pwned3',
        changed_since='"; touch pwned4; echo "', config="$(touch pwned5).toml",
        sarif_file="out'; touch pwned6; '.sarif")
    assert not list(sim.workspace.glob("pwned*")) and not list(sim.temp.glob("pwned*"))
    outputs = sim.action_outputs()
    assert (outputs["exit-code"], outputs["gated"], outputs["errors"]) == ("2", "true", "")
    assert outputs["json-file"] == ""
    assert "could not run (exit code 2)" in run.summary
    assert run.outcome["gate"] == "failure"


@needs_bash
def test_a_path_with_spaces_on_its_own_line(tmp_path: Path) -> None:
    workspace, temp = _workspace(tmp_path)
    (workspace / "site" / "news desk").mkdir()
    shutil.move(workspace / "site" / "festival.md", workspace / "site" / "news desk" / "a b.md")
    shutil.move(workspace / "site" / "img", workspace / "site" / "news desk" / "img")
    sim = Simulator(workspace, temp, {"paths": "site/news desk/a b.md\n", "fail-on": "never"})
    sim.execute()
    report = json.loads(Path(sim.action_outputs()["json-file"]).read_text(encoding="utf-8"))
    assert [a["path"] for a in report["articles"]] == ["a b.md"]


@needs_bash
def test_cache_key_comes_from_the_action_not_the_workspace(tmp_path: Path) -> None:
    sim, run = _simulate(tmp_path, paths="site", fail_on="never")
    key = run.outputs["cache-key"]["key"]
    assert re.fullmatch(r"provenance-pip-Linux-X64-py3\.12\.0-\d+", key)
    assert ("actions/cache@v5", {"path": f"{sim.temp}/provenance-pip-cache", "key": key}) \
        in run.calls
    sim2, run2 = _simulate(tmp_path / "off", paths="site", fail_on="never", cache="false")
    assert run2.outcome["cache-key"] == "skipped"
    assert not [c for c in run2.calls if c[0].startswith("actions/cache@")]


def test_readme_and_changelog_pin_this_release() -> None:
    """README's pins, the CHANGELOG's latest entry, the package version and the project URL
    the SARIF log points at all name the same release and repository."""
    from provenance import __version__
    from provenance.reporters.sarif import PROJECT_URL

    readme = (REPO / "README.md").read_text(encoding="utf-8")
    changelog = (REPO / "CHANGELOG.md").read_text(encoding="utf-8")
    slug = PROJECT_URL.removeprefix("https://github.com/")
    assert f"uses: {slug}@v{__version__}" in readme
    assert f"repo: {PROJECT_URL}\n      rev: v{__version__}" in readme
    releases = re.findall(r"^## \[(\d+\.\d+\.\d+)\] - \d{4}-\d{2}-\d{2}$", changelog, re.M)
    assert releases[0] == __version__
    assert f"[{__version__}]: {PROJECT_URL}/releases/tag/v{__version__}" in changelog
    # the README's example gives only inputs the action declares, and names them all
    section = readme.split("### In CI", 1)[1].split("\n## ", 1)[0]
    example = yaml.safe_load(re.search(r"```yaml\n(  permissions:.*?)  ```", section,
                                       re.S).group(1))  # type: ignore[union-attr]
    step = next(s for s in example["steps"] if s.get("id") == "provenance")
    declared = set(load()["inputs"])
    assert set(step["with"]) <= declared
    listed = set(re.findall(r"`([a-z-]+)`", section.split("Inputs:", 1)[1].split("Outputs:")[0]))
    assert declared <= listed


SHELLCHECK = shutil.which("shellcheck")


def _shellcheck(script: str, tmp_path: Path, name: str) -> str:
    assert SHELLCHECK is not None
    path = tmp_path / f"{name}.sh"
    path.write_text("#!/usr/bin/env bash\n" + script, encoding="utf-8")
    done = subprocess.run([SHELLCHECK, "--shell=bash", "--format=gcc", str(path)],
                          capture_output=True, text=True, timeout=60)
    return done.stdout


@pytest.mark.skipif(SHELLCHECK is None, reason="shellcheck is not installed "
                    "(apt-get install shellcheck)")
def test_run_scripts_pass_shellcheck(tmp_path: Path) -> None:
    scripts = {s.get("id", str(i)): s["run"] for i, s in enumerate(load()["runs"]["steps"])
               if "run" in s}
    assert {"install", "audit", "gate"} <= set(scripts)
    assert {name: _shellcheck(run, tmp_path, name) for name, run in scripts.items()} == {
        name: "" for name in scripts}
    # and it would see an unquoted variable, the fault an input pasted into a script makes
    assert "SC2086" in _shellcheck('provenance audit $PROVENANCE_PATHS\n', tmp_path, "bad")
