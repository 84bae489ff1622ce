"""The clock and the period the report tests use."""
import datetime

NOW = datetime.datetime(2026, 6, 15, 12, 0)
PERIOD = {"start": "2026-01-01", "end": "2026-06-14"}
