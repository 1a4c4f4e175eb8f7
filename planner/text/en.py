"""English: the second locale, key for key the same as :mod:`planner.text.zh`.

Findings are keyed by code. An entry is one neutral template for both audiences, or ``{"borrower": …,
"creditor": …}``: the borrower is addressed plainly, the creditor formally in the first person, as the proposal
speaks. ``{months|month}`` writes "1 month" or "12 months". Chinese document names stay Chinese: they are citations.
"""

from __future__ import annotations

from typing import Any

SEVERITY = {"info": "info", "warning": "warning", "error": "error"}
ADDRESS = {"institution": "you", "person": "you"}
"""How the creditor is addressed in its voice (the same word in English)."""

KINDS = {
    "credit-card": "credit card",
    "bank-loan": "bank loan",
    "consumer-finance": "consumer-finance company",
    "online-platform": "online lending platform",
    "microloan": "microloan company",
    "private": "private loan",
}

EXPENSES = {
    "housing": "housing",
    "food": "food",
    "utilities": "utilities and phone",
    "transport": "transport",
    "children": "children and education",
    "medical": "medical",
    "other": "other",
}

BENCHMARK_GROUPS = {
    "food": "food (food, tobacco and drink)",
    "housing": "housing (incl. water, power and fuel)",
    "transport": "transport and communication",
    "education": "education, culture and recreation (incl. children's schooling)",
    "medical": "health care",
    "other": "clothing, household goods and other",
    "total": "all essential expenses",
}
"""The groups of expenses compared with the NBS household survey (planner.caps.spending)."""

BENCHMARK_AREAS = {"national": "all residents", "urban": "urban residents", "rural": "rural residents"}
"""Whose survey figures a budget is compared with."""

CHANNELS = {"call": "call", "sms": "SMS", "wechat": "WeChat", "app-message": "app message", "visit": "visit",
            "letter": "letter", "email": "email", "other": "other"}

CONTACTED = {"debtor": "the debtor", "guarantor": "a guarantor", "family": "family", "colleague": "a colleague",
             "employer": "the employer", "friend": "a friend", "other": "someone else"}

FLAGS = {"threat": "threat", "insult": "insult", "impersonation": "impersonating police, a court or a lawyer",
         "fake-document": "fake legal document", "disclosure": "disclosing the debt", "doctored-image": "doctored image",
         "visit": "visit"}

POLICIES = {
    "pro-rata": "pro-rata",
    "avalanche": "avalanche (highest rate first)",
    "snowball": "snowball (smallest balance first)",
    "custom": "custom order",
    "minimums-only": "minimums only",
}

METHODS = {"equal-installment": "equal installments", "equal-principal": "equal principal"}

WAIVER_MODES = {
    "none": "no waiver",
    "excess": "waive the excess above the cap",
    "penalties-and-fees": "waive penalty interest, damages and fees",
    "percent": "waive a share of the charges",
    "principal-only": "repay the principal only",
}

RATE_CHOICES = {"zero": "interest-free", "custom": "agreed rate", "contract": "contract rate", "capped": "capped rate"}

DEFERRAL_INTEREST = {"none": "interest-free", "contract": "at the contract rate", "capped": "at the capped rate"}

RATE_UNITS = {
    "annual_percent": "{value}% a year",
    "monthly_percent": "{value}% a month",
    "daily_per_ten_thousand": "{value}/10,000 a day",
}
RATE_ANNUAL_EQUIVALENT = " ({annual} a year)"

RULE_STATUS = {"firm": "firm", "check": "to be checked (treat as editable data)"}

STANDING = {"legal": "legal cap", "reference": "reference cap (guidance, unconfirmed)",
            "unconfirmed": "reference cap (guidance, unconfirmed)", "guidance": "reference cap (guidance, unconfirmed)"}
STANDING_HEADING = {"legal": "Legal cap", "reference": "Reference cap (guidance, unconfirmed)"}

APR_NOTES = {
    "settlement": "a lump-sum settlement is not credit: no APR",
    "pays_less": "less is repaid than owed: an APR would mean nothing",
    "no_payments": "no payments: no APR",
    "same_day": "a single payment on the start date: no APR",
}

SCENARIOS = {
    "status-quo": "Status quo",
    "pro-rata": "Pro-rata split",
    "shortest-term": "Shortest affordable term ({months} months)",
}

# English error messages name fields by their identifier, as the CSV headers and JSON keys do; findings name a
# field by these words.
HARDSHIP = {
    "unemployment": "unemployment",
    "illness": "illness",
    "business-failure": "business failure",
    "income-drop": "a drop in income",
    "family-burden": "family burden",
    "other": "other",
}
"""Hardship reasons (planner.domain.debtor.HardshipReason)."""

FIELDS: dict[str, str] = {
    "time": "time",
    "channel": "channel",
    "contacted": "contacted",
    "sender": "from",
    "identity": "identity",
    "flags": "flags",
    "duration_min": "duration_min",
    "answered": "answered",
    "attachments": "attachments",
    "path": "path",
    "sha256": "sha256",
    "size": "size",
    "conduct": "conduct",
    "complaints": "complaints",
    "complaint_channel": "complaint channel",
    "filed": "filed",
    "reference": "reference",
    "reply_due": "reply_due",
    "contract_rate": "contract rate",
    "penalty_rate": "penalty rate",
    "fee_rate": "fee rate",
    "annual_rate": "annual rate",
    "monthly_fee_percent": "installment fee",
    "custom_rate": "agreed rate",
}

LABELS: dict[str, str] = {
    "scenario": "scenario",
    "affordable": "affordable",
    "shortfall_months": "months over budget",
    "total_paid": "total paid",
    "total_interest": "interest",
    "total_fees": "fees",
    "total_waived": "waived",
    "remaining": "still owed",
    "total_cost": "total cost",
    "saving": "saving vs status quo",
    "debt_free_date": "debt-free date",
    "largest_monthly_payment": "largest month",
    "largest_share_of_disposable": "largest share of disposable (%)",
    "debt_id": "id",
    "creditor": "creditor",
    "kind": "kind",
    "interest": "interest",
    "fees": "fees",
    "waived": "waived",
    "largest_payment": "largest payment",
    "share_of_disposable": "share of disposable (%)",
    "apr_percent": "APR (%)",
    "apr": "APR (%)",
    "terms": "terms",
    "month": "month",
    "date": "date",
    "income": "income",
    "expenses": "essential expenses",
    "reserve": "reserve",
    "members": "household members",
    "area": "benchmark area",
    "disposable": "disposable income",
    "payments": "payments",
    "surplus": "surplus",
    "balance": "balance owed",
    "period": "period",
    "due_date": "due date",
    "payment": "payment",
    "principal": "principal",
    "fee": "fee",
    "cap_rate": "cap (% a year)",
    "reference_mark": " (ref.)",
    "cap_basis": "basis",
    "supportable": "supportable",
    "claimed": "recorded charges",
    "excess": "excess",
    "cost_rate_percent": "contract cost (% a year)",
    "status": "status",
    "plan": "plan",
    "policy": "policy",
    "months_to_debt_free": "months to debt-free",
    "interest_saved": "interest saved vs minimums only",
    "rate_percent": "rate (% a year)",
    "minimum": "minimum",
    "payoff_month": "paid off in month",
    "paid": "paid",
    "item": "",
    "yes": "yes",
    "no": "no",
    "dash": "—",
}


