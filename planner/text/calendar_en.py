"""English: the calendar reminders (.ics) and the ``planner reminders`` command's lines, key for key with
:mod:`planner.text.calendar_zh`.

Speaks to the borrower plainly. An institution confirms under its official seal; a private lender signs.
"""

from __future__ import annotations

ICS: dict[str, str] = {
    # The calendar
    "calendar.name": "Repayment reminders \u00b7 {borrower}",
    "calendar.name.anonymous": "Repayment reminders",
    "calendar.description": "Scenario: {scenario}. Before paying under the new plan, get the creditor's written "
                            "agreement.",
    # A payment (one all-day event per installment)
    "payment.summary": "Pay {creditor} {amount} ({period})",
    "payment.period": "installment {period} of {periods}",
    "payment.period.open": "installment {period}",
    "payment.down_payment": "down payment",
    "payment.settlement": "one-off settlement",
    "payment.creditor": "Creditor: {creditor}",
    "payment.amount": "Amount due: {amount} ({period}), due on {date}",
    "payment.account": "Account: {account}",
    "payment.scenario": "Repayment plan: {scenario}",
    "payment.official.institution": "Pay only into {creditor}'s official repayment account (as stated in the sealed "
                                    "written agreement, or confirmed in its official app or by its official "
                                    "service line), never to a person or to a 'repay for you' or 'debt "
                                    "optimisation' agent; keep the receipt of every payment.",
    "payment.official.person": "Pay only into the lender's own account named in the written agreement, never to "
                               "anyone else or an agent; keep the receipt of every payment and ask the lender for "
                               "a signed acknowledgement.",
    "alarm.before": "In {days} days ({date}) pay {creditor} {amount}",
    "alarm.today": "Today ({date}) pay {creditor} {amount}",
    # The follow-up after the application is sent (one per creditor addressed)
    "follow_up.summary.institution": "Application sent {days} days ago: has the written confirmation (with the "
                                     "official seal) arrived? ({creditor})",
    "follow_up.summary.person": "Application sent {days} days ago: has the written confirmation (signed by the "
                                "lender) arrived? ({creditor})",
    "follow_up.sent": "The application for a negotiated repayment plan was sent to {creditor} on {sent_on} "
                      "(scenario: {scenario}).",
    "follow_up.wait.institution": "Do not pay under the new plan before {creditor}'s written agreement with its "
                                  "official seal arrives; a promise on the phone or by text message does not count.",
    "follow_up.wait.person": "Do not pay under the new plan before the written agreement signed by the lender "
                             "arrives; a spoken promise does not count.",
    "follow_up.no_reply.institution": "If there is no reply yet, call {creditor}'s official service line (the number "
                                      "on its website, in its official app or on the back of the card) to ask how "
                                      "the application stands, and note the time of the call and the agent's "
                                      "number.",
    "follow_up.no_reply.person": "If there is no reply yet, ask the lender directly, and keep the messages or a "
                                 "record of the calls.",
    "follow_up.hotline": "If a bank or consumer finance company does not reply or refuses to negotiate, call 12378, "
                         "the banking and insurance consumer complaint hotline of the National Financial Regulatory "
                         "Administration.",
    "follow_up.hotline.platform": "If the lender named in the loan contract is a bank or a consumer finance company "
                                  "and it does not reply or refuses to negotiate, call 12378, the banking and "
                                  "insurance consumer complaint hotline of the National Financial Regulatory "
                                  "Administration.",
    "follow_up.account": "Account: {account}",
    "alarm.follow_up": "Check today: has {creditor}'s written confirmation arrived?",
    # A complaint's reply due (one per complaint filed with a due day)
    "complaint.summary": "Reply due from {channel} for complaint {reference} ({creditor})",
    "complaint.summary.no_reference": "Reply due from {channel} for the complaint about {creditor}",
    "complaint.creditor_service": "{creditor}'s customer service",
    "complaint.reference": " (reference {reference})",
    "complaint.filed": "On {filed} you complained to {channel} about {creditor}'s collection{reference}.",
    "complaint.due": "By the channel's reply time, a reply is due today ({due}).",
    "complaint.no_reply": ("If there is no reply yet: {contact}, give the reference and ask how it stands; if that "
                           "brings nothing, complain to the next level up."),
    "complaint.keep": "Note the time and the person of any reply (text, call or letter) and keep it.",
    "complaint.note": "Note: {note}",
    "alarm.complaint": "Check today: has {channel} replied to the complaint about {creditor}?",
    # The command's lines (stderr)
    "cli.written": "Wrote {count} calendar events (payments: {payments}, follow-ups: {follow_ups}) to {path}. "
                   "Before paying under the new plan, get the creditor's written confirmation (sealed by an "
                   "institution, signed by a private lender).",
    "cli.complaints": "{count} of them are complaint replies due.",
    "cli.backup": "The old file was kept as {path}.",
    "cli.content": "a calendar file (.ics)",
}
