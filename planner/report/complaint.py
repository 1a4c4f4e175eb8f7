"""A complaint about a creditor's collection (投诉书), as a :class:`~planner.report.model.Document`.

One creditor, one channel: the NFRA hotline 12378, NIFA, the government hotline 12345 (to the local financial
authority), the spam-call centre 12321 (举报材料), the police (报案材料), or the creditor's own customer service (a
request letter, in the creditor's voice: 贵司). Pure: :func:`build_complaint` reads the case's conduct log
(:attr:`planner.domain.case.Case.conduct`), checks it (:func:`planner.caps.conduct.check_log`) and words it with
:mod:`planner.text` (:func:`~planner.text.complaint_text`); the caller gives the date.

Sections: the addressee and the subject → the complainant (ID number, phone and address masked unless asked) →
the respondent (the creditor and its collection agents) → 一、事实与经过 (a summary: the period, the contacts, the
third parties, the nights; then the dated incident table with the evidence files' names) → 二、涉及的规定 (each
finding with its source: information, never a legal conclusion) → 三、请求事项 (stop contacting third parties and
the harassment, name the collection agency, reply within the channel's time or say how long it takes) →
四、证据清单 → signature and date. :func:`complaint_plain_text` is the same document as short plain text (a web
form; reading it out on a 12378 call): no table, incidents numbered.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import PurePath, PurePosixPath, PureWindowsPath

from planner.caps.complaints import creditor_entries, draft_channel, resolve_creditor, suggested_channels
from planner.caps.conduct import (
    ComplaintChannel,
    ConductRules,
    DayCount,
    LoggedCreditor,
    ReplyTime,
    check_log,
)
from planner.caps.rules import RuleStatus
from planner.domain.case import Case
from planner.domain.conduct import Channel, LogEntry
from planner.domain.debtor import mask_id_number, mask_phone
from planner.domain.model import Debt
from planner.errors import InvalidInput
from planner.findings import Finding
from planner.report.model import Block, Document, Facts, Heading, ItemList, Paragraph, Signature, Table
from planner.report.proposal import mask_address
from planner.text import (
    addressee_for,
    catalog,
    choice_label,
    complaint_finding,
    complaint_text,
    fmt,
    render,
    source_text,
)

REGULATORS = ("12378", "nifa", "12345")
"""Channels that take a complaint (投诉书); 12321 takes a report (举报), the police a 报案 statement."""
PHONE_CHANNELS = ("12378", "12345", "12321")
"""Channels reached by phone, where the plain text is read out."""
COLUMNS = (("no", 0), ("time", 15), ("channel", 14), ("sender", 18), ("contacted", 12), ("identity", 11),
           ("flags", 13), ("note", 24), ("evidence", 21))
"""The incident table's columns and their shares of the width (0: as wide as the numbers): no., time, channel,
number, contacted, identity claimed, flags, what happened, evidence files. A column no entry fills is left out."""
OPTIONAL = frozenset({"sender", "identity", "flags", "note", "evidence"})
VERBATIM = frozenset({"no", "time", "sender", "evidence"})  # never hyphenated: numbers, accounts, file names


def _t(key: str, locale: str, **values: str) -> str:
    return complaint_text(key, locale, **values)


def _you(who: LoggedCreditor, locale: str) -> dict[str, str]:
    you = str(catalog(locale).ADDRESS[addressee_for(who.kind)])
    return {"you": you, "You": you[:1].upper() + you[1:]}


def _debt(case: Case, who: LoggedCreditor) -> Debt | None:
    return next((d for d in case.debts if d.id == who.key), None)


def evidence_name(path: str, *, full: bool = False) -> str:
    """Return how an evidence file is named in a complaint: its file name (a Windows or a POSIX path alike), or the
    path as logged when ``full``.

    >>> evidence_name("/home/zw/证据/录音 1120.m4a"), evidence_name("C:\\\\证据\\\\截图.png")
    ('录音 1120.m4a', '截图.png')
    """
    if full:
        return path
    kind: type[PurePath] = PureWindowsPath if "\\" in path else PurePosixPath
    return kind(path).name or path


def _group(channel: ComplaintChannel) -> str:
    """Return which wording family the channel takes: ``creditor``, ``complaint`` (a regulator), ``12321`` or
    ``police``."""
    return "complaint" if channel.id in REGULATORS else channel.id


def _party(case: Case, debt: Debt | None, *, locale: str, show_id: bool) -> Facts:
    debtor = case.debtor
    masked = _t("party.masked", locale)
    id_number = debtor.id_number if show_id or not debtor.id_number else mask_id_number(debtor.id_number) + masked
    phone = debtor.phone if show_id or not debtor.phone else mask_phone(debtor.phone) + masked
    address = debtor.address if show_id or not debtor.address else mask_address(debtor.address) + masked
    blank = _t("blank", locale)
    rows = [("party.name", case.borrower.strip()), ("party.id_number", id_number), ("party.phone", phone),
            ("party.address", address)]
    if debt is not None and debt.account_number.strip():  # the letter to the creditor names the account here
        rows.append(("respondent.account", debt.account_number.strip()))
    return Facts(tuple((_t(key, locale), value or blank) for key, value in rows))


def _senders(entries: Sequence[LogEntry]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(e.sender for e in entries if e.sender))


def _respondent(case: Case, who: LoggedCreditor, entries: Sequence[LogEntry], group: str,
                locale: str) -> list[Block]:
    debt = _debt(case, who)
    kind = choice_label("kinds", who.kind, locale) if who.kind is not None else _t("respondent.kind.unknown", locale)
    rows = [(_t("respondent.name", locale), _t("respondent.and_agents", locale, name=who.name)),
            (_t("respondent.kind", locale), kind)]
    if debt is not None and debt.account_number.strip():
        rows.append((_t("respondent.account", locale), debt.account_number.strip()))
    senders = _senders(entries)
    if senders:
        rows.append((_t("respondent.numbers", locale), fmt.join(senders, locale)))
    heading = "respondent.heading.police" if group == "police" else "respondent.heading"
    return [Heading(_t(heading, locale)), Facts(tuple(rows))]


def _intro(who: LoggedCreditor, group: str, locale: str) -> Paragraph:
    you = _you(who, locale)
    kind = choice_label("kinds", who.kind, locale) if who.kind is not None else ""
    if group == "creditor":
        return Paragraph(_t("intro.creditor" if kind else "intro.creditor.named", locale, kind=kind, **you))
    purpose = _t("purpose.complaint" if group == "complaint" else f"purpose.{group}", locale)
    key = "intro.debt" if who.kind is not None else "intro.named"
    return Paragraph(_t(key, locale, name=who.name, kind=kind, purpose=purpose))


def _summary(who: LoggedCreditor, entries: Sequence[LogEntry], findings: Sequence[Finding], group: str,
             locale: str) -> str:
    calls = [e for e in entries if e.channel is Channel.CALL]
    third = [e for e in entries if e.is_third_party]
    key = "summary.period.creditor" if group == "creditor" else "summary.period"
    text = _t(key, locale, first=fmt.day(entries[0].day, locale), last=fmt.day(entries[-1].day, locale),
              name=who.name, count=str(len(entries)), **_you(who, locale))
    if calls:
        text += _t("summary.calls", locale, calls=str(len(calls)), missed=str(sum(not e.answered for e in calls)))
    if third:
        who_ = fmt.join(dict.fromkeys(choice_label("contacted", e.contacted, locale) for e in third), locale)
        text += _t("summary.third", locale, who=who_, third=str(len(third)))
    nights = [f for f in findings if f.code == "OUTSIDE_HOURS"]
    if nights:
        first = nights[0]
        text += _t("summary.nights", locale, start=str(first.param("start")), end=str(first.param("end")),
                   nights=str(sum(int(f.param("count")) for f in nights)))
    return text + _t("summary.end", locale)


def _channel_cell(entry: LogEntry, locale: str) -> str:
    text = choice_label("channels", entry.channel, locale)
    if entry.channel is Channel.CALL and not entry.answered:
        text += _t("table.missed", locale)
    elif entry.duration_min:
        text += " " + _t("table.minutes", locale, minutes=str(entry.duration_min))
    return text


def _incidents(entries: Sequence[LogEntry], locale: str, show_id: bool) -> Table:
    cells = [{
        "no": str(number),
        "time": entry.time.strftime("%Y-%m-%d %H:%M"),
        "channel": _channel_cell(entry, locale),
        "sender": entry.sender,
        "contacted": choice_label("contacted", entry.contacted, locale),
        "identity": entry.identity,
        "flags": fmt.join((choice_label("flags", f, locale) for f in entry.flags), locale),
        "note": entry.note,
        "evidence": fmt.join((evidence_name(a.path, full=show_id) for a in entry.attachments), locale),
    } for number, entry in enumerate(entries, 1)]
    shown = [(key, width) for key, width in COLUMNS if key not in OPTIONAL or any(row[key] for row in cells)]
    return Table(columns=tuple(_t(f"table.{key}", locale) for key, _ in shown),
                 rows=tuple(tuple(row[key] for key, _ in shown) for row in cells),
                 caption=_t("table.caption", locale), widths=tuple(width for _, width in shown), long_words=True,
                 verbatim=tuple(i for i, (key, _) in enumerate(shown) if key in VERBATIM))


def _rule_sentence(finding: Finding, who: LoggedCreditor, group: str, locale: str) -> str:
    if group == "creditor":
        sentence = render(finding, locale, "creditor", addressee=addressee_for(who.kind))
    else:
        sentence = complaint_finding(finding, locale)
    shown = source_text(finding.source, locale)
    if not shown or shown in sentence:
        return sentence
    return _t("rules.sentence", locale, sentence=sentence, basis=_t("rules.basis", locale, source=shown))


def _rules(findings: Sequence[Finding], who: LoggedCreditor, group: str, locale: str) -> list[Block]:
    heading = "rules.heading.police" if group == "police" else "rules.heading"
    blocks: list[Block] = [Heading(_t(heading, locale))]
    if not findings:
        blocks.append(Paragraph(_t("rules.none", locale)))
        return blocks
    blocks.append(ItemList(tuple(_rule_sentence(f, who, group, locale) for f in findings)))
    if group == "creditor":
        blocks.append(Paragraph(_t("rules.note.creditor", locale, **_you(who, locale)), style="note"))
    else:
        blocks.append(Paragraph(_t("rules.note", locale), style="note"))
    return blocks


def period_text(reply: ReplyTime, locale: str = "zh") -> str:
    """Return a reply time as a complaint words it: ``15 个工作日``, ``15 日``."""
    unit = "working" if reply.unit is DayCount.WORKING else "calendar"
    return _t(f"period.{unit}", locale, days=str(reply.days))


def cited_text(reply: ReplyTime, locale: str = "zh") -> str:
    """Return the source of a reply time: ``依据：…`` when firm, ``参考：…`` when still to be checked."""
    key = "cited.basis" if reply.status is RuleStatus.FIRM else "cited.reference"
    return _t(key, locale, source=source_text(reply.source, locale))


def _next_channel(case: Case, who: LoggedCreditor, locale: str) -> str:
    """Return the regulator over the creditor's kind (where to go if it does not reply), or an empty string."""
    for channel in suggested_channels(case, who):
        if channel.id in REGULATORS:
            return channel.name(locale)
    return ""


