"""The collection-conduct log checked against the rules, where to complain, and when a reply is due.

The rules are **data with sources**, like the caps: ``conduct_rules.json`` holds, each with the contact dates it
covers and its source, the hours collection may not reach the debtor (22:00-08:00 per the China Banking
Association's 2026 guideline), the call limits (more than 6 attempts a day to the same unanswered number per that
guideline; the guides' rule of thumb of more than 3 calls a day), and the flags that mark a contact (third parties,
threats and insults, impersonation, fake legal documents, disclosure, visits). :func:`check_log` returns findings
(:mod:`planner.findings`) about a creditor's collectors, each with the entries it rests on: information with a
citation, never a legal conclusion; the wording lives in :mod:`planner.text`.

``complaint_channels.json`` says which body handles which creditor kind (the creditor's own service first; 12378 for
banks, card issuers and consumer-finance companies; NIFA for online lenders; 12345 to the local financial authority
for microloan companies) and which finding sends a complaint elsewhere (12321 for harassing calls and SMS, the
police for threats and impersonation, a court for damages), with the reply time the guides give.
:func:`reply_due` counts working days on mainland China's holiday calendar (``chinese-calendar``, with the swapped
weekend workdays); for a year it has no data for, Monday to Friday, with a finding that says so.

Days are the borrower's calendar days: log times are China's local time (:mod:`planner.domain.conduct`), so a call
at 23:50 and one at 00:10 fall on two days. Pure core: no clock, no UI, no float.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from enum import StrEnum
from pathlib import Path
from typing import Any

from planner.caps.datafiles import date_range, json_document, json_items, load_data_file, required_text
from planner.caps.rules import RuleStatus, parse_kind
from planner.choices import parse_choice
from planner.domain.case import Case
from planner.domain.conduct import Channel, Contacted, Flag, LogEntry
from planner.domain.model import CreditorKind
from planner.errors import InvalidInput
from planner.findings import Finding, Scope, Severity
from planner.money import to_int

RULES_FILE = "conduct_rules.json"
CHANNELS_FILE = "complaint_channels.json"


class Check(StrEnum):
    """What a conduct rule looks for."""

    THIRD_PARTY = "third_party"  # someone other than the debtor or a guarantor contacted
    QUIET_HOURS = "quiet_hours"  # a contact in the hours collection may not reach the debtor
    ATTEMPTS_PER_NUMBER = "attempts_per_number"  # unanswered call attempts a day to one person (one number)
    CALLS_PER_DAY = "calls_per_day"  # calls a day from one creditor's collectors, answered or not
    THREAT_OR_INSULT = "threat_or_insult"  # flagged threat, insult or doctored image
    IMPERSONATION = "impersonation"  # flagged as posing as police, a court or a lawyer
    FAKE_DOCUMENT = "fake_document"  # a fake 律师函 or 传票
    DISCLOSURE = "disclosure"  # the debt told to others
    VISIT = "visit"  # a visit (information)


_CODES = {
    Check.THIRD_PARTY: "THIRD_PARTY_CONTACT",
    Check.QUIET_HOURS: "OUTSIDE_HOURS",
    Check.ATTEMPTS_PER_NUMBER: "TOO_FREQUENT",
    Check.CALLS_PER_DAY: "TOO_FREQUENT",
    Check.THREAT_OR_INSULT: "THREAT_OR_INSULT",
    Check.IMPERSONATION: "IMPERSONATION",
    Check.FAKE_DOCUMENT: "FAKE_LEGAL_DOCUMENT",
    Check.DISCLOSURE: "DISCLOSURE",
    Check.VISIT: "VISIT",
}
_HOURS_CHANNELS = frozenset(Channel) - {Channel.LETTER}  # a letter's time is when it arrived, not when it was sent
_HARM_FLAGS = (Flag.THREAT, Flag.INSULT, Flag.DOCTORED_IMAGE)
_THIRD_PARTIES = frozenset(c for c in Contacted if c.is_third_party)


def _log_order(entry: LogEntry) -> tuple[datetime, tuple[str, ...]]:
    return entry.time, entry.key


@dataclass(frozen=True, slots=True)
class ConductRule:
    """One rule of ``conduct_rules.json``: the check it drives, its figures, the contact dates it covers
    (inclusive, None open-ended), the finding's severity and the source."""

    id: str
    check: Check
    severity: Severity
    source: str
    status: RuleStatus
    effective_from: date | None = None
    effective_to: date | None = None
    start: time | None = None  # quiet hours: from …
    end: time | None = None  # … to (the next morning when end <= start)
    limit: int | None = None  # call limits: more than this in a day is reported

    def __post_init__(self) -> None:
        if self.check is Check.QUIET_HOURS and (self.start is None or self.end is None or self.start == self.end):
            raise InvalidInput("start", "required", self.start)
        if self.check in (Check.ATTEMPTS_PER_NUMBER, Check.CALLS_PER_DAY) and self.limit is None:
            raise InvalidInput("limit", "required", self.limit)

    @property
    def code(self) -> str:
        """Return the finding code the rule gives."""
        return _CODES[self.check]

    def covers(self, day: date) -> bool:
        """Return True when a contact on ``day`` falls under the rule's dates."""
        return (self.effective_from is None or self.effective_from <= day) and (
            self.effective_to is None or day <= self.effective_to)

    def is_quiet(self, moment: datetime) -> bool:
        """Return True when ``moment`` (China's local time) is within the rule's quiet hours."""
        assert self.start is not None and self.end is not None  # checked on creation  # noqa: PT018
        clock = moment.time()
        if self.start < self.end:
            return self.start <= clock < self.end
        return clock >= self.start or clock < self.end


