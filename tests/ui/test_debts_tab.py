"""债务 Debts tab: the chooser, every field of the debt form, add, duplicate, remove, import."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from ui.uitools import find, show_tab, strip, summary, type_into

from planner.domain.model import CreditorKind
from planner.io.casefile import load_case
from planner.io.importing import write_debts_template
from planner.io.tabular import SAMPLE_MARK
from planner.rates import RateUnit

STATUS_QUO = "维持现状"


def form_field(app, name: str):
    return find(show_tab(app, "debts").form, f"planner-debt-{name.replace('_', '-')}")


def choose(app, debt_id: str):
    tab = show_tab(app, "debts")
    tab.chooser.value = debt_id
    return tab


def test_chooser__shows_the_debt_chosen(app):
    tab = choose(app, "cf-loan")
    assert app.selected_debt == "cf-loan"
    assert form_field(app, "creditor").input.value == "安和消费金融有限公司"
    assert form_field(app, "outstanding_principal").input.value == "33659.37"
    audit = tab.audit.value
    choose(app, "private-loan")
    assert form_field(app, "creditor").input.value == "李某（个人出借人）"
    assert show_tab(app, "debts").audit.value not in {"", audit}  # the audit follows the debt chosen


# (field, text typed, the value expected on the debt, whether the figures must change)
FIELDS = [
    ("creditor", "安和消金", "安和消金", False),
    ("contract_date", "2024/10/1", date(2024, 10, 1), False),
    ("original_principal", "6万", Decimal("60000.00"), False),
    ("outstanding_principal", "30000", Decimal("30000.00"), True),
    ("accrued_interest", "600", Decimal("600.00"), True),
    ("penalty_interest", "8,000", Decimal("8000.00"), True),
    ("liquidated_damages", "¥400", Decimal("400.00"), True),
    ("other_fees", "100元", Decimal("100.00"), True),
    ("monthly_payment", "2000", Decimal("2000.00"), True),
    ("account_number", "合同号 X-1", "合同号 X-1", False),
    ("overdue_since", "2025-12-01", date(2025, 12, 1), True),
]


@pytest.mark.parametrize(("name", "text", "expected", "figures"), FIELDS, ids=[f[0] for f in FIELDS])
def test_debt_form__each_field(app, case_path, name, text, expected, figures):
    tab = choose(app, "cf-loan")
    before, audits = summary(app), tab.all_audits.value
    type_into(form_field(app, name), text)
    assert getattr(app.case.debt("cf-loan"), name) == expected
    assert getattr(load_case(case_path).debt("cf-loan"), name) == expected
    assert form_field(app, name).error == ""
    if figures:
        assert summary(app) != before or show_tab(app, "debts").all_audits.value != audits


def test_debt_form__id_renames_the_debt(app, case_path):
    choose(app, "cf-loan")
    type_into(form_field(app, "id"), "anhe")
    ids = [d.id for d in app.case.debts]
    assert "anhe" in ids
    assert "cf-loan" not in ids
    assert app.selected_debt == "anhe"
    assert show_tab(app, "debts").chooser.value == "anhe"
    assert all("cf-loan" not in dict(s.plans) for s in app.case.scenarios)
    assert "anhe" in [d.id for d in load_case(case_path).debts]


def test_debt_form__contract_date_after_as_of_is_refused_beside_the_field(app):
    choose(app, "cf-loan")
    type_into(form_field(app, "contract_date"), "2027-01-01")
    assert app.case.debt("cf-loan").contract_date == date(2024, 9, 15)
    assert form_field(app, "contract_date").error != ""


def test_debt_form__kind(app):
    tab = choose(app, "cf-loan")
    audits = tab.all_audits.value
    form_field(app, "kind").input.value = CreditorKind.PRIVATE
    assert app.case.debt("cf-loan").kind is CreditorKind.PRIVATE
    assert show_tab(app, "debts").all_audits.value != audits
    assert "民间借贷" in strip(show_tab(app, "debts").all_audits.value)


@pytest.mark.parametrize(("name", "text", "percent", "unit"), [
    ("contract_rate", "月2%", Decimal(24), RateUnit.MONTHLY_PERCENT),
    ("penalty_rate", "30%", Decimal(30), RateUnit.ANNUAL_PERCENT),
    ("fee_rate", "日万分之1", Decimal("3.65"), RateUnit.DAILY_PER_TEN_THOUSAND),
])
def test_debt_form__rates(app, case_path, name, text, percent, unit):
    choose(app, "cf-loan")
    before, audit = summary(app), show_tab(app, "debts").audit.value
    type_into(form_field(app, name), text)
    rate = getattr(app.case.debt("cf-loan"), name)
    assert (rate.percent_per_year, rate.unit) == (percent, unit)
    assert getattr(load_case(case_path).debt("cf-loan"), name).percent_per_year == percent
    assert summary(app) != before or show_tab(app, "debts").audit.value != audit
    assert strip(form_field(app, name).note.value).strip() != ""  # the annual equivalent beside it


def test_debt_form__optional_fields_accept_blank(app):
    choose(app, "cf-loan")
    type_into(form_field(app, "penalty_rate"), "")
    type_into(form_field(app, "overdue_since"), "")
    debt = app.case.debt("cf-loan")
    assert (debt.penalty_rate, debt.overdue_since) == (None, None)


def test_add_debt(app, case_path):
    tab = show_tab(app, "debts")
    before = summary(app)[STATUS_QUO]
    find(tab, "planner-add-debt").click()
    assert [d.id for d in app.case.debts][-1] == "debt-6"
    assert app.selected_debt == "debt-6"
    assert show_tab(app, "debts").chooser.value == "debt-6"
    assert app.case.debt("debt-6").outstanding_principal == Decimal(1000)
    assert summary(app)[STATUS_QUO] != before
    assert len(load_case(case_path).debts) == 6


def test_duplicate_debt(app):
    choose(app, "private-loan")
    paid = app.result.baseline.total_paid
    find(show_tab(app, "debts"), "planner-duplicate-debt").click()
    assert len(app.case.debts) == 6
    copy = app.case.debts[-1]
    assert copy.id != "private-loan"
    assert app.selected_debt == copy.id
    assert copy.outstanding_principal == app.case.debt("private-loan").outstanding_principal
    assert app.result.baseline.total_paid != paid


def test_remove_debt(app, case_path):
    choose(app, "private-loan")
    before = summary(app)
    find(show_tab(app, "debts"), "planner-remove-debt").click()
    assert [d.id for d in app.case.debts] == ["cmb-card", "citic-card", "cf-loan", "online-loan"]
    assert summary(app) != before
    assert "private-loan" not in [d.id for d in load_case(case_path).debts]
    assert show_tab(app, "debts").chooser.value in {d.id for d in app.case.debts}


def template_rows(tmp_path: Path) -> tuple[str, str]:
    path = write_debts_template(tmp_path / "template.csv")
    header, sample = path.read_text(encoding="utf-8-sig").splitlines()
    assert SAMPLE_MARK in sample
    return header, sample


def test_import__good_csv_adds_debts(app, tmp_path, case_path):
    header, sample = template_rows(tmp_path)
    row1 = sample.replace(f"cmb-card（{SAMPLE_MARK}）", "abc-card").replace("38600.00", "12000.00")
    row2 = sample.replace(f"cmb-card（{SAMPLE_MARK}）", "xyz-card").replace("招商银行", "某银行")
    before = summary(app)[STATUS_QUO]
    tab = show_tab(app, "debts")
    assert tab.import_file("债务表.csv", f"{header}\n{row1}\n{row2}\n".encode("utf-8-sig"), mode="add") is True
    ids = [d.id for d in app.case.debts]
    assert ids[-2:] == ["abc-card", "xyz-card"]
    assert app.case.debt("abc-card").outstanding_principal == Decimal("12000.00")
    assert app.case.debt("xyz-card").creditor == "某银行信用卡中心"
    assert "2" in strip(show_tab(app, "debts").import_report.value)
    assert summary(app)[STATUS_QUO] != before
    assert len(load_case(case_path).debts) == 7


def test_import__replace_mode(app, tmp_path):
    header, sample = template_rows(tmp_path)
    ids = [d.id for d in app.case.debts]
    rows = [sample.replace(f"cmb-card（{SAMPLE_MARK}）", i) for i in ids]
    tab = show_tab(app, "debts")
    assert tab.import_file("债务表.csv", "\n".join([header, *rows]).encode("utf-8"), mode="replace") is True
    assert [d.id for d in app.case.debts] == ids
    assert {d.outstanding_principal for d in app.case.debts} == {Decimal("38600.00")}


def test_import__bad_csv_lists_each_row_and_changes_nothing(app, tmp_path, case_path):
    header, sample = template_rows(tmp_path)
    bad1 = sample.replace(f"cmb-card（{SAMPLE_MARK}）", "bad-1").replace("38600.00", "很多")
    bad2 = sample.replace(f"cmb-card（{SAMPLE_MARK}）", "bad-2").replace("2018-07-16", "2026-02-30")
    saved = case_path.read_bytes()
    case = app.case
    tab = show_tab(app, "debts")
    assert tab.import_file("坏表.csv", f"{header}\n{bad1}\n{bad2}\n".encode(), mode="add") is False
    report = strip(tab.import_report.value)
    assert report.count("第") >= 2 or report.count("row") >= 2, report
    assert "2" in report
    assert "3" in report
    assert len(tab.import_report.value.split("<li>")) == 3  # one line per bad row
    assert app.case == case
    assert case_path.read_bytes() == saved


@pytest.mark.parametrize("name", ["creditor", "kind"])
def test_editing_a_later_debts_name_or_kind__keeps_the_form_on_that_debt(app, name):
    """Found in a new-user trial: renaming the creditor of the third debt made the form jump to the first, so the
    next fields typed went to the wrong debt."""
    tab = show_tab(app, "debts")
    third = app.case.debts[2].id
    tab.chooser.value = third
    if name == "creditor":
        type_into(find(tab, "planner-debt-creditor"), "某消费金融公司（新名称）")
    else:
        find(tab, "planner-debt-kind").input.value = CreditorKind.MICROLOAN
    assert app.selected_debt == third
    assert tab.chooser.value == third
    type_into(find(tab, "planner-debt-monthly-payment"), "777")
    assert app.case.debt(third).monthly_payment == Decimal("777.00")
    assert app.case.debts[0].monthly_payment != Decimal("777.00")


def test_new_debt__says_its_figures_are_placeholders_until_the_creditor_is_named(app):
    tab = show_tab(app, "debts")
    find(tab, "planner-add-debt").click()
    tab = show_tab(app, "debts")
    assert "占位" in find(tab, "planner-fill-in").value
    type_into(find(tab, "planner-debt-creditor"), "某小贷公司")
    tab.chooser.value = app.case.debts[0].id
    tab.chooser.value = app.case.debts[-1].id
    assert not [w for w in tab.form.children if "planner-fill-in" in getattr(w, "_dom_classes", ())]


def test_template__downloads_that_the_import_reads_back(app, tmp_path):
    """The template offered in the app is the CLI's; filled in, it imports (and unfilled, it never does)."""
    import base64
    import re

    tab = show_tab(app, "debts")
    find(tab, "planner-template").click()
    links = dict(re.findall(r'download="([^"]+)" href="data:[^;]+;base64,([^"]+)"', tab.templates.value))
    assert set(links) == {"债务清单模板.csv", "债务清单模板.xlsx"}
    content = base64.b64decode(links["债务清单模板.csv"])
    assert tab.import_file("债务清单模板.csv", content) is False  # the sample row is refused
    assert len(app.case.debts) == 5
