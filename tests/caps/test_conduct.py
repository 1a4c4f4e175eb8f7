"""The conduct log checked against the rules (planner.caps.conduct): findings with their entries, counts exact
across midnight and time zones, the rules as editable dated data, complaint channels and reply deadlines."""

from __future__ import annotations

import dataclasses
import json
from collections import Counter
from datetime import date, datetime, time, timedelta
from importlib import resources

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from planner.caps.conduct import (
    DayCount,
    ReplyTime,
    channel_by_id,
    channels_for,
    check_log,
    is_workday,
    load_channels,
    load_conduct_rules,
    logged_creditor,
    reply_due,
)
from planner.caps.rules import RuleStatus
from planner.domain.conduct import LogEntry
from planner.domain.model import CreditorKind
from planner.errors import InvalidInput
from planner.findings import Finding, Scope, Severity
from planner.io.examples import example_case
from planner.io.export import conduct_findings_json
from planner.text import render, render_error

CASE = dataclasses.replace(example_case(), conduct=())
DAY = date(2026, 11, 20)


def at(hour: int, minute: int = 0, day: date = DAY) -> datetime:
    return datetime.combine(day, time(hour, minute))


def entry(when: datetime | str, **fields: object) -> LogEntry:
    values: dict[str, object] = {"channel": "call", "contacted": "debtor", "creditor": "cmb-card",
                                 "sender": "95555", **fields}
    return LogEntry(time=when, **values)  # type: ignore[arg-type]


def check(*entries: LogEntry, **kwargs: object) -> tuple[Finding, ...]:
    return check_log(dataclasses.replace(CASE, conduct=entries), **kwargs)  # type: ignore[arg-type]


def codes(findings: tuple[Finding, ...]) -> list[str]:
    return [f.code for f in findings]


def test_check_log__an_empty_log_or_compliant_contacts_give_no_finding():
    assert check() == ()
    assert check(entry(at(9)), entry(at(14), channel="sms"), entry(at(21, 59), answered=False)) == ()


def test_third_party_contact__names_who_was_called_with_its_entries_and_source():
    family = entry(at(10), contacted="family", sender="1701")
    colleague = entry(at(11), contacted="colleague", sender="1702")
    found, = check(entry(at(9)), family, colleague)
    assert found.code == "THIRD_PARTY_CONTACT"
    assert found.severity is Severity.WARNING
    assert (found.scope, found.subject) == (Scope.CREDITOR, "cmb-card")
    assert found.values == {"creditor": "招商银行信用卡中心", "count": 2, "first": at(10), "last": at(11),
                            "entries": (family.id, colleague.id), "contacts": ("family", "colleague")}
    assert "民法典" in found.source
    text = render(found)
    assert "招商银行信用卡中心" in text
    assert "家人、同事" in text
    assert "2026年11月20日 10:00" in text
    assert render(found, "en", "creditor").startswith(
        "The collectors acting for you, or you directly, contacted people other than me (family, a colleague) 2 times "
        "(November 20, 2026 10:00 to November 20, 2026 11:00).")
    one, = check(family)
    assert "（2026年11月20日 10:00）" in render(one)


@pytest.mark.parametrize(("clock", "quiet"), [
    ((21, 59), False), ((22, 0), True), ((23, 59), True), ((0, 0), True), ((7, 59), True), ((8, 0), False),
])
def test_outside_hours__the_band_edges(clock, quiet):
    found = check(entry(at(*clock), channel="sms"))
    assert codes(found) == (["OUTSIDE_HOURS"] if quiet else [])


def test_outside_hours__cites_the_2026_guideline_from_its_date_and_the_guides_before_it():
    before, after = entry(at(23, 0, date(2026, 1, 29))), entry(at(23, 0, date(2026, 1, 30)))
    new, old = check(before, after)
    assert (old.values["entries"], new.values["entries"]) == ((before.id,), (after.id,))
    assert "实务指南" in old.source
    assert "中国银行业协会" in new.source
    assert (new.values["start"], new.values["end"]) == ("22:00", "08:00")


def test_outside_hours__a_letter_is_not_timed_by_its_arrival():
    assert check(entry(at(23), channel="letter")) == ()


