"""The calendar reminders (.ics) of a scenario: one all-day event per payment due with the engine's amount to the
fen, an alarm at 09:00 days before, one follow-up per creditor after the application is sent, stable bytes."""

from __future__ import annotations

import dataclasses
import re
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest
from icalendar import Calendar

from planner.domain.case import Case
from planner.engines.plan import CasePlan, plan_case
from planner.errors import InvalidInput
from planner.money import money
from planner.report.calendar import reminders_ics
from planner.text import calendar_en, calendar_text, calendar_zh, fmt

SCENARIOS = ("全部停息分期60期", "延期12个月后分期", "部分一次性结清")
DEBT_IDS = ("cmb-card", "citic-card", "cf-loan", "online-loan", "private-loan")
SENT_ON = date(2026, 11, 25)
PAYMENT = re.compile(r"^还款：(?P<creditor>.+) ¥(?P<amount>[\d,]+\.\d\d)（(?P<period>[^（）]+)）$")
FOLLOW_UP = "协商申请寄出"


@pytest.fixture(scope="module")
def plan(example: Case) -> CasePlan:
    """The example case planned as the CLI plans it (its own three scenarios)."""
    return plan_case(example)


@pytest.fixture(scope="module")
def variants(example: Case) -> CasePlan:
    """The example with three more scenarios: a deferral without token payments (zero lines), restructures with
    a ¥1,000 down payment, and one debt restructured while the others stay on contract terms."""
    instalments, deferral, _ = example.scenarios
    pause = tuple((i, dataclasses.replace(p, deferral=dataclasses.replace(p.deferral, token_amount=money("0"))))
                  for i, p in deferral.plans)
    down = tuple((i, dataclasses.replace(p, restructure=dataclasses.replace(p.restructure, down_payment=money("1000"))))
                 for i, p in instalments.plans)
    scenarios = (dataclasses.replace(deferral, name="pause", plans=pause),
                 dataclasses.replace(instalments, name="down", plans=down),
                 dataclasses.replace(instalments, name="open", plans=instalments.plans[:1]))
    return plan_case(dataclasses.replace(example, scenarios=scenarios))


def events(data: bytes) -> list:
    """Return the VEVENTs of an .ics file as icalendar parses it back."""
    return list(Calendar.from_ical(data).walk("VEVENT"))


def payments(data: bytes) -> list:
    return [e for e in events(data) if not str(e["SUMMARY"]).startswith(FOLLOW_UP)]


def follow_ups(data: bytes) -> list:
    return [e for e in events(data) if str(e["SUMMARY"]).startswith(FOLLOW_UP)]


def paid_lines(plan: CasePlan, scenario: str, debt_ids=DEBT_IDS) -> list:
    """Return (due date, creditor, payment, period) of every line with a payment, as the engine computed them."""
    outcome = next(o for o in plan.outcomes if o.name == scenario)
    found = []
    for debt in plan.case.debts:
        if debt.id in debt_ids:
            item = outcome.debt(debt.id)
            found += [(line.due_date, debt.creditor, line.payment, line.period)
                      for line in item.schedule.lines if line.payment > 0]
    return found


def summary_parts(event) -> re.Match[str]:
    match = PAYMENT.match(str(event["SUMMARY"]))
    assert match is not None, event["SUMMARY"]
    return match


@pytest.mark.parametrize("scenario", SCENARIOS)
def test_reminders__one_event_per_paid_line(plan, scenario):
    """Every installment with a payment has its event, and each creditor one follow-up."""
    data = reminders_ics(plan, scenario, sent_on=SENT_ON)
    assert len(payments(data)) == len(paid_lines(plan, scenario))
    assert len(follow_ups(data)) == len(DEBT_IDS)


@pytest.mark.parametrize("scenario", SCENARIOS)
def test_reminders__dates_and_amounts_are_the_engines(plan, scenario):
    """Each event falls on its line's due date and names its creditor and payment, to the fen."""
    data = reminders_ics(plan, scenario, sent_on=SENT_ON)
    shown = sorted((e["DTSTART"].dt, summary_parts(e)["creditor"],
                    Decimal(summary_parts(e)["amount"].replace(",", ""))) for e in payments(data))
    expected = sorted((due, creditor, payment) for due, creditor, payment, _ in paid_lines(plan, scenario))
    assert shown == expected


def test_reminders__summary_names_the_installment(plan):
    """The summary reads 还款：creditor amount（第 k/n 期）, the engine's amount formatted as everywhere."""
    data = reminders_ics(plan, "延期12个月后分期", sent_on=SENT_ON, debt_ids=["cmb-card"])
    line = plan.outcomes[1].debt("cmb-card").schedule.lines[12]
    summaries = [str(e["SUMMARY"]) for e in payments(data)]
    assert f"还款：招商银行信用卡中心 {fmt.money(line.payment)}（第 13/60 期）" in summaries
    assert "还款：招商银行信用卡中心 ¥942.97（第 13/60 期）" in summaries