@dataclass(frozen=True, slots=True)
class ConductRules:
    """The conduct rules in file order, and where they were read from."""

    rules: tuple[ConductRule, ...]
    source: str = ""

    def __post_init__(self) -> None:
        ids = [r.id for r in self.rules]
        for rule_id in ids:
            if ids.count(rule_id) > 1:
                raise InvalidInput("id", "duplicate", rule_id, where=self.source)

    def quiet_hours(self, day: date) -> tuple[time, time] | None:
        """Return the quiet hours (start, end) in force on ``day``, the first such rule's; None when no rule sets
        them (the app draws the allowed-hours band from this)."""
        for rule in self.rules:
            if rule.check is Check.QUIET_HOURS and rule.covers(day):
                assert rule.start is not None and rule.end is not None  # noqa: PT018
                return rule.start, rule.end
        return None


def load_conduct_rules(path: str | Path | None = None) -> ConductRules:
    """Return the conduct rules from ``path`` (JSON of the shape of ``planner/caps/data/conduct_rules.json``), or
    the package's rules when ``path`` is None (read once).

    Raises:
        InvalidInput: unreadable JSON, or a bad rule (located as ``"<file> rules[i]"``).
    """
    return load_data_file(path, RULES_FILE, _parse_rules)


def _parse_rules(text: str, name: str) -> ConductRules:
    return ConductRules(tuple(json_items(json_document(text, name), "rules", name, _parse_rule)), name)


def _clock(value: Any, field: str) -> time:
    text = str(value or "").strip()
    try:
        hours, minutes = text.split(":")
        return time(int(hours), int(minutes))
    except ValueError:
        raise InvalidInput(field, "bad_time", text) from None


def _parse_rule(item: Any) -> ConductRule:
    if not isinstance(item, dict):
        raise InvalidInput("rules", "bad_file", item, params={"reason": "json_object_needed"})
    check = parse_choice(Check, item.get("check"), "check")
    low, high = date_range(item.get("effective"), "effective")
    return ConductRule(
        id=required_text(item, "id"),
        check=check,
        severity=parse_choice(Severity, item.get("severity"), "severity"),
        source=required_text(item, "source"),
        status=parse_choice(RuleStatus, item.get("status"), "status"),
        effective_from=low,
        effective_to=high,
        start=_clock(item["start"], "start") if "start" in item else None,
        end=_clock(item["end"], "end") if "end" in item else None,
        limit=to_int(item["limit"], field="limit", low=1, high=1000) if "limit" in item else None,
    )


