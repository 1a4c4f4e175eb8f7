"""The negotiation proposal (协商还款申请书): one creditor, one scenario, as a :class:`~planner.report.model.Document`.

Pure: :func:`build_proposal` reads a :class:`~planner.engines.plan.CasePlan` (so every figure is the engine's, the
same the comparison table shows) and words it with :mod:`planner.text` in the creditor's voice; the last page is
the reminder to the borrower to get a written, sealed confirmation before paying. No I/O, no Typst, no clock: the
caller gives the date.

Sections, as a typical application runs (reference §3): addressee and account → the applicant → 一、困难说明 →
二、家庭收支情况 (with every creditor's offer, so the offer is seen to be fair to all) → 三、欠款金额与利率上限 (the
cap audit, worded as information with its sources) → 四、还款方案 (terms, figures, the total in 大写, the schedule,
the household's payments against what it can pay) → 五、请求事项 → 六、本人承诺 → 附件清单 → signature and date.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal

from planner.caps import CapAudit
from planner.caps.conduct import creditor_index, logged_creditor
from planner.domain.case import Case
from planner.domain.conduct import LogEntry
from planner.domain.debtor import mask_id_number, mask_phone
from planner.domain.model import CreditorKind, Debt
from planner.engines.plan import CasePlan
from planner.engines.scenarios import DebtOutcome, Outcome
from planner.errors import InvalidInput
from planner.findings import Finding
from planner.money import ZERO, Money
from planner.report.model import (
    BarChart,
    Block,
    Document,
    Facts,
    Heading,
    ItemList,
    PageBreak,
    Paragraph,
    Series,
    Signature,
    Table,
)
from planner.text import (
    addressee_for,
    catalog,
    choice_label,
    describe_plan,
    doc_list,
    doc_text,
    field_label,
    fmt,
    message,
    render,
    scenario_label,
    source_text,
)

MASK_ADDRESS_KEEP = 6  # characters of an address shown when it is masked (province and city, usually)
# Consumer lending by financial institutions: the China Banking Association's 2026 collection guideline (reference §4).
_GUIDELINE_KINDS = (CreditorKind.BANK_LOAN, CreditorKind.CONSUMER_FINANCE)
_AUDIT_CODES_SHOWN = ("RATE_ABOVE_CAP", "PENALTY_RATE_ABOVE_CAP", "CHARGES_ABOVE_CAP")


def find_outcome(plan: CasePlan, scenario: str) -> Outcome:
    """Return the outcome of the scenario named ``scenario`` (its name, or its label in either language).

    Raises:
        InvalidInput: ``unknown_reference`` on ``scenario``, listing the names there are.
    """
    wanted = scenario.strip()
    for outcome in plan.outcomes:
        if wanted in (outcome.name, scenario_label(outcome, "zh"), scenario_label(outcome, "en")):
            return outcome
    raise InvalidInput("scenario", "unknown_reference", scenario,
                       params={"choices": "、".join(scenario_label(o, "zh") for o in plan.outcomes) or "—"})


def find_debt(plan: CasePlan, debt_id: str) -> Debt:
    """Return the debt ``debt_id`` of the plan's case.

    Raises:
        InvalidInput: ``unknown_reference`` on ``creditor``, listing the debt ids.
    """
    for debt in plan.case.debts:
        if debt.id == debt_id.strip():
            return debt
    raise InvalidInput("creditor", "unknown_reference", debt_id,
                       params={"choices": ", ".join(d.id for d in plan.case.debts) or "—"})


def mask_address(text: str) -> str:
    """Return an address with all but its first characters hidden.

    >>> mask_address("浙江省杭州市西湖区文三路 100 号")
    '浙江省杭州市****'
    """
    if not text:
        return ""
    return text[:MASK_ADDRESS_KEEP] + "****"


def _you(debt: Debt, locale: str) -> str:
    return str(catalog(locale).ADDRESS[addressee_for(debt.kind)])


def _money(value: Decimal, locale: str) -> str:
    return fmt.money(value, locale)


def _or_blank(value: str, locale: str) -> str:
    return value if value.strip() else doc_text("blank", locale)


def _applicant(plan: CasePlan, debt: Debt, *, locale: str, show_id: bool, today: date) -> Facts:
    debtor = plan.case.debtor
    masked = doc_text("facts.masked", locale)
    id_number = debtor.id_number if show_id or not debtor.id_number else mask_id_number(debtor.id_number) + masked
    phone = debtor.phone if show_id or not debtor.phone else mask_phone(debtor.phone) + masked
    address = debtor.address if show_id or not debtor.address else mask_address(debtor.address) + masked
    rows = (
        (doc_text("facts.name", locale), _or_blank(plan.case.borrower, locale)),
        (doc_text("facts.id_number", locale), _or_blank(id_number, locale)),
        (doc_text("facts.phone", locale), _or_blank(phone, locale)),
        (doc_text("facts.address", locale), _or_blank(address, locale)),
        (doc_text("facts.account", locale), _or_blank(debt.account_number, locale)),
        (doc_text("facts.kind", locale), choice_label("kinds", debt.kind, locale)),
        (doc_text("facts.date", locale), fmt.day(today, locale)),
    )
    return Facts(tuple((label, value) for label, value in rows))


def _hardship(plan: CasePlan, debt: Debt, locale: str) -> list[Block]:
    debtor = plan.case.debtor
    reasons = doc_list("HARDSHIP_REASONS", locale)
    sentences = doc_list("HARDSHIP_SENTENCES", locale)
    name = plan.case.borrower.strip() or doc_text("blank", locale)
    account = debt.account_number.strip() or doc_text("opening.no_account", locale)
    you = _you(debt, locale)
    if debtor.hardship:
        opening = doc_text("opening", locale, name=name, you=you, account=account,
                           reasons=fmt.join([reasons[str(r)] for r in debtor.hardship], locale))
    else:
        opening = doc_text("opening.no_reason", locale, name=name, you=you, account=account)
    blocks: list[Block] = [Paragraph(opening), Heading(doc_text("hardship.heading", locale))]
    if debtor.hardship:
        blocks.append(Paragraph("".join(sentences[str(r)] for r in debtor.hardship) if locale == "zh"
                                else " ".join(sentences[str(r)] for r in debtor.hardship)))
    paragraphs = [p.strip() for p in debtor.statement.replace("\r\n", "\n").split("\n") if p.strip()]
    if paragraphs:
        if debtor.hardship:
            blocks.append(Paragraph(doc_text("hardship.statement", locale)))
        blocks += [Paragraph(p, where=field_label("statement", locale)) for p in paragraphs]
    if not debtor.hardship and not paragraphs:
        blocks.append(Paragraph(doc_text("hardship.none", locale), style="note"))
    return blocks


def _budget(plan: CasePlan, outcome: Outcome, debt: Debt, locale: str) -> list[Block]:
    budget = plan.case.budget
    expenses = Money(budget.total_expenses)
    rows: list[tuple[str, str]] = []
    for item in budget.incomes:
        rows.append((doc_text("budget.income", locale, name=item.name or doc_text("blank", locale)),
                     fmt.amount(item.amount, locale)))
    rows.append((doc_text("budget.total_income", locale), fmt.amount(budget.total_income, locale)))
    for expense in budget.expenses:
        name = expense.name or choice_label("expenses", expense.category, locale)
        rows.append((doc_text("budget.expense", locale, name=name), fmt.amount(expense.amount, locale)))
    rows.append((doc_text("budget.total_expenses", locale), fmt.amount(expenses, locale)))
    rows.append((doc_text("budget.reserve", locale), fmt.amount(budget.reserve, locale)))
    blocks: list[Block] = [
        Heading(doc_text("budget.heading", locale)),
        Paragraph(doc_text("budget.summary", locale, members=str(budget.members),
                           income=_money(budget.total_income, locale), expenses=_money(expenses, locale),
                           reserve=_money(budget.reserve, locale), disposable=_money(budget.disposable, locale))),
        Table(columns=(doc_text("budget.item", locale), doc_text("budget.monthly", locale)),
              rows=tuple(rows), align=("l", "r"),
              footer=(doc_text("budget.disposable", locale), fmt.amount(budget.disposable, locale))),
    ]
    plans = dict(outcome.plans)
    owed = Money(sum((d.balance for d in plan.case.debts), ZERO))
    debt_rows: list[tuple[str, ...]] = []
    marked: list[int] = []
    by_id = {d.debt_id: d for d in outcome.debts}
    for index, other in enumerate(plan.case.debts):
        result = by_id[other.id]
        this = other.id == debt.id
        if this:
            marked.append(index)
        terms = describe_plan(plans[other.id], locale) if other.id in plans else message("terms.contract", locale)
        debt_rows.append((other.creditor + (doc_text("debts.this", locale) if this else ""),
                          fmt.amount(other.balance, locale), terms,
                          fmt.amount(result.total_paid, locale), fmt.amount(result.largest_payment, locale)))
    largest = outcome.largest_monthly_payment
    fits = outcome.is_affordable and budget.disposable > 0
    blocks += [
        Paragraph(doc_text("debts.intro", locale, count=str(len(plan.case.debts)), total=_money(owed, locale))),
        Table(columns=tuple(doc_text(k, locale) for k in ("debts.creditor", "debts.owed", "debts.terms",
                                                          "debts.paid", "debts.largest")),
              rows=tuple(debt_rows), align=("l", "r", "l", "r", "r"), marked=tuple(marked),
              footer=(doc_text("debts.total", locale), fmt.amount(owed, locale), "",
                      fmt.amount(outcome.total_paid, locale), "")),
        Paragraph(doc_text("debts.fits" if fits else "debts.tight", locale, largest=_money(largest, locale),
                           disposable=_money(budget.disposable, locale))),
    ]
    return blocks


def _audit_findings(audit: CapAudit) -> list[Finding]:
    return [f for f in audit.findings if f.code in _AUDIT_CODES_SHOWN]


def _caps(plan: CasePlan, debt: Debt, locale: str) -> list[Block]:
    audit = plan.audit(debt.id)
    you = _you(debt, locale)
    addressee = addressee_for(debt.kind)
    cap = audit.cap
    rows = [(doc_text("caps.principal", locale), _money(debt.outstanding_principal, locale))]
    for key, value in (("caps.interest", debt.accrued_interest), ("caps.penalty", debt.penalty_interest),
                       ("caps.damages", debt.liquidated_damages), ("caps.fees", debt.other_fees)):
        if value:
            rows.append((doc_text(key, locale), _money(value, locale)))
    rows += [
        (doc_text("caps.claimed", locale), _money(audit.claimed, locale)),
        (doc_text("caps.window", locale), doc_text("caps.window_value", locale,
                                                    start=fmt.day(audit.window_start, locale),
                                                    days=str(audit.window_days))),
        (doc_text("caps.cap", locale), fmt.percent(cap.percent, locale)),
        (doc_text("caps.supportable", locale), _money(audit.supportable, locale)),
        (doc_text("caps.excess", locale), _money(audit.excess, locale)),
    ]
    blocks: list[Block] = [
        Heading(doc_text("caps.heading", locale)),
        Paragraph(doc_text("caps.intro", locale, you=you, as_of=fmt.day(plan.case.as_of, locale))),
        Facts(tuple(rows)),
        Paragraph(doc_text("caps.basis", locale, basis=cap.basis_en if locale == "en" else cap.basis_zh,
                           source=source_text(cap.source, locale)), style="note"),
    ]
    if cap.standing != "legal":
        blocks.append(Paragraph(doc_text("caps.reference", locale), style="note"))
    findings = _audit_findings(audit)
    for finding in findings:
        sentence = render(finding, locale, "creditor", addressee=addressee)
        shown = source_text(finding.source, locale)
        if shown and shown not in sentence:
            sentence += " " + doc_text("caps.source", locale, source=shown)
        blocks.append(Paragraph(sentence))
    if not audit.excess:
        blocks.append(Paragraph(doc_text("caps.no_excess", locale)))
    blocks.append(Paragraph(doc_text("caps.note", locale), style="note"))
    return blocks


def _ticks(labels: Sequence[date]) -> tuple[int, ...]:
    """Return the bars that carry a label: January of each year, and the first bar (about 6–12 labels)."""
    if not labels:
        return ()
    step = 12 if len(labels) > 36 else 6 if len(labels) > 12 else 1
    first = labels[0]
    return tuple(i for i, d in enumerate(labels) if i == 0 or (d.month - first.month) % step == 0)


def _chart(outcome: Outcome, debt: Debt, locale: str) -> BarChart | None:
    months = list(outcome.months)
    while months and not months[-1].payments:  # up to the last month anything is paid
        months.pop()
    if not months:
        return None
    you = _you(debt, locale)
    this = tuple(m.by_debt.get(debt.id, ZERO) for m in months)
    others = tuple(Money(m.payments - m.by_debt.get(debt.id, ZERO)) for m in months)
    disposable = outcome.budget.disposable
    return BarChart(
        title=doc_text("plan.chart", locale),
        labels=tuple(fmt.iso(m.date)[:7] for m in months),
        series=(Series(doc_text("plan.chart.this", locale, you=you), this),
                Series(doc_text("plan.chart.others", locale), others)),
        line=disposable,
        line_label=doc_text("plan.chart.disposable", locale, disposable=_money(disposable, locale)),
        ticks=_ticks([m.date for m in months]),
    )


def _plan(outcome: Outcome, result: DebtOutcome, debt: Debt, locale: str) -> list[Block]:
    schedule = result.schedule
    lines = schedule.lines
    blocks: list[Block] = [Heading(doc_text("plan.heading", locale)),
                           Paragraph(doc_text("plan.request", locale, terms=describe_plan(result.plan, locale)))]
    facts = [(doc_text("plan.total", locale), _money(result.total_paid, locale)),
             (doc_text("plan.total_words", locale), fmt.capital_rmb(result.total_paid))]
    if result.waived:
        facts.append((doc_text("plan.waived", locale), _money(result.waived, locale)))
    facts.append((doc_text("plan.periods", locale), doc_text("plan.periods_value", locale, count=str(len(lines)))))
    if lines:
        facts += [(doc_text("plan.first", locale), fmt.day(lines[0].due_date, locale)),
                  (doc_text("plan.last", locale), fmt.day(lines[-1].due_date, locale))]
    if result.remaining:
        facts.append((doc_text("plan.remaining", locale), _money(result.remaining, locale)))
    blocks.append(Facts(tuple(facts)))
    if lines:
        columns = tuple(doc_text(k, locale) for k in ("plan.period", "plan.due", "plan.payment", "plan.principal",
                                                      "plan.interest", "plan.fee", "plan.balance"))
        rows = tuple((str(line.period), fmt.iso(line.due_date), fmt.amount(line.payment, locale),
                      fmt.amount(line.principal, locale), fmt.amount(line.interest, locale),
                      fmt.amount(line.fee, locale), fmt.amount(line.balance, locale)) for line in lines)
        footer = (doc_text("plan.total_row", locale), "", fmt.amount(schedule.total_payment, locale),
                  fmt.amount(schedule.total_principal, locale), fmt.amount(schedule.total_interest, locale),
                  fmt.amount(schedule.total_fees, locale), "")
        blocks.append(Table(columns=columns, rows=rows, align=("r", "l", "r", "r", "r", "r", "r"), footer=footer,
                            caption=doc_text("plan.schedule", locale)))
    else:
        blocks.append(Paragraph(doc_text("plan.no_payments", locale), style="note"))
    chart = _chart(outcome, debt, locale)
    if chart is not None:
        blocks.append(chart)
    return blocks


def _stops_interest(result: DebtOutcome) -> bool:
    plan = result.plan
    if plan.settlement is not None:
        return True
    deferral_free = plan.deferral is None or plan.deferral.interest.value == "none"
    return plan.restructure is not None and plan.restructure.rate.value == "zero" and deferral_free


def third_party_contacts(case: Case, debt: Debt) -> tuple[LogEntry, ...]:
    """Return the logged contacts of third parties (family, colleagues …) about ``debt``: entries naming its id or
    its creditor's name (as the rule checks read them: :func:`planner.caps.conduct.logged_creditor`), in time
    order."""
    index = creditor_index(case)
    return tuple(e for e in case.conduct
                 if e.is_third_party and logged_creditor(case, e.creditor, index).key == debt.id)


def _conduct_paragraph(case: Case, debt: Debt, locale: str) -> list[Block]:
    entries = third_party_contacts(case, debt)
    if not entries:
        return []
    who = fmt.join(dict.fromkeys(choice_label("contacted", e.contacted, locale) for e in entries), locale)
    text = doc_text("conduct.third_party", locale, you=_you(debt, locale), count=str(len(entries)), who=who,
                    first=fmt.day(entries[0].day, locale), last=fmt.day(entries[-1].day, locale))
    return [Paragraph(text)]


def _requests(result: DebtOutcome, debt: Debt, locale: str, conduct: list[Block]) -> list[Block]:
    you = _you(debt, locale)
    person = addressee_for(debt.kind) == "person"
    basis = (doc_text("requests.contact.card", locale) if debt.kind is CreditorKind.CREDIT_CARD
             else doc_text("requests.contact.guideline", locale) if debt.kind in _GUIDELINE_KINDS else "")
    civil = doc_text("requests.contact.civil", locale)
    basis = f"{basis}；{civil}" if basis and locale == "zh" else f"{basis}; {civil}" if basis else civil
    items = [
        doc_text("requests.stop_charges", locale,
                 and_interest=doc_text("requests.and_interest", locale) if _stops_interest(result) else ""),
        doc_text("requests.contact.person" if person else "requests.contact", locale, you=you, basis=basis),
        doc_text("requests.confirm.person" if person else "requests.confirm", locale, you=you),
    ]
    commitment = doc_text("commitment.text", locale, you=you,
                          no_cards=doc_text("commitment.no_cards", locale)
                          if debt.kind is CreditorKind.CREDIT_CARD else "")
    return [Heading(doc_text("requests.heading", locale)), *conduct, ItemList(tuple(items)),
            Heading(doc_text("commitment.heading", locale)), Paragraph(commitment)]


def _attachments(plan: CasePlan, locale: str) -> list[Block]:
    items = list(doc_list("ATTACHMENTS_ALWAYS", locale))
    per_reason = doc_list("ATTACHMENTS", locale)
    for reason in plan.case.debtor.hardship:
        items += [item for item in per_reason[str(reason)] if item not in items]
    return [Heading(doc_text("attachments.heading", locale)), ItemList(tuple(items), kind="check"),
            Signature(((doc_text("signature.applicant", locale), ""),
                       (doc_text("signature.date", locale), "")))]


def _reminder(outcome: Outcome, debt: Debt, locale: str, today: date) -> list[Block]:
    seal = doc_text("reminder.seal.person" if addressee_for(debt.kind) == "person" else "reminder.seal.institution",
                    locale)
    blocks: list[Block] = [
        PageBreak(),
        Heading(doc_text("reminder.heading", locale)),
        Paragraph(doc_text("reminder.keep", locale), style="note"),
    ]
    if not outcome.is_affordable:
        blocks.append(Paragraph(doc_text("reminder.unaffordable", locale,
                                         months=str(len(outcome.shortfall_months))), style="strong"))
    blocks += [
        ItemList((doc_text("reminder.before_paying", locale, seal=seal),), kind="bullet"),
        Paragraph(doc_text("reminder.must_state", locale), style="plain"),
        ItemList(tuple(doc_list("AGREEMENT_ITEMS", locale))),
        ItemList(tuple(doc_text(k, locale) for k in ("reminder.recordings", "reminder.receipts", "reminder.agents",
                                                     "reminder.help")), kind="bullet"),
        Paragraph(doc_text("reminder.scenario", locale, scenario=scenario_label(outcome, locale),
                           date=fmt.day(today, locale)), style="note"),
        Paragraph(doc_text("reminder.draft", locale), style="note"),
    ]
    return blocks


def reminder_blocks(plan: CasePlan, debt_id: str, scenario: str, *, locale: str = "zh",
                    today: date) -> tuple[Block, ...]:
    """Return the reminder to get written confirmation (the proposal's last page) on its own, for the app and
    the CLI to show."""
    debt = find_debt(plan, debt_id)
    outcome = find_outcome(plan, scenario)
    return tuple(b for b in _reminder(outcome, debt, locale, today) if not isinstance(b, PageBreak))


def preparer_notes(plan: CasePlan, *, locale: str = "zh") -> tuple[str, ...]:
    """Return what is missing before the proposal can be sent (name, ID number, phone, hardship)."""
    case = plan.case
    notes = []
    if not case.borrower.strip():
        notes.append(doc_text("missing.name", locale))
    if not case.debtor.id_number:
        notes.append(doc_text("missing.id_number", locale))
    if not case.debtor.phone:
        notes.append(doc_text("missing.phone", locale))
    if not case.debtor.hardship and not case.debtor.statement.strip():
        notes.append(doc_text("missing.hardship", locale))
    return tuple(notes)


def build_proposal(plan: CasePlan, debt_id: str, scenario: str, *, locale: str = "zh", show_id: bool = False,
                   today: date, conduct: bool = True) -> Document:
    """Return the proposal to the creditor of ``debt_id`` under ``scenario``, dated ``today``.

    Args:
        plan: the case planned (:func:`planner.plan_case`); every figure comes from it.
        debt_id: the debt (and so the creditor) the letter is addressed to.
        scenario: the scenario's name (or its label); the status quo is not a proposal.
        locale: ``zh`` (the letter a Chinese creditor reads) or ``en``.
        show_id: print the ID number, phone and address in full (masked by default).
        today: the date of the application.
        conduct: mention the logged contacts of third parties about this debt (the conduct log), asking that they
            stop; nothing is added when there are none.

    Raises:
        InvalidInput: an unknown debt or scenario.
    """
    locale = fmt.locale_of(locale)
    debt = find_debt(plan, debt_id)
    outcome = find_outcome(plan, scenario)
    result = outcome.debt(debt.id)
    blocks: list[Block] = [
        Paragraph(doc_text("to", locale, creditor=_or_blank(debt.creditor, locale)), style="strong"),
        _applicant(plan, debt, locale=locale, show_id=show_id, today=today),
        *_hardship(plan, debt, locale),
        *_budget(plan, outcome, debt, locale),
        *_caps(plan, debt, locale),
        *_plan(outcome, result, debt, locale),
        *_requests(result, debt, locale, _conduct_paragraph(plan.case, debt, locale) if conduct else []),
        *_attachments(plan, locale),
        *_reminder(outcome, debt, locale, today),
    ]
    notes = list(preparer_notes(plan, locale=locale))
    if not outcome.is_affordable:
        notes.append(doc_text("missing.affordable", locale, months=str(len(outcome.shortfall_months))))
    title = doc_text("title", locale)
    name = plan.case.borrower.strip()
    return Document(title=title, locale=locale, date=today, blocks=tuple(blocks), notes=tuple(notes),
                    header=f"{title} · {name}" if name else title,
                    meta=(("creditor", debt.creditor), ("debt_id", debt.id), ("scenario", outcome.name)))
