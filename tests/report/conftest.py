"""Fixtures of the documents: the example case with the debtor filled in, planned."""

from __future__ import annotations

import pytest
from report.docs import with_debtor

from planner.domain.case import Case
from planner.engines.plan import CasePlan, plan_case


@pytest.fixture(scope="session")
def filled_plan(example: Case) -> CasePlan:
    """The example case with the debtor filled in, planned (no fitted scenarios)."""
    return plan_case(with_debtor(example))