# --------------------------------------------------------------------------------------------------------------
# Checking the log


@dataclass(frozen=True, slots=True)
class LoggedCreditor:
    """Who a log entry's ``creditor`` names: the debt id when it names one of the case's debts (by id, or by the
    creditor's name when exactly one debt has it), else the text as logged; the name to show; the kind if known."""

    key: str
    name: str
    kind: CreditorKind | None = None


def logged_creditor(case: Case, creditor: str, index: dict[str, LoggedCreditor] | None = None) -> LoggedCreditor:
    """Return who ``creditor`` (a log entry's creditor field) names in ``case`` (``index``: the case's
    :func:`creditor_index`, when already built)."""
    index = creditor_index(case) if index is None else index
    return index.get(creditor.strip().casefold()) or LoggedCreditor(creditor, creditor)


def creditor_index(case: Case) -> dict[str, LoggedCreditor]:
    """Return the case's debts by id and by creditor name (a name two debts share names neither), casefolded."""
    index: dict[str, LoggedCreditor] = {}
    names = Counter(d.creditor.strip().casefold() for d in case.debts)
    for debt in case.debts:
        found = LoggedCreditor(debt.id, debt.creditor or debt.id, debt.kind)
        index[debt.id.casefold()] = found
        name = debt.creditor.strip().casefold()
        if name and names[name] == 1:
            index.setdefault(name, found)
    return index


def check_log(case: Case, *, rules: ConductRules | None = None, entries: Sequence[LogEntry] | None = None,
              creditor: str | None = None) -> tuple[Finding, ...]:
    """Return the findings about the conduct log of ``case`` (or ``entries``), per creditor in the order they first
    appear, and per rule in file order; ``creditor`` (a debt id or a logged name) keeps one creditor's.

    Each finding's scope is :attr:`Scope.CREDITOR` with the creditor's key as subject, and carries the creditor's
    name, the number of entries, the first and last time, the entries' ids and the rule's source. A contact the
    rules allow (the debtor, within the hours, no flag, within the call limits) adds none.
    """
    rules = rules or load_conduct_rules()
    index = creditor_index(case)
    if entries is None:
        found = _checked(case, rules, index)
    else:
        found = _check(case, rules, tuple(sorted(entries, key=_log_order)), index)
    if creditor is None:
        return found
    wanted = logged_creditor(case, creditor, index).key
    return tuple(f for f in found if f.subject == wanted)


_RECENT: list[tuple[tuple[LogEntry, ...], Any, ConductRules, tuple[Finding, ...]]] = []
_RECENT_SIZE = 8


def _checked(case: Case, rules: ConductRules, index: dict[str, LoggedCreditor]) -> tuple[Finding, ...]:
    """Return the findings of the case's whole log, remembered for the last few logs checked: the app, the
    complaint and the evidence package ask about the same log several times per change (the log and the debts
    are immutable tuples, so the same objects are the same log)."""
    for log, debts, used, found in _RECENT:
        if log is case.conduct and debts is case.debts and used is rules:
            return found
    found = _check(case, rules, case.conduct, index)
    _RECENT.insert(0, (case.conduct, case.debts, rules, found))
    del _RECENT[_RECENT_SIZE:]
    return found


