"""Static sites: where a page's site-absolute references and the site's own URLs lead.

A page built by Hugo or Jekyll, or saved by ``wget --mirror``, writes ``/images/x.jpg`` or
``https://www.example.com/images/x.jpg`` for a file that lies in the audited tree. A site
maps ``/`` to its **web roots**, in order (like Hugo's static mounts): the first that holds
the file wins, and a file none holds is missing in the first one (IMG001). The site's
**base URLs** (its own origins, each optionally mapped to its own folder) resolve the same
way; any other origin stays remote (IMG003). Nothing here widens what may be read: every
web root lies inside the audit root or is dropped, and the resolved file is still checked
lexically and through symlinks against the root (IMG004).

Zero configuration for the common layouts, detected by the files a folder holds (reading
nothing outside the audit root):

========================  ===============================================  ==================
layout                    recognised by                                    ``/`` maps to
========================  ===============================================  ==================
Hugo                      ``hugo.toml|yaml|json`` (or ``config.*`` beside  ``staticDir``
                          ``content/``, or ``config/_default/``)           (``static``),
                                                                           ``assets``, theme
                                                                           statics, ``content``
Jekyll                    ``_config.yml|yaml|toml``                        ``source`` (the site)
Eleventy                  ``eleventy.config.*``/``.eleventy.js``           the site, ``src``,
                                                                           ``public``
Astro, Next.js            ``astro.config.*``, ``next.config.*``            ``public``
built site                ``index.html`` (the highest such folder)         the folder
mirror (wget, HTTrack)    a folder named like a host (``www.example.com``) the host folder
========================  ===============================================  ==================

Hugo's ``baseURL`` and Jekyll's ``url`` + ``baseurl`` are the site's base URLs; their path
(``/blog/``) is taken off site-absolute references first. A mirror's host folders are the
base URLs of ``http(s)://`` that host. The policy's ``[site]`` table (``web_roots``,
``base_urls``) replaces the detected web roots and adds base URLs, for every page under
the policy file's folder.

Each detected site also names the folders of its tree that are not content (templates,
theme and build output) for the walk to skip (:attr:`Site.skip`).
"""

from __future__ import annotations

import json
import os
import re
import tomllib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

_CONFIG_MAX_BYTES = 1_000_000
_HOST_FOLDER = re.compile(r"^(?=.{4,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+"
                          r"[a-z]{2,63}(?:[_:][0-9]{1,5})?$")
_HUGO_CONFIGS = ("hugo.toml", "hugo.yaml", "hugo.yml", "hugo.json")
_HUGO_LEGACY = ("config.toml", "config.yaml", "config.yml", "config.json")
_JEKYLL_CONFIGS = ("_config.yml", "_config.yaml", "_config.toml")
_ELEVENTY = (".eleventy.js", "eleventy.config.js", "eleventy.config.cjs", "eleventy.config.mjs",
             "eleventy.config.ts")
_ASTRO = ("astro.config.mjs", "astro.config.js", "astro.config.ts", "astro.config.mts")
_NEXT = ("next.config.js", "next.config.mjs", "next.config.ts", "next.config.cjs")


_MARKERS = frozenset((*_HUGO_CONFIGS, *_JEKYLL_CONFIGS, *_ELEVENTY, *_ASTRO, *_NEXT))


def names_a_generator(names: Iterable[str]) -> bool:
    """Whether a folder holding ``names`` is a site generator's project, by its file names
    alone (the probes below then read the config)."""
    held = frozenset(names)
    return bool(held & _MARKERS) or ("content" in held and bool(held & set(_HUGO_LEGACY)))


