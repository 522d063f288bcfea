"""The `docket` command line: one module per command group, one-line errors, exit codes."""
