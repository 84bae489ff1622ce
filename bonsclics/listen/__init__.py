"""Listening: spoken versions of texts, generated on the server when the browser cannot."""