def _rate_above(what: str) -> Any:
    def borrower(v: Any) -> str:
        if v.raw("standing") == "legal":
            return what + " of {rate} is above the {cap} cap; under {source} a reduction of the part above it may be requested."
        return (what + " of {rate} is above the {cap} reference cap (guidance, unconfirmed); it may serve as a reference "
                "point when negotiating a waiver (under {source}; the rule is still to be checked).")

    return borrower


_WHAT = {"contract_rate": "The contract rate", "cost_rate": "The contract's comprehensive annual cost (rate + fees)"}
_WHAT_LOWER = {"contract_rate": "contract rate", "cost_rate": "comprehensive annual cost (rate + fees)"}


def _fitted_name(origin: str) -> str:
    """A scenario named in a finding: the planner's own by its name (without the term), a user's as written."""
    return {"shortest-term": "shortest affordable term", "pro-rata": "pro-rata split"}.get(
        origin, SCENARIOS.get(origin, f"'{origin}'"))


def _lpr_stale(v: Any) -> str:
    head = ("The LPR data is confirmed only through {confirmed_through} and the as-of date {as_of} is later (the data "
            "may be stale); ")
    if v.raw("relied"):
        table = " (the table gives {lpr_1y})" if v.has("lpr_1y") else ""
        return head + ("the caps of {relied} use a one-year LPR dated after {confirmed_through}" + table
                       + ": if the LPR has changed since, those caps differ. Check the latest one-year LPR and add a "
                       "row if needed.")
    return head + ("the caps here use no one-year LPR dated after {confirmed_through}, so they are not affected. Check "
                   "the latest LPR and add a row before relying on a newer one.")


def _unpaid(v: Any, *, creditor: bool = False) -> str:
    outlook = {
        "falls": " At the current payment the balance does fall: it would be paid off on {payoff_date} (month "
                 "{payoff_month}).",
        "not_within": " At the current payment it is not paid off within {max_months} months either.",
        "unknown": "",
    }["falls" if v.raw("outlook") == "falls" and v.has("payoff_date") else
      "unknown" if v.raw("outlook") == "falls" else v.raw("outlook")]
    if creditor:
        return "On the current contract terms {remaining} would still be owed after {months|month}." + outlook
    cut = ("the {deferral_months}-month deferral reaches the end of the months compared, so the payments on contract "
           "terms after it are not included" if v.raw("cut") == "deferral"
           else "payments on contract terms are projected only that far")
    return ("Not paid off within the {months} months compared: {remaining} is still owed at the end of month {months} ("
            + cut + ", so no debt-free date is shown)." + outlook)


def _benchmark(v: Any, *, above: bool, creditor: bool = False) -> str:
    """A budget group beside the NBS survey's figure: information, never a judgement of the spending."""
    group, area = str(v.raw("group")), str(v.raw("area"))
    what = BENCHMARK_GROUPS.get(group, group)
    people = "1 person" if v.raw("members") == 1 else "{members} people"
    figure = ("the benchmark of {benchmark} for " + people + " from the NBS household survey (per-person consumption "
              "of " + BENCHMARK_AREAS.get(area, area) + ")")
    if creditor:
        head = (("I spend" if v.raw("members") == 1 else "My household of {members} people spends") + " {amount} a "
                "month " + ("on essential expenses in all" if group == "total" else "on " + what) + ", ")
        if above:
            return head + "above " + figure + ", {ratio} times it; I can explain this and provide receipts if needed."
        return head + "below " + figure + ", {ratio} times it."
    head = (("The expenses are not split by category, so their total is compared: {amount} a month is "
             if group == "total" else what[0].upper() + what[1:] + ": {amount} a month is ")
            + "{ratio} times " + figure + (", more than {threshold} times. " if above else
                                            ", less than {threshold} times. "))
    advice = ("This is information, not a judgement: if the figure is right (rent, medical care, school), keep the "
              "receipts and explain it when negotiating. " if above else
              "This is information only: check that nothing is missing (spread yearly or quarterly bills over the "
              "months); a budget set too low may be hard to keep to. ")
    hints = "The benchmark is an estimate, for reference."
    if v.raw("members") == 1:
        hints += " It is for 1 person: if the household is larger, enter the number of household members."
    if group == "total":
        hints += " Split the expenses by category to compare each one."
    return head + advice + hints


PERIOD = "{first} to {last}"