def test_too_frequent__more_than_six_unanswered_attempts_to_one_number():
    six = [entry(at(9, m), answered=False) for m in range(6)]
    assert "attempts" not in [f.values.get("basis") for f in check(*six)]
    seven = [*six, entry(at(9, 30), answered=False)]
    found = {f.values["basis"]: f for f in check(*seven) if f.code == "TOO_FREQUENT"}
    attempts = found["attempts"]
    assert attempts.values["count"] == 7
    assert (attempts.values["limit"], attempts.values["days"], attempts.values["most"]) == (6, 1, 7)
    assert attempts.values["worst"] == DAY
    assert "同一个未接通的号码呼叫超过 6 次" in render(attempts)


def test_too_frequent__attempts_count_per_person_called():
    """Six unanswered calls to the debtor and six to family are two numbers, neither over the limit."""
    calls = [entry(at(9, m), answered=False) for m in range(6)]
    calls += [entry(at(10, m), answered=False, contacted="family") for m in range(6)]
    assert "attempts" not in [f.values.get("basis") for f in check(*calls) if f.code == "TOO_FREQUENT"]


def test_too_frequent__counts_per_calendar_day_across_midnight():
    late = [entry(at(23, m)) for m in (30, 40, 50, 59)]
    early = [entry(at(0, m, DAY + timedelta(days=1))) for m in (0, 10, 20, 30)]
    found = [f for f in check(*late, *early) if f.code == "TOO_FREQUENT"]
    assert [f.values["basis"] for f in found] == ["calls"]
    assert found[0].values["days"] == 2
    assert found[0].values["most"] == 4
    assert found[0].values["count"] == 8
    three_and_three = [entry(at(23, m)) for m in (30, 40, 50)] + [entry(at(0, m, DAY + timedelta(days=1)))
                                                                 for m in (0, 10, 20)]
    assert "TOO_FREQUENT" not in codes(check(*three_and_three))


def test_too_frequent__days_follow_china_time_for_times_written_with_an_offset():
    """15:30Z and 16:10Z on the 20th are 23:30 on the 20th and 00:10 on the 21st in China."""
    utc = [entry(f"2026-11-20T15:{m:02d}Z") for m in (30, 35)] + [entry(f"2026-11-20T16:{m:02d}Z")
                                                                for m in (10, 15)]
    assert [e.day for e in utc] == [DAY, DAY, DAY + timedelta(days=1), DAY + timedelta(days=1)]
    assert "TOO_FREQUENT" not in codes(check(*utc))
    assert codes(check(*utc)) == ["OUTSIDE_HOURS"]


def test_flags__threats_impersonation_fake_documents_disclosure_and_visits():
    threat = entry(at(10), channel="wechat", flags=("insult", "threat"))
    image = entry(at(11), channel="wechat", flags=("doctored-image",), contacted="friend")
    police = entry(at(12), flags=("impersonation",), identity="某区法院")
    lawyer = entry(at(13), flags=("impersonation",), identity="律师")
    letter = entry(at(14), channel="sms", flags=("fake-document",))
    told = entry(at(15), channel="sms", flags=("disclosure",), contacted="employer")
    visit = entry(at(16), channel="visit")
    found = {f.code: f for f in check(threat, image, police, lawyer, letter, told, visit)}
    assert found["THREAT_OR_INSULT"].values["flags"] == ("threat", "insult", "doctored-image")
    assert found["THREAT_OR_INSULT"].values["entries"] == (threat.id, image.id)
    assert found["IMPERSONATION"].values["identities"] == ("某区法院", "律师")
    assert "自称某区法院、律师" in render(found["IMPERSONATION"])
    assert "12368" in render(found["FAKE_LEGAL_DOCUMENT"])
    assert found["DISCLOSURE"].values["contacts"] == ("employer",)
    assert found["VISIT"].severity is Severity.INFO
    assert set(found) == {"THREAT_OR_INSULT", "IMPERSONATION", "FAKE_LEGAL_DOCUMENT", "DISCLOSURE", "VISIT",
                          "THIRD_PARTY_CONTACT"}


def test_impersonation__without_a_claimed_identity_is_worded_without_one():
    found, = check(entry(at(10), flags=("impersonation",)))
    assert "identities" not in found.values
    assert "冒充公检法机关或律师" in render(found)


