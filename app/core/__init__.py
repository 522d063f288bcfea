"""What every wing stands on: errors, field checks, one transaction per action, safe files."""
