"""Complaints about a creditor's collection: which creditor, which channel, and recording one as filed.

The complaint drafts (:mod:`planner.report.complaint`) and the follow-up share these steps: a creditor named on
the command line or in the app (a debt id, a creditor's name, or a name as the log has it) is resolved with
:func:`planner.caps.conduct.logged_creditor`; its entries are the log entries naming it; the channels suggested
for it are :func:`planner.caps.conduct.channels_for` its kind and its findings. :func:`record_complaint` marks a
complaint filed and computes the day its reply is due with :func:`planner.caps.conduct.reply_due` (mainland
China's working days; an estimate, said so by a ``WORKDAYS_ESTIMATED`` finding, beyond the holiday data).

Pure: no clock, no files.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date

from planner.caps.conduct import (
    ComplaintChannel,
    ConductRules,
    LoggedCreditor,
    channel_by_id,
    channels_for,
    check_log,
    creditor_index,
    load_channels,
    logged_creditor,
    reply_due,
)
from planner.domain.case import Case
from planner.domain.conduct import Complaint, LogEntry, record
from planner.errors import InvalidInput
from planner.findings import Finding

DRAFT_CHANNELS = ("creditor", "12378", "nifa", "12321", "12345", "police")
"""The channels a complaint can be drafted for, in the order of ``complaint_channels.json``: the creditor's own
service, the NFRA hotline, NIFA, the spam-call centre, the government hotline (to the local financial authority)
and the police (a 报案 statement). 12363 takes payment firms and credit reporting only, and a court takes a claim,
not a complaint."""


def draft_channel(channel: ComplaintChannel | str,
                  channels: Sequence[ComplaintChannel] | None = None) -> ComplaintChannel:
    """Return the channel a complaint can be drafted for (:data:`DRAFT_CHANNELS`), by its id or as given.

    Raises:
        InvalidInput: ``unknown_choice`` on ``channel``, listing :data:`DRAFT_CHANNELS`.
    """
    wanted = channel.id if isinstance(channel, ComplaintChannel) else str(channel).strip().lower()
    if wanted not in DRAFT_CHANNELS:
        raise InvalidInput("complaint_channel", "unknown_choice", str(getattr(channel, "id", channel)),
                           params={"choices": ", ".join(DRAFT_CHANNELS)})
    return channel if isinstance(channel, ComplaintChannel) else channel_by_id(wanted, channels)


def resolve_creditor(case: Case, creditor: str) -> LoggedCreditor:
    """Return who ``creditor`` names in ``case``: one of its debts (by id or creditor name), or a name the log
    has.

    Raises:
        InvalidInput: ``unknown_reference`` on ``creditor``, listing the debt ids and the names logged.
    """
    text = str(creditor or "").strip()
    index = creditor_index(case)
    if text.casefold() in index:
        return index[text.casefold()]
    logged = {logged_creditor(case, e.creditor, index) for e in case.conduct}
    for who in logged:
        if who.key == text:
            return who
    choices = list(dict.fromkeys([*(d.id for d in case.debts), *sorted(w.key for w in logged)]))
    raise InvalidInput("creditor", "unknown_reference", creditor, params={"choices": ", ".join(choices) or "—"})


def creditor_entries(case: Case, who: LoggedCreditor) -> tuple[LogEntry, ...]:
    """Return the log entries about ``who`` (naming its debt id, its creditor's name, or the name logged), in time
    order."""
    index = creditor_index(case)
    return tuple(e for e in case.conduct if logged_creditor(case, e.creditor, index).key == who.key)


def suggested_channels(case: Case, who: LoggedCreditor, *, rules: ConductRules | None = None,
                       channels: Sequence[ComplaintChannel] | None = None) -> tuple[ComplaintChannel, ...]:
    """Return the draft channels suggested for ``who``: its own service, the body over its kind, and those its
    findings call for (12321 for calls at night or too often, the police for threats and impersonation)."""
    findings = check_log(case, rules=rules, creditor=who.key)
    return tuple(c for c in channels_for(who.kind, findings, channels=channels) if c.id in DRAFT_CHANNELS)


@dataclass(frozen=True, slots=True)
class Recorded:
    """A complaint recorded as filed: the case with it, the complaint, the findings about its due date (an
    estimate beyond the holiday data), and whether it replaced one recorded before (the same creditor and
    channel, filed the same day)."""

    case: Case
    complaint: Complaint
    findings: tuple[Finding, ...]
    replaced: bool


def record_complaint(case: Case, creditor: str, channel: ComplaintChannel | str, *, filed: date,
                     reference: str = "", note: str = "",
                     channels: Sequence[ComplaintChannel] | None = None) -> Recorded:
    """Return ``case`` with a complaint about ``creditor`` to ``channel`` recorded as filed on ``filed``, its reply
    due by the channel's reply time (None when the channel gives none).

    Raises:
        InvalidInput: an unknown creditor (``unknown_reference``) or channel (``unknown_choice``).
    """
    channels = load_channels() if channels is None else channels
    who = resolve_creditor(case, creditor)
    found = draft_channel(channel, channels)
    due, findings = (None, ()) if found.reply is None else reply_due(filed, found.reply)
    complaint = Complaint(creditor=who.key, channel=found.id, filed=filed, reference=reference, reply_due=due,
                          note=note)
    complaints, replaced = record(case.complaints, complaint)
    return Recorded(replace(case, complaints=complaints), complaint, findings, replaced)