def _check(case: Case, rules: ConductRules, log: tuple[LogEntry, ...],
           index: dict[str, LoggedCreditor]) -> tuple[Finding, ...]:
    named: dict[str, LoggedCreditor] = {}
    groups: dict[LoggedCreditor, list[LogEntry]] = {}
    for entry in log:
        who = named.get(entry.creditor)
        if who is None:
            who = named[entry.creditor] = logged_creditor(case, entry.creditor, index)
        groups.setdefault(who, []).append(entry)
    findings: list[Finding] = []
    for who, group in groups.items():
        for rule in rules.rules:
            covered = group if rule.effective_from is None and rule.effective_to is None else [
                e for e in group if rule.covers(e.time.date())]
            if covered:
                found = _CHECKS[rule.check](rule, who, covered)
                if found is not None:
                    findings.append(found)
    return tuple(findings)


def _finding(rule: ConductRule, who: LoggedCreditor, entries: Sequence[LogEntry], **params: Any) -> Finding | None:
    """Return the rule's finding about ``entries`` (in log order), or None when there are none."""
    if not entries:
        return None
    return Finding.of(rule.code, rule.severity, Scope.CREDITOR, who.key, source=rule.source, creditor=who.name,
                      count=len(entries), first=entries[0].time, last=entries[-1].time,
                      entries=tuple(e.id for e in entries), **params)


def _contacts(entries: Iterable[LogEntry]) -> tuple[str, ...]:
    seen = {e.contacted for e in entries}
    return tuple(c.value for c in Contacted if c in seen)


def _third_party(rule: ConductRule, who: LoggedCreditor, entries: Sequence[LogEntry]) -> Finding | None:
    hits = [e for e in entries if e.contacted in _THIRD_PARTIES]
    return _finding(rule, who, hits, contacts=_contacts(hits))


def _quiet_hours(rule: ConductRule, who: LoggedCreditor, entries: Sequence[LogEntry]) -> Finding | None:
    quiet = rule.is_quiet
    hits = [e for e in entries if e.channel in _HOURS_CHANNELS and quiet(e.time)]
    assert rule.start is not None and rule.end is not None  # noqa: PT018
    return _finding(rule, who, hits, start=rule.start.strftime("%H:%M"), end=rule.end.strftime("%H:%M"))


def _over_limit(rule: ConductRule, who: LoggedCreditor, days: dict[Any, list[LogEntry]],
                basis: str) -> Finding | None:
    assert rule.limit is not None
    over = {key: group for key, group in days.items() if len(group) > rule.limit}
    if not over:
        return None
    by_day: Counter[date] = Counter()
    for key, group in over.items():
        by_day[key[0]] = max(by_day[key[0]], len(group))
    most = max(by_day.values())
    worst = min(day for day, count in by_day.items() if count == most)
    hits = sorted((e for group in over.values() for e in group), key=_log_order)
    return _finding(rule, who, hits, basis=basis, limit=rule.limit, days=len(by_day), most=most, worst=worst)


def _attempts(rule: ConductRule, who: LoggedCreditor, entries: Sequence[LogEntry]) -> Finding | None:
    days: dict[tuple[date, Contacted], list[LogEntry]] = defaultdict(list)
    for entry in entries:
        if entry.channel is Channel.CALL and not entry.answered:
            days[entry.time.date(), entry.contacted].append(entry)
    return _over_limit(rule, who, days, "attempts")


def _calls(rule: ConductRule, who: LoggedCreditor, entries: Sequence[LogEntry]) -> Finding | None:
    days: dict[tuple[date], list[LogEntry]] = defaultdict(list)
    for entry in entries:
        if entry.channel is Channel.CALL:
            days[(entry.time.date(),)].append(entry)
    return _over_limit(rule, who, days, "calls")


def _flagged(*flags: Flag) -> Any:
    wanted = frozenset(flags)

    def hits(entries: Sequence[LogEntry]) -> list[LogEntry]:
        return [e for e in entries if e.flags and not wanted.isdisjoint(e.flags)]
    return hits


def _harm(rule: ConductRule, who: LoggedCreditor, entries: Sequence[LogEntry]) -> Finding | None:
    hits = _flagged(*_HARM_FLAGS)(entries)
    present = {f for e in hits for f in e.flags}
    return _finding(rule, who, hits, flags=tuple(f.value for f in _HARM_FLAGS if f in present))


