"""Calendar reminders (.ics) for one repayment scenario: one event per payment due, and one follow-up per creditor.

:func:`reminders_ics` reads a :class:`~planner.engines.plan.CasePlan` (every amount is the engine's, to the fen) and
words it with :mod:`planner.text` (:func:`~planner.text.calendar_text`). Pure apart from building the bytes: no
I/O, no clock; the caller gives the date the application was sent, and the same inputs give the same bytes.

What the file holds:

* one event per installment of each debt addressed (``outcome.debt(id).schedule.lines``), a line with a zero
  payment (a pause) left out; two debts due the same day are two events. The summary names the creditor, the
  amount and the installment (``还款：招商银行信用卡中心 ¥942.97（第 13/60 期）``; a settlement says 一次性结清, a
  down payment 首付款, contract terms with no end in view only the period); the description adds the due date,
  the account number, the scenario and the rule to pay only into the creditor's official account and keep the
  receipt;
* one follow-up per creditor addressed, ``follow_up_days`` after ``sent_on``: has the written confirmation (sealed
  by an institution, signed by a private lender) arrived? Do not pay under the new plan before it does; call the
  official service line; 12378 for banks and consumer finance companies;
* one event per complaint about collection filed with a reply due (:attr:`planner.domain.case.Case.complaints`,
  recorded by ``planner complaint … --filed``), on the due day with its alarm at 09:00: has the channel replied?
  Its summary names the channel and the reference (``投诉答复到期：12378（受理编号 NFRA-1）``).

**Why all-day events with a relative alarm.** A due date is a day, not an appointment, so every event is an all-day
event (``DTSTART;VALUE=DATE``, ``DTEND`` the next day, ``TRANSP:TRANSPARENT`` so it never blocks time): a date
has no time zone, so it shows on the same day on any phone, and no ``VTIMEZONE`` is needed (the dates are the
schedule's, local to Asia/Shanghai, which ``X-WR-TIMEZONE`` states). The alarm is a ``VALARM`` (``ACTION:DISPLAY``)
with a trigger relative to the start of the day, set to 09:00 ``alarm_days`` days before:
``TRIGGER:-P2DT15H`` for 3 days (midnight of the due day less 2 days 15 hours); 0 days gives ``TRIGGER:PT9H``, 09:00
on the day. This is the convention Apple Calendar (iOS, macOS) uses for its own all-day alarms (``-PT15H`` is "1 day
before, at 09:00"), and a relative trigger is the form calendar apps honour most widely; the phone's time zone
applies, which for a borrower in mainland China is Asia/Shanghai. An absolute ``TRIGGER;VALUE=DATE-TIME`` (UTC)
would pin 09:00 Shanghai time but is less widely honoured. Google Calendar drops every ``VALARM`` of an imported file
and applies the calendar's own default notifications for all-day events, which is why the summary carries the
amount and the installment on its own.

**Stable identity.** Each ``UID`` is a SHA-256 of the borrower, the debt id, the kind of event, the period and the
date (for a complaint: its creditor, channel and filing day, which is what makes it the same complaint),
``@planner.local``: a calendar that matches UIDs updates the events on a second import (a new ``sent_on``,
new amounts) rather than doubling them. ``DTSTAMP`` is midnight Asia/Shanghai of ``sent_on`` (in UTC), never the
clock.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from icalendar import TRANSP, Alarm, Calendar, Event

from planner.caps.conduct import ComplaintChannel, channel_by_id, creditor_index, logged_creditor
from planner.domain.case import Case
from planner.domain.conduct import Complaint
from planner.domain.model import CreditorKind, Debt
from planner.engines.plan import CasePlan
from planner.engines.scenarios import DebtOutcome
from planner.engines.schedules.lines import Installment
from planner.errors import InvalidInput
from planner.money import ZERO, to_int
from planner.report.proposal import find_debt, find_outcome
from planner.text import addressee_for, calendar_text, fmt, scenario_label

TIMEZONE = "Asia/Shanghai"
PRODID = "-//planner//debt negotiation planner//ZH"
UID_DOMAIN = "planner.local"
ALARM_HOUR = 9  # the alarm rings at 09:00 on its day
MAX_ALARM_DAYS = 60
MAX_FOLLOW_UP_DAYS = 180
_HOTLINE_KINDS = frozenset({CreditorKind.CREDIT_CARD, CreditorKind.BANK_LOAN, CreditorKind.CONSUMER_FINANCE})
"""Creditors the 12378 hotline (banking and insurance consumers, NFRA) covers."""


def reminders_ics(plan: CasePlan, scenario: str, *, sent_on: date, debt_ids: Sequence[str] | None = None,
                  alarm_days: int = 3, follow_up_days: int = 14, locale: str = "zh") -> bytes:
    """Return the calendar (.ics, UTF-8) of the scenario named ``scenario``: an all-day event for each payment due
    to the debts ``debt_ids`` (all of the case's when None), each with an alarm at 09:00 ``alarm_days`` days
    before, and for each of those creditors a follow-up ``follow_up_days`` after ``sent_on``, worded in ``locale``.

    Raises:
        InvalidInput: an unknown scenario (``scenario``) or debt (``creditor``), both ``unknown_reference``;
            ``debt_ids`` given but empty, or a case without debts (``empty``); ``alarm_days`` outside
            0–:data:`MAX_ALARM_DAYS` or ``follow_up_days`` outside 1–:data:`MAX_FOLLOW_UP_DAYS`
            (``out_of_range``).
    """
    alarm_days = to_int(alarm_days, field="alarm_days", low=0, high=MAX_ALARM_DAYS, allow_text=False)
    follow_up_days = to_int(follow_up_days, field="follow_up_days", low=1, high=MAX_FOLLOW_UP_DAYS, allow_text=False)
    outcome = find_outcome(plan, scenario)
    debts = _addressed(plan, debt_ids)
    locale = fmt.locale_of(locale)
    borrower = plan.case.borrower.strip()
    scenario_name = scenario_label(outcome, locale)
    stamp = datetime.combine(sent_on, time(0), tzinfo=ZoneInfo(TIMEZONE)).astimezone(UTC)

    keyed: list[tuple[date, int, int, int, Event]] = []
    for index, debt in enumerate(debts):
        follow_up = sent_on + timedelta(days=follow_up_days)
        keyed.append((follow_up, index, 0, 0, _follow_up(debt, borrower, scenario_name, sent_on, follow_up,
                                                         follow_up_days, stamp, locale)))
        item = outcome.debt(debt.id)
        for line in item.schedule.lines:
            if line.payment <= ZERO:  # a pause: nothing to pay, nothing to remind
                continue
            keyed.append((line.due_date, index, 1, line.period,
                          _payment(debt, item, line, borrower, scenario_name, alarm_days, stamp, locale)))
    for number, complaint in enumerate(complaints_due(plan.case, debt_ids)):
        filed, due = complaint.filed, complaint.reply_due
        if filed is not None and due is not None:  # always: complaints_due keeps those with both
            keyed.append((due, len(debts) + number, 2, 0,
                          _complaint(plan.case, complaint, filed, due, borrower, stamp, locale)))
    keyed.sort(key=lambda entry: entry[:4])

    key = "calendar.name" if borrower else "calendar.name.anonymous"
    calendar = Calendar.new(
        prodid=PRODID, calscale="GREGORIAN", name=calendar_text(key, locale, borrower=borrower),
        description=calendar_text("calendar.description", locale, scenario=scenario_name),
        uid=_uid(borrower, "calendar", outcome.name, sent_on.isoformat()),
        subcomponents=[entry[4] for entry in keyed],
    )
    calendar.add("X-WR-TIMEZONE", TIMEZONE)
    return bytes(calendar.to_ical())


def complaints_due(case: Case, debt_ids: Sequence[str] | None = None) -> tuple[Complaint, ...]:
    """Return the complaints of ``case`` filed with a reply due, in the order recorded: all of them, or with
    ``debt_ids`` those about these debts (by id or creditor name, as the log names them)."""
    filed = [c for c in case.complaints if c.filed is not None and c.reply_due is not None]
    if debt_ids is None:
        return tuple(filed)
    index = creditor_index(case)
    wanted = {logged_creditor(case, debt_id, index).key for debt_id in debt_ids}
    return tuple(c for c in filed if logged_creditor(case, c.creditor, index).key in wanted)


def _addressed(plan: CasePlan, debt_ids: Sequence[str] | None) -> list[Debt]:
    """Return the debts addressed, in the case's order: all of them, or those named (each checked)."""
    if debt_ids is None:
        debts = list(plan.case.debts)
        if not debts:
            raise InvalidInput("debts", "empty", 0)
        return debts
    if not debt_ids:
        raise InvalidInput("creditor", "empty", "")
    wanted = {find_debt(plan, debt_id).id for debt_id in debt_ids}
    return [debt for debt in plan.case.debts if debt.id in wanted]


def _uid(*parts: str) -> str:
    """Return a stable UID from ``parts`` (a SHA-256, so no name or number is readable in it)."""
    digest = hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()
    return f"{digest[:32]}@{UID_DOMAIN}"


def _period(item: DebtOutcome, line: Installment, locale: str) -> str:
    """Return which payment ``line`` is: the settlement, the down payment, or ``第 k/n 期`` (``第 k 期`` when the
    schedule does not run to its end, as contract terms cut at the horizon do)."""
    if item.plan.settlement is not None:
        return calendar_text("payment.settlement", locale)
    if line.period == 0:
        return calendar_text("payment.down_payment", locale)
    if item.schedule.remaining > ZERO:
        return calendar_text("payment.period.open", locale, period=line.period)
    return calendar_text("payment.period", locale, period=line.period, periods=item.schedule.lines[-1].period)


def _alarm(trigger: timedelta, description: str) -> Alarm:
    alarm = Alarm.new(description=description)
    alarm.add("ACTION", "DISPLAY")
    alarm.add("TRIGGER", trigger)
    return alarm


def _event(*, summary: str, day: date, uid: str, stamp: datetime, description: str, alarm: Alarm) -> Event:
    return Event.new(summary=summary, start=day, end=day + timedelta(days=1), uid=uid, stamp=stamp,
                     description=description, transparency=TRANSP.TRANSPARENT, subcomponents=[alarm])


def _payment(debt: Debt, item: DebtOutcome, line: Installment, borrower: str, scenario: str, alarm_days: int,
             stamp: datetime, locale: str) -> Event:
    """Return the event of one payment due, with its alarm ``alarm_days`` days before at 09:00."""
    amount = fmt.money(line.payment, locale)
    period = _period(item, line, locale)
    due = fmt.day(line.due_date, locale)
    lines = [
        calendar_text("payment.creditor", locale, creditor=debt.creditor),
        calendar_text("payment.amount", locale, amount=amount, period=period, date=due),
    ]
    if debt.account_number.strip():
        lines.append(calendar_text("payment.account", locale, account=debt.account_number.strip()))
    lines += [
        calendar_text("payment.scenario", locale, scenario=scenario),
        calendar_text(f"payment.official.{addressee_for(debt.kind)}", locale, creditor=debt.creditor),
    ]
    if alarm_days:
        reminder = calendar_text("alarm.before", locale, days=alarm_days, date=due, creditor=debt.creditor,
                                 amount=amount)
    else:
        reminder = calendar_text("alarm.today", locale, date=due, creditor=debt.creditor, amount=amount)
    return _event(
        summary=calendar_text("payment.summary", locale, creditor=debt.creditor, amount=amount, period=period),
        day=line.due_date, uid=_uid(borrower, debt.id, "payment", str(line.period), line.due_date.isoformat()),
        stamp=stamp, description="\n".join(lines),
        alarm=_alarm(timedelta(days=-alarm_days, hours=ALARM_HOUR), reminder),
    )


def _follow_up(debt: Debt, borrower: str, scenario: str, sent_on: date, day: date, days: int, stamp: datetime,
               locale: str) -> Event:
    """Return the follow-up of the application sent to ``debt``'s creditor, with its alarm at 09:00 that day."""
    voice = addressee_for(debt.kind)
    lines = [
        calendar_text("follow_up.sent", locale, sent_on=fmt.day(sent_on, locale), creditor=debt.creditor,
                      scenario=scenario),
        calendar_text(f"follow_up.wait.{voice}", locale, creditor=debt.creditor),
        calendar_text(f"follow_up.no_reply.{voice}", locale, creditor=debt.creditor),
    ]
    if debt.kind in _HOTLINE_KINDS:
        lines.append(calendar_text("follow_up.hotline", locale))
    elif debt.kind is CreditorKind.ONLINE_PLATFORM:  # the lender of record may be a bank or consumer finance company
        lines.append(calendar_text("follow_up.hotline.platform", locale))
    if debt.account_number.strip():
        lines.append(calendar_text("follow_up.account", locale, account=debt.account_number.strip()))
    return _event(
        summary=calendar_text(f"follow_up.summary.{voice}", locale, days=days, creditor=debt.creditor),
        day=day, uid=_uid(borrower, debt.id, "follow-up", sent_on.isoformat(), day.isoformat()),
        stamp=stamp, description="\n".join(lines),
        alarm=_alarm(timedelta(hours=ALARM_HOUR), calendar_text("alarm.follow_up", locale, creditor=debt.creditor)),
    )


def _channel(channel_id: str) -> ComplaintChannel | None:
    try:
        return channel_by_id(channel_id)
    except InvalidInput:  # a channel id edited into the case file that the data does not know
        return None


def _complaint(case: Case, complaint: Complaint, filed: date, due: date, borrower: str, stamp: datetime,
               locale: str) -> Event:
    """Return the event on the day a complaint's reply is due, with its alarm at 09:00 that day."""
    creditor = logged_creditor(case, complaint.creditor).name
    channel = _channel(complaint.channel)
    if complaint.channel == "creditor":
        short = calendar_text("complaint.creditor_service", locale, creditor=creditor)
    elif complaint.channel.isdigit() or channel is None:
        short = complaint.channel
    else:
        short = channel.name(locale)
    name = channel.name(locale) if channel is not None else complaint.channel
    reference = (calendar_text("complaint.reference", locale, reference=complaint.reference)
                 if complaint.reference else "")
    lines = [
        calendar_text("complaint.filed", locale, filed=fmt.day(filed, locale), channel=name, creditor=creditor,
                      reference=reference),
        calendar_text("complaint.due", locale, due=fmt.day(due, locale)),
    ]
    if channel is not None:
        lines.append(calendar_text("complaint.no_reply", locale, contact=channel.contact(locale)))
    lines.append(calendar_text("complaint.keep", locale))
    if complaint.note:
        lines.append(calendar_text("complaint.note", locale, note=complaint.note))
    summary_key = "complaint.summary" if complaint.reference else "complaint.summary.no_reference"
    return _event(
        summary=calendar_text(summary_key, locale, channel=short, reference=complaint.reference,
                              creditor=creditor),
        day=due,
        uid=_uid(borrower, complaint.creditor, "complaint", complaint.channel, filed.isoformat()),
        stamp=stamp, description="\n".join(lines),
        alarm=_alarm(timedelta(hours=ALARM_HOUR), calendar_text("alarm.complaint", locale, channel=short,
                                                                creditor=creditor)),
    )