FINDINGS: dict[str, Any] = {
    "RATE_LOOKS_LIKE_FRACTION": lambda v: (
        "The {field} is very low ({rate}): if {meant} was meant, enter {write} (rates are percentages)"
        + ("; if {monthly}% a month was meant, write 月{monthly}% (or {monthly}%/月)" if v.has("monthly") else "")
        + ("; if {daily} per ten thousand a day was meant, write 日万分之{daily}" if v.has("daily") else "") + "."),
    "NO_MONTHLY_PAYMENT": "The monthly payment is 0: under the status quo this debt never falls. Enter the contract's "
                          "payment.",
    "PRINCIPAL_ABOVE_ORIGINAL": "Outstanding principal {outstanding} is above the original {original}: if interest was "
                                "added to principal, confirm it and keep the statements.",
    "SETTLEMENT_PERCENT_LOW": "The settlement is {percent} of the balance, which is very low: if {meant_value}% was "
                              "meant, enter {meant_value}.",
    "NO_BUDGET": {
        "borrower": "No household budget has been entered: disposable income counts as 0, so every plan shows as over "
                    "budget. Enter the monthly income and essential expenses (--income and --expenses when importing, "
                    "or the budget of the case file, by category).",
        "creditor": "(My household budget is set out separately.)",
    },
    "DISPOSABLE_NEGATIVE": {
        "borrower": "The monthly income of {income} is below the essential expenses and reserve of {outgoing}, so "
                    "disposable income is {disposable}: check the budget; if it is right, no plan is affordable in any "
                    "month, and a pause (deferral) is worth negotiating first.",
        "creditor": "My household's monthly income of {income} is below its essential expenses of {outgoing}: there "
                    "is nothing left for repayments at present.",
    },
    "NO_DEBTS": "The case has no debts: import or add them first.",
    "EXPENSE_ABOVE_BENCHMARK": {
        "borrower": lambda v: _benchmark(v, above=True),
        "creditor": lambda v: _benchmark(v, above=True, creditor=True),
    },
    "EXPENSE_BELOW_BENCHMARK": {
        "borrower": lambda v: _benchmark(v, above=False),
        "creditor": lambda v: _benchmark(v, above=False, creditor=True),
    },
    "CONTRACT_AFTER_AS_OF": "The contract date {contract_date} is after the as-of date {as_of}: check both dates; no "
                            "capped interest can be estimated before the contract exists.",
    "WINDOW_EMPTY": "The overdue date {start} is after the as-of date {as_of}, so the window is empty and the charges "
                    "claimed ({claimed}) cannot be compared with the cap: the excess is taken as 0 (no basis for a "
                    "waiver). Check the overdue date; the year may be mistyped.",
    "RATE_ABOVE_CAP": {
        "borrower": lambda v: _rate_above(_WHAT[v.raw("what")])(v),
        "creditor": lambda v: (
            "The " + _WHAT_LOWER[v.raw("what")] + " of this loan is {rate}. Under {source} a borrower may ask for the "
            "part above {cap} a year to be reduced, and I ask you to waive that part."
            if v.raw("standing") == "legal" else
            "The " + _WHAT_LOWER[v.raw("what")] + " of this loan is {rate}, above the reference figure of {cap} a "
            "year (under {source}, for guidance); I ask you to consider waiving the part above it."),
    },
    "PENALTY_RATE_ABOVE_CAP": {
        "borrower": _rate_above("The penalty rate"),
        "creditor": lambda v: (
            "The penalty rate you apply is {rate}. Under {source} the part above {cap} a year may be reduced, and I ask "
            "you to waive it." if v.raw("standing") == "legal" else
            "The penalty rate you apply is {rate}, above the reference figure of {cap} a year (under {source}, for "
            "guidance); I ask you to consider waiving the part above it."),
    },
    "CHARGES_ABOVE_CAP": {
        "borrower": lambda v: (
            "The interest and charges claimed, {claimed}, are above the {supportable} the legal cap ({cap}) supports on "
            "{principal} over {days|day} from {start}, by {excess}; under {source} this is a basis for a waiver "
            "request. (A planner estimate, not a court's figure.)" if v.raw("standing") == "legal" else
            "The interest and charges claimed, {claimed}, are above the {supportable} the reference cap ({cap}; "
            "guidance, unconfirmed) supports on {principal} over {days|day} from {start}, by {excess}; this may serve "
            "as a reference point when negotiating a waiver (under {source}; the rule is still to be checked). (A "
            "planner estimate, not a court's figure.)"),
        "creditor": lambda v: (
            "You claim interest and charges of {claimed}. At the {cap} a year set by {source}, on a principal of "
            "{principal} over {days|day} from {start}, the supportable interest and charges are {supportable}; the "
            "excess is {excess}, and I ask you to waive it. (My own estimate from the published rules, for the "
            "negotiation.)" if v.raw("standing") == "legal" else
            "You claim interest and charges of {claimed}. At the reference figure of {cap} a year (under {source}), "
            "on a principal of {principal} over {days|day} from {start}, they would be about {supportable}, {excess} "
            "less; I ask you to consider a waiver on that basis. (An estimate for the negotiation.)"),
    },
    "RULE_UNCONFIRMED": {
        "borrower": "The rule applied, '{rule}' ({cap} cap), is not confirmed from the primary text: treat it as "
                    "editable data and check the source: {source}",
        "creditor": "(The rule cited is still to be checked against its text, for reference only: {source})",
    },
    "LPR_STALE": _lpr_stale,
    "PRIVATE_TRANSITION": {
        "borrower": "This private loan was formed on {contract_date}, before 2020-08-20: interest up to 2020-08-19 is "
                    "limited to 24% a year, and afterwards to {multiple} × the one-year LPR when the suit is filed. The "
                    "filing date is unknown, so the planner uses the LPR on the as-of date {as_of}, {lpr}, giving "
                    "{cap}; a different LPR at filing gives a different cap.",
        "creditor": "This loan was formed on {contract_date}. Under {source}, interest from 2020-08-20 is limited to "
                    "{multiple} × the one-year LPR when a suit is filed, which at the LPR of {as_of} ({lpr}) is {cap} a "
                    "year.",
    },
    "MICROLOAN_RULE": {
        "borrower": "Microloan companies are financial institutions approved by local financial regulators and, under "
                    "法释〔2020〕27号, fall outside the private-lending rule (the 4 × LPR cap). The {cap} used here is a "
                    "guidance figure borrowed from the financial-loan total-cost rule, not a statutory cap; check the "
                    "contract and local rules.",
        "creditor": "By the {cap} total annual cost applied to financial loans (a reference figure), I ask you to "
                    "consider waiving the part above it.",
    },
    "MICROLOAN_GUIDANCE": {
        "borrower": "According to press reports, in December 2025 the PBoC and the NFRA sent local regulators a "
                    "guideline on microloan companies' comprehensive financing cost (《小额贷款公司综合融资成本管理工作指引》):"
                    " no new loans above 24%, and all new loans within 4 × LPR by the end of 2027. It is supervisory "
                    "guidance (not published; to be checked), not a cap a borrower can enforce, but a reference point "
                    "in a negotiation.",
        "creditor": "According to press reports, regulators asked microloan companies in December 2025 to stop new "
                    "loans above 24% in comprehensive cost (《小额贷款公司综合融资成本管理工作指引》); I ask you to consider "
                    "my request in that light.",
    },
    "COST_DISCLOSURE": {
        "borrower": "The contract was formed on {contract_date}, under 《个人贷款业务明示综合融资成本规定》 (金规〔2026〕2号, in "
                    "force from 2026-08-01; to be checked): the lender must give a comprehensive-cost disclosure table "
                    "(综合融资成本明示表) listing each fee, who charges it and the annualised total cost. Ask the "
                    "creditor for it and check every fee.",
        "creditor": "This loan contract was formed on {contract_date}. Under 《个人贷款业务明示综合融资成本规定》 "
                    "(金规〔2026〕2号), please provide the comprehensive-cost disclosure table of this loan.",
    },
    "ONLINE_LENDER_OF_RECORD": {
        "borrower": "Loans through online platforms are usually made by a bank, a consumer-finance company or another "
                    "licensed lender: check the lender named in the contract. 金规〔2025〕9号 (in force from "
                    "2025-10-01) requires credit-enhancement fees to count in the comprehensive cost and be disclosed, "
                    "but the notice itself holds no 24% figure; the 24% comes from 法发〔2017〕22号.",
        "creditor": "This loan was made through an online platform: please name the lender of record in the contract "
                    "and disclose the comprehensive cost, credit-enhancement fees included, as 金规〔2025〕9号 requires.",
    },
    "WAIVER_CLAMPED": "The waiver asked for ({requested}) exceeds the charges ({charges}); {charges} is used (principal "
                      "is never waived).",
    "DOWN_PAYMENT_CLAMPED": "The down payment ({down_payment}) exceeds the balance after the waiver ({balance}); "
                            "{balance} is used.",
    "TERM_OVER_60": {
        "borrower": lambda v: (
            "{months} installments exceed {limit}: a {kind} personalised installment plan may last at most {limit} "
            "months (5 years), so the bank is unlikely to agree." if v.raw("binding") == "limit" else
            "{months} installments exceed 60: 60 months is the credit-card limit; a {kind} sets its own terms."),
        "creditor": lambda v: (
            "The {months} installments I ask for exceed the {limit}-month limit of a personalised credit-card "
            "installment plan; I ask you to arrange a plan within it." if v.raw("binding") == "limit" else
            "I ask to repay over {months} months (the 60-month limit applies to credit cards, not to this loan)."),
    },
    "NEVER_PAID_OFF": {
        "borrower": "The monthly payment of {payment} does not exceed the month's interest and fees of {charged}: the "
                    "principal never falls and the balance only stays level or grows, so at this payment the debt is "
                    "never paid off (however many months are compared). A higher payment, or a negotiated rate freeze, "
                    "waiver or installment plan, is needed.",
        "creditor": "The current payment of {payment} does not cover the monthly interest and fees of {charged}: the "
                    "principal cannot fall and on the present terms I can never repay. I ask you to agree to a rate "
                    "freeze, a waiver or an installment plan.",
    },
    "UNPAID_AT_HORIZON": {"borrower": _unpaid, "creditor": lambda v: _unpaid(v, creditor=True)},
    "START_BEFORE_AS_OF": "The plan starts on {start}, before the as-of date {as_of} of the figures: start it on or "
                          "after the as-of date.",
    "START_AFTER_AS_OF": "The plan starts on {start}, more than a month after the as-of date {as_of}: interest and "
                         "penalties in between are not included, so the real balance will be higher, and the total cost "
                         "and saving leave those months out; update the figures first.",
    "PAYMENTS_EXCEED_DISPOSABLE": {
        "borrower": "In {months} of the {shown} months compared, payments exceed disposable income, by up to {gap} "
                    "({worst}).",
        "creditor": "Under this arrangement the payments due exceed my household's disposable income in {months} of "
                    "{shown} months, by up to {gap} ({worst}); I could not keep to it.",
    },
    "WINDOW_EXTENDED": "A negotiated plan runs to month {months}, beyond the {requested} months chosen: so that every "
                       "scenario covers the same months, the comparison runs over {months} months (the status quo is "
                       "projected as far).",
    "NO_AFFORDABLE_TERM": {
        "borrower": lambda v: (
            "Even over {max_months} months" + (" ({limited} at their kind's shorter limit)" if v.has("limited") else "")
            + " the installments exceed disposable income: consider a deferral, a pro-rata offer or a larger waiver."),
        "creditor": "Even over {max_months} months the installments would exceed my household's disposable income.",
    },
    "SHORTFALL": {
        "borrower": "Income does not cover essential expenses, so nothing is available for creditors: the plan pauses "
                    "payments for {months|month}; prepare hardship proof and talk to the creditors early. A small token "
                    "payment, if at all possible, shows good faith.",
        "creditor": "My household's income does not currently cover essential expenses and nothing is left for "
                    "repayments. I ask you to agree to a pause of {months|month}; I will resume payments as soon as I "
                    "can.",
    },
    "TOKEN_PAYMENTS": {
        "borrower": "The pro-rata share of {share} a month cannot repay within {max_months} months: token payments of "
                    "that amount for 12 months; the installments after them exceed what is affordable and must be "
                    "reviewed with the creditor (e.g. a larger waiver).",
        "creditor": "In proportion to my household's income I can pay you {share} a month, which does not repay the "
                    "debt within {max_months} months. I ask you to accept that amount for 12 months and to review the "
                    "plan with me then.",
    },
    "FIT_TERM_LIMIT": {
        "borrower": "The pro-rata share of {share} a month would need {needed} installments, more than the {limit} "
                    "allowed for a {kind}: over {limit} months each installment is {installment}, above what is "
                    "affordable. Ask for a larger waiver, or discuss another arrangement with the creditor.",
        "creditor": "I can pay you {share} a month; over the {limit} months allowed for a {kind} each installment would "
                    "be {installment}, beyond my means, so I ask you to consider a larger waiver.",
    },
    "FIT_RATE_CAPPED": "The rate chosen is above the cap: the capped rate of {cap} is used.",
    "FIT_SAME_AS": lambda v: (
        f"The {_fitted_name(v.raw('fitted'))} gives exactly the same plans as the {_fitted_name(v.raw('same'))} (the "
        "same term for every debt), so it is not listed twice."),
    "PLAN_ABOVE_CAP": {
        "borrower": lambda v: (
            ("Under this plan the installment rate is {rate} a year, above the " if v.raw("what") == "rate" else
             "Under this plan the true annual rate (fees included) is {rate}, above the ")
            + ("{cap} cap: the excess may be refused, so do not accept this rate or fee when negotiating."
               if v.raw("standing") == "legal" else
               "{cap} reference cap (for reference only): you can ask for the rate and fees to be brought within it.")),
        "creditor": lambda v: (
            ("The installment rate of this plan is {rate} a year" if v.raw("what") == "rate" else
             "The true annual rate of this plan (fees included) is {rate}")
            + ", above the {cap} standard; I ask you to bring the rate and fees within it."),
    },
    "PAYOFF_SHORTFALL": "In {months|month} from month {first_month} on, the money available is below the total of the "
                        "minimum payments (month {first_month}: {available} against {minimums}): it is split in "
                        "proportion to the minimums, so some minimums are not met in full and those debts may fall "
                        "overdue.",
    "PAYOFF_BALANCES_DO_NOT_FALL": "With these payments the total owed does not fall within the {months} months "
                                   "computed ({start_total} at the start, {remaining} after month {months}), so it is "
                                   "not repaid this way: raise the monthly budget or negotiate a rate freeze, a lower "
                                   "rate or lower minimums.",
    "PAYOFF_HORIZON": "Not debt-free within {months|month}; {remaining} is still owed after month {months}. The plan "
                      "stops there and its totals cover those months only.",
    "PAYOFF_NO_MINIMUM": "No minimum payment: only extra money placed by the policy reduces this debt.",
    "PAYOFF_MINIMUM_BELOW_INTEREST": lambda v: (
        "The minimum payment in month 1 ({minimum}) does not exceed that month's interest"
        + (" and fee" if v.raw("fee") == "yes" else "") + " ({interest}); paying only the minimum, the balance does "
        "not fall."),
    "PAYOFF_UNALLOCATED": "From month {first_month} some money cannot be placed (the debts left take only their fixed "
                          "payments): {months|month}, {amount} in all.",
    "PAYOFF_EXTRAS_UNUSED": "The one-off payments dated {months} ({amount} in all) fall after the debts are repaid and "
                            "are not needed.",
    # --- the collection-conduct log (planner.caps.conduct): information with citations, never a conclusion ---
    "THIRD_PARTY_CONTACT": {
        "borrower": ("{creditor}'s collectors contacted people other than you ({contacts}) {count|time} ({period}). Collection "
                     "should reach only the debtor; collecting from or telling the debt to unrelated people touches "
                     "privacy and personal-information rights: you can ask that it stop, and complain."),
        "creditor": ("The collectors acting for {you}, or {you} directly, contacted people other than me ({contacts}) "
                     "{count|time} ({period}). I ask that {you} stop contacting third parties who have nothing to do with "
                     "the debt."),
    },
    "OUTSIDE_HOURS": {
        "borrower": ("{creditor}'s collectors made contact {count|time} between {start} and {end}, the rest hours "
                     "({period}). Under the rule cited, collection should not happen then without your "
                     "consent."),
        "creditor": ("Contact from {you} reached me {count|time} between {start} and {end}, the rest hours ({period}"
                     "). I ask that {you} contact me only within the permitted hours."),
    },
    "TOO_FREQUENT": {
        "borrower": lambda v: (
            "On {days|day} {creditor}'s collectors called the same unanswered number more than {limit} times "
            "(at most {most} on {worst}), {count|call} in all; under the guideline cited this exceeds the daily "
            "limit on call attempts."
            if v.raw("basis") == "attempts" else
            "On {days|day} {creditor}'s collectors called more than {limit} times a day (at most {most} on "
            "{worst}), {count|call} in all; more than {limit} calls a day is the practical guides' marker of "
            "harassment (a rule of thumb, not a legal limit)."),
        "creditor": lambda v: (
            "On {days|day} {you} called the same unanswered number more than {limit} times a day (at most {most} "
            "on {worst}). "
            if v.raw("basis") == "attempts" else
            "On {days|day} {you} called more than {limit} times a day (at most {most} on {worst}). ")
        + "I ask that {you} keep contact to a reasonable frequency.",
    },
    "THREAT_OR_INSULT": {
        "borrower": ("{count|contact} by {creditor}'s collectors contained {flags} ({period}). Repeated "
                     "threatening or insulting messages, or harassment that disturbs someone's life, can be "
                     "reported to the police; keep the original recordings and screenshots."),
        "creditor": ("{count|contact} by the collectors acting for {you} contained {flags} ({period}). I "
                     "ask that {you} stop this at once and tell me the name of the collection agency."),
    },
    "IMPERSONATION": {
        "borrower": lambda v: (
            ("{creditor}'s collectors claimed to be {identities} {count|time} ({period}). "
             if v.has("identities") else
             "{creditor}'s collectors posed as police, a court or a lawyer {count|time} ({period}). ")
            + "Impersonating the police, a court or a lawyer in collection is prohibited; you can report it to "
            "the police."),
        "creditor": lambda v: (
            ("The collectors acting for {you} claimed to be {identities} {count|time} ({period}). "
             if v.has("identities") else
             "The collectors acting for {you} posed as police, a court or a lawyer {count|time} ({period}"
             "). ")
            + "I ask that {you} look into this and stop them posing as anyone else."),
    },
    "FAKE_LEGAL_DOCUMENT": {
        "borrower": ("{creditor}'s collectors sent what look like fake legal documents {count|time} ({period}"
                     "). Real court messages come from 12368, and a summons (\u4f20\u7968) is served by the court, "
                     "never sent by a collector; you can call the local court to check."),
        "creditor": ("The collectors acting for {you} sent me material presented as a lawyer's letter or a court "
                     "document {count|time} ({period}). I ask that {you} stop sending such material."),
    },
    "DISCLOSURE": {
        "borrower": ("{creditor}'s collectors told others ({contacts}) about the debt {count|time} ({period}). "
                     "This touches privacy and personal-information rights: you can ask that it stop, and "
                     "complain."),
        "creditor": ("The collectors acting for {you} told others ({contacts}) about my debt {count|time} ({period}"
                     "). I ask that {you} stop this at once."),
    },
    "VISIT": {
        "borrower": ("{creditor}'s collectors visited {count|time} ({period}). A visit is not in itself "
                     "unlawful; if they harass you, will not leave or follow you, call the police and note the "
                     "time, how many came and what happened."),
        "creditor": ("Collectors acting for {you} visited me {count|time} ({period}). I ask that {you} contact me "
                     "by telephone or in writing from now on."),
    },
    "WORKDAYS_ESTIMATED": ("The holiday calendar has data up to {through}; working days in {year} are counted "
                           "Monday to Friday, so the real deadline may differ around holidays and swapped "
                           "workdays."),
}

