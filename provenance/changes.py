"""``--changed-since REF``: audit only what a change touched, for pre-publish CI gates.

An article is audited when its own file changed since the git ref (committed, modified or
untracked), or when an image it references changed. Finding the second kind means reading
the unchanged articles' references (cheap: no image is opened) and resolving them the way
the audit does. Git is asked locally; nothing touches the network.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Sequence
from pathlib import Path

from provenance.paths import Found, UsageError, resolve_reference


def changed_files(ref: str, cwd: Path) -> set[Path]:
    """Absolute paths of files changed since ``ref``, plus untracked ones."""
    top = Path(_git(["rev-parse", "--show-toplevel"], cwd).strip())
    diff = _git(["diff", "--name-only", "-z", ref, "--"], top)
    untracked = _git(["ls-files", "--others", "--exclude-standard", "-z"], top)
    names = [n for n in (diff + untracked).split("\0") if n]
    return {Path(os.path.realpath(top / name)) for name in names}


def _git(args: Sequence[str], cwd: Path) -> str:
    try:
        done = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True,
                              check=False, timeout=60)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise UsageError(f"--changed-since needs git: {exc}") from None
    if done.returncode != 0:
        raise UsageError(f"--changed-since: git {' '.join(args[:2])} failed: "
                         f"{done.stderr.strip() or done.returncode}")
    return done.stdout


def select_changed(found: Sequence[Found], changed: set[Path], root: Path) -> list[Found]:
    """The files to audit: changed articles, articles showing a changed image, changed images."""
    from provenance.articles import ArticleError, NotAnArticle, read_article_file

    selected = []
    for item in found:
        real = Path(os.path.realpath(item.path))
        if real in changed:
            selected.append(item)
            continue
        if item.kind != "article":
            continue
        try:
            articles = read_article_file(item.path, item.rel)
        except (ArticleError, NotAnArticle):
            continue
        refs = (ref.src for a in articles if hasattr(a, "images") for ref in a.images)
        resolved = (resolve_reference(src, item.path, root) for src in refs)
        if any(r.path is not None and Path(os.path.realpath(r.path)) in changed
               for r in resolved):
            selected.append(item)
    return selected