def test_creditors__a_debt_by_id_or_by_its_creditor_name_is_one_creditor_and_a_name_is_its_own():
    by_id = entry(at(22, 30), channel="sms")
    by_name = entry(at(23, 0), channel="sms", creditor="招商银行信用卡中心")
    agency = entry(at(23, 30), channel="sms", creditor="某平台委托第三方催收")
    found = check(by_id, by_name, agency)
    assert [(f.subject, f.values["creditor"], f.values["count"]) for f in found] == [
        ("cmb-card", "招商银行信用卡中心", 2), ("某平台委托第三方催收", "某平台委托第三方催收", 1)]
    assert [f.subject for f in check(by_id, by_name, agency, creditor="某平台委托第三方催收")] == ["某平台委托第三方催收"]
    assert logged_creditor(CASE, "CMB-CARD").kind is CreditorKind.CREDIT_CARD
    assert logged_creditor(CASE, "某平台委托第三方催收").kind is None


def test_rules__an_edited_copy_is_used_and_a_bad_one_is_located(tmp_path):
    text = resources.files("planner.caps").joinpath("data", "conduct_rules.json").read_text(encoding="utf-8")
    document = json.loads(text)
    for rule in document["rules"]:
        if rule["check"] == "calls_per_day":
            rule["limit"] = 1
    own = tmp_path / "rules.json"
    own.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    rules = load_conduct_rules(own)
    found = [f for f in check(entry(at(9)), entry(at(10)), rules=rules) if f.code == "TOO_FREQUENT"]
    assert [f.values["limit"] for f in found] == [1]
    next(r for r in document["rules"] if r["check"] == "quiet_hours")["start"] = "25:99"
    own.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(InvalidInput) as err:
        load_conduct_rules(own)
    assert "rules[6]" in (err.value.where or "")
    assert "rules.json" in render_error(err.value)


def test_rules__the_package_hours_band():
    rules = load_conduct_rules()
    assert rules.quiet_hours(date(2026, 11, 20)) == (time(22), time(8))
    assert rules.quiet_hours(date(2025, 11, 20)) == (time(22), time(8))


def test_conduct_findings_json__the_cli_contract():
    family = entry(at(23, 10), contacted="family")
    document = conduct_findings_json(check(family))
    assert [row["code"] for row in document["findings"]] == ["THIRD_PARTY_CONTACT", "OUTSIDE_HOURS"]
    row = document["findings"][0]
    assert {"code", "severity", "creditor", "count", "first", "last", "entries", "source"} <= set(row)
    assert (row["creditor"], row["count"], row["first"], row["last"], row["entries"]) == (
        "cmb-card", 1, "2026-11-20T23:10", "2026-11-20T23:10", [family.id])
    json.dumps(document, ensure_ascii=False)


# --------------------------------------------------------------------------------------------------------------
# Properties

_MINUTES = st.integers(min_value=0, max_value=14 * 24 * 60 - 1)
_CALL = st.builds(
    lambda minute, answered, who: entry(datetime(2026, 11, 1) + timedelta(minutes=minute),  # noqa: DTZ001
                                        answered=answered, contacted=who),
    _MINUTES, st.booleans(), st.sampled_from(["debtor", "family"]))


@settings(max_examples=60, deadline=None)
@given(st.lists(_CALL, max_size=40), st.integers(min_value=0, max_value=13), st.integers(min_value=8 * 60,
                                                                                          max_value=22 * 60 - 1))
def test_property__a_compliant_contact_never_adds_a_finding(calls, day, minute):
    """An SMS to the debtor within the hours, with no flag, leaves every finding as it was."""
    compliant = entry(datetime(2026, 11, 1) + timedelta(days=day, minutes=minute), channel="sms",  # noqa: DTZ001
                      sender="compliant")
    assert check(*calls, compliant) == check(*calls)


@settings(max_examples=60, deadline=None)
@given(st.lists(_CALL, max_size=60))
def test_property__call_counts_are_exact_per_calendar_day(calls):
    found = {f.values["basis"]: f for f in check(*calls) if f.code == "TOO_FREQUENT"}
    per_day = Counter(e.day for e in calls)
    over = {d: n for d, n in per_day.items() if n > 3}
    if not over:
        assert "calls" not in found
    else:
        assert found["calls"].values["count"] == sum(over.values())
        assert found["calls"].values["days"] == len(over)
        assert found["calls"].values["most"] == max(over.values())
    unanswered = Counter((e.day, e.contacted) for e in calls if not e.answered)
    attempts = {k: n for k, n in unanswered.items() if n > 6}
    assert ("attempts" in found) == bool(attempts)
    if attempts:
        assert found["attempts"].values["count"] == sum(attempts.values())
    quiet = [e for e in calls if not time(8) <= e.time.time() < time(22)]
    hours = [f for f in check(*calls) if f.code == "OUTSIDE_HOURS"]
    assert sum(f.values["count"] for f in hours) == len(quiet)


