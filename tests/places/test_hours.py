"""Tests for bonsclics.places.hours (pure: no Flask app needed)."""
import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bonsclics.places.hours import (
    DAYS,
    FULL_DAY,
    MESSAGES,
    OpeningHours,
    OpeningHoursError,
    describe,
    french_public_holidays,
    is_open,
    next_opening,
    parse,
    to_osm,
)

PARIS = ZoneInfo("Europe/Paris")
UTC = dt.timezone.utc
EXAMPLE = "Mo-Fr 09:00-12:00,14:00-18:30; Sa 08:30-12:00"


def paris(*args):
    return dt.datetime(*args, tzinfo=PARIS)


def hm(text):
    """'09:00-12:00' -> (540, 720)."""
    start, end = text.split("-")
    return tuple(int(t[:2]) * 60 + int(t[3:]) for t in (start, end))


def week(text):
    return parse(text).week


# --- parsing -----------------------------------------------------------------


def test_parse_example():
    oh = parse(EXAMPLE)
    workday = (hm("09:00-12:00"), hm("14:00-18:30"))
    assert oh.week == (workday,) * 5 + ((hm("08:30-12:00"),), ())
    assert oh.holidays == (None,) * 7
    assert isinstance(oh, OpeningHours)
    with pytest.raises(AttributeError):
        oh.week = ()  # frozen


@pytest.mark.parametrize(
    "variant, canonical",
    [
        ("mo-fr 09:00-12:00", "Mo-Fr 09:00-12:00"),
        ("  Mo - Fr   09:00 - 12:00 ,14:00-18:00 ", "Mo-Fr 09:00-12:00,14:00-18:00"),
        ("Mo-Fr\t09:00-12:00", "Mo-Fr 09:00-12:00"),
        ("Mo,Tu,We,Th,Fr 09:00-12:00", "Mo-Fr 09:00-12:00"),
        ("Mo-We,Th , fr 09:00-12:00", "Mo-Fr 09:00-12:00"),
        ("Mo-Fr 9:00-12:00", "Mo-Fr 09:00-12:00"),
        ("Mo-Fr 09:00-12:00;", "Mo-Fr 09:00-12:00"),
        (";Mo-Fr 09:00-12:00;;", "Mo-Fr 09:00-12:00"),
        ("Mo-Fr 14:00-18:00,09:00-12:00", "Mo-Fr 09:00-12:00,14:00-18:00"),
        ("09:00-12:00,12:00-14:00", "09:00-14:00"),  # adjacent spans merge
        ("Mo-Su 00:00-24:00", "24/7"),
        ("00:00-24:00", "24/7"),
        ("Mo closed", "off"),
        ("Sa-Su off", "off"),
        ("Mo-Fr 09:00-12:00; PH closed", "Mo-Fr 09:00-12:00; PH off"),
        ("Mo-Fr,PH 09:00-12:00", "PH,Mo-Fr 09:00-12:00"),
        ("Mo-Su 10:00-18:00", "10:00-18:00"),
    ],
)
def test_equivalent_forms(variant, canonical):
    assert parse(variant) == parse(canonical)


def test_day_lists_and_ranges():
    assert [bool(s) for s in week("Mo,We,Fr 10:00-12:00")] == [1, 0, 1, 0, 1, 0, 0]
    assert [bool(s) for s in week("Tu-Th 10:00-12:00")] == [0, 1, 1, 1, 0, 0, 0]
    assert [bool(s) for s in week("Mo-Mo 10:00-12:00")] == [1, 0, 0, 0, 0, 0, 0]


@pytest.mark.parametrize(
    "text, open_days",
    [
        ("Sa-Mo 10:00-12:00", [1, 0, 0, 0, 0, 1, 1]),
        ("Fr-Tu 10:00-12:00", [1, 1, 0, 0, 1, 1, 1]),
        ("Su-Mo 10:00-12:00", [1, 0, 0, 0, 0, 0, 1]),
        ("Tu-Mo 10:00-12:00", [1] * 7),
    ],
)
def test_wrap_around_ranges(text, open_days):
    assert [bool(s) for s in week(text)] == [bool(d) for d in open_days]


