"""Tests for planner.caps: LPR data, cap rules by creditor kind and date, legal interest and the cap audit.

Sources of expected figures: the worked example in ../shared/reference/README.md §6 (cited as "reference §6"), the
LPR table in planner/caps/data/lpr_1y.csv (a copy of ../shared/reference/lpr_1y_5y.csv), and hand computations shown in
the comments (simple interest: principal × rate % / 100 × days / 365).
"""

import dataclasses
import json
from datetime import date
from decimal import Decimal
from importlib import resources

import pytest

from planner.caps import (
    Cap,
    CapPeriod,
    CapRules,
    LprTable,
    RuleStatus,
    audit_case,
    audit_debt,
    cap_for,
    cap_periods,
    case_data_findings,
    legal_interest,
    load_cap_rules,
    load_lpr,
    lpr_stale_finding,
    percent_text,
    quote_cap,
)
from planner.domain.model import CreditorKind, Debt
from planner.errors import InvalidInput
from planner.findings import Scope, Severity
from planner.io.examples import example_case
from planner.rates import DayCount
from planner.text import catalog, choice_label, render


def number(kind, year, serial):
    """Return a document number such as 法释[2020]6号 with its real brackets, U+3014 and U+3015."""
    return f"{kind}\u3014{year}\u3015{serial}号"


def make_debt(**changes):
    fields = {
        "id": "li-loan", "creditor": "李某", "kind": "private", "contract_date": "2021-03-01",
        "original_principal": "100000", "outstanding_principal": "100000", "contract_rate": "24",
        "monthly_payment": "2000", "accrued_interest": "24000", "overdue_since": "2021-03-01",
    }
    fields.update(changes)
    return Debt(**fields)


def codes(findings):
    return [f.code for f in findings]


def by_code(findings, code):
    (found,) = [f for f in findings if f.code == code]
    return found


def zh(finding):
    """Return the finding's borrower sentence in Chinese."""
    return render(finding, "zh")


def en(finding):
    """Return the finding's borrower sentence in English."""
    return render(finding, "en")


# ---------------------------------------------------------------------------------------------------------------
# The worked example


def test_cap_for__private_worked_example():
    """A private loan formed 2021-03-01 is capped at 4 × 3.85 % = 15.4 % a year on a 365-day year."""
    cap = cap_for(CreditorKind.PRIVATE, date(2021, 3, 1), on=date(2022, 3, 1))
    # reference §6: one-year LPR 3.85 % on 2021-03-01 (row 2020-04-20), cap 15.4 %.
    assert cap.percent == Decimal("15.40")
    assert cap.rate.day_count is DayCount.ACT_365
    assert (cap.rule_id, cap.status, cap.lpr_date, cap.lpr_1y) == (
        "private-4lpr", RuleStatus.FIRM, date(2021, 3, 1), Decimal("3.85"))
    assert number("法释", 2020, 6) in cap.source
    assert "第25条" in cap.source
    assert "3.85%" in cap.basis_zh
    assert "15.4%" in cap.basis_en


def test_legal_interest__private_worked_example():
    """¥100,000 for one year under a 15.4 % cap supports ¥15,400.00 of interest."""
    got = legal_interest("100000", "private", date(2021, 3, 1), date(2021, 3, 1), date(2022, 3, 1),
                         on=date(2022, 3, 1))
    # reference §6: at most ¥15,400 supportable (365-day basis); 100000 × 15.4 % × 365 / 365.
    assert got == Decimal("15400.00")


def test_audit_debt__worked_example_above_cap():
    """A private debt claiming 24 % for a year shows ¥8,600.00 above the cap, with the figures in the finding."""
    audit = audit_debt(make_debt(), date(2022, 3, 1))
    # reference §6: ¥15,400 supportable, ¥24,000 claimed at 24 %, ¥8,600 excess.
    assert (audit.supportable, audit.claimed, audit.excess) == (
        Decimal("15400.00"), Decimal("24000.00"), Decimal("8600.00"))
    assert audit.cost_rate_percent == Decimal(24)
    assert (audit.window_start, audit.as_of, audit.window_days) == (date(2021, 3, 1), date(2022, 3, 1), 365)
    assert codes(audit.findings) == ["RATE_ABOVE_CAP", "CHARGES_ABOVE_CAP"]
    charges = by_code(audit.findings, "CHARGES_ABOVE_CAP")
    assert charges.severity is Severity.WARNING
    assert charges.subject == "li-loan"
    assert charges.scope is Scope.DEBT
    assert charges.values == {
        "claimed": Decimal("24000.00"), "supportable": Decimal("15400.00"), "excess": Decimal("8600.00"),
        "principal": Decimal("100000.00"), "start": date(2021, 3, 1), "days": 365, "cap": Decimal("15.40"),
        "standing": "legal",
    }
    assert "¥8,600.00" in zh(charges)
    assert "法院认定" in zh(charges)
    assert "not a court's figure" in en(charges)
    rate = by_code(audit.findings, "RATE_ABOVE_CAP")
    assert rate.values == {"what": "contract_rate", "rate": Decimal(24), "cap": Decimal("15.40"), "standing": "legal"}
    assert "24% 高于上限 15.4%" in zh(rate)


def test_quote_cap__worked_example():
    """The quick check behind ``planner cap`` gives the reference figures."""
    quote = quote_cap("private", "2021-03-01", as_of="2022-03-01", annual_rate="24", principal="100000",
                      start="2021-03-01", end="2022-03-01")
    # reference §6: 15,400 supportable; 100000 × 24 % × 365 / 365 = 24,000 claimed; 8,600 excess.
    assert (quote.legal_interest, quote.claimed_interest, quote.excess) == (
        Decimal("15400.00"), Decimal("24000.00"), Decimal("8600.00"))
    assert codes(quote.findings) == ["RATE_ABOVE_CAP", "CHARGES_ABOVE_CAP"]


def test_quote_cap__period_before_the_contract_date_is_refused():
    """No contract interest exists before the contract date: a period starting 2021-02-28 for a contract of
    2021-03-01 is date_order on start; starting on the contract date is fine."""
    with pytest.raises(InvalidInput) as err:
        quote_cap("private", "2021-03-01", as_of="2022-03-01", annual_rate="24", principal="100000",
                  start="2021-02-28", end="2022-03-01")
    assert (err.value.field, err.value.code, err.value.value) == ("start", "date_order", "2021-02-28")
    assert err.value.params == {"other": "contract_date"}
    assert err.value.message("zh") == "开始日期不能早于合同日期（输入为 2021-02-28）；请检查这两个日期"
    on_the_day = quote_cap("private", "2021-03-01", as_of="2022-03-01", annual_rate="24", principal="100000",
                           start="2021-03-01", end="2022-03-01")
    assert on_the_day.legal_interest == Decimal("15400.00")


