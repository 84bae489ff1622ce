"""Places that help: search, place pages, management, import and export."""