def test_bare_spans_mean_every_day():
    assert week("10:00-12:00,14:00-16:00") == ((hm("10:00-12:00"), hm("14:00-16:00")),) * 7


def test_24_7_and_off():
    assert week("24/7") == (FULL_DAY,) * 7
    assert week("off") == ((),) * 7
    assert week("closed") == ((),) * 7


def test_end_at_midnight():
    assert week("Fr 20:00-24:00")[4] == ((20 * 60, 24 * 60),)


def test_ph_forms():
    assert parse("Mo-Fr 09:00-17:00; PH off").holidays == ((),) * 5 + (None, None)
    assert parse("Mo-Sa 09:00-17:00; PH 10:00-12:00").holidays == ((hm("10:00-12:00"),),) * 6 + (
        (hm("10:00-12:00"),),
    )
    # Same hours on weekdays and holidays: only the weekend holidays differ from usual.
    assert parse("Mo-Fr,PH 09:00-12:00").holidays == (None,) * 5 + ((hm("09:00-12:00"),),) * 2
    assert parse("PH,Sa 09:00-12:00") == parse("Sa 09:00-12:00; PH 09:00-12:00")


# --- override order ------------------------------------------------------------


def test_later_rule_overrides_named_days_only():
    oh = week("Mo-Fr 09:00-18:00; We 09:00-12:00")
    assert oh[2] == (hm("09:00-12:00"),)
    assert oh[1] == oh[3] == (hm("09:00-18:00"),)
    assert week("Mo-Fr 09:00-18:00; We off")[2] == ()
    assert week("We off; Mo-Fr 09:00-18:00")[2] == (hm("09:00-18:00"),)


def test_rule_without_days_overrides_everything():
    oh = parse("Mo-Fr 09:00-12:00; PH off; 10:00-11:00")
    assert oh.week == ((hm("10:00-11:00"),),) * 7
    assert oh.holidays == (None,) * 7
    assert week("Mo-Fr 09:00-12:00; off") == ((),) * 7
    assert week("Sa 10:00-12:00; 24/7") == (FULL_DAY,) * 7


def test_weekday_rule_after_ph_wins_on_holidays():
    # As in OSM: "PH off" is overridden by a later rule naming the weekday.
    assert parse("PH off; Mo-Fr 09:00-12:00") == parse("Mo-Fr 09:00-12:00")
    oh = parse("Mo-Sa 09:00-12:00; PH off; Sa 09:00-12:00")
    assert not is_open(oh, paris(2025, 7, 14, 10))  # Monday 14 July
    assert is_open(oh, paris(2025, 11, 1, 10))  # Saturday 1 November