ERRORS: dict[str, tuple[str, str]] = {
    "required": ("is required", "fill it in"),
    "missing_key": ("is required", "is {typo} in the file a misspelling of {name}? If so, rename it {name}"),
    "not_a_number": ("must be a number", "type digits such as 1234.56 (no letters)"),
    "float_refused": ("must not be a binary float",
                      'write it as text, e.g. "1234.56" in a case file, or pass a str or Decimal in code'),
    "not_finite": ("must be a finite number", "enter a real amount"),
    "not_integer": ("must be a whole number", "enter a whole number such as 12"),
    "negative": ("must not be negative", "enter 0 or more"),
    "not_positive": ("must be greater than 0", "enter an amount above 0"),
    "too_many_decimals": ("must have at most {places} decimal places", "round it to {places} decimal places"),
    "out_of_range": ("must be between {low} and {high}", "enter a value from {low} to {high}"),
    "too_large": ("must be at most {high}", "check the number of digits"),
    "bad_date": ("must be a date such as 2026-01-15, 2026/1/15 or 2026年1月15日", "write it like 2026-01-15"),
    "no_such_date": ("is not a real date (month {month} has no day {day})", "check the date"),
    "bad_month": ("must be a valid month", "for example 2026-03 or 2026/3"),
    "date_order": ("must not be earlier than {other}", "check both dates"),
    "unknown_choice": ("must be one of: {choices}", "pick one of the listed values"),
    "bad_rate": ("is not a rate the planner can read",
                 "write it like 18, 18%, 年利率18%, 月2% (2% a month), 日万分之五 or 0.05%/日 (per day)"),
    "duplicate": ("must be unique", "give each item a different value"),
    "conflict": ("cannot be combined with {other}", "keep only one of them"),
    "mismatch": ("does not match {other} (which gives {expected})",
                 "correct one of them, or delete {name} to let the planner derive it"),
    "too_many_cells": ("has {count} cells but the header has {high}",
                       "remove commas inside numbers (write 4500, not 4,500) or quote the whole cell"),
    "unknown_reference": ("refers to something that does not exist", "use one of: {choices}"),
    "missing_column": ("the column '{column}' is missing", "the header needs the columns: {choices}"),
    "unknown_column": ("is not a column of this table", "rename it to one of these columns, or delete it: {choices}"),
    "sample_row": ("is the template's sample row (fictional figures)",
                   "delete it, or replace it with your own debt and remove '{mark}' from its id"),
    "sample_log_row": ("is the template's sample row (a fictional contact)",
                       "delete it, or replace it with your own record and remove '{mark}' from its note"),
    "bad_file": ("cannot be read: {reason}", "{fix}"),
    "cannot_write": ("cannot be written: {reason}", "{fix}"),
    "bad_id_number": ("is not a valid resident ID number (18 characters, the last a check digit: a digit or X)", "check it against the card digit by digit; an old 15-digit number is accepted too"),
    "bad_phone": ("is not a phone number", "write a mobile number or a landline with its area code, e.g. 138 0013 8000 or 0571-8888 6666"),
    "file_taken": ("already exists (another case file)", "choose a new file name; to work on that case, type its path above and press Open"),
    "exists": ("already exists", "choose another name, or add --force to replace it (the old file is kept as a backup)"),
    "case_exists": ("already exists",
                    ("add --update to replace only its debts and keep its budget, scenarios and notes, or --force to "
                     "start a new case (the old file is kept as a backup)")),
    "plans_need_debts": ("has plans for debts the new table does not have: {choices}",
                         "add those debts back to the table, or first delete those entries from the case's scenarios"),
    "unsupported_version": ("has version {value} which this planner does not know",
                            "upgrade the planner, or use a file written by version {high} or older"),
    "empty": ("must not be empty", "add at least one item"),
    "too_long": ("is too long (at most {high})", "shorten it"),
    "order_needs_custom": ("only applies to the custom policy, not to --policy {value}",
                           "use --policy custom (or --compare), or leave out --order"),
    "both_given": ("cannot be given together with {other}", "keep only one of them"),
    "case_as_table": ("is a case file, not a debts table", "pass it as CASE, without --debts"),
    "full_table": (
        ("is the full debts table of planner import, not the short --debts table (id,creditor,balance,annual_rate,"
         "min_payment)"),
        "import it first: planner import {value} -o case.json, then run planner payoff case.json --monthly …",
    ),
    "extra_format": ("must be written MONTH:AMOUNT", "for example 2027-06:5000 (the month may also be 2027/6)"),
    "choose_policy": (
        "is not given", "add --policy pro-rata, avalanche, snowball or custom, or --compare to compare them all",
    ),
    "source_needed": ("needs a case file or a debts table", "give a CASE file, or a debts table with --debts FILE.csv"),
    "file_exists": ("exists already", "choose another name, or add --force to replace it"),
    "bad_time": ("must be a time such as 2026-11-20 22:30", "write the date and the time to the minute"),
    "bad_digest": ("is not a SHA-256 digest (64 hexadecimal digits)", "add the attachment again so the planner computes it"),
    "no_conduct": ("has no collection log entries, so there are no facts to complain about",
                   ("log that creditor's contacts first (planner log import, or the app's collection-log tab), "
                    "then draft the complaint")),
    "missing_glyph": (("holds the character \u201c{char}\u201d ({codepoint}), which the fonts lack: it would print as "
                       "a blank box"),
                      ("write it another way or remove it; to keep it (a rare character in a name, say), give a font "
                       "file (.otf or .ttf) that has it with --font (in the app: Font file)")),
}

