"""All wording lives in planner.text: every finding code, input rule, reason, label and message is worded in both
locales, and renders completely for both audiences."""

from __future__ import annotations

import itertools
import re
from datetime import date, datetime
from decimal import Decimal

import pytest

from planner.domain.fields import fields_of
from planner.domain.model import CreditorKind, Debt, ExpenseCategory
from planner.domain.options import DeferralInterest, Policy, RateChoice, RepaymentMethod, WaiverMode
from planner.errors import RULE_CODES, InvalidInput
from planner.findings import CODES, Choice, Finding, P, Scope, Severity
from planner.rates import Rate
from planner.text import AUDIENCES, LOCALES, catalog, render, render_error

CJK = re.compile(r"[\u4e00-\u9fff]")
SAMPLES = {
    P.MONEY: Decimal("1234.50"),
    P.PERCENT: Decimal(24),
    P.NUMBER: Decimal(4),
    P.COUNT: 3,
    P.DATE: date(2026, 11, 23),
    P.MONTH: date(2026, 12, 1),
    P.MONTHS: (date(2027, 1, 1), date(2027, 2, 1)),
    P.TEXT: "rule-x",
    P.IDS: ("cmb-card", "cf-loan"),
    P.FIELD: "contract_rate",
    P.RATE: Rate.monthly_percent("1.5"),
    P.KIND: "credit-card",
    P.TIME: datetime(2026, 11, 20, 22, 30),  # noqa: DTZ001 - log times are China-local, naive
    P.CONTACTS: ("family", "colleague"),
    P.FLAGS: ("threat", "doctored-image"),
}


def _variants(code: str) -> list[dict[str, object]]:
    """Every combination of a code's choice parameters, with and without its optional parameters."""
    spec = CODES[code]
    fixed = {name: SAMPLES[kind] for name, kind in spec.params.items() if isinstance(kind, P)}
    choices = {name: kind.values for name, kind in spec.params.items() if isinstance(kind, Choice)}
    variants = []
    for picked in itertools.product(*choices.values()):
        params = {**fixed, **dict(zip(choices, picked, strict=True))}
        variants.append(params)
        if spec.optional:
            variants.append({k: v for k, v in params.items() if k not in spec.optional})
    return variants


@pytest.mark.parametrize("code", sorted(CODES))
@pytest.mark.parametrize("locale", LOCALES)
@pytest.mark.parametrize("audience", AUDIENCES)
def test_render__every_code_in_every_locale_and_audience(code, locale, audience):
    """Every finding code renders, for every choice of its parameters, with no placeholder left unfilled."""
    for params in _variants(code):
        finding = Finding.of(code, Severity.INFO, Scope.DEBT, "d1", source="《某规定》第1条", **params)
        text = render(finding, locale, audience)
        assert text.strip()
        assert not re.search(r"\{\w*(\|\w+)?\}", text), text
        if locale == "zh":
            assert CJK.search(text), text


def test_catalogs__word_every_code_and_nothing_else():
    """Both catalogs word exactly the declared finding codes, each entry neutral or with both audiences."""
    for locale in LOCALES:
        findings = catalog(locale).FINDINGS
        assert set(findings) == set(CODES), locale
        for code, entry in findings.items():
            if isinstance(entry, dict):
                assert set(entry) == set(AUDIENCES), (locale, code)
            else:
                assert isinstance(entry, str) or callable(entry), (locale, code)


def test_render__creditor_voice_is_formal_for_the_cap_findings():
    """The proposal's voice addresses the creditor (贵司) and speaks in the first person (本人)."""
    finding = Finding.of("CHARGES_ABOVE_CAP", Severity.WARNING, Scope.DEBT, "cf-loan", source="法发〔2017〕22号",
                         claimed=Decimal("9725.49"), supportable=Decimal("8255.31"), excess=Decimal("1470.18"),
                         principal=Decimal("33659.37"), start=date(2025, 11, 15), days=373, cap=Decimal(24),
                         standing="legal")
    creditor = render(finding, "zh", "creditor")
    assert "贵司" in creditor
    assert "本人" in creditor
    assert "¥1,470.18" in creditor
    assert "贵司" not in render(finding, "zh", "borrower")