# --- refusals -------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, message_id",
    [
        ("", "empty"),
        ("   ", "empty"),
        (" ; ;", "empty"),
        ("SH off", "unsupported-sh"),
        ("Mo-Fr 09:00-12:00; sh off", "unsupported-sh"),
        ("week 01-10 Mo 09:00-12:00", "unsupported-week"),
        ("Dec 25 off", "unsupported-date"),
        ("Jan-Mar Mo 09:00-12:00", "unsupported-date"),
        ("easter off", "unsupported-date"),
        ('Mo 09:00-12:00 "sur rendez-vous"', "unsupported-comment"),
        ("Mo 09:00-12:00 “sur rendez-vous”", "unsupported-comment"),
        ("sunrise-sunset", "unsupported-sun"),
        ("Mo 09:00-(dusk-01:00)", "unsupported-sun"),
        ("Mo 09:00+", "unsupported-open-end"),
        ("Mo 09:00-12:00 || Tu 10:00-12:00", "unsupported-fallback"),
        ("Su[1] 10:00-12:00", "unsupported-nth"),
        ("Lu-Ve 09:00-12:00", "bad-day"),
        ("Mon-Fri 09:00-12:00", "bad-day"),
        ("Mo-PH 09:00-12:00", "bad-day"),
        ("Mo-Tu-We 09:00-12:00", "bad-day"),
        ("Mo,,Fr 09:00-12:00", "bad-day"),
        ("unknown", "bad-day"),
        ("Mo 9h-12h", "bad-time"),
        ("Mo 0900-1200", "bad-time"),
        ("Mo 09:60-12:00", "bad-time"),
        ("Mo 25:00-26:00", "bad-time"),
        ("Mo 24:00-24:00", "bad-time"),
        ("Mo 09:00-24:30", "bad-time"),
        ("Mo 09:00-09:00", "bad-time"),
        ("Mo 09:00", "bad-time"),
        ("Mo 24/7", "bad-time"),
        ("Mo 09:00-12:00,off", "bad-time"),
        ("Mo ٠٩:٠٠-١٢:٠٠", "bad-time"),  # only ASCII digits
        ("Mo 22:00-02:00", "overnight"),
        ("Mo 22:00-00:00", "overnight"),
        ("Mo 09:00-12:00,11:00-13:00", "overlap"),
        ("Mo 09:00-12:00,09:00-12:00", "overlap"),
        ("Mo-Fr", "missing-hours"),
        ("PH", "missing-hours"),
        ("Mo-Fr 09:00-12:00; Sa", "missing-hours"),
        ("Mo 09:00-12:00 14:00-18:00", "syntax"),
        ("Mo 09:00-12:00 off", "syntax"),
        ("Mo 09:00-12:00 open", "syntax"),
    ],
)
def test_refusals(text, message_id):
    with pytest.raises(OpeningHoursError) as info:
        parse(text)
    assert info.value.message_id == message_id
    assert str(info.value) == MESSAGES[message_id] % info.value.params


def test_error_is_a_value_error_with_plain_french_message():
    with pytest.raises(ValueError) as info:
        parse("Mo-Fr 09:00-12:00; SH off")
    assert str(info.value) == (
        "Les vacances scolaires (SH) ne sont pas prises en charge. Utilisez les jours (Mo, Tu...), "
        "les heures (09:00-12:00), PH pour les jours fériés et off pour fermé."
    )


def test_error_messages_name_the_faulty_part():
    with pytest.raises(OpeningHoursError) as info:
        parse("Lu-Ve 09:00-12:00")
    assert "« Lu-Ve »" in str(info.value) and info.value.params == {"item": "Lu-Ve"}
    with pytest.raises(OpeningHoursError) as info:
        parse("Mo 14:00-18:00,09:00-15:00")
    assert info.value.params == {"first": "09:00-15:00", "second": "14:00-18:00"}
    with pytest.raises(OpeningHoursError) as info:
        parse("Fr 22:00-02:00")
    assert "Fr 22:00-24:00; Sa 00:00-02:00" in str(info.value)
    with pytest.raises(OpeningHoursError) as info:
        parse("Mo-Fr")
    assert "Mo-Fr 09:00-17:00" in str(info.value)


# --- public holidays ----------------------------------------------------------


def test_french_public_holidays_2025():
    assert french_public_holidays(2025) == {
        dt.date(2025, 1, 1),
        dt.date(2025, 4, 21),  # Easter Monday
        dt.date(2025, 5, 1),
        dt.date(2025, 5, 8),
        dt.date(2025, 5, 29),  # Ascension
        dt.date(2025, 6, 9),  # Whit Monday
        dt.date(2025, 7, 14),
        dt.date(2025, 8, 15),
        dt.date(2025, 11, 1),
        dt.date(2025, 11, 11),
        dt.date(2025, 12, 25),
    }


@pytest.mark.parametrize(
    "year, easter",
    [(2000, (4, 23)), (2019, (4, 21)), (2024, (3, 31)), (2038, (4, 25)), (2285, (3, 22)),
     (1818, (3, 22)), (1943, (4, 25))],
)
def test_easter_based_holidays(year, easter):
    sunday = dt.date(year, *easter)
    holidays = french_public_holidays(year)
    assert len(holidays) == 11
    for days in (1, 39, 50):
        assert sunday + dt.timedelta(days=days) in holidays
    assert sunday not in holidays


