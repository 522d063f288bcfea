"""`python -m app.cli`: the same as the `docket` command."""

import sys

from app.cli.main import main

sys.exit(main())
