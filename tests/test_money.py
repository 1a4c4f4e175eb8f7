"""Tests for planner.money: exact construction and the one rounding rule."""

from decimal import Decimal

import pytest

from planner.errors import InvalidInput
from planner.money import floor_fen, is_on_fen, money, round_fen, to_decimal, yuan


def test_money__accepts_text_with_separators_and_symbol():
    """Thousands separators, the yuan sign and spaces are ignored."""
    assert money("¥1,234.5") == Decimal("1234.50")
    assert money(" 12 000 ") == Decimal("12000.00")
    assert money(7) == Decimal("7.00")


def test_money__wan_counts_ten_thousands():
    """万 after the number is ten thousand yuan: 1万 = 10,000.00, 1.5万元 = 15,000.00, ¥2.345678万 = 23,456.78; a
    bad number before it is reported with the text as given."""
    assert money("1万") == Decimal("10000.00")
    assert money("1.5万元") == Decimal("15000.00")
    assert money("¥2.345678万") == Decimal("23456.78")
    assert money("5千") == Decimal("5000.00")
    for value, code in (("万", "required"), ("一万", "not_a_number"), ("1.2345678万", "too_many_decimals")):
        with pytest.raises(InvalidInput) as err:
            money(value, field="income")
        assert (err.value.code, err.value.value) == (code, value)


def test_money__refuses_float_with_fix():
    """A binary float is refused with a message that says to pass text."""
    with pytest.raises(InvalidInput) as err:
        money(0.1, field="principal")
    assert err.value.code == "float_refused"
    assert str(err.value).startswith("'principal' must not be a binary float (got 0.1); write it as text")
    assert '请加上双引号，写成 "1234.56" 的形式' in err.value.message_zh()


def test_money__positive_required_reports_not_positive_for_zero_and_negative():
    """Where an amount must be above zero, 0 and negatives get the same rule, so the fix never contradicts."""
    for value in ("0", "-5"):
        with pytest.raises(InvalidInput) as err:
            money(value, field="monthly", positive=True)
        assert err.value.code == "not_positive"


@pytest.mark.parametrize(
    ("value", "code"),
    [("abc", "not_a_number"), ("", "required"), (None, "required"), ("NaN", "not_finite"),
     ("Infinity", "not_finite"), (True, "not_a_number"), ("-1", "negative"), ("1.234", "too_many_decimals"),
     ("1000000000000.01", "too_large"), ([1], "not_a_number"), ("1,5", "not_a_number"), ("1 2", "not_a_number"),
     ("1e30", "too_large"), ("1" * 60, "too_large"), ("1e-30", "too_many_decimals")],
)
def test_money__rejects_bad_values(value, code):
    """Each kind of bad amount raises InvalidInput with its own rule code."""
    with pytest.raises(InvalidInput) as err:
        money(value)
    assert err.value.code == code


def test_money__negative_allowed_when_asked():
    """Cash-flow results may be negative when the caller says so."""
    assert money("-5.5", allow_negative=True) == Decimal("-5.50")


def test_round_fen__half_up_not_half_even():
    """2.665 rounds to 2.67 (四舍五入), where Python's default context would give 2.66."""
    assert round_fen(Decimal("2.665")) == Decimal("2.67")
    assert round_fen(Decimal("-2.665")) == Decimal("-2.67")
    assert floor_fen(Decimal("2.669")) == Decimal("2.66")


def test_yuan__two_places_string():
    """The JSON form of an amount always has two decimal places."""
    assert yuan(Decimal("5307.2651")) == "5307.27"
    assert yuan(Decimal(0)) == "0.00"
    assert is_on_fen(Decimal("1.10"))
    assert not is_on_fen(Decimal("1.101"))


def test_to_decimal__fullwidth_comma_ignored():
    """A Chinese comma as thousands separator is accepted."""
    assert to_decimal("1，000") == Decimal(1000)
