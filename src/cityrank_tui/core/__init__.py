"""The domain: what a ranking is, with no UI. Never imports Textual."""
