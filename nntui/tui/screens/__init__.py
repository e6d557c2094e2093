"""Screens pushed over the main view (the key help)."""
