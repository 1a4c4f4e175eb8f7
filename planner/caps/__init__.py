"""The legal-cap audit: which interest cap applies to a debt, what it supports, and what is claimed above it.

The legal numbers are **data, not code**. Two files in ``planner/caps/data`` hold them, each with its source and dates:

* ``lpr_1y.csv`` — the one-year and five-year Loan Prime Rate (LPR, 贷款市场报价利率) since 2019-08-20, published
  monthly by the National Interbank Funding Center, with the date through which the table is confirmed;
* ``cap_rules.json`` — the cap rules by creditor kind, contract date and interest date:

  - private loans: 4 × the one-year LPR at contract formation (法释[2020]6号 of 2020-08-20, amended by
    法释[2020]17号, art. 25); for contracts formed before 2020-08-20, 24 % a year for interest up to 2020-08-19 and
    4 × the one-year LPR at the time the suit is filed afterwards (same, art. 31) — the planner uses the as-of date
    in place of the unknown filing date and says so in a finding;
  - banks, credit cards, consumer-finance companies, online platforms: 24 % total annual cost of interest, compound
    interest, penalty interest, liquidated damages and fees (法发[2017]22号, art. 2);
  - microloan companies: 24 % total cost as a guidance figure only, since 法释[2020]27号 (2020-12-29) takes them out
    of the private-lending rule.

Both can be replaced: :func:`load_lpr` and :func:`load_cap_rules` read a user's file of the same shape, and
:meth:`LprTable.with_entry` adds a newer LPR row. Every figure here is a planner estimate presented as information
with its source, never a court's conclusion; findings word it that way. How a cap is named depends on the rule:
only a confirmed legal rule (status "firm", nature "legal") is a 法定上限 / legal cap; an unconfirmed rule or a
guidance figure is a 参考上限 / reference cap (:attr:`Cap.standing`); the wording lives in :mod:`planner.text`.

Interest under a cap is simple interest on a 365-day year (courts' usual count for private loans; see
``../shared/reference/README.md`` §2), accrued unrounded and rounded half-up to the fen once per result with
:func:`planner.money.round_fen`.

This module is part of the pure core: it imports only the standard library and ``planner`` core modules (never
pandas, matplotlib or ipywidgets), uses ``Decimal`` only, and never reads the clock.
"""

from planner.caps.audit import (
    CapAudit,
    CapQuote,
    audit_case,
    audit_debt,
    case_data_findings,
    lpr_stale_finding,
    quote_cap,
)
from planner.caps.cap import Cap, CapPeriod, cap_for, cap_periods, legal_interest
from planner.caps.lpr import LprTable, load_lpr
from planner.caps.rules import CapNature, CapRule, CapRules, CapScope, RuleStatus, TermLimit, load_cap_rules
from planner.money import percent_text

__all__ = [
    "Cap",
    "CapAudit",
    "CapNature",
    "CapPeriod",
    "CapQuote",
    "CapRule",
    "CapRules",
    "CapScope",
    "LprTable",
    "RuleStatus",
    "TermLimit",
    "audit_case",
    "audit_debt",
    "cap_for",
    "cap_periods",
    "case_data_findings",
    "legal_interest",
    "load_cap_rules",
    "load_lpr",
    "lpr_stale_finding",
    "percent_text",
    "quote_cap",
]
