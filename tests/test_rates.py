"""Tests for planner.rates: units and day counts are explicit."""

import itertools
from datetime import date
from decimal import Decimal

import pytest

from planner.dates import add_months, due_dates, is_month_end, months_between, parse_date, parse_month
from planner.errors import InvalidInput
from planner.rates import DayCount, Rate, RateUnit
from planner.text import fmt


def test_rate__daily_per_ten_thousand_depends_on_day_count():
    """万分之五 a day is 18.25 % a year on 365 days and 18 % on 360 (reference §2)."""
    assert Rate.daily_per_ten_thousand("5", day_count=DayCount.ACT_365).percent_per_year == Decimal("18.25")
    assert Rate.daily_per_ten_thousand("5", day_count=DayCount.ACT_360).percent_per_year == Decimal(18)


def test_rate__monthly_percent_is_twelve_times():
    """A 1.5 % monthly rate is 18 % a year and remembers how it was quoted."""
    rate = Rate.monthly_percent("1.5")
    assert rate.percent_per_year == Decimal("18.0")
    assert rate.unit is RateUnit.MONTHLY_PERCENT
    assert fmt.rate(rate, "zh", annual=False) == "月利率 1.5%"
    assert fmt.rate(rate, "en", annual=False) == "1.5% a month"
    assert fmt.rate(rate, "zh") == "月利率 1.5%（折合年利率 18%）"
    assert fmt.rate(rate, "en") == "1.5% a month (18% a year)"


def test_rate__interest_for_days():
    """¥100,000 at 15.4 % for 365 days on ACT/365 is exactly ¥15,400 (reference §6)."""
    assert Rate.annual_percent("15.4").interest_for_days(Decimal(100000), 365) == Decimal(15400)


@pytest.mark.parametrize(("value", "code"), [("-1", "negative"), ("1001", "out_of_range"), ("x", "not_a_number")])
def test_rate__rejects_bad_values(value, code):
    """Negative, absurd and non-numeric rates are refused."""
    with pytest.raises(InvalidInput) as err:
        Rate.annual_percent(value)
    assert err.value.code == code


def test_add_months__month_end_rules():
    """The 31st falls back in short months and returns afterwards; a month-end anchor stays on month ends."""
    assert add_months(date(2026, 1, 31), 1) == date(2026, 2, 28)
    assert add_months(date(2026, 1, 31), 2) == date(2026, 3, 31)
    assert add_months(date(2024, 1, 30), 1) == date(2024, 2, 29)
    assert add_months(date(2024, 1, 30), 2) == date(2024, 3, 30)
    assert add_months(date(2026, 4, 30), 1) == date(2026, 5, 31)
    assert add_months(date(2026, 12, 15), 1) == date(2027, 1, 15)
    assert is_month_end(date(2024, 2, 29))


def test_due_dates__from_anchor():
    """Due dates are computed from the anchor, one month apart, strictly increasing."""
    dates = due_dates(date(2026, 1, 31), 14)
    assert dates[0] == date(2026, 2, 28)
    assert all(a < b for a, b in itertools.pairwise(dates))
    assert months_between(date(2026, 1, 31), dates[-1]) == 14


def test_parse_date_and_month__errors():
    """Dates must be ISO; months must be YYYY-MM."""
    assert parse_date("2026-01-15", field="start") == date(2026, 1, 15)
    with pytest.raises(InvalidInput) as err:
        parse_date("15/01/2026", field="start")
    assert err.value.code == "bad_date"
    assert parse_month("2026-03", field="extra") == (2026, 3)
    with pytest.raises(InvalidInput):
        parse_month("2026-13", field="extra")


# ------------------------------------------------------------------------------------------------- tiny and huge rates


@pytest.mark.parametrize("value", ["1e-30", "0.000000000000000000000000000001", "1e-100"])
def test_rate__tiny_rates_are_accepted_exactly(value):
    """Rates below a fen of interest are kept as given (the engines pay them like rate 0; see amortize)."""
    assert Rate.annual_percent(value).percent_per_year == Decimal(value)


def test_rate__ceiling_is_1000_percent():
    """1000 % a year is the sanity ceiling for an entered contractual rate; 1000.01 is out_of_range."""
    assert Rate.annual_percent("1000").percent_per_year == 1000
    with pytest.raises(InvalidInput) as err:
        Rate.annual_percent("1000.01")
    assert (err.value.code, err.value.params) == ("out_of_range", {"low": 0, "high": 1000})


# ------------------------------------------------------------------------------------------------- date bounds


def test_parse_date__bounds_are_inclusive():
    """1900-01-01 and 2199-12-31 are accepted; the days just outside are out_of_range."""
    assert parse_date("1900-01-01", field="start") == date(1900, 1, 1)
    assert parse_date(date(2199, 12, 31), field="start") == date(2199, 12, 31)
    for value in ("1899-12-31", "2200-01-01", "9999-12-31", "0001-01-01"):
        with pytest.raises(InvalidInput) as info:
            parse_date(value, field="start")
        assert (info.value.code, info.value.value) == ("out_of_range", value)


def test_add_months__overflow_is_invalid_input():
    """add_months past year 9999 (or before year 1) raises InvalidInput naming the anchor, not ValueError."""
    with pytest.raises(InvalidInput) as info:
        add_months(date(9999, 12, 1), 1)
    assert (info.value.field, info.value.code, info.value.value) == ("start", "out_of_range", "9999-12-01")
    with pytest.raises(InvalidInput) as info:
        add_months(date(1, 1, 31), -1, field="contract_date")
    assert info.value.field == "contract_date"
    assert add_months(date(9999, 11, 30), 1) == date(9999, 12, 31)
