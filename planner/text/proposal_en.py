"""English: the negotiation proposal and the reminder page, key for key with :mod:`planner.text.proposal_zh`.

The letter addresses the creditor formally in the first person (``{you}``: "you" in English for both an
institution and a private lender); the reminder page speaks to the borrower plainly.
"""

from __future__ import annotations

DOC: dict[str, str] = {
    "title": "Application for a negotiated repayment plan",
    "to": "To: {creditor}",
    "facts.heading": "Applicant and account",
    "facts.name": "Applicant",
    "facts.id_number": "ID number",
    "facts.phone": "Phone",
    "facts.address": "Address",
    "facts.account": "Account / contract number",
    "facts.kind": "Kind of credit",
    "facts.date": "Date",
    "facts.masked": " (partly hidden)",
    "blank": "(not given)",
    "opening": "I, {name}, cannot currently repay in full as the contract provides, because of {reasons}. I am willing "
               "to repay, and I apply for a negotiated repayment plan for my debt with {you} ({account}), as set out "
               "below.",
    "opening.no_reason": "I, {name}, cannot currently repay in full as the contract provides. I am willing to repay, "
                         "and I apply for a negotiated repayment plan for my debt with {you} ({account}), as set out "
                         "below.",
    "opening.no_account": "account above",
    "hardship.heading": "1. My circumstances",
    "hardship.statement": "In detail:",
    "hardship.none": "(No statement of circumstances was given: add one before sending.)",
    "budget.heading": "2. Household income and expenses",
    "budget.summary": "My household has {members} members. Monthly income is {income} in total, essential expenses are "
                      "{expenses}, and {reserve} is kept as an emergency reserve, which leaves {disposable} a month for "
                      "all my debts.",
    "budget.item": "Item",
    "budget.monthly": "Per month",
    "budget.income": "Income: {name}",
    "budget.expense": "Expense: {name}",
    "budget.total_income": "Total income",
    "budget.total_expenses": "Essential expenses",
    "budget.reserve": "Emergency reserve",
    "budget.disposable": "Available for repayments",
    "debts.intro": "I have {count} debts in all, {total} owed (principal, interest and charges). To treat every "
                   "creditor fairly, I offer each of them a plan from the same budget, as follows:",
    "debts.creditor": "Creditor",
    "debts.owed": "Owed",
    "debts.terms": "Plan asked for",
    "debts.paid": "Paid under the plan",
    "debts.largest": "Largest monthly payment",
    "debts.this": " (this application)",
    "debts.total": "Total",
    "debts.fits": "Under these plans my payments to all creditors come to at most {largest} a month, within the "
                  "{disposable} available each month.",
    "debts.tight": "Under these plans my payments to all creditors come to at most {largest} a month, at or above the "
                   "{disposable} available each month; I will cut my spending to keep to them.",
    "caps.heading": "3. The amount owed and the rate caps",
    "caps.intro": "From your statements and my own records, this debt is made up as follows, with the result of a "
                  "calculation at the applicable rate cap (as of {as_of}):",
    "caps.principal": "Principal outstanding",
    "caps.interest": "Interest",
    "caps.penalty": "Penalty interest",
    "caps.damages": "Liquidated damages",
    "caps.fees": "Other fees",
    "caps.claimed": "Interest, penalties and fees",
    "caps.window": "Period calculated",
    "caps.window_value": "{days} days from {start}",
    "caps.cap": "Applicable rate cap",
    "caps.supportable": "Interest supportable at the cap",
    "caps.excess": "Above the cap",
    "caps.basis": "Basis: {basis} ({source})",
    "caps.reference": "(This cap is a reference figure, not confirmed; for information only.)",
    "caps.no_excess": "By this calculation the interest and charges claimed are within the cap.",
    "caps.note": "This is my own calculation from published rules, offered as a basis for negotiation and not as a "
                 "legal conclusion; where it differs, the accounts both parties check prevail.",
    "caps.source": "Source: {source}",
    "plan.heading": "4. The plan I propose",
    "plan.request": "I ask for: {terms}.",
    "plan.total": "Total paid under the plan",
    "plan.total_words": "In words (大写)",
    "plan.waived": "Waiver asked for",
    "plan.periods": "Payments",
    "plan.periods_value": "{count}",
    "plan.first": "First payment",
    "plan.last": "Last payment",
    "plan.remaining": "Still owed at the end of the period compared",
    "plan.schedule": "Repayment schedule",
    "plan.period": "No.",
    "plan.due": "Due",
    "plan.payment": "Payment",
    "plan.principal": "Principal",
    "plan.interest": "Interest",
    "plan.fee": "Fees",
    "plan.balance": "Balance",
    "plan.total_row": "Total",
    "plan.no_payments": "(No payment falls due under this plan in the period compared.)",
    "plan.chart": "My household's monthly payments against what is available",
    "plan.chart.this": "To {you}",
    "plan.chart.others": "To other creditors",
    "plan.chart.disposable": "Available each month {disposable}",
    "conduct.third_party": ("By my records, from {first} to {last} you or your collection agents contacted third "
                            "parties ({who}) {count} times about my debt (the log and evidence are attached). I ask "
                            "that this stop at once."),
    "requests.heading": "5. My requests",
    "requests.stop_charges": "That penalty interest, liquidated damages and other charges stop accruing while the plan "
                             "is kept{and_interest}, so that no new arrears charges arise while I pay on time.",
    "requests.and_interest": ", and that interest stops",
    "requests.contact": "That you and any collection agency you instruct contact only me, and never collect from or "
                        "disclose my debt to my family, colleagues, friends or other third parties ({basis}).",
    "requests.contact.person": "That you contact only me, and never collect from or disclose my debt to my family, "
                               "colleagues, friends or other third parties ({basis}).",
    "requests.contact.card": "art. 68 of the Measures on the Supervision of Credit Card Business of Commercial Banks: "
                             "no collection from third parties unrelated to the debt",
    "requests.contact.guideline": ("the China Banking Association's Guidelines on the Collection of Personal Consumer "
                                   "Loans by Financial Institutions (trial, 2026): no collection from unrelated third "
                                   "parties"),
    "requests.contact.civil": "Civil Code arts. 1032 and 1033; Personal Information Protection Law art. 10",
    "requests.confirm": "If you agree, that you confirm the plan in writing under your official seal, stating the "
                        "amount owed and its make-up, the date and amount of each payment, whether interest and fees "
                        "still accrue, the terms on default, and that collection stops.",
    "requests.confirm.person": "If you agree, that we sign a written repayment agreement stating the amount owed and "
                               "its make-up, the date and amount of each payment, whether interest still accrues and "
                               "the terms on default.",
    "commitment.heading": "6. My commitment",
    "commitment.text": "I undertake to pay on time and in full under the plan confirmed in writing; to take on no new "
                       "borrowing until it is repaid{no_cards}; and to tell you promptly of any change in my income, "
                       "address or contact details. The above is true, and the supporting documents are attached. "
                       "I ask you to consider my circumstances and agree to this application.",
    "commitment.no_cards": ", and to apply to no bank for a new credit card",
    "attachments.heading": "Attachments",
    "signature.applicant": "Applicant (signature):",
    "signature.date": "Date:",
    "reminder.heading": "For you: get the written confirmation before you pay under a new plan",
    "reminder.keep": "This page is for you to keep: do not send it with the application.",
    "reminder.before_paying": "Do not pay under a new plan before you hold a written agreement with the {seal}; a verbal "
                              "promise, a service SMS or a collector's word does not count.",
    "reminder.seal.institution": "creditor's official seal",
    "reminder.seal.person": "lender's signature",
    "reminder.must_state": "The written agreement must state at least (as art. 70 of the credit-card measures lists):",
    "reminder.recordings": "Record every call or meeting where terms are agreed and note the time, the person's name "
                           "and staff number; a bank must keep the recording of an oral agreement until repayment.",
    "reminder.receipts": "Pay only into the creditor's official account and keep every transfer record, receipt or "
                         "statement until you hold the certificate that the debt is settled.",
    "reminder.agents": "Beware of paid \u201c停息挂账\u201d agents: real negotiation is made by you, directly with the "
                       "creditor's official service, and is free. Anyone who claims an \u201cinside channel\u201d, "
                       "guarantees success, asks for a fee or deposit first, wants money sent to a personal or third-"
                       "party account, or asks for your card password or a verification code is most likely a scam.",
    "reminder.help": "For help, ask the creditor's official service, the NFRA consumer hotline 12378, or local legal "
                     "aid (12348).",
    "reminder.unaffordable": "Warning: under this scenario your payments to all creditors exceed what you can pay in "
                             "{months} months. Change the plan before sending; do not agree to a plan you cannot pay.",
    "reminder.scenario": "This application was made from the scenario \u201c{scenario}\u201d ({date}).",
    "reminder.draft": "The planner drafted this application from the figures you entered: check every item before "
                      "sending. Amounts are calculations; the accounts both parties check prevail.",
    "missing.name": "The applicant's name is not given.",
    "missing.id_number": "The ID number is not given.",
    "missing.phone": "The phone number is not given.",
    "missing.hardship": "No hardship reason or statement is given.",
    "missing.affordable": "Under this scenario the payments to all creditors exceed what can be paid in {months} months: "
                          "change the plan before sending.",
    "file.name": "proposal-{creditor}-{borrower}",
    "file.reminders": "reminders-{borrower}",
}