@dataclass(frozen=True, slots=True)
class Site:
    """One site of the audited tree. Folders are POSIX paths relative to the root
    (``""`` is the root itself)."""

    folder: str
    kind: str  # hugo | jekyll | eleventy | astro | next | built | mirror | configured
    web_roots: tuple[str, ...] = ()
    base_urls: tuple[tuple[str, str], ...] = ()  # (normalised URL prefix, folder)
    base_path: str = "/"  # the site's path on its origin, taken off "/blog/x.jpg"
    skip: tuple[tuple[str, str], ...] = ()  # (folder, why) not content: templates, output
    outputs: tuple[str, ...] = ()  # its build output folders: built sites of their own

    def describe(self) -> dict[str, Any]:
        """What ``provenance config show`` prints of the site."""
        return {"folder": self.folder or ".", "kind": self.kind,
                "web_roots": [w or "." for w in self.web_roots],
                "base_urls": {url: folder or "." for url, folder in self.base_urls},
                "base_path": self.base_path,
                "skipped": {folder: why for folder, why in self.skip}}


@dataclass(frozen=True)
class SiteMap:
    """The sites of one audit: which one a page belongs to, and the policy's own settings.

    ``sites`` maps a folder (relative to the root) to its site; a page belongs to the site
    of its nearest folder that has one.
    """

    sites: Mapping[str, Site] = field(default_factory=dict)
    configured: Site | None = None  # from the policy's [site] table

    def site_for(self, rel: str) -> Site | None:
        """The site a root-relative file path belongs to (the policy's wins), or None."""
        if self.configured is not None and _under(rel, self.configured.folder):
            return self.configured
        folder = rel.rpartition("/")[0]
        while True:
            site = self.sites.get(folder)
            if site is not None:
                return site
            if not folder:
                return None
            folder = folder.rpartition("/")[0]

    def all_base_urls(self) -> tuple[tuple[str, str], ...]:
        """Every site's own origins: a page may show an image from a sibling host folder."""
        urls = [u for s in self.sites.values() for u in s.base_urls]
        if self.configured is not None:
            urls.extend(self.configured.base_urls)
        # Longest prefix first, so https://x/media/ wins over https://x/.
        return tuple(sorted(dict.fromkeys(urls), key=lambda u: (-len(u[0]), u)))


def _under(rel: str, folder: str) -> bool:
    return not folder or rel == folder or rel.startswith(folder + "/")


# --------------------------------------------------------------------------- detection


class Detector:
    """Finds the sites of the folders an audit touches, reading each folder once.

    ``root`` is the resolved audit root; nothing above it is looked at.
    """

    def __init__(self, root: Path) -> None:
        self.root = root
        self._seen: dict[str, Site | None] = {}

    def folder(self, rel: str, names: Iterable[str] | None = None) -> Site | None:
        """The site whose top is the folder ``rel`` (``names``: its entries, if known)."""
        if rel in self._seen:
            return self._seen[rel]
        where = self.root / rel if rel else self.root
        if names is None:
            try:
                names = os.listdir(where)
            except OSError:
                names = ()
        site = _detect(where, rel, frozenset(names), self._ancestor_kind(rel))
        self._seen[rel] = site
        return site

    def chain(self, rel_folder: str) -> None:
        """Detect every folder from the root down to ``rel_folder`` (top first)."""
        parts = [p for p in rel_folder.split("/") if p]
        for depth in range(len(parts) + 1):
            self.folder("/".join(parts[:depth]))

    def _ancestor_kind(self, rel: str) -> str | None:
        """The kind of the nearest site above ``rel`` (None: none is, or ``rel`` is that
        site's build output, a built site of its own)."""
        folder = rel
        while folder:
            folder = folder.rpartition("/")[0]
            site = self._seen.get(folder)
            if site is not None:
                return None if rel in site.outputs else site.kind
        return None

    def site_map(self, configured: Site | None = None) -> SiteMap:
        return SiteMap({k: v for k, v in self._seen.items() if v is not None}, configured)