def test_ascension_on_1_may():
    holidays = french_public_holidays(2008)  # Easter on 23 March 2008
    assert dt.date(2008, 5, 1) in holidays and dt.date(2008, 5, 12) in holidays
    assert len(holidays) == 10


def test_holidays_result_can_be_modified_safely():
    french_public_holidays(2026).clear()
    assert len(french_public_holidays(2026)) == 11


# --- is_open --------------------------------------------------------------------


@pytest.mark.parametrize(
    "hour, minute, expected",
    [(8, 59, False), (9, 0, True), (11, 59, True), (12, 0, False), (13, 59, False),
     (14, 0, True), (18, 29, True), (18, 30, False)],
)
def test_is_open_edges(hour, minute, expected):
    assert is_open(parse(EXAMPLE), paris(2025, 1, 6, hour, minute)) is expected  # a Monday


def test_is_open_last_second_and_midnight():
    oh = parse(EXAMPLE)
    assert is_open(oh, paris(2025, 1, 6, 11, 59, 59))
    late = parse("Fr 20:00-24:00")
    assert is_open(late, paris(2025, 1, 10, 23, 59, 59))
    assert not is_open(late, paris(2025, 1, 11, 0, 0))


def test_is_open_converts_to_local_time():
    oh = parse("Mo-Fr 09:00-12:00")
    assert is_open(oh, dt.datetime(2025, 1, 6, 8, 0, tzinfo=UTC))  # 09:00 in Paris (winter)
    assert not is_open(oh, dt.datetime(2025, 7, 7, 10, 0, tzinfo=UTC))  # 12:00 in Paris (summer)
    # 12:00 UTC is 09:00 in French Guiana.
    assert is_open(oh, dt.datetime(2025, 1, 6, 12, 0, tzinfo=UTC), tz="America/Cayenne")
    assert not is_open(oh, dt.datetime(2025, 1, 6, 12, 0, tzinfo=UTC))


def test_is_open_on_public_holidays():
    assert not is_open(parse("Mo-Fr 09:00-12:00; PH off"), paris(2025, 7, 14, 10))
    assert is_open(parse("Mo-Fr 09:00-12:00"), paris(2025, 7, 14, 10))  # no PH rule: usual hours
    assert is_open(parse("Su off; PH 10:00-12:00"), paris(2025, 5, 8, 11))  # Thursday 8 May
    assert not is_open(parse("Su off; PH 10:00-12:00"), paris(2025, 5, 9, 11))


def test_naive_datetime_refused():
    with pytest.raises(ValueError):
        is_open(parse("24/7"), dt.datetime(2025, 1, 6, 10))
    with pytest.raises(ValueError):
        next_opening(parse("24/7"), dt.datetime(2025, 1, 6, 10))


# --- next_opening ----------------------------------------------------------------


def test_next_opening_when_open_is_start_of_current_span():
    oh = parse(EXAMPLE)
    assert next_opening(oh, paris(2025, 1, 6, 10, 30)) == paris(2025, 1, 6, 9, 0)
    assert next_opening(oh, paris(2025, 1, 6, 9, 0)) == paris(2025, 1, 6, 9, 0)


def test_next_opening_same_day_and_weekend():
    oh = parse(EXAMPLE)
    assert next_opening(oh, paris(2025, 1, 6, 12, 0)) == paris(2025, 1, 6, 14, 0)
    assert next_opening(oh, paris(2025, 1, 6, 7, 0)) == paris(2025, 1, 6, 9, 0)
    assert next_opening(oh, paris(2025, 1, 11, 12, 0)) == paris(2025, 1, 13, 9, 0)  # Sat -> Mon
    assert next_opening(parse("Mo-Fr 09:00-12:00"), paris(2025, 1, 10, 19)) == paris(2025, 1, 13, 9)


