"""Dates typed in forms: both forms people use, and nothing else."""
import datetime

import pytest

from bonsclics.dates import parse_date


@pytest.mark.parametrize("typed, expected", [
    ("2026-03-14", datetime.date(2026, 3, 14)), (" 14/03/2026 ", datetime.date(2026, 3, 14)),
    ("31/02/2026", None), ("2026-13-01", None), ("14 mars", None), ("", None), (None, None),
])
def test_parse_date(typed, expected):
    assert parse_date(typed) == expected