def _detect(where: Path, rel: str, names: frozenset[str], above: str | None) -> Site | None:
    """The site whose top is this folder. A generator's config starts a site anywhere; a
    host-named folder only outside a generator's site or a mirror (HTTrack puts its own
    index.html above the host folders); a built site's ``index.html`` only where no site
    is above (lower ones are its pages)."""
    for probe in (_hugo, _jekyll, _node_site):
        site = probe(where, rel, names)
        if site is not None:
            return site
    name = rel.rpartition("/")[2].lower()
    if rel and above in (None, "built") and _HOST_FOLDER.match(name):
        return _mirror(rel, name)
    if above is None and ("index.html" in names or "index.htm" in names):
        return Site(rel, "built", (rel,))
    return None


def _join(rel: str, *parts: str) -> str:
    joined = "/".join(p.strip("/") for p in (rel, *parts) if p and p.strip("/") not in ("", "."))
    return os.path.normpath(joined).replace(os.sep, "/") if joined else ""


def _inside(rel: str) -> bool:
    """A folder relative to the root that stays inside it."""
    return rel == "" or not (rel == ".." or rel.startswith(("../", "/")))


def _mirror(rel: str, host: str) -> Site:
    bare = host.replace("_", ":")  # HTTrack writes host_port
    urls = tuple((f"{scheme}://{bare}/", rel) for scheme in ("https", "http"))
    return Site(rel, "mirror", (rel,), urls)


def _hugo(where: Path, rel: str, names: frozenset[str]) -> Site | None:
    config_dir = where / "config" / "_default"
    files = [where / n for n in _HUGO_CONFIGS if n in names]
    if not files and "content" in names:
        files = [where / n for n in _HUGO_LEGACY if n in names]
    if not files and "config" in names and config_dir.is_dir():
        files = [config_dir / n for n in (*_HUGO_CONFIGS, *_HUGO_LEGACY)
                 if (config_dir / n).is_file()]
    if not files:
        return None
    conf = {k.lower(): v for k, v in _read_config(files[0]).items()}
    static = _strings(conf.get("staticdir")) or ["static"]
    static += [s for k, v in sorted(conf.items()) if re.fullmatch(r"staticdir\d+", k)
               for s in _strings(v)]
    content = (_strings(conf.get("contentdir")) or ["content"])[0]
    publish = (_strings(conf.get("publishdir")) or ["public"])[0]
    themes = [f"themes/{t}/static" for t in _strings(conf.get("theme"))]
    mounts = _hugo_mounts(conf.get("module"))
    roots = [*static, *mounts, "assets", *themes, content]
    url, path = _origin(_strings(conf.get("baseurl")))
    skip = [("archetypes", "Hugo archetypes (page templates)"), ("layouts", "Hugo templates"),
            ("themes", "Hugo themes"), ("resources", "Hugo's generated resources"),
            (publish, "Hugo's build output"), ("node_modules", "npm packages")]
    return _site(rel, "hugo", roots, url, path, skip, publish)


def _hugo_mounts(module: Any) -> list[str]:
    mounts = module.get("mounts") if isinstance(module, dict) else None
    if not isinstance(mounts, list):
        return []
    # Only mounts onto the static root itself: one onto static/sub would serve its files
    # under /sub/, which a prefix-free web root cannot say.
    return [m["source"] for m in mounts if isinstance(m, dict) and isinstance(
        m.get("source"), str) and str(m.get("target", "")).strip("/") == "static"]


def _jekyll(where: Path, rel: str, names: frozenset[str]) -> Site | None:
    file = next((where / n for n in _JEKYLL_CONFIGS if n in names), None)
    if file is None:
        return None
    conf = _read_config(file)
    source = (_strings(conf.get("source")) or ["."])[0]
    destination = (_strings(conf.get("destination")) or ["_site"])[0]
    base = _strings(conf.get("baseurl"))
    url, path = _origin([(_strings(conf.get("url")) or [""])[0].rstrip("/") +
                         "/" + (base[0].strip("/") + "/" if base and base[0].strip("/")
                                else "")])
    if not url and base:
        path = "/" + base[0].strip("/") + "/" if base[0].strip("/") else "/"
    skip = [(_join(source, f), why) for f, why in (
        ("_layouts", "Jekyll layouts"), ("_includes", "Jekyll includes"),
        ("_sass", "Jekyll styles"), ("_data", "Jekyll data"),
        (".jekyll-cache", "Jekyll cache"), ("vendor", "bundled gems"),
        ("node_modules", "npm packages"))]
    skip.append((destination, "Jekyll's build output"))
    return _site(rel, "jekyll", [source], url, path, skip, destination)


