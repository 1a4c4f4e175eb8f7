"""A case: everything the planner knows about one household on one as-of date.

Pure data with cross-checks (unique debt ids, scenarios that name known debts); reading and writing files is
:mod:`planner.io.casefile`'s job.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import date

from planner.dates import parse_date
from planner.domain.conduct import Complaint, LogEntry
from planner.domain.debtor import Debtor
from planner.domain.model import Budget, Debt, check_unique_ids
from planner.domain.options import Scenario
from planner.errors import InvalidInput

MAX_DEBTS = 500


@dataclass(frozen=True, slots=True)
class Case:
    """One household's budget, debts and scenarios.

    Attributes:
        budget: the monthly budget.
        debts: the debts, in the order the user entered them.
        as_of: the date the figures are stated at (测算基准日); caps and scenarios are computed from it.
        scenarios: named scenarios to compare.
        borrower: the borrower's name or a label (may be empty for anonymised cases).
        notes: free text.
        debtor: the debtor's ID number, phone, address and hardship, for the proposal (empty by default).
        conduct: the collection-conduct log (催收记录), sorted by time.
        complaints: the complaints about collection drafted or filed (投诉记录), in the order recorded.
        extra: keys a case file held that this version of the planner does not know, kept so that saving the
            case writes them back (see :mod:`planner.io.casefile`): ``(location, JSON object text)`` pairs, sorted.
    """

    budget: Budget
    debts: tuple[Debt, ...]
    as_of: date
    scenarios: tuple[Scenario, ...] = ()
    borrower: str = ""
    notes: str = ""
    debtor: Debtor = dataclasses.field(default_factory=Debtor)
    conduct: tuple[LogEntry, ...] = ()
    complaints: tuple[Complaint, ...] = ()
    extra: tuple[tuple[str, str], ...] = ()

    def __post_init__(self) -> None:
        object.__setattr__(self, "extra", tuple(sorted((str(k), str(v)) for k, v in self.extra)))
        object.__setattr__(self, "debts", tuple(self.debts))
        object.__setattr__(self, "scenarios", tuple(self.scenarios))
        object.__setattr__(self, "conduct", tuple(sorted(self.conduct, key=lambda e: (e.time, e.key))))
        object.__setattr__(self, "complaints", tuple(self.complaints))
        object.__setattr__(self, "as_of", parse_date(self.as_of, field="as_of"))
        if len(self.debts) > MAX_DEBTS:
            raise InvalidInput("debts", "too_long", len(self.debts), params={"high": MAX_DEBTS})
        check_unique_ids(self.debts)
        ids = {d.id for d in self.debts}
        names: set[str] = set()
        for index, scenario in enumerate(self.scenarios):
            if scenario.name in names:
                raise InvalidInput("name", "duplicate", scenario.name, where=f"scenarios[{index}]")
            names.add(scenario.name)
            references = [("plans", k) for k, _ in scenario.plans] + [("surplus_order", k) for k in scenario.surplus_order]
            for field, debt_id in references:
                if debt_id not in ids:
                    raise InvalidInput(
                        field,
                        "unknown_reference",
                        debt_id,
                        params={"choices": ", ".join(sorted(ids)) or "-"},
                        where=f"scenarios[{index}]",
                    )

    def debt(self, debt_id: str) -> Debt:
        """Return the debt with ``debt_id``.

        Raises:
            InvalidInput: when no debt has that id.
        """
        for debt in self.debts:
            if debt.id == debt_id:
                return debt
        raise InvalidInput("id", "unknown_reference", debt_id, params={"choices": ", ".join(d.id for d in self.debts)})

    def scenario(self, name: str) -> Scenario:
        """Return the scenario called ``name``."""
        for scenario in self.scenarios:
            if scenario.name == name:
                return scenario
        choices = ", ".join(s.name for s in self.scenarios)
        raise InvalidInput("scenarios", "unknown_reference", name, params={"choices": choices})