def test_render__creditor_voice_addresses_a_private_lender_as_a_person():
    """To a private lender the proposal says 您, to an institution 贵司; no creditor template writes 贵司 itself."""
    from planner.text import addressee_for

    finding = Finding.of("CHARGES_ABOVE_CAP", Severity.WARNING, Scope.DEBT, "private-loan", source="法释〔2020〕6号",
                         claimed=Decimal("7680.00"), supportable=Decimal("4707.62"), excess=Decimal("2972.38"),
                         principal=Decimal("30000.00"), start=date(2025, 11, 1), days=387, cap=Decimal("14.8"),
                         standing="legal")
    to_person = render(finding, "zh", "creditor", addressee=addressee_for(CreditorKind.PRIVATE))
    assert "请求您减免超出部分" in to_person
    assert "贵司" not in to_person
    assert "请求贵司减免超出部分" in render(finding, "zh", "creditor", addressee=addressee_for("consumer-finance"))
    for code, entry in catalog("zh").FINDINGS.items():
        if isinstance(entry, dict) and isinstance(entry["creditor"], str):
            assert "贵司" not in entry["creditor"], code


def test_render__english_plural_helper():
    """English templates write '1 month' and '12 months'."""
    one = Finding.of("SHORTFALL", Severity.WARNING, Scope.CASE, months=1)
    many = Finding.of("SHORTFALL", Severity.WARNING, Scope.CASE, months=12)
    assert "for 1 month;" in render(one, "en")
    assert "for 12 months;" in render(many, "en")


@pytest.mark.parametrize("locale", LOCALES)
def test_errors__every_rule_and_reason_is_worded(locale):
    """Every input rule and every file reason has wording, and the messages leave no placeholder."""
    words = catalog(locale)
    assert set(words.ERRORS) == set(RULE_CODES)
    assert set(words.REASONS) == set(catalog("zh").REASONS)
    for code in RULE_CODES:
        params = {"low": 1, "high": 120, "choices": "a, b", "places": 2, "other": "start", "expected": "5",
                  "count": 3, "column": "月供（元） / monthly_payment", "mark": "x", "month": 2, "day": 30,
                  "reason": "empty_table", "typo": "mnths", "char": "😀", "codepoint": "U+1F600"}
        text = render_error(InvalidInput("months", code, "0", params=params, where="row 3"), locale)
        assert not re.search(r"\{\w+\}", text), (code, text)
    for reason in words.REASONS:
        params = {"reason": reason, "errno": "ENOENT", "detail": "d", "line": 1, "column": 2, "key": "k",
                  "limit": 20, "expected": "object", "example": "x/case.json", "first_row": "a,b", "first": "S1",
                  "sheet": "S2", "count": 2, "rules": "r1, r2", "kind": "private", "contract_date": "2020-01-01",
                  "day": "2020-01-01", "suffix": ".csv", "content": "x", "ending": ".json"}
        text = render_error(InvalidInput("file", "bad_file", "f.csv", params=params), locale)
        assert not re.search(r"\{\w+\}", text), (reason, text)


def test_errors__system_errors_read_in_the_users_language():
    """An OS error is worded by its errno, not by the English strerror."""
    from planner.errors import os_error

    error = os_error("missing.json", FileNotFoundError(2, "No such file or directory"))
    assert "文件或文件夹不存在" in error.message("zh")
    assert "No such file" not in error.message("zh")
    assert "no such file or folder" in error.message("en")


@pytest.mark.parametrize(
    ("group", "enum"),
    [("KINDS", CreditorKind), ("EXPENSES", ExpenseCategory), ("METHODS", RepaymentMethod),
     ("WAIVER_MODES", WaiverMode), ("RATE_CHOICES", RateChoice), ("DEFERRAL_INTEREST", DeferralInterest),
     ("POLICIES", Policy)],
)
@pytest.mark.parametrize("locale", LOCALES)
def test_labels__every_enumeration_value_has_a_label(group, enum, locale):
    """Every value of every enumeration the user sees is labelled in each locale."""
    table = getattr(catalog(locale), group)
    assert {m.value for m in enum} <= set(table)


def test_labels__every_debt_field_has_a_label_and_a_column():
    """A Debt field declared once gets its label and its Chinese debts-table header (the English header is its
    identifier): a test, not a convention, so adding a field without its wording fails here."""
    for spec in fields_of(Debt):
        assert spec.name in catalog("zh").FIELDS, spec.name
        assert spec.name in catalog("zh").COLUMNS, spec.name


def test_messages__same_keys_in_both_locales():
    """The app's and the CLI's messages, labels and vocabularies exist in both locales."""
    zh, en = catalog("zh"), catalog("en")
    for name in ("MESSAGES", "LABELS", "REASONS", "OS_ERRORS", "SEVERITY", "APR_NOTES", "SCENARIOS", "STANDING",
                 "STANDING_HEADING", "RULE_STATUS", "RATE_UNITS"):
        assert set(getattr(zh, name)) == set(getattr(en, name)), name
