"""Tests for planner.io.values: rates and creditor kinds as people write them."""

from decimal import Decimal

import pytest

from planner.domain.model import CreditorKind
from planner.errors import InvalidInput
from planner.io.values import parse_kind, parse_rate
from planner.rates import DayCount, RateUnit


@pytest.mark.parametrize(
    ("text", "unit", "quoted", "annual"),
    [
        ("18", RateUnit.ANNUAL_PERCENT, "18", "18"),
        ("18%", RateUnit.ANNUAL_PERCENT, "18", "18"),
        ("年利率18%", RateUnit.ANNUAL_PERCENT, "18", "18"),
        ("月2%", RateUnit.MONTHLY_PERCENT, "2", "24"),
        ("2%/月", RateUnit.MONTHLY_PERCENT, "2", "24"),
        ("月息2分", RateUnit.MONTHLY_PERCENT, "2", "24"),
        ("日万分之五", RateUnit.DAILY_PER_TEN_THOUSAND, "5", "18.25"),
        ("万分之五/日", RateUnit.DAILY_PER_TEN_THOUSAND, "5", "18.25"),
        ("0.05%/日", RateUnit.DAILY_PER_TEN_THOUSAND, "5", "18.25"),
        ("日万分之二点五", RateUnit.DAILY_PER_TEN_THOUSAND, "2.5", "9.125"),
    ],
)
def test_parse_rate__written_forms_keep_their_unit(text, unit, quoted, annual):
    """Each way of writing a rate gives the rate in the unit it was quoted in, with its exact annual percent."""
    rate = parse_rate(text, field="contract_rate")
    assert rate.unit is unit
    assert rate.quoted == Decimal(quoted)
    assert rate.percent_per_year == Decimal(annual)


def test_parse_rate__daily_rates_count_a_365_day_year():
    """A daily rate (日万分之五) is on a 365-day year: 5 × 365 / 100 = 18.25 % a year."""
    rate = parse_rate("日万分之五", field="contract_rate")
    assert rate.day_count is DayCount.ACT_365
    assert rate.percent_per_year == Decimal("18.25")


def test_parse_rate__bare_installment_fee_is_monthly():
    """A bare installment fee '0.15' with default unit monthly is 0.15 % a month, 1.8 % a year."""
    rate = parse_rate("0.15", field="monthly_fee_percent", default_unit=RateUnit.MONTHLY_PERCENT)
    assert rate.unit is RateUnit.MONTHLY_PERCENT
    assert rate.quoted == Decimal("0.15")
    assert rate.percent_per_year == Decimal("1.8")


def test_parse_rate__text_that_is_no_rate_is_bad_rate():
    """'abc' is a bad_rate error naming the field and the text given."""
    with pytest.raises(InvalidInput) as info:
        parse_rate("abc", field="contract_rate")
    err = info.value
    assert (err.field, err.code, err.value) == ("contract_rate", "bad_rate", "abc")
    assert "日万分之五" in err.message_en()


@pytest.mark.parametrize(
    ("text", "kind"),
    [("民间借贷", CreditorKind.PRIVATE), ("网贷", CreditorKind.ONLINE_PLATFORM), ("Credit_Card", CreditorKind.CREDIT_CARD)],
)
def test_parse_kind__chinese_names_aliases_and_identifiers(text, kind):
    """A kind is read from its Chinese name, a common other name (网贷) or its identifier in any spelling."""
    assert parse_kind(text) is kind
