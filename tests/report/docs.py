"""Builders of the document tests: the example case with the debtor filled in."""

from __future__ import annotations

import dataclasses
from datetime import date

from planner.domain.case import Case
from planner.domain.debtor import Debtor

TODAY = date(2026, 12, 2)
ID_NUMBER = "11010519491231002X"  # GB 11643's own example number (its check digit is X)
STATEMENT = ("2026年6月公司裁员，本人失业至今，目前靠配偶兼职收入和少量积蓄维持生活。\n"
             "2026年9月本人因腰椎间盘突出住院治疗，自付医疗费约1.2万元，仍需定期复查。")
SCENARIO = "延期12个月后分期"


def with_debtor(case: Case, **changes: object) -> Case:
    """Return ``case`` with a complete debtor (two hardship reasons, two sentences), with ``changes``."""
    debtor = Debtor(**{"id_number": ID_NUMBER, "phone": "138 0013 8000", "address": "浙江省杭州市西湖区文三路 100 号",
                       "hardship": ("unemployment", "illness"), "statement": STATEMENT, **changes})
    return dataclasses.replace(case, debtor=debtor)