def test_quote_cap__includes_the_lpr_stale_finding():
    """The quick check has no case, so it carries LPR_STALE itself: a warning naming the loan when its cap uses the
    as-of LPR after 2026-04-20, information for a 24 % cap, nothing on the confirmed date."""
    quote = quote_cap("private", "2019-06-01", as_of="2026-11-23")
    stale = by_code(quote.findings, "LPR_STALE")
    assert (stale.severity, stale.scope, stale.param("relied")) == (Severity.WARNING, Scope.DATA, ("loan",))
    card = quote_cap("credit-card", "2022-06-01", as_of="2026-11-23")
    assert [(f.code, f.severity, f.param("relied")) for f in card.findings] == [("LPR_STALE", Severity.INFO, ())]
    assert quote_cap("credit-card", "2022-06-01", as_of="2026-04-20").findings == ()


# ---------------------------------------------------------------------------------------------------------------
# Each rule branch


@pytest.mark.parametrize(
    ("kind", "rule_id", "status"),
    [("credit-card", "financial-24", "firm"), ("bank-loan", "financial-24", "firm"),
     ("consumer-finance", "financial-24", "firm"), ("online-platform", "online-platform-24", "firm"),
     ("microloan", "microloan-24-guidance", "check")],
)
def test_cap_for__licensed_lenders_24_percent_total_cost(kind, rule_id, status):
    """Licensed lenders get the 24 % total-cost figure whatever the contract date, with their own source."""
    for contract in (date(2015, 1, 1), date(2021, 3, 1), date(2026, 1, 1)):
        cap = cap_for(kind, contract, on=date(2026, 1, 1))
        # reference §1: 法发[2017]22号 art. 2, 24 % a year in total; microloan: guidance figure, [check].
        assert cap.percent == Decimal(24)
        assert (cap.rule_id, cap.status.value, cap.scope.value) == (rule_id, status, "total-cost")
        assert cap.lpr_date is None
    assert number("法发", 2017, 22) in cap.source


def test_cap_for__microloan_cites_the_2020_reply():
    """The microloan cap names 法释[2020]27号 and carries the MICROLOAN_RULE and MICROLOAN_GUIDANCE notes."""
    cap = cap_for("microloan", date(2023, 3, 1), on=date(2024, 1, 1))
    assert number("法释", 2020, 27) in cap.source
    assert [n.code for n in cap.notes] == ["MICROLOAN_RULE", "MICROLOAN_GUIDANCE"]


@pytest.mark.parametrize(
    ("contract", "percent"),
    [
        (date(2020, 8, 20), "15.40"),  # first day of the 4 × LPR rule; LPR 3.85 (row 2020-04-20) × 4
        (date(2021, 12, 19), "15.40"),  # the day before a change: still 3.85 × 4
        (date(2021, 12, 20), "15.20"),  # on the change date: 3.80 × 4 (row 2021-12-20)
        (date(2022, 5, 1), "14.80"),  # 3.70 × 4 (row 2022-01-20); the example case's private loan
        (date(2025, 6, 1), "12.00"),  # 3.00 × 4 (row 2025-05-20)
    ],
)
def test_cap_for__private_uses_lpr_at_contract_date(contract, percent):
    """A private loan formed from 2020-08-20 is capped at 4 × the one-year LPR on its contract date."""
    cap = cap_for("private", contract, on=date(2026, 1, 20))
    assert (cap.rule_id, cap.percent) == ("private-4lpr", Decimal(percent))


def test_cap_for__private_before_transition_day_uses_old_rule_then_as_of_lpr():
    """A private loan formed 2020-08-19 is capped at 24 % until 2020-08-19, then at 4 × the as-of LPR."""
    before = cap_for("private", date(2020, 8, 19), on=date(2020, 8, 19))
    assert (before.rule_id, before.percent, before.status) == (
        "private-pre-2020-08-20-old-rule", Decimal(24), RuleStatus.CHECK)
    after = cap_for("private", date(2020, 8, 19), on=date(2022, 6, 1))
    # LPR on the as-of date 2022-06-01 is 3.70 (row 2022-05-20): 4 × 3.70 = 14.80 (reference §1, art. 31).
    assert (after.rule_id, after.percent, after.lpr_date) == (
        "private-pre-2020-08-20-transition", Decimal("14.80"), date(2022, 6, 1))
    assert "第31条" in after.source


def test_cap_periods__transition_split_with_both_figures():
    """A span across 2020-08-20 splits into a 24 % period and a 4 × as-of-LPR period."""
    periods = cap_periods("private", date(2019, 6, 1), date(2020, 1, 1), date(2021, 1, 1), on=date(2021, 1, 1))
    assert [(p.start, p.end, p.days, p.cap.percent) for p in periods] == [
        (date(2020, 1, 1), date(2020, 8, 20), 232, Decimal(24)),
        # 4 × 3.85 (LPR on the as-of date 2021-01-01, row 2020-04-20)
        (date(2020, 8, 20), date(2021, 1, 1), 134, Decimal("15.40")),
    ]
    first = legal_interest("100000", "private", date(2019, 6, 1), date(2020, 1, 1), date(2020, 8, 20),
                           on=date(2021, 1, 1))
    second = legal_interest("100000", "private", date(2019, 6, 1), date(2020, 8, 20), date(2021, 1, 1),
                            on=date(2021, 1, 1))
    whole = legal_interest("100000", "private", date(2019, 6, 1), date(2020, 1, 1), date(2021, 1, 1),
                           on=date(2021, 1, 1))
    # By hand: 100000 × 24 × 232 / 36500 = 15254.7945… → 15254.79; 100000 × 15.4 × 134 / 36500 = 5653.6986… →
    # 5653.70; together 20908.4931… → 20908.49.
    assert (first, second, whole) == (Decimal("15254.79"), Decimal("5653.70"), Decimal("20908.49"))


def test_legal_interest__sums_unrounded_then_rounds_once():
    """The periods' interest is added at full precision and rounded to the fen once."""
    got = legal_interest("10000", "private", date(2019, 6, 1), date(2020, 8, 19), date(2020, 8, 21),
                         on=date(2020, 8, 21))
    # By hand: one day at 24 % = 10000 × 24 / 36500 = 6.5753…; one day at 15.4 % = 4.2191…; exact sum
    # 10.7945… → 10.79 (rounding each first would give 6.58 + 4.22 = 10.80).
    assert got == Decimal("10.79")


def test_cap_periods__private_contract_before_lpr_existed():
    """A private loan formed before 2019-08-20 needs no LPR at its contract date: 24 %, then the as-of LPR."""
    early = cap_for("private", date(2018, 5, 1), on=date(2019, 6, 1))
    assert (early.rule_id, early.percent) == ("private-pre-2020-08-20-old-rule", Decimal(24))
    periods = cap_periods("private", date(2018, 5, 1), date(2019, 1, 1), date(2022, 6, 1), on=date(2022, 6, 1))
    assert [(p.days, p.cap.percent) for p in periods] == [(597, Decimal(24)), (650, Decimal("14.80"))]
    got = legal_interest("50000", "private", date(2018, 5, 1), date(2019, 1, 1), date(2022, 6, 1),
                         on=date(2022, 6, 1))
    # By hand: 50000 × 24 × 597 / 36500 = 19627.3972…; 50000 × 14.8 × 650 / 36500 = 13178.0821…;
    # sum 32805.4794… → 32805.48.
    assert got == Decimal("32805.48")


