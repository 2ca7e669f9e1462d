"""Every output path safe: hostile text reaches the report whole, report files go where
they are told or the CLI says why before auditing (red-team rows R1, R7, R8, R13, R14).

Everything is built at test time; each test names the red-team row it pins.
"""

from __future__ import annotations

import json
import os
import signal
import stat
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from provenance.cli import main
from provenance.output import OutputError, atomic_write, output_problem
from provenance.reporters import FORMATS
from provenance.schema import report_errors
from tests.conftest import REPO
from tests.e2e.helpers import NOW

ARGS = ["--no-cache", "--no-progress", "--now", NOW]
SUFFIX = {"text": "txt", "json": "json", "jsonl": "jsonl", "sarif": "sarif", "junit": "xml",
          "github": "github.txt", "markdown": "md", "html": "html"}


def _ninjs(folder: Path, name: str, **doc: object) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    # json.dumps writes a lone surrogate as the escape "\ud800", as a hostile feed would
    path.write_text(json.dumps({"body_text": "SEOUL (Reuters) - x", **doc}), encoding="utf-8")
    return path


@pytest.fixture()
def cwd(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / ".git").mkdir()  # stops policy discovery here
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _all_formats(*paths: str) -> tuple[int, dict[str, str]]:
    reports = [a for fmt in FORMATS for a in ("--report", f"{fmt}=out.{SUFFIX[fmt]}")]
    code = main(["audit", *paths, *reports, *ARGS, "--fail-on", "never"])
    return code, {fmt: Path(f"out.{SUFFIX[fmt]}").read_text(encoding="utf-8")
                  for fmt in FORMATS}


# --- R1 ---------------------------------------------------------------------------------

def test_r1_lone_surrogate_in_article_text_gives_a_complete_report(cwd: Path) -> None:
    _ninjs(cwd / "a", "a.json", headline="x \ud800", slugline="\udce9")  # no byline: MET001
    code, out = _all_formats("a")
    assert code == 0
    report = json.loads(out["json"])
    assert report_errors(report) == []
    article = report["articles"][0]
    assert article["headline"] == "x \\ud800"
    assert article["repaired"] == ["/headline"]
    assert "x \\ud800" in out["text"] and "x \\ud800" in out["html"]