def test_next_opening_is_aware_in_place_timezone():
    result = next_opening(parse("Mo-Fr 09:00-12:00"), dt.datetime(2025, 1, 6, 20, tzinfo=UTC))
    assert result.tzinfo == PARIS and result == paris(2025, 1, 7, 9, 0)
    cayenne = next_opening(parse("Mo-Fr 09:00-12:00"), dt.datetime(2025, 1, 6, 20, tzinfo=UTC),
                           tz="America/Cayenne")
    assert cayenne == dt.datetime(2025, 1, 7, 12, 0, tzinfo=UTC)


def test_next_opening_skips_easter_monday():
    oh = parse("Mo-Fr 09:00-12:00; PH off")
    # Good Friday is not a national holiday: open. Easter Monday is: closed.
    assert next_opening(oh, paris(2025, 4, 18, 8)) == paris(2025, 4, 18, 9)
    assert next_opening(oh, paris(2025, 4, 18, 13)) == paris(2025, 4, 22, 9)


def test_next_opening_skips_14_july():
    oh = parse("Mo-Fr 09:00-12:00; PH off")
    assert next_opening(oh, paris(2025, 7, 11, 18)) == paris(2025, 7, 15, 9)
    assert next_opening(parse("Mo-Fr 09:00-12:00"), paris(2025, 7, 11, 18)) == paris(2025, 7, 14, 9)
    special = parse("Mo-Sa 09:00-18:00; PH 10:00-12:00")
    assert next_opening(special, paris(2025, 7, 14, 8)) == paris(2025, 7, 14, 10)


def test_next_opening_across_spring_dst_change():
    when = paris(2025, 3, 29, 18)  # Saturday, UTC+1; clocks go forward on Sunday 30 March
    result = next_opening(parse("09:00-17:00"), when)
    assert (result.date(), result.hour, result.minute) == (dt.date(2025, 3, 30), 9, 0)
    assert when.utcoffset() == dt.timedelta(hours=1)
    assert result.utcoffset() == dt.timedelta(hours=2)
    assert result == dt.datetime(2025, 3, 30, 7, 0, tzinfo=UTC)
    monday = next_opening(parse("Mo-Fr 09:00-17:00"), paris(2025, 3, 28, 18))
    assert monday == dt.datetime(2025, 3, 31, 7, 0, tzinfo=UTC)


def test_next_opening_across_autumn_dst_change():
    when = paris(2025, 10, 25, 18)  # Saturday, UTC+2; clocks go back on Sunday 26 October
    result = next_opening(parse("09:00-17:00"), when)
    assert (result.date(), result.hour, result.minute) == (dt.date(2025, 10, 26), 9, 0)
    assert when.utcoffset() == dt.timedelta(hours=2)
    assert result.utcoffset() == dt.timedelta(hours=1)
    assert result == dt.datetime(2025, 10, 26, 8, 0, tzinfo=UTC)


def test_next_opening_inside_skipped_hour_gives_a_real_time():
    result = next_opening(parse("Su 02:30-04:00"), paris(2025, 3, 29, 12))
    assert result == dt.datetime(2025, 3, 30, 1, 30, tzinfo=UTC)  # 03:30 summer time
    assert (result.hour, result.minute) == (3, 30)


def test_next_opening_during_repeated_hour_compares_instants():
    # 02:30 UTC+1 (second pass) is after 02:45 UTC+2 (first pass): next is the 03:00 span.
    when = dt.datetime(2025, 10, 26, 1, 30, tzinfo=UTC)
    oh = parse("Su 02:45-02:50,03:00-04:00")
    assert next_opening(oh, when) == dt.datetime(2025, 10, 26, 2, 0, tzinfo=UTC)