def _impersonation(rule: ConductRule, who: LoggedCreditor, entries: Sequence[LogEntry]) -> Finding | None:
    hits = _flagged(Flag.IMPERSONATION)(entries)
    identities = tuple(dict.fromkeys(e.identity for e in hits if e.identity))
    return _finding(rule, who, hits, **({"identities": identities} if identities else {}))


def _fake_document(rule: ConductRule, who: LoggedCreditor, entries: Sequence[LogEntry]) -> Finding | None:
    return _finding(rule, who, _flagged(Flag.FAKE_DOCUMENT)(entries))


def _disclosure(rule: ConductRule, who: LoggedCreditor, entries: Sequence[LogEntry]) -> Finding | None:
    hits = _flagged(Flag.DISCLOSURE)(entries)
    return _finding(rule, who, hits, contacts=_contacts(hits))


def _visit(rule: ConductRule, who: LoggedCreditor, entries: Sequence[LogEntry]) -> Finding | None:
    return _finding(rule, who, [e for e in entries if e.channel is Channel.VISIT or Flag.VISIT in e.flags])


_CHECKS = {
    Check.THIRD_PARTY: _third_party,
    Check.QUIET_HOURS: _quiet_hours,
    Check.ATTEMPTS_PER_NUMBER: _attempts,
    Check.CALLS_PER_DAY: _calls,
    Check.THREAT_OR_INSULT: _harm,
    Check.IMPERSONATION: _impersonation,
    Check.FAKE_DOCUMENT: _fake_document,
    Check.DISCLOSURE: _disclosure,
    Check.VISIT: _visit,
}


# --------------------------------------------------------------------------------------------------------------
# Where to complain, and when the reply is due


class DayCount(StrEnum):
    """How a reply time counts days."""

    WORKING = "working"  # mainland China's working days (holidays and swapped weekend workdays)
    CALENDAR = "calendar"


@dataclass(frozen=True, slots=True)
class ReplyTime:
    """The time a channel has to reply, with its source."""

    days: int
    unit: DayCount
    source: str
    status: RuleStatus


@dataclass(frozen=True, slots=True)
class ComplaintChannel:
    """A body that takes complaints about collection: who it handles (creditor kinds, or findings whatever the
    kind), how to reach it, and its reply time (None when none is known)."""

    id: str
    name_zh: str
    name_en: str
    contact_zh: str
    contact_en: str
    kinds: frozenset[CreditorKind]
    codes: frozenset[str]
    reply: ReplyTime | None = None

    def name(self, locale: str = "zh") -> str:
        """Return the channel's name in ``locale``."""
        return self.name_en if str(locale).startswith("en") else self.name_zh

    def contact(self, locale: str = "zh") -> str:
        """Return how to reach the channel, in ``locale``."""
        return self.contact_en if str(locale).startswith("en") else self.contact_zh


def load_channels(path: str | Path | None = None) -> tuple[ComplaintChannel, ...]:
    """Return the complaint channels from ``path`` (the shape of ``planner/caps/data/complaint_channels.json``), or
    the package's when None, in file order.

    Raises:
        InvalidInput: unreadable JSON, a bad or repeated channel.
    """
    return load_data_file(path, CHANNELS_FILE, _parse_channels)


def _parse_channels(text: str, name: str) -> tuple[ComplaintChannel, ...]:
    channels = tuple(json_items(json_document(text, name), "channels", name, _parse_channel))
    ids = [c.id for c in channels]
    for channel_id in ids:
        if ids.count(channel_id) > 1:
            raise InvalidInput("id", "duplicate", channel_id, where=name)
    return channels


