"""Interest rates with explicit units and an explicit day-count convention.

A :class:`Rate` always knows its annual percentage and how it was quoted, so a figure is never guessed:

* ``Rate.annual_percent("15.4")`` — 年利率 15.4 %;
* ``Rate.monthly_percent("1.5")`` — 月利率 1.5 % (× 12 = 18 % a year, the banks' 月利率 = 年利率 / 12);
* ``Rate.daily_per_ten_thousand("5", day_count=DayCount.ACT_365)`` — 日利率万分之五 (0.05 % a day = 18.25 % a year
  on a 365-day year; banks quote 日利率 = 年利率 / 360, courts commonly count 365 days).

Monthly engines use ``annual / 12``; day-based figures (interest between two dates) use the rate's day count.
Imports only :mod:`planner.money` and :mod:`planner.errors`.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from typing import Any

from planner.errors import InvalidInput
from planner.money import HUNDRED, to_decimal

MAX_RATE_PERCENT = Decimal(1000)  # a sanity ceiling for entered contract rates; true APRs (714 loans can exceed it) are computed, not entered
_TWELVE = Decimal(12)
_TEN_THOUSAND = Decimal(10000)


class DayCount(StrEnum):
    """How many days a year has when a rate is applied per day."""

    ACT_360 = "act/360"  # banks' 日利率 = 年利率 / 360
    ACT_365 = "act/365"  # courts' private-loan interest; credit-card 万分之五 = 18.25 % a year

    @property
    def days_in_year(self) -> int:
        """Return 360 or 365."""
        return 360 if self is DayCount.ACT_360 else 365


class RateUnit(StrEnum):
    """The unit a rate was quoted in (kept for display)."""

    ANNUAL_PERCENT = "annual_percent"
    MONTHLY_PERCENT = "monthly_percent"
    DAILY_PER_TEN_THOUSAND = "daily_per_ten_thousand"


@dataclass(frozen=True, slots=True)
class Rate:
    """An interest or fee rate.

    Attributes:
        percent_per_year: the nominal annual rate in percent (``Decimal("15.4")`` for 15.4 %).
        day_count: the year length used for interest between two dates.
        unit: the unit the rate was quoted in.
        quoted: the number as quoted in ``unit``.
    """

    percent_per_year: Decimal
    day_count: DayCount = DayCount.ACT_365
    unit: RateUnit = RateUnit.ANNUAL_PERCENT
    quoted: Decimal | None = None

    def __post_init__(self) -> None:
        value = to_decimal(self.percent_per_year, field="annual_rate")
        if value < 0:
            raise InvalidInput("annual_rate", "negative", self.percent_per_year)
        if value > MAX_RATE_PERCENT:
            raise InvalidInput("annual_rate", "out_of_range", self.percent_per_year, params={"low": 0, "high": 1000})
        object.__setattr__(self, "percent_per_year", value)
        object.__setattr__(self, "day_count", DayCount(self.day_count))
        object.__setattr__(self, "unit", RateUnit(self.unit))
        if self.quoted is None:
            object.__setattr__(self, "quoted", value)

    @classmethod
    def annual_percent(cls, value: Any, *, day_count: DayCount = DayCount.ACT_365, field: str = "annual_rate") -> Rate:
        """Return a rate quoted as percent a year (年利率)."""
        number = to_decimal(value, field=field)
        return cls(number, day_count, RateUnit.ANNUAL_PERCENT, number)

    @classmethod
    def parse(cls, value: Any, *, field: str) -> Rate:
        """Return ``value`` as a rate: a :class:`Rate` as it is, else an annual percentage ("18.25", "18.25%").

        Errors name ``field`` (the form's or the file's field), whatever the inner check was.
        """
        if isinstance(value, Rate):
            return value
        if isinstance(value, str):
            value = value.strip().removesuffix("%").removesuffix("\uff05").strip()  # "18%", or with a full-width percent sign
        try:
            return cls.annual_percent(value, field=field)
        except InvalidInput as err:
            raise InvalidInput(field, err.code, value, params=err.params) from None

    @classmethod
    def monthly_percent(cls, value: Any, *, day_count: DayCount = DayCount.ACT_365) -> Rate:
        """Return a rate quoted as percent a month (月利率); the annual rate is 12 times it."""
        number = to_decimal(value, field="monthly_rate")
        return cls(number * _TWELVE, day_count, RateUnit.MONTHLY_PERCENT, number)

    @classmethod
    def daily_per_ten_thousand(cls, value: Any, *, day_count: DayCount) -> Rate:
        """Return a rate quoted per day in parts per ten thousand (日利率万分之X).

        The day count is required: 万分之五 is 18 % a year on ACT/360 and 18.25 % on ACT/365.
        """
        number = to_decimal(value, field="daily_rate")
        annual = number / HUNDRED * DayCount(day_count).days_in_year
        return cls(annual, day_count, RateUnit.DAILY_PER_TEN_THOUSAND, number)

    @property
    def monthly_fraction(self) -> Decimal:
        """Return the rate per month as a fraction (annual % / 12 / 100)."""
        return self.percent_per_year / 1200

    @property
    def daily_fraction(self) -> Decimal:
        """Return the rate per day as a fraction under the rate's day count."""
        return self.percent_per_year / HUNDRED / self.day_count.days_in_year

    def interest_for_days(self, principal: Decimal, days: int) -> Decimal:
        """Return simple interest on ``principal`` for ``days`` days, unrounded."""
        return principal * self.percent_per_year * days / (HUNDRED * self.day_count.days_in_year)


ZERO_RATE = Rate(Decimal(0))