def _node_site(where: Path, rel: str, names: frozenset[str]) -> Site | None:
    if names.intersection(_ELEVENTY):
        return _site(rel, "eleventy", [".", "src", "public"], None, "/",
                     [("_site", "Eleventy's build output"), ("_includes", "Eleventy layouts"),
                      ("src/_includes", "Eleventy layouts"), ("node_modules", "npm packages")],
                     "_site")
    for kind, files, output in (("astro", _ASTRO, "dist"), ("next", _NEXT, "out")):
        if names.intersection(files):
            skip = [(output, f"{kind.title()}'s build output"), (".next", "Next.js cache"),
                    ("node_modules", "npm packages")]
            if kind == "astro":
                skip += [("src/layouts", "Astro layouts"), ("src/components", "components")]
            return _site(rel, kind, ["public"], None, "/", skip, output)
    return None


def _site(rel: str, kind: str, roots: Sequence[str], url: str | None, path: str,
          skip: Sequence[tuple[str, str]], output: str) -> Site:
    folders = [r for r in dict.fromkeys(_join(rel, r) for r in roots) if _inside(r)]
    urls = ((url, folders[0]),) if url and folders else ()
    skipped = tuple((_join(rel, f), why) for f, why in skip
                    if _inside(_join(rel, f)) and _join(rel, f) != rel)
    return Site(rel, kind, tuple(folders), urls, path, skipped, (_join(rel, output),))


def _origin(values: Sequence[str]) -> tuple[str | None, str]:
    """A base URL as (normalised ``scheme://host/path/`` or None, its path ``/path/``)."""
    for value in values:
        parts = urlsplit(value.strip())
        if parts.scheme in ("http", "https") and parts.hostname:
            path = "/" + parts.path.strip("/") + "/" if parts.path.strip("/") else "/"
            return normalise_url(value), path
    return None, "/"


def _strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value] if value.strip() else []
    if isinstance(value, list):
        return [v for v in value if isinstance(v, str) and v.strip()]
    return []


def _read_config(file: Path) -> dict[str, Any]:
    """A generator's config file, or ``{}`` when it cannot be read (detection still holds)."""
    import yaml

    try:
        with file.open("rb") as fh:
            data = fh.read(_CONFIG_MAX_BYTES + 1)
        if len(data) > _CONFIG_MAX_BYTES:
            return {}
        text = data.decode("utf-8-sig")
        if file.suffix == ".toml":
            value: Any = tomllib.loads(text)
        elif file.suffix == ".json":
            value = json.loads(text)
        else:
            value = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except (OSError, UnicodeDecodeError, ValueError, RecursionError, yaml.YAMLError):
        return {}
    return value if isinstance(value, dict) else {}


# ------------------------------------------------------------------------ configured


def configured_site(table: Mapping[str, Any], policy_dir: Path, root: Path) -> Site | None:
    """The policy's ``[site]`` table as a site covering the policy file's folder.

    Folders are relative to the policy file; those outside the root are dropped (a web root
    is inside the root or it is refused).
    """
    roots = [_rel_to_root(policy_dir / w, root) for w in table.get("web_roots", ())]
    raw_urls = table.get("base_urls", ())
    pairs = raw_urls.items() if isinstance(raw_urls, Mapping) else ((u, None) for u in raw_urls)
    web = tuple(r for r in roots if r is not None)
    urls = []
    for url, folder in pairs:
        target = _rel_to_root(policy_dir / folder, root) if folder else (web[0] if web else "")
        if target is not None:
            urls.append((normalise_url(url), target))
    if not web and not urls:
        return None
    where = _rel_to_root(policy_dir, root)
    return Site(where or "", "configured", web, tuple(urls))


