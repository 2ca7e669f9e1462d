"""``python -m provenance`` runs the same CLI as the ``provenance`` console script."""

import sys

from provenance.cli import main

if __name__ == "__main__":
    sys.exit(main())
