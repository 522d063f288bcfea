"""The main window's four views: Overview, Meetings, Commitments, Decisions."""