def test_reminders__settlement_is_one_event_named_so(plan):
    """A settlement is one payment on its pay-by date, called 一次性结清."""
    data = reminders_ics(plan, "部分一次性结清", sent_on=SENT_ON, debt_ids=["citic-card"])
    (event,) = payments(data)
    line = plan.outcomes[2].debt("citic-card").schedule.lines[0]
    assert event["DTSTART"].dt == line.due_date
    assert summary_parts(event)["period"] == "一次性结清"


def test_reminders__zero_payment_lines_get_no_event(variants):
    """A deferral without token payments leaves its twelve empty months out of the calendar."""
    data = reminders_ics(variants, "pause", sent_on=SENT_ON, debt_ids=["cmb-card"])
    lines = variants.outcomes[0].debt("cmb-card").schedule.lines
    assert sum(1 for line in lines if line.payment == 0) == 12
    assert len(payments(data)) == len(lines) - 12
    assert min(e["DTSTART"].dt for e in payments(data)) == lines[12].due_date


def test_reminders__down_payment_and_open_terms_are_named(variants):
    """Period 0 is the down payment; contract terms still owing at the horizon give the period without a total."""
    down = [summary_parts(e)["period"] for e in payments(reminders_ics(variants, "down", sent_on=SENT_ON,
                                                                      debt_ids=["cmb-card"]))]
    assert down[:2] == ["首付款", "第 1/60 期"]
    private = variants.outcomes[2].debt("private-loan").schedule
    assert private.remaining > 0
    open_terms = [summary_parts(e)["period"] for e in payments(reminders_ics(variants, "open", sent_on=SENT_ON,
                                                                            debt_ids=["private-loan"]))]
    assert open_terms[0] == "第 1 期"


def test_reminders__same_day_debts_are_separate_events(plan):
    """Five debts due the same day are five events, each with its own UID."""
    data = reminders_ics(plan, "全部停息分期60期", sent_on=SENT_ON)
    first = [e for e in payments(data) if e["DTSTART"].dt == date(2026, 12, 23)]
    assert len(first) == 5
    assert len({str(e["UID"]) for e in first}) == 5


def test_reminders__every_event_is_all_day(plan):
    """Dates, not times: each event starts on its day and ends the next, so no time zone can move it."""
    for event in events(reminders_ics(plan, "延期12个月后分期", sent_on=SENT_ON)):
        start, end = event["DTSTART"].dt, event["DTEND"].dt
        assert not isinstance(start, datetime)
        assert end == start + timedelta(days=1)
        assert str(event["TRANSP"]) == "TRANSPARENT"


def test_reminders__dates_are_shanghai_local_and_stamp_is_fixed(plan):
    """The calendar says Asia/Shanghai; DTSTAMP is midnight there on the day sent (in UTC); nothing is timed, so
    no VTIMEZONE is needed."""
    calendar = Calendar.from_ical(reminders_ics(plan, "延期12个月后分期", sent_on=SENT_ON))
    assert str(calendar["X-WR-TIMEZONE"]) == "Asia/Shanghai"
    assert {e["DTSTAMP"].dt for e in calendar.walk("VEVENT")} == {datetime(2026, 11, 24, 16, 0, tzinfo=UTC)}
    assert calendar.walk("VTIMEZONE") == []


@pytest.mark.parametrize(("days", "trigger", "text"), [(3, timedelta(days=-3, hours=9), "TRIGGER:-P2DT15H"),
                                                       (0, timedelta(hours=9), "TRIGGER:PT9H"),
                                                       (7, timedelta(days=-7, hours=9), "TRIGGER:-P6DT15H")])
def test_reminders__each_payment_alarms_at_nine_days_before(plan, days, trigger, text):
    """Each payment has one display alarm at 09:00 ``alarm_days`` before the due day."""
    data = reminders_ics(plan, "全部停息分期60期", sent_on=SENT_ON, alarm_days=days)
    for event in payments(data):
        (alarm,) = event.walk("VALARM")
        assert str(alarm["ACTION"]) == "DISPLAY"
        assert alarm["TRIGGER"].dt == trigger
        assert summary_parts(event)["creditor"] in str(alarm["DESCRIPTION"])
    assert f"\r\n{text}\r\n" in data.decode()  # the form phones read


def test_reminders__alarm_says_when(plan):
    """The alarm's text says how many days remain and the due date."""
    data = reminders_ics(plan, "全部停息分期60期", sent_on=SENT_ON, debt_ids=["cf-loan"])
    (alarm,) = payments(data)[0].walk("VALARM")
    assert str(alarm["DESCRIPTION"]).startswith("3 天后（2026年12月23日）还款：安和消费金融有限公司 ¥")


