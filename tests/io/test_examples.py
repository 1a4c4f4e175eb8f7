"""Tests for planner.io.examples: the built-in example case is realistic, valid, and shows an unaffordable status quo."""

import csv
import io
from collections import Counter
from datetime import date
from decimal import ROUND_CEILING, Decimal

from planner.domain.case import Case
from planner.domain.model import CreditorKind, ExpenseCategory
from planner.domain.options import RateChoice, RepaymentMethod, WaiverMode
from planner.io.casefile import dumps_case, loads_case
from planner.io.examples import example_case

# One-year LPR, percent, each valid from its date until the next row. Excerpt of ../shared/reference/lpr_1y_5y.csv
# (National Interbank Funding Center fixings, rows where the value changed), kept here so the test does not depend on
# planner.caps.
LPR_1Y_CSV = """effective_from,lpr_1y
2019-08-20,4.25
2019-09-20,4.20
2019-11-20,4.15
2020-02-20,4.05
2020-04-20,3.85
2021-12-20,3.80
2022-01-20,3.70
2022-05-20,3.70
2022-08-22,3.65
2023-06-20,3.55
2023-08-21,3.45
2024-07-22,3.35
2024-10-21,3.10
2025-05-20,3.00
"""
FEN = Decimal("0.01")


def lpr_1y_on(day: date) -> Decimal:
    rows = list(csv.DictReader(io.StringIO(LPR_1Y_CSV)))
    valid = [r for r in rows if date.fromisoformat(r["effective_from"]) <= day]
    return Decimal(valid[-1]["lpr_1y"])


def equal_installment(principal: Decimal, annual_percent: Decimal, months: int) -> Decimal:
    """等额本息 payment P·r / (1 − (1 + r)^−n), the formula every bank calculator uses."""
    r = annual_percent / 1200
    return principal * r / (1 - (1 + r) ** -months)


def test_example_case__has_five_debts_of_the_required_kinds():
    """The example has two credit cards, a consumer-finance loan, an online-platform loan and a private loan."""
    case = example_case()
    kinds = Counter(d.kind for d in case.debts)
    assert len(case.debts) >= 5
    assert kinds[CreditorKind.CREDIT_CARD] == 2
    for kind in (CreditorKind.CONSUMER_FINANCE, CreditorKind.ONLINE_PLATFORM, CreditorKind.PRIVATE):
        assert kinds[kind] >= 1
    assert all(d.is_overdue for d in case.debts)
    assert all(d.penalties_and_fees > 0 or d.accrued_interest > 0 for d in case.debts)


def test_example_case__is_valid_and_round_trips():
    """The example is a valid Case (re-validated from its fields) and survives a case-file round trip."""
    case = example_case()
    assert Case(case.budget, case.debts, case.as_of, case.scenarios, case.borrower, case.notes,
                conduct=case.conduct) == case
    assert loads_case(dumps_case(case)) == case
    assert case.as_of == date(2026, 11, 23)
    assert case.borrower == "张伟"
    assert example_case() == case  # deterministic


def test_example_case__budget_covers_every_category_and_has_a_reserve():
    """The budget lists income items, an expense in every category and a reserve; disposable is ¥3,200."""
    budget = example_case().budget
    assert len(budget.incomes) >= 2
    assert {e.category for e in budget.expenses} == set(ExpenseCategory)
    assert budget.reserve > 0
    assert budget.total_income == Decimal("12700.00")
    assert budget.total_expenses == Decimal("9200.00")
    assert budget.disposable == Decimal("3200.00")


def test_example_case__online_loan_costs_more_than_24_percent():
    """The online-platform loan's contract rate plus fee rate exceeds the 24 % total-cost line (法发 [2017] 22 号)."""
    (online,) = [d for d in example_case().debts if d.kind is CreditorKind.ONLINE_PLATFORM]
    assert online.contract_rate.percent_per_year < 24
    assert online.fee_rate is not None
    assert online.cost_rate_percent == Decimal("35.9")
    assert online.cost_rate_percent > 24