REASONS: dict[str, tuple[str, str]] = {
    "os_error": ("{os}", "check the path and the permissions"),
    "write_os_error": ("{os}", "check that the folder exists and is writable, and that the disk has space"),
    "is_folder": ("it is a folder, not a file", "give the path of a file, such as {example}"),
    "not_a_font": ("it is not a font file that can be used ({detail})", "give a .otf or .ttf font file"),
    "wrong_suffix": ("its name ends in {suffix}, but {content} is to be written", "use a name ending in {ending}, such as {example}"),
    "not_a_file": ("it is not a regular file", "give the path of a .csv, .xlsx or .json file"),
    "not_a_folder": ("it is a file, so no folder can be made there", "choose another file name, or move that file away"),
    "too_large_file": ("it is larger than {limit} MB", "check that it is the right file, or split it"),
    "not_utf8": ("it is not UTF-8 text", "save it as UTF-8"),
    "not_utf8_or_gb18030": ("it is not UTF-8 or GB18030 text", "save it as CSV UTF-8"),
    "not_json": ("it is not valid JSON (line {line}, column {column}: {detail})",
                 "open a case file saved by the planner, or fix the JSON there"),
    "not_json_data": ("it is not valid JSON (line {line}, column {column}: {detail})", "fix the JSON there (see the files in planner/caps/data)"),
    "duplicate_key": ("the key '{key}' appears twice in one object", "keep one of them"),
    "too_deep": ("it is nested more than {limit} levels deep", "open a case file saved by the planner"),
    "int_too_long": ("an integer in it is too long to read (more than 4300 digits)",
                     'check the numbers in the file: amounts are decimal strings such as "1234.56"'),
    "not_case_file": ('it is not a planner case file (no "format": "debt-planner-case")',
                      "give a case file saved by the planner; to start one from a debts table, planner import it"),
    "spreadsheet_not_case": ("it is a spreadsheet, not a case file",
                             "run planner import {value} -o CASE.json first, then use the case file"),
    "wrong_type": ("expected {expected} here", "see the file format in docs/CASEFILE.md"),
    "empty_table": ("it is empty", "add a header row and one row per item"),
    "too_many_rows": ("it has more than {limit} rows", "split the file"),
    "csv_unreadable": ("it is not a readable CSV table ({detail})", "save it again as CSV UTF-8"),
    "semicolon_csv": ("its cells are separated by semicolons (;)",
                      'save it as comma-separated CSV (Excel: save as "CSV UTF-8 (Comma delimited)")'),
    "xlsx_unreadable": ("it is not a readable .xlsx workbook ({detail})", "save it again as .xlsx or CSV"),
    "xlsx_sheet_damaged": ("its sheet is damaged ({detail})", "open it in Excel and save it again as .xlsx or CSV"),
    "no_header": ("no recognised header (first row: {first_row})", "expected {expected} as the first row"),
    "other_sheet": ("the first sheet '{first}' has no recognised header; the table seems to be on sheet '{sheet}'",
                    "move sheet '{sheet}' to the front, or save it as CSV"),
    "json_object_needed": ("a JSON object is expected here", "see planner/caps/data/cap_rules.json"),
    "lpr_row_shape": ("an LPR row must be (effective_from, lpr_1y, lpr_5y)", "give three values per row"),
    "rules_coverage": (("{count} rules ({rules}) cover {kind} contracts formed {contract_date} for interest on "
                        "{day}; exactly one must"), "make the rules' date ranges meet without gaps or overlaps"),
}