@pytest.mark.parametrize("days", [14, 21])
def test_reminders__follow_up_after_sending(plan, days):
    """Each creditor's follow-up falls ``follow_up_days`` after the date sent and asks for the sealed reply."""
    data = reminders_ics(plan, "全部停息分期60期", sent_on=SENT_ON, follow_up_days=days)
    for event in follow_ups(data):
        assert event["DTSTART"].dt == SENT_ON + timedelta(days=days)
        (alarm,) = event.walk("VALARM")
        assert alarm["TRIGGER"].dt == timedelta(hours=9)
    summaries = [str(e["SUMMARY"]) for e in follow_ups(data)]
    assert f"协商申请寄出 {days} 天：书面确认（加盖公章）收到了吗？（招商银行信用卡中心）" in summaries


def test_reminders__follow_up_tells_what_to_do(plan):
    """The follow-up says not to pay before the written agreement, to call the official line, and 12378 for a
    bank or consumer finance company — not for a private lender, who signs rather than seals."""
    found = follow_ups(reminders_ics(plan, "全部停息分期60期", sent_on=SENT_ON))
    by_creditor = {d.creditor: next(e for e in found if str(e["SUMMARY"]).endswith(f"（{d.creditor}）"))
                   for d in plan.case.debts}
    card = str(by_creditor["招商银行信用卡中心"]["DESCRIPTION"])
    assert "不要按新方案还款" in card
    assert "官方客服电话" in card
    assert "12378" in card
    assert "12378" in str(by_creditor["安和消费金融有限公司"]["DESCRIPTION"])
    assert "出借方是银行或消费金融公司" in str(by_creditor["融易借（网络助贷平台）"]["DESCRIPTION"])
    private = by_creditor["李某（个人出借人）"]
    assert "12378" not in str(private["DESCRIPTION"])
    assert "签名" in str(private["SUMMARY"])


def test_reminders__description_has_account_and_official_rule(plan, example):
    """A payment's description names the creditor, the amount, the account number, the official account and the
    receipt."""
    data = reminders_ics(plan, "全部停息分期60期", sent_on=SENT_ON, debt_ids=["cf-loan"])
    event = payments(data)[0]
    text = str(event["DESCRIPTION"])
    debt = next(d for d in example.debts if d.id == "cf-loan")
    assert "债权人：安和消费金融有限公司" in text
    assert summary_parts(event)["amount"] in text
    assert f"账号：{debt.account_number}" in text
    assert "官方还款账户" in text
    assert "转账凭证" in text


def test_reminders__only_the_creditors_named(plan):
    """``debt_ids`` keeps the events of those debts (repeats counted once), in the case's order."""
    data = reminders_ics(plan, "全部停息分期60期", sent_on=SENT_ON, debt_ids=["private-loan", "cmb-card", "cmb-card"])
    creditors = {summary_parts(e)["creditor"] for e in payments(data)}
    assert creditors == {"招商银行信用卡中心", "李某（个人出借人）"}
    assert len(payments(data)) == len(paid_lines(plan, "全部停息分期60期", ("cmb-card", "private-loan")))
    assert len(follow_ups(data)) == 2


def test_reminders__calendar_header(plan):
    """The calendar carries the PRODID, VERSION 2.0, the Gregorian scale and the borrower's name."""
    calendar = Calendar.from_ical(reminders_ics(plan, "全部停息分期60期", sent_on=SENT_ON))
    assert str(calendar["PRODID"]) == "-//planner//debt negotiation planner//ZH"
    assert str(calendar["VERSION"]) == "2.0"
    assert str(calendar["CALSCALE"]) == "GREGORIAN"
    assert str(calendar["X-WR-CALNAME"]) == "还款提醒 · 张伟"


def test_reminders__calendar_without_borrower_name(example):
    """A case without a borrower's name gives the calendar the plain name."""
    plan = plan_case(dataclasses.replace(example, borrower=""))
    calendar = Calendar.from_ical(reminders_ics(plan, "全部停息分期60期", sent_on=SENT_ON))
    assert str(calendar["X-WR-CALNAME"]) == "还款提醒"


def test_reminders__same_inputs_same_bytes(plan):
    """Two builds from the same inputs give the same bytes, with unique, stable UIDs."""
    first = reminders_ics(plan, "延期12个月后分期", sent_on=SENT_ON)
    assert first == reminders_ics(plan, "延期12个月后分期", sent_on=SENT_ON)
    uids = [str(e["UID"]) for e in events(first)]
    assert len(set(uids)) == len(uids)
    assert all(uid.endswith("@planner.local") for uid in uids)