def test_cap_periods__one_period_for_other_kinds_and_none_when_empty():
    """Rules without a date change give one period; an empty span gives none and no interest."""
    periods = cap_periods("credit-card", date(2019, 1, 1), date(2020, 1, 1), date(2021, 1, 1), on=date(2021, 1, 1))
    assert periods == (CapPeriod(date(2020, 1, 1), date(2021, 1, 1), periods[0].cap),)
    assert cap_periods("private", date(2019, 1, 1), date(2020, 8, 20), date(2020, 8, 20), on=date(2021, 1, 1)) == ()
    assert legal_interest("1000", "private", date(2019, 1, 1), date(2021, 1, 1), date(2021, 1, 1),
                          on=date(2021, 1, 1)) == Decimal("0.00")


def test_cap__is_frozen():
    """A cap cannot be changed in place."""
    cap = cap_for("bank-loan", date(2022, 1, 1), on=date(2023, 1, 1))
    assert isinstance(cap, Cap)
    with pytest.raises(dataclasses.FrozenInstanceError):
        cap.rule_id = "x"  # type: ignore[misc]


@pytest.mark.parametrize(
    ("kind", "contract", "standing", "nature"),
    [
        ("private", date(2021, 3, 1), "legal", "legal"),  # private-4lpr: firm, legal
        ("credit-card", date(2021, 3, 1), "legal", "legal"),  # financial-24: firm, legal
        ("private", date(2019, 6, 1), "reference", "unconfirmed"),  # the transition rule: legal but status check
        ("microloan", date(2021, 3, 1), "reference", "guidance"),  # microloan-24-guidance: nature guidance
    ],
)
def test_cap__reported_nature_and_standing(kind, contract, standing, nature):
    """Outputs report a firm legal rule as "legal", a legal rule still to be checked as "unconfirmed" and a guidance
    figure as "guidance"; only the first is a legal cap."""
    cap = cap_for(kind, contract, on=date(2022, 3, 1))
    assert (cap.standing, cap.reported_nature) == (standing, nature)
    assert cap.is_legal is (standing == "legal")


# ---------------------------------------------------------------------------------------------------------------
# LPR table


@pytest.mark.parametrize(
    ("day", "one_year"),
    [(date(2019, 8, 20), "4.25"), (date(2021, 12, 19), "3.85"), (date(2021, 12, 20), "3.80"),
     (date(2022, 8, 21), "3.70"), (date(2022, 8, 22), "3.65"), (date(2030, 1, 1), "3.00")],
)
def test_lpr_table__one_year_on_change_dates(day, one_year):
    """Each row is valid from its date (inclusive) until the next row; the last row stays in force."""
    assert load_lpr().one_year_on(day) == Decimal(one_year)  # rows of planner/caps/data/lpr_1y.csv


def test_lpr_table__before_first_row_is_out_of_range():
    """There is no LPR before 2019-08-20; the error names the field passed."""
    table = load_lpr()
    with pytest.raises(InvalidInput) as err:
        table.one_year_on(date(2019, 8, 19))
    assert (err.value.field, err.value.code, err.value.value) == ("contract_date", "out_of_range", "2019-08-19")
    with pytest.raises(InvalidInput) as err:
        table.one_year_on(date(2019, 1, 1), field="as_of")
    assert err.value.field == "as_of"


@pytest.mark.parametrize(
    ("day", "since"),
    [(date(2023, 8, 21), date(2023, 8, 21)), (date(2024, 2, 19), date(2023, 8, 21)),
     (date(2024, 2, 20), date(2023, 8, 21)), (date(2024, 7, 21), date(2023, 8, 21)),
     (date(2022, 6, 1), date(2022, 1, 20)), (date(2019, 8, 20), date(2019, 8, 20)),
     (date(2030, 1, 1), date(2025, 5, 20))],
)
def test_lpr_table__one_year_since_skips_rows_where_only_the_five_year_rate_moved(day, since):
    """The one-year rate's start date passes over rows that changed only the five-year rate: 3.45 % applies from
    2023-08-21, not from the 2024-02-20 row; 3.70 % from 2022-01-20, not from the 2022-05-20 row."""
    table = load_lpr()
    assert table.one_year_since(day) == since
    assert table.one_year_on(since) == table.one_year_on(day)  # rows of planner/caps/data/lpr_1y.csv
    with pytest.raises(InvalidInput) as err:
        table.one_year_since(date(2019, 8, 19), field="as_of")
    assert (err.value.field, err.value.code) == ("as_of", "out_of_range")


def test_cap_for__basis_names_the_date_the_one_year_lpr_began():
    """A cap's basis says the LPR applies from where the one-year rate began (2023-08-21), not from a later row that
    moved only the five-year rate (2024-02-20)."""
    cap = cap_for("private", date(2024, 3, 1), on=date(2024, 6, 1))
    # 4 × 3.45 (row 2023-08-21; the 2024-02-20 row keeps 3.45 and moves the five-year rate) = 13.8.
    assert (cap.percent, cap.lpr_date, cap.lpr_1y) == (Decimal("13.80"), date(2024, 3, 1), Decimal("3.45"))
    assert "3.45%（2023-08-21 起适用）" in cap.basis_zh
    assert "3.45% (in force from 2023-08-21)" in cap.basis_en
    assert "2024-02-20" not in cap.basis_zh + cap.basis_en
    transition = cap_for("private", date(2019, 6, 1), on=date(2024, 3, 1))  # the as-of date's LPR, same start date
    assert "3.45%（2023-08-21 起适用）" in transition.basis_zh


def test_load_lpr__package_table_with_metadata_and_cache():
    """The package table has both columns, its confirmed date and source, and is read once."""
    table = load_lpr()
    assert table is load_lpr()
    assert len(table.entries) == 15
    assert table.entries[0] == (date(2019, 8, 20), Decimal("4.25"), Decimal("4.85"))
    assert table.entries[-1] == (date(2025, 5, 20), Decimal("3.00"), Decimal("3.50"))
    assert table.confirmed_through == date(2026, 4, 20)
    assert "全国银行间同业拆借中心" in table.source