OS_ERRORS: dict[str, str] = {
    "ENOENT": "no such file or folder",
    "EACCES": "permission denied",
    "EPERM": "operation not permitted",
    "EISDIR": "it is a folder",
    "ENOTDIR": "a part of the path is not a folder",
    "ENOSPC": "no space left on the disk",
    "EROFS": "the file system is read-only",
    "EEXIST": "the file already exists",
    "ENAMETOOLONG": "the file name is too long",
    "EMFILE": "too many open files",
    "EIO": "input/output error",
    "EBUSY": "the file is busy",
}


JSON_TYPES = {"object": "a JSON object {…}", "list": "a JSON list […]", "string": "a JSON string"}


ITEM = " ({item})"
"""Appended to an error's location in the case file: the debt or scenario it is in."""


def where(location: str) -> str:
    """Return an error's location as written ("row 3", "debts[2]")."""
    return location


_FILE_RULES = {"bad_file", "cannot_write", "exists", "file_exists", "file_taken", "case_exists", "case_as_table", "full_table"}


def error_line(*, where: str, field: str, name: str, rule: str, value: Any, fix: str, code: str) -> str:
    """Return one error message: where, the field, the rule, the value given and the fix."""
    prefix = f"{where}: " if where else ""
    if name == "file" and code in _FILE_RULES and value is not None:
        return f"{prefix}the file {value} {rule}; {fix}"
    if code == "too_many_cells":
        return f"{prefix}the row {rule} ({value}); {fix}"
    if code == "unknown_column":
        return f"{prefix}the header {value!r} {rule}; {fix}"
    if code == "missing_column":
        return f"{prefix}{rule}; {fix}"
    if code in {"sample_row", "sample_log_row"}:
        return f"{prefix}this row {rule}; {fix}"
    shown = "" if value is None else f" (got {value!r})"
    return f"{prefix}'{name}' {rule}{shown}; {fix}"