def _rel_to_root(path: Path, root: Path) -> str | None:
    rel = os.path.relpath(os.path.normpath(path), root).replace(os.sep, "/")
    rel = "" if rel == "." else rel
    return rel if _inside(rel) else None


def normalise_url(url: str) -> str:
    """``HTTPS://Example.com:443/Media`` -> ``https://example.com/Media/`` (a prefix)."""
    parts = urlsplit(url.strip())
    host = (parts.hostname or "").lower()
    default = {"http": 80, "https": 443}.get(parts.scheme.lower())
    try:
        port = parts.port
    except ValueError:
        port = None
    netloc = host if port in (None, default) else f"{host}:{port}"
    path = "/" + parts.path.strip("/") + "/" if parts.path.strip("/") else "/"
    return f"{parts.scheme.lower()}://{netloc}{path}"


# ------------------------------------------------------------------------ resolution


def url_target(src: str, site_map: SiteMap) -> tuple[str, str] | None:
    """(folder, path below it) for a full or protocol-relative URL on one of the sites' own
    origins (``http`` and ``https`` alike); None for any other origin."""
    parts = urlsplit("https:" + src if src.startswith("//") else src)
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return None
    origin = normalise_url(f"{parts.scheme}://{parts.netloc}/")
    here = _scheme_free(origin) + unquote(parts.path).lstrip("/")
    for prefix, folder in site_map.all_base_urls():
        key = _scheme_free(prefix)
        if here.startswith(key):
            return folder, here[len(key):]
    return None


def _scheme_free(url: str) -> str:
    return url.split("://", 1)[-1]


def web_candidates(path: str, site: Site | None) -> list[tuple[str, str]]:
    """(web-root folder, path inside it) for a site-absolute ``path``, in web-root order."""
    if site is None or not site.web_roots:
        return []
    below = path
    if site.base_path != "/" and path.startswith(site.base_path):
        below = path[len(site.base_path) - 1:]
    return [(root, below.lstrip("/")) for root in site.web_roots]


def page_origin_candidates(src: str, page_url: str, rel: str,
                           site: Site | None) -> list[tuple[str, str]]:
    """Web-root candidates for a full URL on the origin of the page's own address (its
    canonical link), for a saved or built page whose site's origin is not known otherwise.

    The page's address also tells the site's base path: ``https://x/blog/posts/a/`` for
    ``posts/a/index.html`` in the site folder means the site lives under ``/blog/``.
    """
    if site is None or not site.web_roots:
        return []
    there = urlsplit("https:" + src if src.startswith("//") else src)
    page = urlsplit(page_url)
    if not there.hostname or there.hostname != page.hostname or \
            page.scheme.lower() not in ("http", "https"):
        return []
    inner = rel[len(site.folder) + 1:] if site.folder else rel
    folder = inner.rsplit("/", 1)[0] + "/" if "/" in inner else ""
    if inner.rpartition("/")[2] not in ("index.html", "index.htm"):
        folder = inner.rsplit(".", 1)[0]  # posts/a.html is served as /posts/a.html or /posts/a
    page_path = unquote(page.path).lstrip("/")
    at = page_path.rfind(folder) if folder else len(page_path)
    prefix = page_path[:at] if at >= 0 and page_path.endswith(
        (folder, folder.rstrip("/"), folder + ".html")) else ""
    below = unquote(there.path).lstrip("/")
    below = below[len(prefix):] if prefix and below.startswith(prefix) else below
    return [(root, below) for root in site.web_roots]
