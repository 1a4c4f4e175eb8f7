"""The calendar reminders (.ics) gain, for each complaint filed with a reply due, an all-day event on the due day
with an alarm at 09:00 and a stable UID; drafts and complaints without a due day add nothing."""

from __future__ import annotations

import dataclasses
from datetime import date, timedelta

from complaint_cases import NAMED, complaint_case
from icalendar import Calendar

from planner.caps.complaints import record_complaint
from planner.domain.conduct import Complaint
from planner.engines.plan import plan_case
from planner.report.calendar import complaints_due, reminders_ics

SCENARIO = "全部停息分期60期"
SENT_ON = date(2026, 11, 25)


def _case(*complaints: Complaint):
    return complaint_case(complaints=complaints)


def _complaint_events(data: bytes) -> list:
    return [e for e in Calendar.from_ical(data).walk("VEVENT") if "投诉" in str(e["SUMMARY"])
            or "complaint" in str(e["SUMMARY"])]


def _ics(case, **options) -> bytes:
    return reminders_ics(plan_case(case), SCENARIO, sent_on=SENT_ON, **options)


def test_complaint__one_event_on_the_due_day_with_an_alarm_at_nine():
    """A complaint filed with 12378 on 2026-12-01 (reference NFRA-1) gives one all-day event on 2026-12-22 naming
    the channel, the reference and the creditor; its alarm rings at 09:00 that day; the description says how to
    chase it."""
    recorded = record_complaint(complaint_case(), "cf-loan", "12378", filed=date(2026, 12, 1), reference="NFRA-1")
    (event,) = _complaint_events(_ics(recorded.case))
    assert str(event["SUMMARY"]) == "投诉答复到期：12378（受理编号 NFRA-1，安和消费金融有限公司）"
    assert event.start == date(2026, 12, 22)
    assert event.end == date(2026, 12, 23)
    description = str(event["DESCRIPTION"])
    assert "2026年12月1日向国家金融监督管理总局 12378 消费者投诉热线投诉安和消费金融有限公司的催收行为" in description
    assert "拨打 12378" in description
    (alarm,) = event.walk("VALARM")
    assert str(alarm["ACTION"]) == "DISPLAY"
    assert alarm["TRIGGER"].dt == timedelta(hours=9)
    assert "12378" in str(alarm["DESCRIPTION"])


def test_complaint__english_summary_reads_reply_due_from_the_channel():
    """In English the summary is "Reply due from 12378 for complaint REF (creditor)"."""
    case = _case(Complaint("cf-loan", "12378", date(2026, 12, 1), "NFRA-1", date(2026, 12, 22)))
    (event,) = _complaint_events(_ics(case, locale="en"))
    assert str(event["SUMMARY"]) == "Reply due from 12378 for complaint NFRA-1 (安和消费金融有限公司)"


def test_complaint__drafts_and_no_due_day_add_nothing():
    """A draft (not filed) and a police report (no reply time) add no event; the payments are unchanged."""
    base = _ics(_case())
    case = _case(Complaint(NAMED, "police", date(2026, 12, 1)), Complaint("cf-loan", "nifa"))
    assert _complaint_events(_ics(case)) == []
    assert _ics(case) == base


def test_complaint__uid_stable_across_a_corrected_reference_and_other_dates():
    """The UID is the same when the reference is corrected (the same complaint) and when the application's date
    changes; another filing day is another complaint."""
    first = Complaint("cf-loan", "12378", date(2026, 12, 1), "typo", date(2026, 12, 22))
    fixed = dataclasses.replace(first, reference="NFRA-1")
    (a,) = _complaint_events(_ics(_case(first)))
    (b,) = _complaint_events(reminders_ics(plan_case(_case(fixed)), SCENARIO, sent_on=date(2026, 11, 30)))
    assert a["UID"] == b["UID"]
    later = dataclasses.replace(first, filed=date(2026, 12, 2), reply_due=date(2026, 12, 23))
    (c,) = _complaint_events(_ics(_case(later)))
    assert c["UID"] != a["UID"]
    assert _ics(_case(first)) == _ics(_case(first))


def test_complaint__filtered_with_the_creditors_addressed():
    """With --creditor, only the complaints about those debts are in the calendar; a named collector's complaint
    with a due day is there when no creditor is chosen."""
    case = _case(Complaint("cf-loan", "12378", date(2026, 12, 1), "A", date(2026, 12, 22)),
                 Complaint(NAMED, "creditor", date(2026, 12, 1), "", date(2026, 12, 16)))
    assert len(complaints_due(case)) == 2
    assert [c.creditor for c in complaints_due(case, ["安和消费金融有限公司"])] == ["cf-loan"]
    assert len(_complaint_events(_ics(case, debt_ids=["cmb-card"]))) == 0
    events = _complaint_events(_ics(case))
    assert [str(e["SUMMARY"]) for e in events] == [
        f"投诉答复到期：{NAMED}客服（{NAMED}）", "投诉答复到期：12378（受理编号 A，安和消费金融有限公司）"]