def test_lpr_table__with_entry_adds_and_replaces():
    """with_entry returns a new table; a row on an existing date replaces it; the original is unchanged."""
    table = load_lpr()
    # A row after the confirmed date (2026-04-20) moves the confirmed date up to it.
    newer = table.with_entry("2026-05-20", "2.90", "3.40")
    assert newer.one_year_on(date(2026, 5, 19)) == Decimal("3.00")
    assert newer.one_year_on(date(2026, 5, 20)) == Decimal("2.90")
    assert newer.confirmed_through == date(2026, 5, 20)
    replaced = newer.with_entry(date(2026, 5, 20), "2.95", "3.45")
    assert replaced.entries[-1] == (date(2026, 5, 20), Decimal("2.95"), Decimal("3.45"))
    assert len(replaced.entries) == 16
    assert len(table.entries) == 15
    older = table.with_entry("2020-01-01", "4.15", "4.80")  # an earlier row is sorted in; confirmed date kept
    assert older.entries[3][0] == date(2020, 1, 1)
    assert older.confirmed_through == date(2026, 4, 20)
    # The cap follows the added row: a private loan formed 2026-06-01 → 4 × 2.90 = 11.60.
    assert cap_for("private", date(2026, 6, 1), on=date(2026, 6, 1), lpr=newer).percent == Decimal("11.60")


def test_lpr_table__rejects_bad_rows():
    """Rates must be numbers from 0 to 100 and dates unique."""
    table = load_lpr()
    with pytest.raises(InvalidInput) as err:
        table.with_entry("2026-02-20", "abc", "3.40")
    assert (err.value.field, err.value.code) == ("lpr_1y", "not_a_number")
    with pytest.raises(InvalidInput) as err:
        table.with_entry("2026-02-20", "2.9", 3.4)
    assert (err.value.field, err.value.code) == ("lpr_5y", "float_refused")
    with pytest.raises(InvalidInput) as err:
        LprTable(((date(2020, 1, 1), "4", "5"), (date(2020, 1, 1), "4", "5")), date(2020, 1, 1))
    assert err.value.code == "duplicate"
    with pytest.raises(InvalidInput) as err:
        LprTable((), date(2020, 1, 1))
    assert err.value.code == "empty"


def test_load_lpr__custom_csv(tmp_path):
    """A user's CSV of the same shape is read with its comments, and may omit the confirmed date."""
    path = tmp_path / "my_lpr.csv"
    path.write_text(
        "# my own table\n# source: 自行整理\n# confirmed_through: 2026-03-20\n"
        "effective_from,lpr_1y,lpr_5y\n2019-08-20,4.25,4.85\n2026-02-20,2.90,3.40\n",
        encoding="utf-8",
    )
    table = load_lpr(path)
    assert table.entries == (
        (date(2019, 8, 20), Decimal("4.25"), Decimal("4.85")),
        (date(2026, 2, 20), Decimal("2.90"), Decimal("3.40")),
    )
    assert (table.confirmed_through, table.source) == (date(2026, 3, 20), "自行整理")
    bare = tmp_path / "bare.csv"
    bare.write_text("effective_from,lpr_1y,lpr_5y\n2019-08-20,4.25,4.85\n2020-04-20,3.85,4.65\n", encoding="utf-8")
    table = load_lpr(str(bare))
    assert (table.confirmed_through, table.source) == (date(2020, 4, 20), "bare.csv")


@pytest.mark.parametrize(
    ("text", "field", "code", "where"),
    [
        ("effective_from,lpr_1y\n2019-08-20,4.25\n", "lpr_5y", "missing_column", "x.csv"),
        ("# c\neffective_from,lpr_1y,lpr_5y\n2019-08-20,4.25,4.85\n2019-09-20,四点二,4.85\n", "lpr_1y",
         "not_a_number", "x.csv row 4"),
        # 2019/08/20 is read as a date now; a day-first date is not.
        ("effective_from,lpr_1y,lpr_5y\n20/08/2019,4.25,4.85\n", "effective_from", "bad_date", "x.csv row 2"),
        ("# only comments\n", "file", "empty", ""),
    ],
)
def test_load_lpr__bad_csv_is_located(tmp_path, text, field, code, where):
    """A bad custom CSV raises InvalidInput naming the field and the file row."""
    path = tmp_path / "x.csv"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InvalidInput) as err:
        load_lpr(path)
    assert (err.value.field, err.value.code, err.value.where) == (field, code, where)


def test_load_lpr__missing_file(tmp_path):
    """A missing file is reported as a bad file, not a traceback."""
    with pytest.raises(InvalidInput) as err:
        load_lpr(tmp_path / "nope.csv")
    assert (err.value.field, err.value.code) == ("file", "bad_file")


# ---------------------------------------------------------------------------------------------------------------
# Cap rules data


def test_load_cap_rules__package_rules_are_sourced_data():
    """Every package rule has a source, bilingual basis and a status, and every kind is covered once."""
    rules = load_cap_rules()
    assert rules is load_cap_rules()
    assert [r.id for r in rules.rules] == [
        "private-4lpr", "private-pre-2020-08-20-old-rule", "private-pre-2020-08-20-transition", "financial-24",
        "online-platform-24", "microloan-24-guidance",
    ]
    for rule in rules.rules:
        assert rule.source.startswith("《")
        assert rule.basis_zh
        assert rule.basis_en
        assert rule.status in (RuleStatus.FIRM, RuleStatus.CHECK)
    for kind in CreditorKind:
        for contract in (date(2010, 1, 1), date(2020, 8, 19), date(2020, 8, 20), date(2030, 1, 1)):
            for day in (date(2020, 8, 19), date(2020, 8, 20), date(2030, 1, 1)):
                assert rules.rule_for(kind, contract, day).id
    raw = json.loads(resources.files("planner.caps").joinpath("data", "cap_rules.json").read_text(encoding="utf-8"))
    assert all(isinstance(v, str) for r in raw["rules"] for v in r["cap"].values())  # Decimals as strings


def _package_rules_json():
    return json.loads(resources.files("planner.caps").joinpath("data", "cap_rules.json").read_text(encoding="utf-8"))


def test_load_cap_rules__custom_file_changes_the_cap(tmp_path):
    """An edited rules file is used when passed: a 3 × LPR private cap gives 3 × 3.85 = 11.55 %."""
    document = _package_rules_json()
    document["rules"][0]["cap"]["lpr_multiple"] = "3"
    path = tmp_path / "rules.json"
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    rules = load_cap_rules(path)
    assert cap_for("private", date(2021, 3, 1), on=date(2022, 3, 1), rules=rules).percent == Decimal("11.55")


def test_load_cap_rules__gap_or_overlap_is_refused(tmp_path):
    """Rules must cover each kind exactly once for every date: a gap and an overlap are both refused."""
    document = _package_rules_json()
    document["rules"][0]["contract_dates"]["from"] = "2020-09-01"  # gap: private contracts 2020-08-20…08-31
    path = tmp_path / "gap.json"
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(InvalidInput) as err:
        load_cap_rules(path)
    assert err.value.code == "bad_file"
    assert err.value.params == {
        "reason": "rules_coverage", "count": 0, "rules": "—", "kind": "private", "contract_date": "2020-08-20",
        "day": "0001-01-01"}
    assert "0 rules (—) cover private contracts formed 2020-08-20 for interest on 0001-01-01; exactly one must" in (
        str(err.value))
    document = _package_rules_json()
    document["rules"][3]["applies_to"].append("microloan")  # overlap with the microloan rule
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(InvalidInput) as err:
        load_cap_rules(path)
    assert (err.value.params["count"], err.value.params["rules"]) == (2, "financial-24, microloan-24-guidance")
    assert "2 rules (financial-24, microloan-24-guidance)" in str(err.value)


