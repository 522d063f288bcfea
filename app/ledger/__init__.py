"""The ledger's rules: overdue, slips, targets and date phrases, schedules, standings."""
