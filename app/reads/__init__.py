"""Read models: plain immutable rows for the app's views, lookups by name, counts and history."""
