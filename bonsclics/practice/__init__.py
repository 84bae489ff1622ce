"""Practice on safe imitations of essential online services."""
