"""Flask web UI and JSON API (see issue 3)."""