def test_example_case__private_loan_exceeds_four_times_lpr_at_contract_date():
    """The private loan's rate is above 4 × the one-year LPR on its contract date (法释 [2020] 6 号, art. 25)."""
    (private,) = [d for d in example_case().debts if d.kind is CreditorKind.PRIVATE]
    assert private.contract_date >= date(2020, 8, 20)  # the 4×LPR rule applies without the transition
    cap = 4 * lpr_1y_on(private.contract_date)
    assert cap == Decimal("14.80")
    assert private.contract_rate.percent_per_year > cap


def test_example_case__status_quo_is_unaffordable():
    """The contractual monthly payments (¥11,142.26) far exceed disposable income (¥3,200.00)."""
    case = example_case()
    contractual = sum(d.monthly_payment for d in case.debts)
    assert contractual == Decimal("11142.26")
    assert contractual > 3 * case.budget.disposable


def test_example_case__three_named_scenarios_in_chinese():
    """There are three scenarios with Chinese names, each giving every debt a plan."""
    case = example_case()
    assert [s.name for s in case.scenarios] == ["全部停息分期60期", "延期12个月后分期", "部分一次性结清"]
    ids = {d.id for d in case.debts}
    for scenario in case.scenarios:
        assert {debt_id for debt_id, _ in scenario.plans} == ids
        assert scenario.note
    settle = case.scenario("部分一次性结清")
    settled = [debt_id for debt_id, plan in settle.plans if plan.settlement is not None]
    balances = sorted(case.debts, key=lambda d: d.balance)
    assert set(settled) == {balances[0].id, balances[1].id}  # the two smallest debts
    assert all(Decimal(50) <= plan.settlement.percent <= Decimal(60) for _, plan in settle.plans if plan.settlement)


def test_example_case__stop_interest_scenario_fits_every_month():
    """全部停息分期60期 pays under ¥2,915 a month, within the ¥3,200 disposable income in every month.

    Arithmetic: each financial debt after waiving penalties and fees is principal + accrued interest, repaid at 0 %
    over 60 months (balance / 60; the last installment absorbs at most 60 × ½ fen of rounding). The private loan is
    bounded by an equal installment at the 4 × LPR cap (14.8 %) on its whole balance, before any waiver of the
    excess (a waiver never raises a payment). There is no deferral or down payment, so months 1–60 all pay the
    same plans.
    """
    case = example_case()
    scenario = case.scenario("全部停息分期60期")
    assert scenario.start == case.as_of
    worst_month = Decimal(0)
    for debt in case.debts:
        plan = scenario.plan_for(debt.id)
        assert plan.deferral is None
        assert plan.settlement is None
        assert plan.restructure is not None
        assert plan.restructure.months == 60
        assert plan.restructure.down_payment == 0
        assert plan.restructure.method is RepaymentMethod.EQUAL_INSTALLMENT
        if debt.kind is CreditorKind.PRIVATE:
            assert plan.waiver.mode is WaiverMode.EXCESS
            assert plan.restructure.rate is RateChoice.CAPPED
            cap = 4 * lpr_1y_on(debt.contract_date)
            payment = equal_installment(debt.balance, cap, 60)
        else:
            assert plan.waiver.mode is WaiverMode.PENALTIES_AND_FEES
            assert plan.restructure.rate is RateChoice.ZERO
            payment = (debt.outstanding_principal + debt.accrued_interest) / 60
        worst_month += payment.quantize(FEN, rounding=ROUND_CEILING) + Decimal("0.30")
    assert worst_month < Decimal("2915.00")
    assert worst_month <= case.budget.disposable


# ------------------------------------------------------------------------------------------------ the conduct log


