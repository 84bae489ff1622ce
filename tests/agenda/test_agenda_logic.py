"""The pure rules: weekly series across time zones and daylight-saving changes, phones, codes, reminders."""
import datetime

import pytest

from bonsclics.agenda.logic import (
    can_receive_sms, choose_channel, display_phone, due_reminder, format_booking_code, looks_like_booking_code,
    normalise_phone, parse_time, seats_left, to_utc, weekly_occurrences,
)

D, T, DT = datetime.date, datetime.time, datetime.datetime


def test_weekly_series_keeps_the_wall_clock_across_spring_and_autumn_changes():
    # Every Tuesday 14:00-17:00 in Paris from 17 March to 7 April 2026: clocks go forward on 29 March.
    dates = weekly_occurrences(1, T(14), T(17), D(2026, 3, 16), D(2026, 4, 7), "Europe/Paris")
    assert [o.date for o in dates] == [D(2026, 3, 17), D(2026, 3, 24), D(2026, 3, 31), D(2026, 4, 7)]
    assert [o.starts_at for o in dates] == [DT(2026, 3, 17, 13), DT(2026, 3, 24, 13), DT(2026, 3, 31, 12), DT(2026, 4, 7, 12)]
    assert all(o.ends_at - o.starts_at == datetime.timedelta(hours=3) for o in dates)
    # Autumn: clocks go back on 25 October 2026.
    autumn = weekly_occurrences(1, T(14), T(17), D(2026, 10, 20), D(2026, 10, 27), "Europe/Paris")
    assert [o.starts_at for o in autumn] == [DT(2026, 10, 20, 12), DT(2026, 10, 27, 13)]


def test_a_series_on_the_night_of_the_change():
    # Sunday sessions at 02:30 (does not exist on 29 March) and 02:30 (twice on 25 October).
    spring = weekly_occurrences(6, T(2, 30), T(3, 30), D(2026, 3, 22), D(2026, 3, 29), "Europe/Paris")
    assert spring[0].starts_at == DT(2026, 3, 22, 1, 30)
    assert spring[1].starts_at == DT(2026, 3, 29, 1, 30)  # read as 02:30 winter time = 03:30 summer time
    autumn = weekly_occurrences(6, T(2, 30), T(3, 30), D(2026, 10, 25), D(2026, 10, 25), "Europe/Paris")
    assert autumn[0].starts_at == DT(2026, 10, 25, 0, 30)  # the first 02:30 (summer time)
    assert autumn[0].ends_at == DT(2026, 10, 25, 2, 30)  # 03:30 winter time: the session lasts two real hours


def test_exceptions_and_other_zones():
    dates = weekly_occurrences(1, T(14), T(17), D(2026, 3, 16), D(2026, 4, 7), "Europe/Paris",
                               exceptions=[D(2026, 3, 31)])
    assert [o.date for o in dates] == [D(2026, 3, 17), D(2026, 3, 24), D(2026, 4, 7)]
    # La Réunion has no daylight saving: UTC+4 all year.
    reunion = weekly_occurrences(1, T(14), T(17), D(2026, 3, 16), D(2026, 4, 7), "Indian/Reunion")
    assert {o.starts_at.time() for o in reunion} == {T(10)}
    # Overseas in the other hemisphere and New York change on other dates than Paris.
    new_york = weekly_occurrences(2, T(9), T(10), D(2026, 3, 2), D(2026, 3, 18), "America/New_York")
    assert [o.starts_at.hour for o in new_york] == [14, 13, 13]  # US clocks change on 8 March


def test_series_start_on_the_first_matching_weekday_and_are_capped():
    dates = weekly_occurrences(4, T(10), T(11), D(2026, 3, 16), D(2026, 3, 31), "Europe/Paris")
    assert [o.date.weekday() for o in dates] == [4, 4] and dates[0].date == D(2026, 3, 20)
    assert weekly_occurrences(0, T(10), T(11), D(2026, 3, 17), D(2026, 3, 18), "Europe/Paris") == []
    assert len(weekly_occurrences(0, T(10), T(11), D(2026, 1, 5), D(2030, 1, 1), "Europe/Paris")) == 60


def test_to_utc_and_parse_time():
    assert to_utc(D(2026, 7, 1), T(9), "Europe/Paris") == DT(2026, 7, 1, 7)
    assert parse_time("14:05") == T(14, 5) and parse_time("9h30") == T(9, 30)
    assert parse_time("24:00") is None and parse_time("14:60") is None and parse_time("") is None


@pytest.mark.parametrize("typed, expected", [
    ("06 12 34 56 78", "+33612345678"),
    ("06.12.34.56.78", "+33612345678"),
    ("+33 6 12 34 56 78", "+33612345678"),
    ("0033612345678", "+33612345678"),
    ("01 23 45 67 89", "+33123456789"),
    ("0692 12 34 56", "+262692123456"),
    ("+44 7911 123456", "+447911123456"),
    ("06 12 34", None),
    ("+33 06 12 34 56 78", None),
    ("0012", None),
    ("abcdefghij", None),
    ("٠٦١٢٣٤٥٦٧٨", "+33612345678"),
    ("۰۶ ۱۲ ۳۴ ۵۶ ۷۸", "+33612345678"),
    ("06 12 34 56 7²", None),
    ("", None),
])
def test_phone_numbers(typed, expected):
    assert normalise_phone(typed) == expected


def test_sms_and_channels():
    assert can_receive_sms("+33612345678") and can_receive_sms("+33712345678") and can_receive_sms("+447911123456")
    assert not can_receive_sms("+33123456789") and not can_receive_sms("")
    assert choose_channel("+33612345678", "a@b.fr") == "sms"
    assert choose_channel("+33612345678", "a@b.fr", both=True) == "both"
    assert choose_channel("+33123456789", "a@b.fr", both=True) == "email"
    assert choose_channel("", "") == "none" and choose_channel("+33123456789", "") == "none"
    assert display_phone("+33612345678") == "06 12 34 56 78"


def test_booking_codes():
    assert format_booking_code("K7QM3T") == "K7Q-M3T"
    assert looks_like_booking_code("K7QM3T")
    assert not looks_like_booking_code("K7QM3") and not looks_like_booking_code("S0O1IL")


def test_reminders_due():
    start = DT(2026, 3, 26, 13)
    booked = DT(2026, 3, 20)
    hours = [48, 2]
    assert due_reminder(start, booked, DT(2026, 3, 24, 12, 59), hours) is None
    assert due_reminder(start, booked, DT(2026, 3, 24, 13), hours) == 48
    assert due_reminder(start, booked, DT(2026, 3, 26, 11), hours) == 2  # late run: only the latest
    assert due_reminder(start, booked, start, hours) is None  # started: too late
    # Booked 30 hours before: no 48 h reminder, the 2 h one later.
    late = start - datetime.timedelta(hours=30)
    assert due_reminder(start, late, DT(2026, 3, 25, 9), hours) is None
    assert due_reminder(start, late, DT(2026, 3, 26, 11, 30), hours) == 2
    # Booked an hour before: nothing.
    assert due_reminder(start, start - datetime.timedelta(hours=1), DT(2026, 3, 26, 12, 30), hours) is None


def test_seats_left():
    assert seats_left(None, 40) is None and seats_left(5, 2) == 3 and seats_left(2, 3) == 0