HARDSHIP_REASONS: dict[str, str] = {
    "unemployment": "unemployment and the loss of income",
    "illness": "illness in the family and medical costs",
    "business-failure": "the failure of my business",
    "income-drop": "a sharp fall in income",
    "family-burden": "a heavier family burden",
    "other": "other circumstances beyond my control",
}

HARDSHIP_SENTENCES: dict[str, str] = {
    "unemployment": "I have lost my job and my income; I am actively looking for work.",
    "illness": "I or a member of my family am ill; medical costs have risen and income has fallen.",
    "business-failure": "My business has failed; my income has fallen sharply and I have made losses.",
    "income-drop": "My income has fallen sharply and I can no longer pay as agreed.",
    "family-burden": "My family burden has grown (caring for parents, raising children or a family member in need of "
                     "care), leaving less to repay with.",
    "other": "For other reasons beyond my control I cannot currently pay as agreed.",
}

ATTACHMENTS_ALWAYS: tuple[str, ...] = (
    "Copy of my ID card",
    "Proof of income",
    "Bank statements for the last 6 months",
)

ATTACHMENTS: dict[str, tuple[str, ...]] = {
    "unemployment": ("Proof of unemployment or of leaving my job",),
    "illness": ("Medical diagnosis and records", "Medical bills"),
    "business-failure": ("Business licence (or its cancellation)", "Records of the business losses"),
    "income-drop": ("Pay slips or proof of income before and after the fall",),
    "family-burden": ("Household register or proof of family relationship",
                      "Medical, care or schooling documents of the family members"),
    "other": ("Documents showing the circumstances",),
}

AGREEMENT_ITEMS: tuple[str, ...] = (
    "the total owed, its make-up (principal, interest, fees) and the currency;",
    "the repayment cycle and method, and the date and amount of each payment;",
    "whether annual fees, interest and other charges continue to accrue;",
    "(credit cards) your undertaking not to apply for new cards until repaid;",
    "each party's rights, obligations and liability on default (what happens if one payment is late);",
    "that the creditor and its collection agents stop collecting once it is signed.",
)
