"""No socket: a whole audit of the examples plus remote references, with every way out of
the machine made to fail loudly (the workers are forked from this process and inherit it)."""

from __future__ import annotations

import shutil
import socket
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import REPO
from tests.e2e.helpers import audit_json


def test_an_audit_opens_no_network_connection(tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    attempts: list[Any] = []

    def refuse(*args: Any, **kwargs: Any) -> Any:
        attempts.append(args)
        raise OSError("network access attempted during an audit")

    for name in ("connect", "connect_ex", "sendto"):
        monkeypatch.setattr(socket.socket, name, refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    shutil.copytree(REPO / "examples", tmp_path / "site")
    (tmp_path / "site" / "remote.md").write_text(
        "# Remote pictures\n\nBy Ana Reis\n\nLISBON (Reuters) - Two pictures live elsewhere.\n\n"
        "![A](https://cdn.example.org/a.jpg)\n\n![B](//cdn.example.org/b.png)\n",
        encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    _, report = audit_json(tmp_path, "site", "--report", f"html={tmp_path / 'r.html'}")
    remote = next(a for a in report["articles"] if a["path"].endswith("remote.md"))
    assert [i["status"] for i in remote["images"]] == ["remote", "remote"]
    assert attempts == []
