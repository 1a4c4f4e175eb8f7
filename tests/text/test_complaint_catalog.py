"""The complaints' wording (planner.text.complaint_zh / complaint_en): the same keys in both languages, every
conduct finding worded in the complaint's voice with no placeholder left, whatever its parameters."""

from __future__ import annotations

import re
import string
from datetime import datetime

import pytest

from planner.findings import Finding, Scope, Severity
from planner.text import LOCALES, complaint_finding, complaint_text, fmt
from planner.text import complaint_en as en
from planner.text import complaint_zh as zh

CONDUCT_CODES = ("THIRD_PARTY_CONTACT", "OUTSIDE_HOURS", "TOO_FREQUENT", "THREAT_OR_INSULT", "IMPERSONATION",
                 "FAKE_LEGAL_DOCUMENT", "DISCLOSURE", "VISIT")
FIRST = datetime(2026, 11, 20, 22, 30)  # noqa: DTZ001 - log times are China-local, naive
LAST = datetime(2026, 11, 21, 10, 0)  # noqa: DTZ001
LOGGED = {"creditor": "某消费金融公司", "count": 2, "entries": ("a1", "b2")}
EXTRA = {
    "THIRD_PARTY_CONTACT": [{"contacts": ("family", "colleague")}],
    "OUTSIDE_HOURS": [{"start": "22:00", "end": "08:00"}],
    "TOO_FREQUENT": [{"basis": basis, "limit": 3, "days": 2, "most": 5, "worst": FIRST.date()}
                     for basis in ("attempts", "calls")],
    "THREAT_OR_INSULT": [{"flags": ("threat", "insult")}],
    "IMPERSONATION": [{"identities": ("律师", "法院")}, {}],
    "FAKE_LEGAL_DOCUMENT": [{}],
    "DISCLOSURE": [{"contacts": ("employer",)}],
    "VISIT": [{}],
}


def test_catalogs__the_same_keys_and_placeholders_in_both_languages():
    """Every sentence exists in both languages with the same placeholders (the English ones may add {You})."""
    assert set(zh.DOC) == set(en.DOC)
    for key in zh.DOC:
        names = {name for _, name, _, _ in string.Formatter().parse(zh.DOC[key]) if name}
        english = {name for _, name, _, _ in string.Formatter().parse(en.DOC[key]) if name}
        assert names - {"you"} <= english | {"you"}, key
        assert english - {"You", "you"} <= names | {"you"}, key


def test_findings__every_conduct_code_and_nothing_else():
    """Both catalogs word exactly the conduct findings."""
    assert set(zh.FINDINGS) == set(en.FINDINGS) == set(CONDUCT_CODES)


@pytest.mark.parametrize("code", CONDUCT_CODES)
@pytest.mark.parametrize("locale", LOCALES)
@pytest.mark.parametrize("span", ["moment", "period"])
def test_findings__render_completely(code, locale, span):
    """Every variant of every conduct finding renders in the complaint's voice with no placeholder left, one
    moment shown once and a period from first to last."""
    last = FIRST if span == "moment" else LAST
    for extra in EXTRA[code]:
        finding = Finding.of(code, Severity.WARNING, Scope.CREDITOR, "cf", source="《某规定》第1条",
                             **{**LOGGED, "first": FIRST, "last": last, **extra})
        text = complaint_finding(finding, locale)
        assert not re.search(r"\{\w*(\|\w+)?\}", text), text
        assert "某消费金融公司" in text
        if code != "TOO_FREQUENT":
            assert text.count(fmt.moment(FIRST, locale)) == 1, text
            assert (fmt.moment(LAST, locale) in text) == (span == "period"), text


def test_complaint_text__fills_values_and_keeps_user_braces():
    """A value holding braces (a user's name) is printed as written."""
    assert complaint_text("respondent.and_agents", "zh", name="{甲}公司") == "{甲}公司及其委托的催收机构"
    assert complaint_text("title.police", "en") == "Statement to the police"