def test_reminders__payment_uids_do_not_depend_on_the_date_sent(plan):
    """Sent on another day, the payments keep their UIDs (a new import updates them) and only the stamp moves."""
    first = reminders_ics(plan, "延期12个月后分期", sent_on=SENT_ON)
    later = reminders_ics(plan, "延期12个月后分期", sent_on=SENT_ON + timedelta(days=3))
    assert first != later
    assert [str(e["UID"]) for e in payments(first)] == [str(e["UID"]) for e in payments(later)]
    assert {e["DTSTAMP"].dt for e in payments(later)} == {datetime(2026, 11, 27, 16, 0, tzinfo=UTC)}


def test_reminders__english(plan):
    """In English the summaries, the alarms, the follow-ups and the calendar's name are English; names stay."""
    data = reminders_ics(plan, "全部停息分期60期", sent_on=SENT_ON, debt_ids=["cmb-card"], locale="en")
    calendar = Calendar.from_ical(data)
    assert str(calendar["X-WR-CALNAME"]) == "Repayment reminders \u00b7 张伟"
    line = plan.outcomes[0].debt("cmb-card").schedule.lines[0]
    summaries = [str(e["SUMMARY"]) for e in calendar.walk("VEVENT")]
    assert f"Pay 招商银行信用卡中心 {fmt.money(line.payment, 'en')} (installment 1 of 60)" in summaries
    assert ("Application sent 14 days ago: has the written confirmation (with the official seal) arrived? "
            "(招商银行信用卡中心)") in summaries
    first = next(e for e in calendar.walk("VEVENT") if str(e["SUMMARY"]).startswith("Pay "))
    assert "keep the receipt" in str(first["DESCRIPTION"])
    assert str(first.walk("VALARM")[0]["DESCRIPTION"]).startswith("In 3 days (December 23, 2026) pay")


def test_reminders__crlf_lines(plan):
    """The file is RFC 5545 text: CRLF line ends, UTF-8."""
    data = reminders_ics(plan, "部分一次性结清", sent_on=SENT_ON, debt_ids=["citic-card"])
    assert data.startswith(b"BEGIN:VCALENDAR\r\n")
    assert data.count(b"\n") == data.count(b"\r\n")
    assert "中信银行信用卡中心" in data.decode("utf-8")


def test_reminders__unknown_scenario_is_refused(plan):
    """An unknown scenario is an input error on ``scenario``."""
    with pytest.raises(InvalidInput) as caught:
        reminders_ics(plan, "没有这个方案", sent_on=SENT_ON)
    assert caught.value.field == "scenario"
    assert caught.value.code == "unknown_reference"


def test_reminders__unknown_debt_is_refused(plan):
    """An unknown debt id is an input error on ``creditor``, listing the ids."""
    with pytest.raises(InvalidInput) as caught:
        reminders_ics(plan, "全部停息分期60期", sent_on=SENT_ON, debt_ids=["cmb-card", "nope"])
    assert caught.value.field == "creditor"
    assert "cmb-card" in caught.value.message("zh")


def test_reminders__no_debt_named_is_refused(plan):
    """An empty list of debts is refused rather than giving an empty calendar."""
    with pytest.raises(InvalidInput) as caught:
        reminders_ics(plan, "全部停息分期60期", sent_on=SENT_ON, debt_ids=[])
    assert caught.value.code == "empty"


@pytest.mark.parametrize(("name", "value"), [("alarm_days", -1), ("alarm_days", 61), ("follow_up_days", 0),
                                             ("follow_up_days", 181)])
def test_reminders__day_counts_out_of_range_are_refused(plan, name, value):
    """Alarm days outside 0–60 and follow-up days outside 1–180 are refused."""
    with pytest.raises(InvalidInput) as caught:
        reminders_ics(plan, "全部停息分期60期", sent_on=SENT_ON, **{name: value})
    assert caught.value.field == name
    assert caught.value.code == "out_of_range"


def test_calendar_catalogs__key_for_key_with_the_same_fields():
    """Both catalogs word the same keys with the same placeholders."""
    fields = re.compile(r"\{(\w+)\}")
    assert calendar_zh.ICS.keys() == calendar_en.ICS.keys()
    for key, text in calendar_zh.ICS.items():
        assert set(fields.findall(calendar_en.ICS[key])) == set(fields.findall(text)), key


def test_calendar_text__fills_values_in_either_locale():
    """``calendar_text`` fills a template; any English spelling of the locale gives English."""
    assert calendar_text("payment.period", period=13, periods=60) == "第 13/60 期"
    assert calendar_text("payment.period", "en-US", period=13, periods=60) == "installment 13 of 60"
    assert calendar_text("payment.settlement", "en") == "one-off settlement"
