"""Reporting: indicators, charts, exports, public figures."""
