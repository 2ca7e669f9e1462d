"""provenance: check that news articles credit their sources and disclose AI-generated images.

Importing this package is cheap on purpose: ``provenance --version`` must not pull in
Pillow or c2pa-python, so heavy modules are imported only where they are used.
"""

__version__ = "0.1.0"
SCHEMA_VERSION = "1.0"
TOOL_NAME = "provenance"