def test_example_log__two_weeks_from_two_creditors_with_the_markers_of_unlawful_collection():
    """The log holds at least 30 contacts over the 14 days before the as-of date from two of the case's creditors
    (by debt id), with family, a colleague and the employer called, night calls, an impersonation of a lawyer and of
    the court, and a fake 律师函 photo."""
    from planner.domain.conduct import Contacted, Flag

    case = example_case()
    log = case.conduct
    assert len(log) >= 30
    assert {e.creditor for e in log} == {"online-loan", "cf-loan"}
    assert {e.creditor for e in log} <= {d.id for d in case.debts}
    days = {e.day for e in log}
    assert min(days) == date(2026, 11, 9)
    assert max(days) == date(2026, 11, 22)
    assert all(e.time.date() < case.as_of for e in log)
    assert {Contacted.FAMILY, Contacted.COLLEAGUE, Contacted.EMPLOYER} <= {e.contacted for e in log}
    night = [e for e in log if e.time.hour >= 22 or e.time.hour < 8]
    assert {e.time.hour for e in night} >= {22, 23, 7}
    impersonations = {e.identity for e in log if Flag.IMPERSONATION in e.flags}
    assert {"律师", "法院"} <= impersonations
    letter, = (e for e in log if Flag.FAKE_DOCUMENT in e.flags)
    assert letter.attachments[0].path == "example-evidence/fake-lawyer-letter.png"
    assert list(log) == sorted(log, key=lambda e: (e.time, e.key))


def test_example_log__one_day_has_more_than_six_unanswered_calls_to_the_debtor():
    """On one day the platform's collectors make 7 unanswered call attempts to the debtor (above the 2026
    guideline's 6), and the consumer-finance company calls 4 times on another (above the guides' 3)."""
    from planner.domain.conduct import Channel, Contacted

    calls = Counter((e.creditor, e.day) for e in example_case().conduct
                    if e.channel is Channel.CALL and e.contacted is Contacted.DEBTOR and not e.answered)
    assert calls[("online-loan", date(2026, 11, 13))] == 7
    attempts = Counter((e.creditor, e.day) for e in example_case().conduct
                       if e.channel is Channel.CALL and e.contacted is Contacted.DEBTOR)
    assert attempts[("cf-loan", date(2026, 11, 15))] == 4


def test_fake_letter_png__a_deterministic_valid_png_matching_its_attachment():
    """The generated photo is a valid 90 × 120 PNG, the same bytes every time; the attachment's size and SHA-256
    are those of the bytes, so the case needs no file on disk to be whole."""
    import hashlib

    from PIL import Image

    from planner.io.examples import fake_letter_png

    data = fake_letter_png()
    assert data == fake_letter_png()
    image = Image.open(io.BytesIO(data))
    image.load()
    assert (image.size, image.mode) == ((90, 120), "RGB")
    assert image.getpixel((0, 0)) == (112, 96, 80)  # the desk around the paper
    assert len(data) < 40_000
    attachment, = (a for e in example_case(evidence="x").conduct for a in e.attachments)
    assert (attachment.path, attachment.size, attachment.sha256) == ("x/fake-lawyer-letter.png", len(data),
                                                                     hashlib.sha256(data).hexdigest())


def test_write_example_evidence__writes_the_photo_beside_the_case(tmp_path):
    """The evidence folder is NAME-evidence beside the case file, the owner's only; the case names the file in it
    by a path relative to the case's folder, whose check finds it unchanged."""
    import stat

    from planner.io.attachments import AttachmentState, check_attachment
    from planner.io.examples import write_example_evidence

    written = write_example_evidence(tmp_path / "张伟.json")
    photo, = written.evidence
    assert photo == tmp_path / "张伟-evidence" / "fake-lawyer-letter.png"
    assert stat.S_IMODE(photo.parent.stat().st_mode) == 0o700
    assert stat.S_IMODE(photo.stat().st_mode) == 0o600
    attachment, = (a for e in written.case.conduct for a in e.attachments)
    assert attachment.path == "张伟-evidence/fake-lawyer-letter.png"
    assert check_attachment(attachment, base=tmp_path).state is AttachmentState.OK
    assert write_example_evidence(tmp_path / "张伟.json").evidence == (photo,)  # again: the same file, no error


def test_write_example_evidence__a_file_in_the_folders_place_is_refused(tmp_path):
    """A file named like the evidence folder is not replaced: cannot_write, naming it."""
    import pytest

    from planner.errors import InvalidInput
    from planner.io.examples import write_example_evidence

    (tmp_path / "case-evidence").write_text("mine", encoding="utf-8")
    with pytest.raises(InvalidInput) as caught:
        write_example_evidence(tmp_path / "case.json")
    assert caught.value.code == "cannot_write"
    assert "已有同名的文件" in caught.value.message("zh")
    assert (tmp_path / "case-evidence").read_text(encoding="utf-8") == "mine"