# --------------------------------------------------------------------------------------------------------------
# Channels and reply deadlines

def _threat() -> Finding:
    return check(entry(at(10), flags=("threat",)))[0]


@pytest.mark.parametrize(("kind", "expected"), [
    (CreditorKind.CREDIT_CARD, ["creditor", "12378"]),
    (CreditorKind.BANK_LOAN, ["creditor", "12378"]),
    (CreditorKind.CONSUMER_FINANCE, ["creditor", "12378"]),
    (CreditorKind.ONLINE_PLATFORM, ["creditor", "nifa"]),
    (CreditorKind.MICROLOAN, ["creditor", "12345"]),
    (CreditorKind.PRIVATE, ["creditor"]),
    (None, ["creditor"]),
])
def test_channels_for__the_regulator_of_each_kind(kind, expected):
    assert [c.id for c in channels_for(kind)] == expected


def test_channels_for__findings_add_the_police_12321_and_a_court():
    calls = check(*[entry(at(9, m)) for m in range(5)])
    assert [c.id for c in channels_for(CreditorKind.CREDIT_CARD, calls)] == ["creditor", "12378", "12321"]
    assert [c.id for c in channels_for(CreditorKind.ONLINE_PLATFORM, [_threat()])] == [
        "creditor", "nifa", "police", "court"]
    assert "12363" not in [c.id for c in channels_for(CreditorKind.BANK_LOAN, [_threat()])]


def test_channel_by_id__an_unknown_channel_lists_the_known_ones():
    assert channel_by_id("NIFA").name("en").startswith("National Internet Finance")
    with pytest.raises(InvalidInput) as err:
        channel_by_id("12315")
    assert "12378" in render_error(err.value)
    assert all(c.contact("zh") and c.contact("en") for c in load_channels())


def test_reply_due__calendar_days_and_working_days_over_national_day():
    creditor = channel_by_id("creditor").reply
    assert creditor is not None
    assert reply_due(date(2026, 11, 20), creditor) == (date(2026, 12, 5), ())
    five = ReplyTime(5, DayCount.WORKING, "s", RuleStatus.FIRM)
    assert reply_due(date(2026, 9, 28), five) == (date(2026, 10, 10), ())  # Oct 1-8 off, Sat Oct 10 worked
    assert is_workday(date(2026, 10, 10)) == (True, False)
    assert is_workday(date(2026, 10, 5)) == (False, False)


def test_reply_due__beyond_the_holiday_data_counts_monday_to_friday_and_says_so():
    ten = ReplyTime(10, DayCount.WORKING, "s", RuleStatus.CHECK)
    due, findings = reply_due(date(2026, 12, 24), ten)
    assert is_workday(date(2027, 1, 2)) == (False, True)
    assert due == date(2027, 1, 7)  # Dec 25, 28-31 (5), then Jan 1, 4-7 counted Monday to Friday
    assert [(f.code, f.values) for f in findings] == [("WORKDAYS_ESTIMATED", {"year": 2027, "through": 2026})]
    assert "2027" in render(findings[0])
    assert "Monday to Friday" in render(findings[0], "en")


def test_check_log__the_same_log_is_checked_once_and_a_changed_log_again():
    """The app asks about one log several times per change: the same log (and debts) gives the same result
    object; a log with one more entry, other debts or other rules is checked anew; a creditor's part is the whole
    log's findings about that creditor."""
    case = dataclasses.replace(CASE, conduct=(entry(at(23)), entry(at(10), contacted="family",
                                                                   creditor="某平台委托第三方催收")))
    first = check_log(case)
    assert check_log(case) is first
    assert check_log(case, creditor="cmb-card") == tuple(f for f in first if f.subject == "cmb-card")
    more = dataclasses.replace(case, conduct=(*case.conduct, entry(at(23, 30))))
    hours, = (f for f in check_log(more) if f.code == "OUTSIDE_HOURS")
    assert hours.values["count"] == 2
    assert check_log(case, entries=case.conduct) == first
    own = load_conduct_rules()
    edited = dataclasses.replace(own, rules=tuple(r for r in own.rules if r.code != "OUTSIDE_HOURS"))
    assert [f.code for f in check_log(case, rules=edited)] == ["THIRD_PARTY_CONTACT"]