def test_r1_extract_json_with_a_lone_surrogate(cwd: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    from provenance.schema import validator

    _ninjs(cwd / "a", "a.json", headline="x \ud800")
    assert main(["extract", "a/a.json", "--format", "json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["articles"][0]["headline"] == "x \\ud800"
    assert list(validator(definition="extractReport").iter_errors(doc)) == []


def test_r1_stdout_with_a_narrow_encoding_shows_escapes(cwd: Path) -> None:
    _ninjs(cwd / "a", "a.json", headline="Café — “quoted”")
    proc = subprocess.run([sys.executable, "-m", "provenance", "audit", "a", *ARGS,
                           "--fail-on", "never"], capture_output=True, cwd=cwd,
                          env={**os.environ, "PYTHONIOENCODING": "ascii",
                               "PYTHONPATH": str(REPO)}, check=False)
    assert proc.returncode == 0, proc.stderr
    assert b"Caf\\xe9 \\u2014 \\u201cquoted\\u201d" in proc.stdout


# --- R7 ---------------------------------------------------------------------------------

PAYLOAD = "h\n::error file=x,line=1::INJECTED\n\x1b]52;c;cHduZWQ=\x07\u202e"


def _no_commands(text: str) -> None:
    assert "INJECTED" in text
    assert not [ln for ln in text.splitlines() if ln.lstrip().startswith("::")]
    assert "\x1b" not in text and "\x07" not in text and "\u202e" not in text


def test_r7_text_format_neutralises_headlines_and_file_names(
        cwd: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _ninjs(cwd / "a", "a.json", headline=PAYLOAD)
    _ninjs(cwd / "a", "::error file=y::INJECTED.json", headline="ok")
    _ninjs(cwd / "a", "\x1b]0;title\x07.json", headline="INJECTED")
    assert main(["audit", "a", "--root", "a", *ARGS, "--fail-on", "never"]) == 0
    out = capsys.readouterr().out
    _no_commands(out)
    assert "\\x3a:error file=y::INJECTED.json" in out
    assert "\\x1b]0;title\\x07.json" in out


def test_r7_extract_view_neutralises(cwd: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _ninjs(cwd / "a", "a.json", headline=PAYLOAD)
    main(["extract", "a/a.json"])
    _no_commands(capsys.readouterr().out)


@pytest.mark.parametrize("fmt", ["github", "markdown", "junit"])
def test_r7_other_human_formats(fmt: str, cwd: Path, capsys: pytest.CaptureFixture[str]
                                ) -> None:
    _ninjs(cwd / "a", "a.json", headline=PAYLOAD, byline=PAYLOAD)
    _ninjs(cwd / "a", "::warning::INJECTED.json", headline="ok")
    main(["audit", "a", *ARGS, "--format", fmt])
    out = capsys.readouterr().out
    assert "\x1b" not in out and "\u202e" not in out
    lines = [ln for ln in out.splitlines() if ln.lstrip().startswith("::")]
    if fmt == "github":  # only the tool's own commands, properties escaped
        assert all(ln.startswith(("::error ", "::warning ", "::notice ")) for ln in lines)
        assert "file=a/%3A%3Awarning%3A%3AINJECTED.json" in out
    else:
        assert lines == []


# --- R8 ---------------------------------------------------------------------------------

def test_r8_devices_are_written_into_not_replaced(cwd: Path) -> None:
    _ninjs(cwd / "a", "a.json", headline="h", byline="Ann")
    assert main(["audit", "a", *ARGS, "-o", "/dev/null"]) == 0
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)
    os.symlink("/dev/null", "null-link")
    assert main(["audit", "a", *ARGS, "--report", "json=null-link"]) == 0
    assert os.path.islink("null-link") and not list(cwd.glob(".*.tmp"))


def test_r8_fifo_is_written_into(cwd: Path) -> None:
    _ninjs(cwd / "a", "a.json", headline="h", byline="Ann")
    os.mkfifo("pipe")
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(Path("pipe").read_bytes()))
    reader.start()
    assert main(["audit", "a", *ARGS, "--report", "json=pipe"]) == 0
    reader.join(10)
    assert stat.S_ISFIFO(os.stat("pipe").st_mode)
    assert json.loads(got[0])["summary"]["articles"] == 1


def test_r8_symlink_is_followed_and_its_target_replaced(cwd: Path) -> None:
    _ninjs(cwd / "a", "a.json", headline="h", byline="Ann")
    (cwd / "reports").mkdir()
    Path("reports/r.json").write_text("old", encoding="utf-8")
    os.symlink("reports/r.json", "r.json")
    os.symlink("reports/new.json", "dangling.json")
    assert main(["audit", "a", *ARGS, "-o", "r.json", "--report", "json=dangling.json"]) == 0
    assert os.path.islink("r.json") and os.path.islink("dangling.json")
    for name in ("reports/r.json", "reports/new.json"):
        assert json.loads(Path(name).read_text(encoding="utf-8"))["summary"]["articles"] == 1
    assert not [p for p in cwd.rglob("*.tmp")]


def test_r8_dash_is_stdout(cwd: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _ninjs(cwd / "a", "a.json", headline="h", byline="Ann")
    assert main(["audit", "a", *ARGS, "-o", "-", "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["summary"]["articles"] == 1
    assert not Path("-").exists()
    assert main(["audit", "a", *ARGS, "-o", "r.json", "--report", "markdown=-"]) == 0
    assert capsys.readouterr().out.startswith("## provenance: passed")
    assert main(["report", "render", "r.json", "-o", "-", "--format", "sarif"]) == 0
    assert json.loads(capsys.readouterr().out)["version"] == "2.1.0"


def test_r8_atomic_write_failure_leaves_no_temp_file(tmp_path: Path) -> None:
    target = tmp_path / "r.json"
    target.write_text("old", encoding="utf-8")
    with pytest.raises(RuntimeError), atomic_write(target) as out:
        out.write("new")
        raise RuntimeError("boom")
    assert target.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["r.json"]


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
def test_r8_write_errors_name_the_file() -> None:
    with pytest.raises(OutputError, match="cannot write '/dev/full': No space left"), \
            atomic_write("/dev/full") as out:
        out.write("x" * 100_000)


# --- R13 --------------------------------------------------------------------------------

@pytest.mark.parametrize(("args", "message"), [
    (["-o", "/nonexistent/r.json"], "the folder '/nonexistent' does not exist"),
    (["-o", ""], "an empty file name"),
    (["--report", "json=adir"], "'adir': it is a folder"),
    (["--report", "json=adir", "--report", "html=k.html"], "'adir': it is a folder"),
    (["-o", "k.html", "--report", "html=k.html"], "is named for two reports"),
    (["-o", "-", "--report", "json=-"], "only one report can go to stdout"),
    (["--report", "json=r.txt/x.json"], "'r.txt/x.json': Not a directory"),
])
def test_r13_bad_output_paths_exit_2_before_the_audit(
        args: list[str], message: str, cwd: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    _ninjs(cwd / "a", "a.json", headline="h")
    (cwd / "adir").mkdir()
    Path("r.txt").write_text("", encoding="utf-8")
    import provenance.cli as cli_module

    def no_audit(*_: object, **__: object) -> None:
        raise AssertionError("the audit started")

    monkeypatch.setattr(cli_module, "_execute", no_audit)
    assert main(["audit", "a", *ARGS, *args]) == 2
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err
    assert not Path("k.html").exists()


def test_r13_read_only_folder(cwd: Path, capsys: pytest.CaptureFixture[str],
                              monkeypatch: pytest.MonkeyPatch) -> None:
    _ninjs(cwd / "a", "a.json", headline="h")
    (cwd / "ro").mkdir(mode=0o555)
    real_access = os.access
    # as root every folder is writable: pretend to be anyone else
    monkeypatch.setattr(os, "access", lambda p, m: False if Path(p).name == "ro" else
                        real_access(p, m))
    assert output_problem("ro/r.json") == f"the folder {str(cwd / 'ro')!r} is not writable"
    assert main(["audit", "a", *ARGS, "-o", "ro/r.json"]) == 2
    assert "ro' is not writable" in capsys.readouterr().err


def test_r13_baseline_create_and_report_render(cwd: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    _ninjs(cwd / "a", "a.json", headline="h")
    assert main(["baseline", "create", "a", "--now", NOW, "-o", "/nonexistent/b.json"]) == 2
    assert main(["audit", "a", *ARGS, "-o", "r.json", "--fail-on", "never"]) == 0
    assert main(["report", "render", "r.json", "-o", "/nonexistent/x.html"]) == 2
    assert main(["report", "render", "r.json", "-o", "r.json.d/"]) == 2
    err = capsys.readouterr().err
    assert err.count("'/nonexistent' does not exist") == 2 and "Traceback" not in err
    assert "cannot write 'r.json.d/': it names a folder" in err


def test_r13_a_write_failure_after_the_audit_is_exit_2(
        cwd: Path, capsys: pytest.CaptureFixture[str]) -> None:
    if not os.path.exists("/dev/full"):
        pytest.skip("needs /dev/full")
    _ninjs(cwd / "a", "a.json", headline="h")
    assert main(["audit", "a", *ARGS, "-o", "/dev/full"]) == 2
    assert "cannot write '/dev/full': No space left on device" in capsys.readouterr().err


# --- R14 --------------------------------------------------------------------------------

HANGING_AUDIT = """\
import sys, time
import provenance.articles as articles
real = articles.read_article_file
def read_article_file(path, rel, **options):
    if rel.endswith("stuck.txt"):
        time.sleep(3600)
    return real(path, rel, **options)
articles.read_article_file = read_article_file
from provenance.cli import main
sys.exit(main(sys.argv[1:]))
"""

@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGHUP])
def test_r14_sigterm_and_sighup_leave_no_temp_file(sig: signal.Signals, tmp_path: Path
                                                   ) -> None:
    tree = tmp_path / "tree"
    tree.mkdir()
    (tmp_path / ".git").mkdir()
    (tree / "stuck.txt").write_text("By Ann\n\nSEOUL (Reuters) - stuck\n", encoding="utf-8")
    for i in range(50):
        (tree / f"t{i}.txt").write_text(f"By Ann\n\nSEOUL (Reuters) - x {i}\n",
                                        encoding="utf-8")
    (tmp_path / "r.json").write_text("previous", encoding="utf-8")
    # The workers are forked from this process: its reader hangs on stuck.txt until the
    # per-file timeout, so the audit is still running when the signal comes.
    proc = subprocess.Popen([sys.executable, "-c", HANGING_AUDIT, "audit", "tree", *ARGS,
                             "-j", "2", "-o", "r.json", "--report", "html=r.html"],
                            cwd=tmp_path, env={**os.environ, "PYTHONPATH": str(REPO)},
                            stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 20
    while not list(tmp_path.glob(".r.html.*.tmp")) and time.monotonic() < deadline:
        time.sleep(0.05)
    time.sleep(0.5)
    proc.send_signal(sig)
    _, err = proc.communicate(timeout=30)
    assert proc.returncode == 128 + sig, err
    assert f"stopped by {sig.name}; no report written" in err and "Traceback" not in err
    assert sorted(p.name for p in tmp_path.iterdir()) == [".git", "r.json", "tree"]
    assert (tmp_path / "r.json").read_text(encoding="utf-8") == "previous"
