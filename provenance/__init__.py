"""provenance: check that news articles credit their sources and disclose AI-generated images.

Importing this package is cheap on purpose: ``provenance --version`` must not pull in
Pillow or c2pa-python, so heavy modules are imported only where they are used.
"""

__version__ = "0.2.0"
SCHEMA_VERSION = "1.0"
TOOL_NAME = "provenance"


def package_text(*parts: str) -> str:
    """A text file shipped inside the package (``presets/…``, ``schemas/…``).

    Read next to this module when the package is installed as files (every pip install);
    through ``importlib.resources`` only when it is not (a zip), since importing that costs
    ~20 ms of every run's start.
    """
    import os

    try:
        with open(os.path.join(os.path.dirname(__file__), *parts), encoding="utf-8") as fh:
            return fh.read()
    except FileNotFoundError:
        from importlib import resources

        return resources.files("provenance").joinpath(*parts).read_text(encoding="utf-8")