@pytest.mark.parametrize(
    ("change", "field", "code"),
    [
        ({"cap": {"percent": "24", "lpr_multiple": "4"}}, "cap", "unknown_choice"),
        ({"cap": {"percent": "-1"}}, "percent", "not_positive"),
        ({"cap": {"lpr_multiple": "4", "lpr_on": "filing"}}, "lpr_on", "unknown_choice"),
        ({"status": "maybe"}, "status", "unknown_choice"),
        ({"nature": "statutory"}, "nature", "unknown_choice"),
        ({"applies_to": ["pawnshop"]}, "kind", "unknown_choice"),
        ({"source": ""}, "source", "required"),
        ({"contract_dates": {"from": "2021-01-01", "to": "2020-01-01"}}, "contract_dates.to", "date_order"),
    ],
)
def test_load_cap_rules__bad_rule_is_located(tmp_path, change, field, code):
    """A bad field in a rules file raises InvalidInput located at the rule."""
    document = _package_rules_json()
    document["rules"][3].update(change)
    path = tmp_path / "rules.json"
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(InvalidInput) as err:
        load_cap_rules(path)
    assert (err.value.field, err.value.code, err.value.where) == (field, code, "rules.json rules[3]")


def test_load_cap_rules__invalid_json(tmp_path):
    """Broken JSON is a bad file with the line number."""
    path = tmp_path / "rules.json"
    path.write_text('{"rules": [\n', encoding="utf-8")
    with pytest.raises(InvalidInput) as err:
        load_cap_rules(path)
    assert err.value.code == "bad_file"
    assert (err.value.params["reason"], err.value.params["line"]) == ("not_json_data", 2)
    assert "line 2" in str(err.value)
    assert "第 2 行" in err.value.message("zh")


def test_cap_rules__duplicate_ids_refused():
    """Two rules with one id are refused."""
    rules = load_cap_rules().rules
    with pytest.raises(InvalidInput) as err:
        CapRules((*rules, rules[0]))
    assert (err.value.field, err.value.code) == ("id", "duplicate")


# ---------------------------------------------------------------------------------------------------------------
# Findings


def test_audit_debt__stale_lpr_warning_when_lpr_after_confirmed_date_is_used():
    """A cap using an LPR after the confirmed date (2026-04-20) makes the case's LPR_STALE a warning about the data
    naming the debt; the debt's own findings hold no LPR_STALE."""
    debt = make_debt(contract_date="2026-05-01", overdue_since="2026-05-01", accrued_interest="0")
    audit = audit_debt(debt, date(2026, 6, 1))
    assert audit.lpr_unconfirmed
    assert "LPR_STALE" not in codes(audit.findings)
    (stale,) = case_data_findings((audit,), date(2026, 6, 1))
    assert (stale.code, stale.severity, stale.scope, stale.subject) == ("LPR_STALE", Severity.WARNING, Scope.DATA, "")
    assert "2026年4月20日" in zh(stale)
    assert stale.values == {"confirmed_through": date(2026, 4, 20), "as_of": date(2026, 6, 1),
                            "lpr_1y": Decimal("3.00"), "relied": ("li-loan",)}
    # Adding a confirmed row for 2026-05-20 removes the warning when the as-of date is within it.
    fresher = load_lpr().with_entry("2026-05-20", "3.00", "3.50")
    audit = audit_debt(debt, date(2026, 5, 20), lpr=fresher)
    assert not audit.lpr_unconfirmed
    assert case_data_findings((audit,), date(2026, 5, 20), lpr=fresher) == ()


def test_audit_debt__stale_lpr_information_when_cap_uses_confirmed_lpr():
    """An as-of date after the confirmed date with a contract-date LPR inside it gives information only."""
    audit = audit_debt(make_debt(contract_date="2022-05-01", overdue_since="2025-11-01", accrued_interest="0"),
                       date(2026, 11, 23))
    assert not audit.lpr_unconfirmed
    (stale,) = case_data_findings((audit,), date(2026, 11, 23))
    assert (stale.severity, stale.param("relied")) == (Severity.INFO, ())
    on_time = audit_debt(make_debt(accrued_interest="0"), date(2026, 4, 20))  # on the confirmed date
    assert case_data_findings((on_time,), date(2026, 4, 20)) == ()


def test_audit_debt__stale_lpr_information_for_caps_without_lpr():
    """A 24 % cap does not use the LPR, but an as-of date after the confirmed date still says the data may be stale,
    as information about the data."""
    card = make_debt(kind="credit-card", contract_rate="18.25", accrued_interest="100")
    audit = audit_debt(card, date(2026, 11, 23))
    assert not audit.lpr_unconfirmed
    (stale,) = case_data_findings((audit,), date(2026, 11, 23))
    assert (stale.severity, stale.scope, stale.subject) == (Severity.INFO, Scope.DATA, "")
    assert "2026年4月20日" in zh(stale)
    assert "November 23, 2026" in en(stale)
    assert stale.source == load_lpr().source
    on_confirmed = audit_debt(card, date(2026, 4, 20))
    assert case_data_findings((on_confirmed,), date(2026, 4, 20)) == ()  # on the confirmed date


def test_audit_debt__stale_lpr_equal_for_all_debts_of_one_as_of_date():
    """LPR_STALE depends only on the data, the as-of date and which debts rely on an unconfirmed LPR: a case gets it
    once, information when no cap relies on such an LPR, a warning naming the debts when some do."""
    as_of = date(2026, 11, 23)
    infos = [
        make_debt(id="card", kind="credit-card", contract_rate="18.25", accrued_interest="100"),  # 24 %: no LPR
        make_debt(id="micro", kind="microloan", contract_rate="30"),  # 24 % guidance: no LPR
        make_debt(id="p2022", contract_date="2022-05-01", overdue_since="2025-11-01",
                  accrued_interest="0"),  # LPR of 2022-05-01
        make_debt(id="p2025", contract_date="2025-06-01", overdue_since="2025-11-01",
                  accrued_interest="0"),  # LPR of 2025-06-01
    ]
    warnings = [
        make_debt(id="p2026", contract_date="2026-05-01", overdue_since="2026-05-01",
                  accrued_interest="0"),  # LPR of 2026-05-01
        make_debt(id="p2019", contract_date="2019-06-01", overdue_since="2020-01-01",
                  accrued_interest="0"),  # as-of LPR
    ]
    info_audits = tuple(audit_debt(d, as_of) for d in infos)
    assert not any(a.lpr_unconfirmed for a in info_audits)
    (info,) = case_data_findings(info_audits, as_of)
    assert info.severity is Severity.INFO
    assert info == lpr_stale_finding(load_lpr(), as_of)  # the same finding whichever of these debts it is about
    all_audits = info_audits + tuple(audit_debt(d, as_of) for d in warnings)
    (warning,) = case_data_findings(all_audits, as_of)
    assert warning.severity is Severity.WARNING
    assert warning.param("relied") == ("p2026", "p2019")
    assert "p2026、p2019" in zh(warning)
    assert zh(warning) != zh(info)  # the text says whether a cap relied on it
    case = example_case()
    example = case_data_findings(audit_case(case), case.as_of)
    assert [f.code for f in example] == ["LPR_STALE"]  # the example's as-of date 2026-11-23 is after 2026-04-20
    assert example[0].severity is Severity.INFO  # its caps use the 24 % rules or the LPR of 2022-05-01


