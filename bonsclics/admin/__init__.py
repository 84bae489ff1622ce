"""Platform administration."""