def test_next_opening_none_or_limited_to_14_days():
    assert next_opening(parse("off"), paris(2025, 1, 6, 10)) is None
    holidays_only = parse("PH 10:00-12:00")
    assert next_opening(holidays_only, paris(2025, 9, 1, 10)) is None  # next is 1 November
    assert next_opening(holidays_only, paris(2025, 12, 20, 10)) == paris(2025, 12, 25, 10)
    assert next_opening(holidays_only, paris(2025, 10, 18, 13)) == paris(2025, 11, 1, 10)
    assert next_opening(holidays_only, paris(2025, 10, 18, 9)) is None  # 14 days and 1 hour later
    assert next_opening(holidays_only, paris(2025, 10, 18, 10)) == paris(2025, 11, 1, 10)  # 14 local days


# --- describe ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, lines",
    [
        (EXAMPLE, ["Lundi à vendredi : 9 h – 12 h et 14 h – 18 h 30", "Samedi : 8 h 30 – 12 h"]),
        ("24/7", ["Ouvert tous les jours, 24 h sur 24"]),
        ("24/7; PH off", ["Tous les jours : 24 h sur 24", "Jours fériés : fermé"]),
        ("Mo-Fr 09:00-17:00; PH off", ["Lundi à vendredi : 9 h – 17 h", "Jours fériés : fermé"]),
        ("Mo-Sa 09:00-12:00; PH 10:00-12:00",
         ["Lundi à samedi : 9 h – 12 h", "Jours fériés : 10 h – 12 h"]),
        ("Sa,Su 10:00-18:00", ["Samedi et dimanche : 10 h – 18 h"]),
        ("Mo,We,Fr 09:00-12:00",
         ["Lundi : 9 h – 12 h", "Mercredi : 9 h – 12 h", "Vendredi : 9 h – 12 h"]),
        ("10:00-18:00", ["Tous les jours : 10 h – 18 h"]),
        ("Tu 09:00-10:00,11:00-12:00,14:05-15:00",
         ["Mardi : 9 h – 10 h, 11 h – 12 h et 14 h 05 – 15 h"]),
        ("Fr 20:00-24:00; Sa 00:00-24:00", ["Vendredi : 20 h – 24 h", "Samedi : 24 h sur 24"]),
        ("off", ["Fermé"]),
        ("Mo-Sa 09:00-12:00; PH off; Sa 09:00-12:00",
         ["Lundi à samedi : 9 h – 12 h", "Jours fériés (sauf samedi) : fermé"]),
    ],
)
def test_describe_french(text, lines):
    assert describe(parse(text)) == lines


def test_describe_uses_locale_day_names():
    oh = parse(EXAMPLE)
    assert describe(oh, "en") == [
        "Monday à Friday : 9 h – 12 h et 14 h – 18 h 30",
        "Saturday : 8 h 30 – 12 h",
    ]
    arabic = describe(oh, "ar")
    assert arabic[0].startswith("الاثنين à الجمعة : ")
    assert arabic[1].startswith("السبت : ")


# --- to_osm and round trip ------------------------------------------------------------


@pytest.mark.parametrize(
    "text, normalised",
    [
        ("mo - fr 9:00-12:00 , 14:00-18:30;sa 08:30-12:00", EXAMPLE),
        ("Mo,Tu,We,Fr 10:00-12:00", "Mo-We,Fr 10:00-12:00"),
        ("Sa-Mo 10:00-12:00", "Mo,Sa,Su 10:00-12:00"),
        ("Mo-Su 00:00-24:00", "24/7"),
        ("closed", "off"),
        ("Mo-Fr 09:00-17:00; PH closed", "Mo-Fr 09:00-17:00; PH off"),
        ("PH off; Mo-Fr 09:00-12:00", "Mo-Fr 09:00-12:00"),
        ("Mo-Sa 09:00-12:00; PH off; Sa 09:00-12:00", "Mo-Sa 09:00-12:00; PH off; Sa 09:00-12:00"),
        ("Mo-Fr,PH 09:00-12:00", "Mo-Fr 09:00-12:00; PH 09:00-12:00"),
        ("10:00-18:00; Su off", "Mo-Sa 10:00-18:00"),
        ("10:00-18:00; PH off", "10:00-18:00; PH off"),
        ("Mo 10:00-12:00; Tu 14:00-16:00; We 10:00-12:00", "Mo,We 10:00-12:00; Tu 14:00-16:00"),
    ],
)
def test_to_osm(text, normalised):
    assert to_osm(parse(text)) == normalised


