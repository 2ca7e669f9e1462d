"""Audit what a change touched, with the articles that show a changed image.

Two callers hand the audit a set of changed files:

* ``--changed-since REF``, a pre-publish CI gate: the files changed between
  ``git merge-base REF HEAD`` and the working tree (what a pull request changed, not what
  other desks merged into REF since the branch started), plus untracked ones;
* the pre-commit hook, which names the staged files on the command line.

Either way a changed image is judged where readers see it: every article under the
audited PATHs (``--changed-since``) or under the root (named images) that shows the image
is audited, and the image is reported once, under those articles. An image that no article
shows is audited on its own. Finding the articles costs one read of each candidate file's
bytes: only a file that holds the image's file name is parsed for its references, which
resolve exactly as the audit resolves them (web roots, the site's own URLs). Git is asked
locally; nothing touches the network.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any
from urllib.parse import quote

from provenance.paths import Found, UsageError, inside, relative, resolve_reference

_MAX_ARTICLE_BYTES = 20_000_000


def changed_files(ref: str, cwd: Path) -> set[Path]:
    """Absolute paths of files changed since the merge base of ``ref`` and HEAD, plus
    untracked ones (``ref`` itself where the two share no history)."""
    top = Path(_git(["rev-parse", "--show-toplevel"], cwd).strip())
    commit = _commit_of(ref, top)
    try:
        base = _git(["merge-base", "--end-of-options", commit, "HEAD"], top).strip() or commit
    except UsageError:
        base = commit  # no shared history: the diff is against the ref itself
    diff = _git(["diff", "--name-only", "-z", "--end-of-options", base, "--"], top)
    untracked = _git(["ls-files", "--others", "--exclude-standard", "-z"], top)
    names = [n for n in (diff + untracked).split("\0") if n]
    return {Path(os.path.realpath(top / name)) for name in names}


def _commit_of(ref: str, top: Path) -> str:
    """The commit ``ref`` names, as a full hash; a usage error if it names none.

    The ref comes from the command line: ``--end-of-options`` keeps one that starts with
    ``-`` (``--output=FILE``) from being taken as an option (git 2.24 or later), and only
    the hash it resolves to is handed to the commands that follow.
    """
    try:
        out = _git(["rev-parse", "--verify", "--quiet", "--end-of-options",
                    ref + "^{commit}"], top).strip()
    except UsageError:
        out = ""
    if not out or not all(c in "0123456789abcdef" for c in out):
        raise UsageError(f"--changed-since: {ref!r} is not a commit in this repository")
    return out


def _git(args: Sequence[str], cwd: Path) -> str:
    import subprocess  # only --changed-since runs git: not every audit's start

    try:
        done = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True,
                              check=False, timeout=60, stdin=subprocess.DEVNULL)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise UsageError(f"--changed-since needs git: {exc}") from None
    if done.returncode != 0:
        raise UsageError(f"--changed-since: git {' '.join(args[:2])} failed: "
                         f"{done.stderr.strip() or done.returncode}")
    return done.stdout


def select_changed(found: Sequence[Found], changed: set[Path], cfg: Any) -> list[Found]:
    """Changed articles, the articles that show a changed image, and changed images."""
    root = cfg.root
    real_root = Path(os.path.realpath(root))
    selected = [f for f in found if Path(os.path.realpath(f.path)) in changed]
    images = {relative(p, real_root) for p in changed
              if inside(p, real_root) and _is_image(p)}
    chosen = {f.rel for f in selected}
    candidates = [f for f in found if f.kind == "article" and f.rel not in chosen]
    selected += articles_showing(images, candidates, cfg)
    return sorted(selected, key=lambda f: f.rel)


def with_referrers(found: Sequence[Found], cfg: Any, policy: Any) -> list[Found]:
    """``found`` plus, for each image named on the command line, the articles under the
    root that show it (so the image is judged with its page, and reported once)."""
    named = {f.rel for f in found if f.kind == "image" and f.explicit}
    if not named:
        return list(found)
    from provenance.config import selection_for
    from provenance.walk import collect

    everything = collect([cfg.root], cfg.root, selection=selection_for(policy, cfg.root))
    have = {f.rel for f in found}
    candidates = [f for f in everything if f.kind == "article" and f.rel not in have]
    extra = articles_showing(named, candidates, cfg)
    return sorted([*found, *extra], key=lambda f: f.rel)


def articles_showing(images: set[str], candidates: Iterable[Found], cfg: Any) -> list[Found]:
    """The candidate articles that reference one of ``images`` (root-relative paths).

    Only bytes are looked at here; an article that holds an image's name is parsed in a
    worker process under the audit's per-file limits (:func:`provenance.parallel.run_isolated`),
    so a hostile unchanged article that hangs or crashes its reader shows no image and
    costs at most its timeout."""
    if not images:
        return []
    needles = _needles(images)
    maybe = [item for item in candidates if _holds(cfg.root, item.rel, needles)]
    if not maybe:
        return []
    from provenance.parallel import run_isolated

    shown: list[Found] = []

    def keep(item: Found, refs: Any) -> None:
        if images & set(refs):
            shown.append(item)

    run_isolated("references", maybe, cfg, keep)
    return shown


def _needles(images: set[str]) -> list[bytes]:
    """What an article that shows one of the images must contain: its file name, as
    written or percent-encoded."""
    names = {rel.rpartition("/")[2] for rel in images}
    return sorted({form.encode("utf-8") for name in names
                   for form in (name, quote(name))})


def _holds(root: Path, rel: str, needles: Sequence[bytes]) -> bool:
    """Whether a regular file's bytes hold one of ``needles`` (nothing is parsed)."""
    data = _bytes(root, rel)
    return data is not None and any(n in data for n in needles)


def _bytes(root: Path, rel: str) -> bytes | None:
    """A regular file's bytes (a FIFO or device is never opened, nor a link out of the
    root), None if unreadable."""
    from provenance.beneath import open_regular

    try:
        fd = open_regular(root / rel, root, rel)
    except (OSError, ValueError):
        return None
    try:
        if os.fstat(fd).st_size > _MAX_ARTICLE_BYTES:
            return None
        with os.fdopen(os.dup(fd), "rb") as fh:
            return fh.read(_MAX_ARTICLE_BYTES)
    except OSError:
        return None
    finally:
        os.close(fd)


def references(item: Found, cfg: Any) -> list[str]:
    """Root-relative paths of the images an article file shows, resolved as the audit does.

    Runs in a worker process (see :func:`articles_showing`); a file that cannot be read
    shows none."""
    from provenance.articles import ArticleError, NotAnArticle, read_article_file

    try:
        articles = read_article_file(item.path, item.rel, placement=cfg.placement,
                                     root=cfg.root)
    except (ArticleError, NotAnArticle, RecursionError, ValueError):
        return []
    rels = []
    for article in articles:
        for ref in getattr(article, "images", ()):
            where = resolve_reference(ref.src, item.path, cfg.root, cfg.site, item.rel,
                                      ref.placement, getattr(article, "url", None))
            if where.rel is not None:
                rels.append(where.rel)
    return rels


def _is_image(path: Path) -> bool:
    from provenance.paths import kind_of

    return kind_of(path) == "image"
