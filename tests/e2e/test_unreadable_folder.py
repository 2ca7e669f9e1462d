"""A folder the walk cannot list is a finding, not a silent skip (red-team R12).

Representation: an ``articles[]`` entry whose path is the folder with a trailing slash
(``locked/``) and one INP001 "cannot read the folder: …; the files in it were not
audited" — so the summary fails. An image referenced inside such a folder is IMG002
(unreadable), never IMG001 (does not exist). The suite runs as root, where ``chmod 000``
changes nothing: the failure is simulated for one folder, and the real chmod test runs only
as another user.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from provenance.articles import ArticleError, read_article_file
from provenance.paths import resolve_reference
from provenance.walk import walk
from tests.e2e.helpers import audit_json

LEAD = "SEOUL (Reuters) - The harbour reopened on Monday."
FOLDER_MESSAGE = "article could not be read: cannot read the folder: "


def _tree(tmp_path: Path) -> Path:
    root = tmp_path / "site"
    (root / "locked" / "deeper").mkdir(parents=True)
    (root / "locked" / "a.txt").write_text("no credit\n", encoding="utf-8")
    (root / "locked" / "deeper" / "b.txt").write_text("no credit\n", encoding="utf-8")
    (root / "ok.html").write_text(f'<p>By Ann</p><p>{LEAD}</p><img src="locked/p.jpg">',
                                  encoding="utf-8")
    return root


def _deny(monkeypatch: pytest.MonkeyPatch, folder: Path) -> None:
    """``os.scandir``/``os.lstat`` fail with EACCES inside ``folder``, as for chmod 000."""
    real_scandir, real_lstat = os.scandir, os.lstat

    def scandir(path: Any = ".") -> Any:
        if os.fspath(path).startswith(str(folder)):
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return real_scandir(path)

    def lstat(path: Any, *args: Any, **kwargs: Any) -> Any:
        if os.fspath(path).startswith(str(folder) + os.sep):
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return real_lstat(path, *args, **kwargs)

    monkeypatch.setattr(os, "scandir", scandir)
    monkeypatch.setattr(os, "lstat", lstat)


def test_walk_lists_an_unlistable_folder_as_an_entry(tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    root = _tree(tmp_path).resolve()
    _deny(monkeypatch, root / "locked")
    found = walk([root], root).found
    assert [(f.kind, f.rel) for f in found] == [("article", "locked/"), ("article", "ok.html")]
    with pytest.raises(ArticleError, match="^cannot read the folder: Permission denied; the "
                                           "files in it were not audited$"):
        read_article_file(found[0].path, found[0].rel)


def test_image_in_an_unlistable_folder_is_not_missing(tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    root = _tree(tmp_path).resolve()
    _deny(monkeypatch, root / "locked")
    where = resolve_reference("locked/p.jpg", root / "ok.html", root)
    assert (where.status, where.rel) == ("ok", "locked/p.jpg")  # the read then says IMG002
    assert resolve_reference("gone.jpg", root / "ok.html", root).status == "missing"


def test_unlistable_folder_is_inp001_in_the_report(tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    root = _tree(tmp_path)
    _deny(monkeypatch, root.resolve() / "locked")
    code, report = audit_json(tmp_path, str(root), "--jobs", "1", "--no-cache")
    assert code == 1 and report["summary"]["passed"] is False
    entries = {a["path"]: a for a in report["articles"]}
    assert sorted(entries) == ["locked/", "ok.html"]
    [finding] = entries["locked/"]["findings"]
    assert finding["rule"] == "INP001" and finding["message"].startswith(FOLDER_MESSAGE)
    assert "IMG001" not in [f["rule"] for f in entries["ok.html"]["findings"]]


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads chmod 000 folders anyway")
def test_real_chmod_000_folder(tmp_path: Path) -> None:
    root = _tree(tmp_path)
    (root / "locked" / "p.jpg").write_bytes(b"\xff\xd8\xff")
    (root / "locked").chmod(0)
    try:
        code, report = audit_json(tmp_path, str(root), "--no-cache")
    finally:
        (root / "locked").chmod(0o755)
    assert code == 1
    rules = {a["path"]: [f["rule"] for f in a["findings"]] for a in report["articles"]}
    assert rules["locked/"] == ["INP001"]
    assert "IMG002" in rules["ok.html"] and "IMG001" not in rules["ok.html"]