def _requests(case: Case, who: LoggedCreditor, entries: Sequence[LogEntry], channel: ComplaintChannel, group: str,
              locale: str) -> list[Block]:
    name = who.name
    reply = channel.reply
    if group == "creditor":
        you = _you(who, locale)
        items = [_t("request.creditor.stop", locale, **you), _t("request.creditor.agency", locale, **you),
                 _t("request.creditor.contact", locale, **you)]
        items.append(_t("request.creditor.reply", locale, period=period_text(reply, locale),
                        cited=cited_text(reply, locale), **you) if reply is not None
                     else _t("request.creditor.reply.ask", locale, **you))
        following = _next_channel(case, who, locale)
        if following:
            items.append(_t("request.creditor.next", locale, next=following))
    elif group == "12321":
        numbers = _senders([e for e in entries if e.channel in (Channel.CALL, Channel.SMS)])
        items = [_t("request.spam.numbers", locale, numbers=fmt.join(numbers, locale)) if numbers
                 else _t("request.spam.no_numbers", locale)]
        items.append(_t("request.reply", locale, period=period_text(reply, locale), cited=cited_text(reply, locale))
                     if reply is not None else _t("request.reply.ask", locale))
    elif group == "police":
        items = [_t("request.police.investigate", locale), _t("request.police.stop", locale),
                 _t("request.police.receipt", locale)]
    else:
        items = []
        if channel.id == "12345":
            items.append(_t("request.refer", locale))
        items += [_t("request.stop", locale, name=name), _t("request.agency", locale, name=name),
                  _t("request.negotiate", locale, name=name)]
        items.append(_t("request.reply", locale, period=period_text(reply, locale), cited=cited_text(reply, locale))
                     if reply is not None else _t("request.reply.ask", locale))
    return [Heading(_t("requests.heading", locale)), ItemList(tuple(items))]