ROUND_TRIP = [
    EXAMPLE, "24/7", "24/7; PH off", "off", "PH off", "PH 10:00-12:00", "Sa-Mo 10:00-12:00",
    "Mo-Sa 09:00-12:00; PH off; Sa 09:00-12:00", "PH off; Mo-We 09:00-12:00; We off",
    "Mo-Fr,PH 09:00-12:00; Sa 10:00-11:00", "Fr 20:00-24:00; Sa 00:00-02:00",
]


@pytest.mark.parametrize("text", ROUND_TRIP)
def test_round_trip(text):
    oh = parse(text)
    assert parse(to_osm(oh)) == oh


# --- property tests -------------------------------------------------------------------

_day = st.sampled_from(DAYS)
_selector = st.lists(
    st.one_of(_day, st.tuples(_day, _day).map("-".join), st.just("PH")), min_size=1, max_size=4
).map(",".join)
_spans = (
    st.lists(st.integers(0, 24 * 60), min_size=2, max_size=8, unique=True)
    .map(sorted)
    .map(lambda m: [(m[i], m[i + 1]) for i in range(0, len(m) - 1, 2)])
    .flatmap(st.permutations)
    .map(lambda spans: ",".join(f"{s // 60:02d}:{s % 60:02d}-{e // 60:02d}:{e % 60:02d}"
                                for s, e in spans))
)
_spec = st.one_of(_spans, st.sampled_from(["off", "closed"]))
_rule = st.one_of(st.tuples(_selector, _spec).map(" ".join), _spec, st.just("24/7"))
valid_texts = st.tuples(
    st.lists(_rule, min_size=1, max_size=5), st.sampled_from(["; ", ";", " ;  "]), st.booleans()
).map(lambda t: (t[1].join(t[0])).lower() if t[2] else t[1].join(t[0]))


@settings(deadline=None, max_examples=300)
@given(valid_texts)
def test_valid_strings_parse_and_round_trip(text):
    oh = parse(text)
    assert len(oh.week) == len(oh.holidays) == 7
    osm = to_osm(oh)
    assert parse(osm) == oh
    assert to_osm(parse(osm)) == osm
    lines = describe(oh)
    assert lines and all(isinstance(line, str) and line for line in lines)


def _parse_or_error(text):
    try:
        parse(text)
    except OpeningHoursError as error:
        assert error.message_id in MESSAGES and str(error)


@settings(deadline=None, max_examples=300)
@given(st.text())
def test_random_text_raises_only_opening_hours_error(text):
    _parse_or_error(text)


@settings(deadline=None, max_examples=500)
@given(st.lists(st.sampled_from(list(" \t;,:-/+|[]\"0123456789MoTuWeThFrSaPHoffclsedhx")
                                + ["Mo", "Sa", "PH", "off", "24/7", "09:00", "SH", "week"])).map("".join))
def test_grammar_like_text_raises_only_opening_hours_error(text):
    _parse_or_error(text)


@settings(deadline=None, max_examples=200)
@given(valid_texts, st.datetimes(min_value=dt.datetime(2020, 1, 1), max_value=dt.datetime(2030, 1, 1)))
def test_next_opening_agrees_with_is_open(text, naive):
    oh = parse(text)
    when = naive.replace(tzinfo=UTC)
    result = next_opening(oh, when, tz="UTC")
    if result is None:
        assert not is_open(oh, when, tz="UTC")
        return
    assert is_open(oh, result, tz="UTC")
    if is_open(oh, when, tz="UTC"):
        assert result <= when and result.date() == when.date()
    else:
        assert when < result <= when + dt.timedelta(days=14)
        assert not is_open(oh, result - dt.timedelta(minutes=1), tz="UTC")
