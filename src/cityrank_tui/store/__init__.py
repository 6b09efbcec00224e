"""The user's files (bookmarks, settings, state). Never imports Textual."""
