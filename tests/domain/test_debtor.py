"""The debtor's identity for the proposal: checked when entered, masked when shown."""

from __future__ import annotations

import pytest

from planner.domain.debtor import Debtor, HardshipReason, check_digit, mask_id_number, mask_phone
from planner.errors import InvalidInput
from planner.text import render_error


@pytest.mark.parametrize(("first17", "digit"), [("11010519491231002", "X"), ("44030419900101001", "1")])
def test_check_digit__iso_7064_mod_11_2(first17, digit):
    assert check_digit(first17) == digit


def test_id_number__normalised_checked_and_masked():
    assert Debtor(id_number=" 110105 19491231 002x ").id_number == "11010519491231002X"
    assert Debtor(id_number="110105491231002").id_number == "110105491231002"  # an old 15-digit number
    with pytest.raises(InvalidInput) as info:
        Debtor(id_number="110105194912310021")
    assert info.value.code == "bad_id_number"
    assert "校验码" in render_error(info.value, "zh")
    assert mask_id_number("11010519491231002X") == "110***********002X"
    assert len(mask_id_number("11010519491231002X")) == 18


def test_phone__checked_and_masked():
    assert Debtor(phone="0571-8888 6666").phone == "0571-8888 6666"
    with pytest.raises(InvalidInput) as info:
        Debtor(phone="call me")
    assert info.value.code == "bad_phone"
    assert mask_phone("13800138000") == "138****8000"
    assert mask_phone("+86 138 0013 8000") == "+86 1** **** 8000"  # the first 3 and last 4 digits, separators kept


def test_hardship__reasons_once_each_in_order_and_a_long_statement_kept_whole():
    debtor = Debtor(hardship=("illness", "unemployment", "illness"), statement="字" * 20_000)
    assert debtor.hardship == (HardshipReason.ILLNESS, HardshipReason.UNEMPLOYMENT)
    assert len(debtor.statement) == 20_000
    with pytest.raises(InvalidInput) as info:
        Debtor(statement="字" * 20_001)
    assert info.value.code == "too_long"
    with pytest.raises(InvalidInput):
        Debtor(address="地" * 201)
    assert Debtor().is_empty