ARGPARSE: tuple[tuple[str, str], ...] = ()  # argparse speaks English already

MESSAGES: dict[str, str] = {
    "proposal.written": "Wrote {count} proposal(s) (scenario \u201c{scenario}\u201d):",
    "proposal.note": "before sending: {note}",
    "proposal.needs_all": "CASE is a folder (a caseload): add --all to write a proposal for every creditor of every case",
    "proposal.needs_creditor": "name the creditor with --creditor (a debt id: {choices}), or give --all for one per creditor",
    "proposal.both": "give either --creditor or --all, not both",
    "proposal.no_cases": "the folder {folder} holds no case files (*.json)",
    "proposal.progress": "Writing proposals",
    "proposal.summary": "{cases} cases: {ok} done, {failed} failed; {pdfs} proposals written in {seconds} s "
                        "({each} s each on average).",
    "proposal.failed": "Cases that failed:",
    "proposal.case_line": "  - {case}: {reason}",
    "proposal.case_notes": "  - {case}: {notes}",
    "proposal.notes_heading": "Cases to complete before sending:",
    "proposal.each_reminder": "The last page of each proposal is the reminder for the borrower (get the sealed written confirmation before paying): hand it to them, do not send it to the creditor.",
    "reminder.written": "Reminder: get every agreement as a written, stamped confirmation, never a verbal promise.",
    "estimate.caps": "A planner estimate with its sources, not legal advice or a court's figure.",
    "plan.disposable": "Disposable income per month: {amount}",
    "plan.window": "Compared: months {first}–{months} from each scenario's start; total cost = payments in that "
                   "period + what is still owed at its end; saving = the status quo's total cost − the scenario's.",
    "plan.starts": "Note: the scenarios start on different dates. The status quo is computed from {base}; {starts} "
                   "start on other dates, so their months are offset from the status quo's and the saving is only an "
                   "approximate comparison.",
    "plan.findings": "Findings:",
    "plan.data_group": "Check these figures",
    "plan.case_group": "Case",
    "plan.fit_group": "Budget fitting",
    "plan.terms": "Terms:",
    "plan.apr": "APR {apr}%",
    "plan.totals": "total paid {paid}; waived {waived}; still owed at the end {remaining}",
    "plan.apr_group": "True APR of each debt (%):",
    "check.valid": "Case is valid: {debts} debts, as of {as_of}",
    "check.errors": "The case file reads, but {count} finding(s) marked [error] must be corrected first.",
    "check.reference": "A cap marked (ref.) is a reference figure (regulatory guidance or a rule not yet confirmed), "
                       "not a legal cap; see its source in the findings below.",
    "check.rates": "Rates stated per month or per day (with the annual equivalent):",
    "check.findings": "Findings (information with its source, not a legal conclusion):",
    "unknown_keys": "Unknown keys in the file, kept as they are but NOT used (a misspelt field is ignored — correct it):",
    "unknown_keys.suggest": " (did you mean {keys}?)",
    "top_level": "(top level)",
    "example.written": "Example case written: {path}",
    "example.evidence": "Wrote {count} evidence file(s) of the example's collection log: {folder}",
    "template.written": "Debts template written: {path} (row 2 is a sample row: delete it or replace it with your own "
                        "debt before importing)",
    "content.case": "a case file (JSON)",
    "content.table": "a debts table (CSV or Excel)",
    "import.done": "Imported {count} debts → {path}",
    "import.updated": "Updated the debts of {path} ({count} debt(s))",
    "import.kept": "the budget, scenarios and notes are kept",
    "import.budget_replaced": "replaced the {replaced} by this command's options; the {kept}, the scenarios and "
                              "the notes are kept",
    "import.as_of_changed": "the as-of date is now {as_of} (was {old})",
    "import.as_of_today_changed": "the as-of date is now today, {as_of} (was {old}): the table's figures should be "
                                  "current; if not, import again with --as-of and their date",
    "import.as_of_today": "the as-of date is today, {as_of} (if the table's figures are of another day, give it "
                          "with --as-of)",
    "import.removed_debts": "the debts {ids}, not in the table, are removed from the case (they are still in the "
                            "backup)",
    "import.new_debts": "the new debts {ids} stay on contract terms in the {count} existing scenario(s); to "
                        "negotiate them, add plans for them",
    "import.discarded": "the old case's {parts} are not carried over; they are still in the backup",
    "import.part.scenarios": "{count} scenario(s)",
    "import.part.notes": "notes",
    "import.part.budget": "budget",
    "import.errors": "the case is written to {path}, but {count} problem(s) marked [error] need correcting "
                     "(see planner check)",
    "import.backup": "The old file is kept as {path}",
    "import.sheet": "Read from sheet '{sheet}'",
    "import.no_case": "no case written: fix the {count} problem(s) above first",
    "import.ignored": "warning: these columns were not recognised and not imported: {names} (compare with the header "
                      "of `planner template`)",
    "import.no_budget": "warning: no household budget was given, so disposable income counts as 0. Import again with "
                        "--income and --expenses (or --update), or fill in the budget of the case file by category.",
    "import.expenses_line": "essential expenses in all",
    "note": "warning",
    "internal": "internal error: {error}. Please report the command and input (without personal data)",
    "usage.both": "give either CASE or --debts FILE.csv, not both",
    "usage.none": "give a CASE file or --debts FILE.csv",
    "payoff.policy": "Policy: {name}   monthly budget {budget}   start {start}",
    "payoff.debt_free": "Debt-free after {months} months ({date})",
    "payoff.debt_free_one": "Debt-free after 1 month ({date})",
    "payoff.not_debt_free": "Not debt-free within {months} months",
    "payoff.totals": "Total interest {interest}{fees}   total paid {paid}",
    "payoff.fees": "   total fees {fees}",
    "payoff.never": "never",
    "payoff.intro": "Monthly budget {budget}, start {start}",
    "payoff.notes": "Notes:",
    "payoff.policies": " (policies: {names})",
    "payoff.row.item": "",
    "payoff.row.months": "months to debt-free",
    "payoff.row.date": "debt-free date",
    "payoff.row.interest": "total interest",
    "payoff.row.fees": "total fees",
    "payoff.row.paid": "total paid",
    "payoff.row.owed": "still owed at the end",
    "payoff.row.saved": "interest saved vs minimums only",
    "payoff.row.saved_fees": "interest and fees saved vs minimums only",
    "payoff.row.debt": "{id} paid off in month",
    "payoff.dash.baseline": "—: paying only the minimums never finishes within {months} months, so interest cannot be "
                            "compared (its interest counts only to the end of that period; see still owed)",
    "payoff.dash.baseline_more": "; a policy with — in months is not debt-free within that period either",
    "payoff.dash.unfinished": "—: not debt-free within {months} months, so interest saved cannot be compared",
    "payoff.headers": "id|creditor|balance|rate (% a year)|minimum|paid off in month|interest|paid",
    "schedule.intro": "Principal {principal}, {rate}, {months} months, {method}, start {start}",
    "schedule.headers": "period|due date|payment|principal|interest|balance",
    "schedule.totals": "Total paid {paid}, total interest {interest}",
    "schedule.apr": ", APR {apr}",
    "cap.heading": "{heading}: {cap}% a year (365-day year), as of {as_of}",
    "cap.basis": "Basis: {basis} (source: {source})",
    "cap.basis_json": "{basis} (source: {source})",
    "cap.status": "Status: {status} (rule {rule})",
    "cap.period": "Period: {start} to {end} ({days} days), principal {principal}, contract rate {rate}%",
    "cap.legal_interest": "Interest within the cap",
    "cap.claimed": "Contract interest",
    "cap.excess": "Excess",
    "cap.notes": "Notes:",
    "terms.contract": "contract terms",
    "terms.waiver_percent": "waive {percent} of the charges",
    "terms.deferral": "defer {months} months ({token}, {interest})",
    "terms.token": "token payments of {amount} a month",
    "terms.pause": "payments paused",
    "terms.restructure": "{months} installments ({method}, {rate})",
    "terms.custom_rate": "agreed rate {rate}",
    "terms.down_payment": "down payment {amount}",
    "terms.fee": "installment fee {percent} a month",
    "terms.settlement": "settle at {percent} by {date}",
    "terms.sep": "; ",
    "chart.payments": "Monthly payments vs disposable income",
    "chart.balances": "Balance owed over time",
    "chart.total_cost": "Total cost per scenario",
    "chart.payoff_balances": "Balance owed under each policy",
    "chart.not_paid_off": "not paid off",
    "chart.payoff_month_axis": "month paid off",
    "chart.payoff_months": "Month each debt is paid off",
    "min.fixed": "{amount}",
    "min.percent": "{percent} of the balance",
    "min.floor": " (at least {amount})",
}


def minimum_text(percent: str | None, amount: str) -> str:
    """Return a minimum payment: "¥500.00", "10% of the balance (at least ¥100.00)"."""
    if percent is None:
        return amount
    return f"{percent} of the balance" + (f" (at least {amount})" if amount else "")
