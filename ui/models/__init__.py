"""Item models: thin adapters from immutable rows to Qt views."""
