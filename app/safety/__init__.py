"""The record's safety: the opening pipeline, the lock, backups, restore and checks of the file."""