def test_audit_debt__pre_2020_private_loan_transition_findings():
    """A pre-2020-08-20 private loan gets the transition note, the unconfirmed-rule notes and a stale warning."""
    debt = make_debt(contract_date="2019-06-01", overdue_since="2020-01-01", accrued_interest="20000")
    audit = audit_debt(debt, date(2021, 1, 1))
    assert [(p.days, p.cap.percent) for p in audit.periods] == [(232, Decimal(24)), (134, Decimal("15.40"))]
    assert audit.supportable == Decimal("20908.49")  # as in test_cap_periods__transition_split_with_both_figures
    assert audit.excess == Decimal("0.00")  # claimed 20,000.00 ≤ 20,908.49
    assert audit.cap.rule_id == "private-pre-2020-08-20-transition"
    assert codes(audit.findings) == ["RATE_ABOVE_CAP", "PRIVATE_TRANSITION", "RULE_UNCONFIRMED", "RULE_UNCONFIRMED"]
    transition = by_code(audit.findings, "PRIVATE_TRANSITION")
    assert transition.severity is Severity.INFO
    assert "起诉" in zh(transition)
    assert "2021年1月1日" in zh(transition)
    assert "filing date" in en(transition)
    late = audit_debt(debt, date(2026, 6, 1))
    assert late.lpr_unconfirmed  # as-of LPR after 2026-04-20
    assert by_code(case_data_findings((late,), date(2026, 6, 1)), "LPR_STALE").severity is Severity.WARNING


def test_audit_debt__microloan_notes():
    """A microloan debt gets the MICROLOAN_RULE, MICROLOAN_GUIDANCE and RULE_UNCONFIRMED information notes."""
    debt = make_debt(kind="microloan", contract_rate="18", accrued_interest="0")
    audit = audit_debt(debt, date(2022, 3, 1))
    assert codes(audit.findings) == ["MICROLOAN_RULE", "MICROLOAN_GUIDANCE", "RULE_UNCONFIRMED"]
    assert all(f.severity is Severity.INFO for f in audit.findings)
    # 法释〔2020〕27号 is named with its own brackets in the sentence.
    assert number("法释", 2020, 27) in zh(by_code(audit.findings, "MICROLOAN_RULE"))
    assert "可修改的数据" in zh(by_code(audit.findings, "RULE_UNCONFIRMED"))


def test_audit_debt__charges_below_cap():
    """A card claiming less than 24 % supports has no excess and no finding."""
    card = make_debt(id="card", kind="credit-card", contract_date="2023-01-01", outstanding_principal="10000",
                     original_principal="10000", contract_rate="18.25", accrued_interest="400",
                     liquidated_damages="100", overdue_since="2025-01-01")
    audit = audit_debt(card, "2025-07-01")
    # By hand: 10000 × 24 × 181 / 36500 = 1190.1369… → 1190.14 supportable; 500.00 claimed.
    assert (audit.supportable, audit.claimed, audit.excess) == (
        Decimal("1190.14"), Decimal("500.00"), Decimal("0.00"))
    assert audit.findings == ()


def test_audit_debt__fee_and_penalty_rates_above_cap():
    """An online loan at 23.9 % plus 12 % fees is above 24 %, and so is its 35.85 % penalty rate."""
    loan = make_debt(id="online", kind="online-platform", contract_rate="23.9", fee_rate="12",
                     penalty_rate="35.85", accrued_interest="0")
    audit = audit_debt(loan, date(2022, 3, 1))
    assert audit.cost_rate_percent == Decimal("35.9")
    # The online-platform rule also carries the ONLINE_LENDER_OF_RECORD information note.
    assert codes(audit.findings) == ["RATE_ABOVE_CAP", "PENALTY_RATE_ABOVE_CAP", "ONLINE_LENDER_OF_RECORD"]
    rate = by_code(audit.findings, "RATE_ABOVE_CAP")
    assert (rate.param("what"), rate.param("rate")) == ("cost_rate", Decimal("35.9"))
    assert "综合年化成本" in zh(rate)
    assert "35.9% 高于上限 24%" in zh(rate)
    assert by_code(audit.findings, "PENALTY_RATE_ABOVE_CAP").param("rate") == Decimal("35.85")


def test_findings__firm_legal_rule_is_a_legal_cap():
    """A firm legal rule is called a legal cap, and the rate finding says a reduction may be requested."""
    cap = cap_for("online-platform", date(2021, 3, 1), on=date(2022, 3, 1))
    assert (cap.is_legal, cap.standing) == (True, "legal")
    assert (choice_label("standing", cap.standing, "zh"), choice_label("standing", cap.standing, "en")) == (
        "法定上限", "legal cap")
    audit = audit_debt(make_debt(), date(2022, 3, 1))
    assert "可请求调减超出部分" in zh(by_code(audit.findings, "RATE_ABOVE_CAP"))
    charges = by_code(audit.findings, "CHARGES_ABOVE_CAP")
    assert charges.param("standing") == "legal"
    assert "法定上限（15.4%）" in zh(charges)
    assert "legal cap (15.4%)" in en(charges)


def test_findings__guidance_rule_is_a_reference_cap_and_worded_as_information():
    """The microloan 24 % guidance figure is a reference cap: no 法定 / legal, no 可请求调减, a negotiation reference."""
    loan = make_debt(kind="microloan", contract_rate="23.9", fee_rate="12", penalty_rate="36", accrued_interest="30000")
    audit = audit_debt(loan, date(2022, 3, 1))
    assert not audit.cap.is_legal
    assert audit.cap.standing == "reference"
    assert choice_label("standing", audit.cap.standing, "zh") == "参考上限（仅供参考，未经确认）"
    assert choice_label("standing", audit.cap.standing, "en") == "reference cap (guidance, unconfirmed)"
    rate = by_code(audit.findings, "RATE_ABOVE_CAP")
    assert "合同综合年化成本（利率 + 费率） 35.9% 高于参考上限 24%（仅供参考，未经确认）" in zh(rate)
    assert "可作为协商减免的参考依据" in zh(rate)
    assert "该规则尚待核实" in zh(rate)
    assert "reference cap (guidance, unconfirmed)" in en(rate)
    for code in ("RATE_ABOVE_CAP", "PENALTY_RATE_ABOVE_CAP", "CHARGES_ABOVE_CAP"):
        finding = by_code(audit.findings, code)
        assert finding.param("standing") == "reference"
        assert "法定" not in zh(finding)
        assert "可请求调减" not in zh(finding)
        assert "可据此申请减免" not in zh(finding)
        assert "legal cap" not in en(finding)
        assert number("法释", 2020, 27) in zh(finding)  # the citation stays
    assert "参考上限（24%，仅供参考，未经确认）" in zh(by_code(audit.findings, "CHARGES_ABOVE_CAP"))


