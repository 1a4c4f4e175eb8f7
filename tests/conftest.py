"""Shared builders and fixtures: the example case and its plan, a case file on disk, and small debts.

Builders are plain functions behind fixtures (``make_debt(**changes)``), so a test states only what differs from a
readable default, as beancount's tests build entries from short text.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from planner.cli import main
from planner.domain.case import Case
from planner.domain.model import Debt
from planner.engines.plan import CasePlan, plan_case
from planner.io.examples import example_case

LOAN = {
    "id": "loan", "creditor": "某银行", "kind": "bank-loan", "contract_date": "2024-01-01",
    "original_principal": "20000", "outstanding_principal": "12000", "contract_rate": "12", "monthly_payment": "500",
}
"""A current (not overdue) bank loan of ¥12,000 at 12 % a year, ¥500 a month, no charges."""

CARD = {
    "id": "card", "creditor": "某银行信用卡中心", "kind": "credit-card", "contract_date": "2020-01-01",
    "original_principal": "50000", "outstanding_principal": "40000", "contract_rate": "18", "penalty_rate": "27",
    "overdue_since": "2025-06-01", "monthly_payment": "1000", "accrued_interest": "2000", "penalty_interest": "1500",
    "liquidated_damages": "800", "other_fees": "200",
}
"""An overdue credit card: ¥40,000 principal, ¥4,500 charges (2000 interest, 1500 penalty, 800 damages, 200 fees)."""


def build_debt(base: dict[str, Any], **changes: Any) -> Debt:
    """Return a debt from ``base`` with ``changes`` applied (values as a user types them)."""
    return Debt(**{**base, **changes})


@pytest.fixture
def make_debt() -> Callable[..., Debt]:
    """Build the bank loan of :data:`LOAN`, with changes: ``make_debt(outstanding_principal="5000")``."""
    return lambda **changes: build_debt(LOAN, **changes)


@pytest.fixture
def make_card() -> Callable[..., Debt]:
    """Build the overdue credit card of :data:`CARD`, with changes."""
    return lambda **changes: build_debt(CARD, **changes)


@pytest.fixture(scope="session")
def example() -> Case:
    """The built-in example case (张伟: five overdue debts, three scenarios)."""
    return example_case()


@pytest.fixture(scope="session")
def example_plan(example: Case) -> CasePlan:
    """The example case planned with the budget-fitted scenarios."""
    return plan_case(example, fit=True)


@pytest.fixture
def case_file(tmp_path: Path) -> Path:
    """The example case written by ``planner example -o`` to a temporary file."""
    path = tmp_path / "case.json"
    assert main(["example", "-o", str(path)]) == 0
    return path