def _parse_channel(item: Any) -> ComplaintChannel:
    from planner.findings import CODES

    if not isinstance(item, dict):
        raise InvalidInput("channels", "bad_file", item, params={"reason": "json_object_needed"})
    codes = item.get("codes") or []
    for code in codes:
        if code not in CODES:
            raise InvalidInput("codes", "unknown_choice", code, params={"choices": ", ".join(sorted(CODES))})
    reply = item.get("reply")
    if reply is not None and not isinstance(reply, dict):
        raise InvalidInput("reply", "bad_file", reply, params={"reason": "json_object_needed"})
    return ComplaintChannel(
        id=required_text(item, "id"),
        name_zh=required_text(item, "name_zh"),
        name_en=required_text(item, "name_en"),
        contact_zh=required_text(item, "contact_zh"),
        contact_en=required_text(item, "contact_en"),
        kinds=frozenset(parse_kind(k) for k in item.get("kinds") or []),
        codes=frozenset(codes),
        reply=None if reply is None else ReplyTime(
            days=to_int(reply.get("days"), field="reply.days", low=1, high=365),
            unit=parse_choice(DayCount, reply.get("unit"), "reply.unit"),
            source=required_text(reply, "source"),
            status=parse_choice(RuleStatus, reply.get("status"), "reply.status"),
        ),
    )


def channel_by_id(channel_id: str, channels: Sequence[ComplaintChannel] | None = None) -> ComplaintChannel:
    """Return the channel named ``channel_id`` (``12378``, ``nifa``, ``police`` …).

    Raises:
        InvalidInput: ``unknown_choice`` listing the channels.
    """
    channels = load_channels() if channels is None else channels
    for channel in channels:
        if channel.id == str(channel_id).strip().lower():
            return channel
    raise InvalidInput("channel", "unknown_choice", channel_id,
                       params={"choices": ", ".join(c.id for c in channels)})


def channels_for(kind: CreditorKind | None, findings: Iterable[Finding] = (), *,
                 channels: Sequence[ComplaintChannel] | None = None) -> tuple[ComplaintChannel, ...]:
    """Return the channels for a creditor of ``kind`` (None: not one of the case's debts) and its ``findings``, in
    file order: the creditor's own service first, the regulator of that kind, then those the findings call for
    (12321 for harassing calls, the police for threats and impersonation, a court for damages)."""
    channels = load_channels() if channels is None else channels
    codes = {f.code for f in findings}
    return tuple(c for c in channels if (kind is not None and kind in c.kinds) or c.id == "creditor"
                 or (c.codes & codes))


def _last_calendar_year() -> int:
    from chinese_calendar import constants

    return int(max(day.year for day in constants.holidays))


def is_workday(day: date) -> tuple[bool, bool]:
    """Return whether ``day`` is a working day in mainland China, and whether that was estimated (Monday to
    Friday, for a year the holiday calendar has no data for)."""
    import chinese_calendar

    try:
        return bool(chinese_calendar.is_workday(day)), False
    except NotImplementedError:
        return day.weekday() < 5, True  # Monday to Friday


def reply_due(filed: date, reply: ReplyTime) -> tuple[date, tuple[Finding, ...]]:
    """Return the day a reply is due for a complaint filed on ``filed``: ``reply.days`` calendar days after it, or
    that many working days after it (the filing day not counted); and a ``WORKDAYS_ESTIMATED`` finding for each
    year counted Monday to Friday because the holiday calendar has no data for it.

    >>> from planner.caps.rules import RuleStatus
    >>> reply_due(date(2026, 9, 28), ReplyTime(5, DayCount.WORKING, "s", RuleStatus.FIRM))[0]
    datetime.date(2026, 10, 10)
    """
    if reply.unit is DayCount.CALENDAR:
        return filed + timedelta(days=reply.days), ()
    day, counted, estimated = filed, 0, set()
    while counted < reply.days:
        day += timedelta(days=1)
        working, guess = is_workday(day)
        if guess:
            estimated.add(day.year)
        counted += working
    through = _last_calendar_year()
    return day, tuple(Finding.of("WORKDAYS_ESTIMATED", Severity.INFO, Scope.DATA, year=year, through=through,
                                 source="chinese-calendar") for year in sorted(estimated))