def test_findings__unconfirmed_rule_is_a_reference_cap():
    """A rule tagged "check" (the pre-2020-08-20 transition) is a reference cap, even though it is a legal rule."""
    debt = make_debt(contract_date="2019-06-01", overdue_since="2020-01-01", accrued_interest="30000")
    audit = audit_debt(debt, date(2021, 1, 1))
    assert (audit.cap.status, audit.cap.nature.value, audit.cap.is_legal) == (RuleStatus.CHECK, "legal", False)
    assert audit.cap.standing == "reference"
    assert "高于参考上限 15.4%" in zh(by_code(audit.findings, "RATE_ABOVE_CAP"))
    assert "参考上限（15.4%，仅供参考，未经确认）" in zh(by_code(audit.findings, "CHARGES_ABOVE_CAP"))


def test_load_cap_rules__nature_guidance_makes_a_firm_rule_a_reference_cap(tmp_path):
    """The wording follows the rule's data: a firm rule marked "guidance" is a reference cap."""
    document = _package_rules_json()
    document["rules"][3]["nature"] = "guidance"
    path = tmp_path / "rules.json"
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    cap = cap_for("bank-loan", date(2021, 3, 1), on=date(2022, 3, 1), rules=load_cap_rules(path))
    assert (cap.status, cap.is_legal, cap.standing, cap.reported_nature) == (
        RuleStatus.FIRM, False, "reference", "guidance")
    assert catalog("zh").STANDING_HEADING[cap.standing] == "参考利率上限（仅供参考，未经确认）"
    del document["rules"][3]["nature"]  # optional: a rule without it is a legal rule
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    assert cap_for("bank-loan", date(2021, 3, 1), on=date(2022, 3, 1), rules=load_cap_rules(path)).is_legal


def test_percent_text__two_places_half_up():
    """percent_text gives the two-place JSON / detail form, rounded half up."""
    assert [percent_text(Decimal(v)) for v in ("15.4", "3.845", "24", "0.005", "12.344")] == [
        "15.40", "3.85", "24.00", "0.01", "12.34"]


def test_audit_debt__contract_after_as_of_is_an_error_finding():
    """A contract dated after the as-of date gives an error finding first and an empty window."""
    audit = audit_debt(make_debt(accrued_interest="0"), date(2021, 1, 1))
    assert audit.findings[0].code == "CONTRACT_AFTER_AS_OF"
    assert audit.findings[0].severity is Severity.ERROR
    assert (audit.periods, audit.supportable, audit.window_days) == ((), Decimal("0.00"), 0)


def test_audit_debt__contract_after_as_of_claims_no_excess():
    """A contract after the as-of date has no window, so its claimed charges are no excess (the error says why)."""
    audit = audit_debt(make_debt(contract_date="2027-01-01", overdue_since=None), date(2026, 11, 23))
    assert (audit.supportable, audit.claimed, audit.excess) == (Decimal("0.00"), Decimal("24000.00"), 0)
    assert "CONTRACT_AFTER_AS_OF" in codes(audit.findings)
    assert not {"CHARGES_ABOVE_CAP", "WINDOW_EMPTY"} & set(codes(audit.findings))


def test_audit_debt__overdue_date_after_as_of_is_no_excess():
    """A mistyped overdue date (2029-09-05 for 2025-09-05, as of 2026-11-23) empties the window: nothing can be
    compared, so the excess is 0 (not the whole ¥24,000 claimed), with a warning to check the date — and an
    "excess" waiver built on it waives nothing."""
    from planner.domain.options import Plan, Waiver, WaiverMode
    from planner.engines.schedules import build_schedule, waiver_amount

    debt = make_debt(id="cousin", contract_date="2022-05-01", overdue_since="2029-09-05")
    audit = audit_debt(debt, date(2026, 11, 23))
    assert (audit.window_start, audit.window_days, audit.periods) == (date(2029, 9, 5), 0, ())
    assert (audit.supportable, audit.claimed, audit.excess) == (Decimal("0.00"), Decimal("24000.00"), 0)
    assert "CHARGES_ABOVE_CAP" not in codes(audit.findings)
    assert "CONTRACT_AFTER_AS_OF" not in codes(audit.findings)
    assert "RATE_ABOVE_CAP" in codes(audit.findings)  # the rate comparison needs no window
    empty = by_code(audit.findings, "WINDOW_EMPTY")
    assert (empty.severity, empty.scope, empty.subject) == (Severity.WARNING, Scope.DEBT, "cousin")
    assert empty.values == {"start": date(2029, 9, 5), "as_of": date(2026, 11, 23), "claimed": Decimal("24000.00")}
    assert "逾期起始日 2029年9月5日 晚于测算基准日 2026年11月23日" in zh(empty)
    assert "无法" in zh(empty)
    assert "请检查逾期起始日" in zh(empty)
    assert "The overdue date September 5, 2029 is after the as-of date November 23, 2026" in en(empty)
    assert "cannot be compared with the cap" in en(empty)
    assert "Check the overdue date" in en(empty)
    waiver = Waiver(WaiverMode.EXCESS)
    assert waiver_amount(debt, waiver, excess=audit.excess) == 0
    schedule = build_schedule(debt, Plan(waiver=waiver), start=audit.as_of, cap_rate=audit.cap.rate,
                              excess=audit.excess)
    assert schedule.waived == 0
    # The same debt with the date meant (2025-09-05) has a window and a real excess.
    meant = audit_debt(make_debt(contract_date="2022-05-01", overdue_since="2025-09-05"), date(2026, 11, 23))
    assert meant.window_days == 444
    assert meant.excess > 0
    assert "WINDOW_EMPTY" not in codes(meant.findings)


def test_findings__messages_do_not_repeat_the_debt_id():
    """The debt id is the subject (a listing prints "subject: message"); no message of the audit repeats it."""
    audits = [
        (make_debt(id="cousin"), date(2022, 3, 1)),  # the worked example: ¥8,600 above the cap
        (make_debt(id="cousin", contract_date="2019-06-01", overdue_since="2020-01-01"), date(2026, 11, 23)),
        (make_debt(id="cousin", kind="microloan", contract_rate="36", penalty_rate="48", fee_rate="6"),
         date(2022, 3, 1)),
        (make_debt(id="cousin", contract_date="2022-05-01", overdue_since="2029-09-05"), date(2026, 11, 23)),
        (make_debt(id="cousin", contract_date="2027-01-01", overdue_since=None), date(2026, 11, 23)),
    ]
    findings = [f for debt, as_of in audits for f in audit_debt(debt, as_of).findings]
    assert {"CHARGES_ABOVE_CAP", "RATE_ABOVE_CAP", "PENALTY_RATE_ABOVE_CAP", "WINDOW_EMPTY",
            "CONTRACT_AFTER_AS_OF"} <= set(codes(findings))
    for finding in findings:
        for audience in ("borrower", "creditor"):
            assert "cousin" not in render(finding, "zh", audience)
            assert "cousin" not in render(finding, "en", audience)


