"""Use cases that change the record: bodies, meetings, agenda, owners, commitments, ledgers."""