def _attachments(entries: Sequence[LogEntry], group: str, locale: str, show_id: bool) -> list[Block]:
    items: list[str] = []
    seen: set[str] = set()
    for entry in entries:
        for attachment in entry.attachments:
            if attachment.path in seen:
                continue
            seen.add(attachment.path)
            items.append(_t("attachment.file", locale, name=evidence_name(attachment.path, full=show_id),
                            time=entry.time.strftime("%Y-%m-%d %H:%M"),
                            channel=choice_label("channels", entry.channel, locale)))
    items.append(_t("attachment.log", locale, count=str(len(entries))))
    if group != "creditor":
        items.append(_t("attachment.id", locale))
    return [Heading(_t("attachments.heading", locale)), ItemList(tuple(items))]


def _notes(case: Case, who: LoggedCreditor, entries: Sequence[LogEntry], findings: Sequence[Finding],
           channel: ComplaintChannel, locale: str) -> tuple[str, ...]:
    notes = []
    if not case.borrower.strip():
        notes.append(_t("note.name", locale))
    if not case.debtor.id_number:
        notes.append(_t("note.id_number", locale))
    if not case.debtor.phone:
        notes.append(_t("note.phone", locale))
    suggested = suggested_channels(case, who)
    if channel.id not in {c.id for c in suggested}:
        notes.append(_t("note.not_suggested", locale, channel=channel.name(locale),
                        channels=fmt.join((f"{c.name(locale)} ({c.id})" for c in suggested), locale)))
    if not findings:
        notes.append(_t("note.no_findings", locale))
    if not any(e.attachments for e in entries):
        notes.append(_t("note.no_evidence", locale))
    if channel.id in PHONE_CHANNELS:
        notes.append(_t("note.call", locale, contact=channel.contact(locale)))
    return tuple(notes)