def test_findings__word_information_not_conclusions():
    """No finding calls anything illegal; each one about a rule cites its source."""
    case = example_case()
    late = audit_debt(make_debt(contract_date="2019-06-01", overdue_since="2020-01-01"), date(2026, 6, 1))
    audits = [
        *audit_case(case),
        late,
        audit_debt(make_debt(kind="microloan", contract_rate="36"), date(2022, 3, 1)),
    ]
    findings = [f for audit in audits for f in audit.findings]
    # The data findings (LPR_STALE) come per case now: the example's, and the warning for the late audit.
    findings += [*case_data_findings(audit_case(case), case.as_of), *case_data_findings((late,), date(2026, 6, 1))]
    assert "LPR_STALE" in codes(findings)
    for finding in findings:
        for audience in ("borrower", "creditor"):
            assert "违法" not in render(finding, "zh", audience)
            assert "illegal" not in render(finding, "en", audience).lower()
        assert finding.source


def test_audit_case__one_audit_per_debt_in_order():
    """The example case gets one audit per debt, in order, on its as-of date."""
    case = example_case()
    audits = audit_case(case)
    assert [a.debt_id for a in audits] == [d.id for d in case.debts]
    assert {a.as_of for a in audits} == {case.as_of}
    private = audits[[d.id for d in case.debts].index("private-loan")]
    assert private.cap.percent == Decimal("14.80")  # 4 × 3.70, LPR on the contract date 2022-05-01


def test_audit_debt__term_limit_for_credit_cards_only():
    """A credit card's audit carries the 60-month installment limit with its source; other kinds have none."""
    card = audit_debt(make_debt(id="card", kind="credit-card", contract_rate="18.25"), date(2022, 3, 1))
    assert card.term_limit is not None
    assert card.term_limit.months == 60
    assert "信用卡" in card.term_limit.source
    for kind in ("private", "bank-loan", "consumer-finance", "online-platform", "microloan"):
        assert audit_debt(make_debt(kind=kind), date(2022, 3, 1)).term_limit is None
    limits = [a.term_limit and a.term_limit.months for a in audit_case(example_case())]
    assert limits == [60, 60, None, None, None]  # cmb-card, citic-card, cf-loan, online-loan, private-loan


def test_load_cap_rules__term_limits_are_data(tmp_path):
    """The term limit is read from the rules file: an edited file with 48 months gives 48; without the list, none."""
    document = _package_rules_json()
    document["term_limits"][0]["months"] = 48
    path = tmp_path / "rules.json"
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    card = make_debt(kind="credit-card", contract_rate="18.25")
    assert audit_debt(card, date(2022, 3, 1), rules=load_cap_rules(path)).term_limit.months == 48
    del document["term_limits"]
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    assert audit_debt(card, date(2022, 3, 1), rules=load_cap_rules(path)).term_limit is None


def test_case_data_findings__one_lpr_stale_per_case_naming_the_relying_debts():
    """A case gets one LPR_STALE about the data, naming in order the debts whose cap uses an LPR after 2026-04-20."""
    from planner.domain.case import Case
    from planner.domain.model import Budget

    debts = (
        make_debt(id="old-private", contract_date="2019-06-01", overdue_since="2020-01-01"),  # as-of LPR
        make_debt(id="card", kind="credit-card", contract_rate="18.25", accrued_interest="100"),  # no LPR
        make_debt(id="new-private", contract_date="2026-05-01", overdue_since="2026-05-01",
                  accrued_interest="0"),  # LPR of 2026-05-01
        make_debt(id="private-2022", contract_date="2022-05-01", overdue_since="2025-11-01"),  # confirmed LPR
    )
    case = Case(Budget(), debts, "2026-11-23")
    audits = audit_case(case)
    assert [a.lpr_unconfirmed for a in audits] == [True, False, True, False]
    assert not any(f.code == "LPR_STALE" for a in audits for f in a.findings)
    (stale,) = case_data_findings(audits, case.as_of)
    assert (stale.code, stale.severity, stale.scope, stale.subject) == ("LPR_STALE", Severity.WARNING, Scope.DATA, "")
    assert stale.values == {"confirmed_through": date(2026, 4, 20), "as_of": date(2026, 11, 23),
                            "lpr_1y": Decimal("3.00"), "relied": ("old-private", "new-private")}
    assert "old-private、new-private 的上限用到了 2026年4月20日 之后的一年期 LPR" in zh(stale)
    assert "the caps of old-private, new-private use a one-year LPR dated after April 20, 2026" in en(stale)
    assert stale == lpr_stale_finding(load_lpr(), date(2026, 11, 23), ("old-private", "new-private"))
    assert case_data_findings(audit_case(Case(Budget(), debts[1:2], "2026-04-20")), date(2026, 4, 20)) == ()


# ---------------------------------------------------------------------------------------------------------------
# Errors


@pytest.mark.parametrize(
    ("call", "field", "code"),
    [
        (lambda: cap_for("loan-shark", date(2021, 1, 1), on=date(2022, 1, 1)), "kind", "unknown_choice"),
        (lambda: cap_for("private", "2021-02-30", on=date(2022, 1, 1)), "contract_date", "no_such_date"),
        (lambda: cap_for("private", date(2021, 1, 1), on="soon"), "as_of", "bad_date"),
        (lambda: cap_periods("private", date(2021, 1, 1), date(2022, 1, 1), date(2021, 6, 1), on=date(2022, 1, 1)),
         "end", "date_order"),
        (lambda: legal_interest("-1", "private", date(2021, 1, 1), date(2021, 1, 1), date(2022, 1, 1),
                                on=date(2022, 1, 1)), "principal", "negative"),
        (lambda: legal_interest(100.5, "private", date(2021, 1, 1), date(2021, 1, 1), date(2022, 1, 1),
                                on=date(2022, 1, 1)), "principal", "float_refused"),
        (lambda: quote_cap("private", date(2021, 1, 1), as_of=date(2022, 1, 1), start=date(2021, 1, 1)),
         "end", "required"),
        (lambda: quote_cap("private", date(2021, 1, 1), as_of=date(2022, 1, 1), start=date(2021, 1, 1),
                           end=date(2022, 1, 1), annual_rate="24"), "principal", "required"),
        (lambda: quote_cap("private", date(2021, 1, 1), as_of=date(2022, 1, 1), annual_rate="abc"),
         "annual_rate", "not_a_number"),
    ],
)
def test_caps__bad_input_raises_invalid_input(call, field, code):
    """Bad arguments raise InvalidInput naming the field and the rule."""
    with pytest.raises(InvalidInput) as err:
        call()
    assert (err.value.field, err.value.code) == (field, code)
