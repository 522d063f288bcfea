"""The frozen bundle's entry point: the same `docket` command as `pip install` gives."""

import sys

from app.cli.main import main

if __name__ == "__main__":
    sys.exit(main())