def build_complaint(case: Case, creditor: str, channel: ComplaintChannel | str, *, locale: str = "zh",
                    show_id: bool = False, today: date, rules: ConductRules | None = None) -> Document:
    """Return the complaint about ``creditor``'s collection to ``channel``, dated ``today``.

    Args:
        case: the case; its conduct log holds the facts, its debtor the complainant's details.
        creditor: a debt id, a creditor's name, or a name as logged (某平台委托第三方催收).
        channel: ``creditor``, ``12378``, ``nifa``, ``12321``, ``12345`` or ``police`` (or the channel itself).
        locale: ``zh`` (what the body reads) or ``en``.
        show_id: print the ID number, phone and address in full, and evidence files by their whole path (by
            default masked, and by file name only).
        today: the date of the complaint.
        rules: the conduct rules (the package's when None).

    Raises:
        InvalidInput: an unknown creditor (``unknown_reference``) or channel (``unknown_choice``); a creditor with
            no entries in the log (``no_conduct``).
    """
    locale = fmt.locale_of(locale)
    found = draft_channel(channel)
    who = resolve_creditor(case, creditor)
    entries = creditor_entries(case, who)
    if not entries:
        raise InvalidInput("creditor", "no_conduct", creditor)
    findings = check_log(case, rules=rules, creditor=who.key)
    group = _group(found)
    you = _you(who, locale)
    title = _t(f"title.{found.id}", locale)
    if group == "creditor":
        to = _t("to.creditor", locale, name=who.name)
        subject = _t("subject.creditor", locale, **you)
    elif group == "police":
        to, subject = _t("to.police", locale), _t("subject.police", locale, name=who.name)
    else:
        to = _t("to.channel", locale, channel=found.name(locale))
        subject = _t("subject.12345" if found.id == "12345" else f"subject.{group}", locale, name=who.name)
    party = "party.heading.complaint" if group == "complaint" else f"party.heading.{group}"
    signature = "signature.complaint" if group == "complaint" else f"signature.{group}"
    blocks: list[Block] = [
        Paragraph(to, style="strong"),
        Paragraph(subject, style="plain"),
        Heading(_t(party, locale)),
        _party(case, _debt(case, who) if group == "creditor" else None, locale=locale, show_id=show_id),
        *([] if group == "creditor" else _respondent(case, who, entries, group, locale)),
        _intro(who, group, locale),
        Heading(_t("facts.heading", locale)),
        Paragraph(_summary(who, entries, findings, group, locale)),
        _incidents(entries, locale, show_id),
        *_rules(findings, who, group, locale),
        *_requests(case, who, entries, found, group, locale),
        *_attachments(entries, group, locale, show_id),
        Paragraph(_t("closing.police" if group == "police" else "closing", locale)),
        Signature(((_t(signature, locale), ""), (_t("signature.date", locale), fmt.day(today, locale)))),
    ]
    name = case.borrower.strip()
    return Document(title=title, locale=locale, date=today, blocks=tuple(blocks),
                    notes=_notes(case, who, entries, findings, found, locale),
                    header=f"{title} · {name}" if name else title,
                    meta=(("creditor", who.key), ("channel", found.id)))


def complaint_plain_text(document: Document) -> str:
    """Return a complaint as short plain text, for a web form or to read out on a call: headings as lines, facts as
    ``label：value``, each incident one numbered line with only the parts logged (no table borders), lists
    numbered, the signature with its date."""
    locale = document.locale
    join = complaint_text("plain.join", locale)

    def cell(label: str, value: str) -> str:
        return complaint_text("plain.cell", locale, label=label, value=value)

    lines = [document.title, ""]
    for block in document.blocks:
        if isinstance(block, Heading):
            lines += ["", block.text]
        elif isinstance(block, Paragraph):
            lines.append(block.text)
        elif isinstance(block, Facts):
            lines += [cell(label, value) for label, value in block.rows]
        elif isinstance(block, Table):
            if block.caption:
                lines.append(block.caption)
            for row in block.rows:
                number, time, *rest = row
                parts = [cell(label, value) for label, value in zip(block.columns[2:], rest, strict=True)
                         if value]
                lines.append(complaint_text("plain.incident", locale, no=number, time=time)
                             + (" " + join.join(parts) if parts else ""))
        elif isinstance(block, ItemList):
            lines += [f"{n}. {item}" for n, item in enumerate(block.items, 1)]
        elif isinstance(block, Signature):
            lines.append("  ".join(f"{label}{value}" if value else f"{label}________" for label, value
                                   in block.lines))
    return "\n".join(lines).strip() + "\n"
