"""English: complaints about collection (complaints, reports, the police statement, the request letter to the
creditor), and the ``planner complaint`` command's lines.

Key for key with :mod:`planner.text.complaint_zh` (see it for the voices). Information with sources, never a
legal conclusion: "may breach", "for you to assess".
"""

from __future__ import annotations

from typing import Any

DOC: dict[str, str] = {
    # Titles, addressees and the subject line, per channel
    "title.creditor": "Request to stop improper collection",
    "title.12378": "Complaint",
    "title.nifa": "Complaint",
    "title.12345": "Complaint",
    "title.12321": "Report of harassing calls and messages",
    "title.police": "Statement to the police",
    "to.creditor": "To: {name} (customer service and complaints)",
    "to.channel": "To: {channel}",
    "to.police": "To: ________ Public Security Bureau, ________ Police Station",
    "subject.creditor": "Subject: a request that {you} and {you}r collection agents stop improper collection",
    "subject.complaint": "Subject: complaint about the collection practices of {name} and its collection agents",
    "subject.12345": ("Subject: complaint about the collection practices of the microloan company {name} and its "
                      "collection agents (please refer it to the local financial authority)"),
    "subject.12321": "Subject: report of harassing collection calls and messages ({name})",
    "subject.police": "Subject: report of harassment by collectors acting for {name}",
    # The parties
    "party.heading.creditor": "Applicant",
    "party.heading.complaint": "Complainant",
    "party.heading.12321": "Reported by",
    "party.heading.police": "Reported by",
    "party.name": "Name",
    "party.id_number": "ID number",
    "party.phone": "Phone",
    "party.address": "Address",
    "party.masked": " (partly hidden)",
    "blank": "(not given)",
    "respondent.heading": "Respondent",
    "respondent.heading.police": "The collecting party",
    "respondent.name": "Name",
    "respondent.and_agents": "{name} and its collection agents",
    "respondent.kind": "Kind",
    "respondent.kind.unknown": "(a name the collectors gave; kind not known)",
    "respondent.account": "Account / contract number",
    "respondent.numbers": "Numbers / accounts used",
    "intro.debt": ("I owe {name} a debt ({kind}). I do not dispute the debt and am willing to negotiate its "
                   "repayment; but in collecting it, {name} and its collection agents did what is set out below. "
                   "{purpose}"),
    "intro.named": ("{name} contacted me and others about my debt. I do not dispute the debt and am willing to "
                    "negotiate its repayment; but its collectors did what is set out below. {purpose}"),
    "intro.creditor": ("I owe {you} a debt ({kind}). I do not dispute it and am willing to negotiate its repayment "
                       "with {you}; but in collecting it, {you} and {you}r collection agents did what is set out "
                       "below, which seriously disturbs my life and my family's. I therefore ask {you} to put it "
                       "right."),
    "intro.creditor.named": ("{You} contacted me and others about my debt. I do not dispute the debt and am willing to "
                             "negotiate its repayment; but the collectors did what is set out below, which seriously "
                             "disturbs my life and my family's. I therefore ask {you} to put it right."),
    "purpose.complaint": "I ask you to look into it.",
    "purpose.12321": "I ask you to look into it.",
    "purpose.police": "I ask the police to deal with it according to law.",
    # I. Facts
    "facts.heading": "I. Facts",
    "summary.period": "From {first} to {last}, {name}'s side made {count} contacts",
    "summary.period.creditor": "From {first} to {last}, {you} and {you}r collectors made {count} contacts",
    "summary.calls": " ({calls} calls, {missed} of them not answered)",
    "summary.third": "; {third} reached third parties ({who})",
    "summary.nights": "; {nights} between {start} and {end}",
    "summary.end": ". The log (China time):",
    "table.caption": "Collection log",
    "table.no": "No.",
    "table.time": "Time",
    "table.channel": "Channel",
    "table.sender": "Number / account",
    "table.contacted": "Contacted",
    "table.identity": "Claimed identity",
    "table.flags": "Flags",
    "table.note": "What happened",
    "table.evidence": "Evidence files",
    "table.missed": " (not answered)",
    "table.minutes": "{minutes} min",
    # II. Rules
    "rules.heading": "II. Rules concerned",
    "rules.heading.police": "II. What happened and the rules concerned",
    "rules.basis": "Source: {source}",
    "rules.sentence": "{sentence} ({basis})",
    "rules.none": ("By the rules this tool checks, the log shows no contact of third parties, none in the rest "
                   "hours, no excessive calls, threats, insults, impersonation, fake documents or disclosure."),
    "rules.note": ("The above are the facts as I logged them, with the published rules and industry guidelines they "
                   "concern, for you to check; whether any conduct breaches a rule or the law is for you to assess."),
    "rules.note.creditor": ("The above are the facts as I logged them, with the published rules and industry "
                            "guidelines they concern; I ask {you} to verify them."),
    # III. Requests
    "requests.heading": "III. Requests",
    "request.stop": ("Have {name} and its collection agents stop contacting my family, colleagues and other third "
                     "parties unrelated to the debt, and stop calling and messaging in the rest hours and so often."),
    "request.agency": "Require {name} to tell me in writing the name and contact details of its collection agency.",
    "request.negotiate": "Urge {name} to negotiate the repayment with me as the rules require.",
    "request.refer": "Refer this complaint to the local financial authority.",
    "request.reply": "Tell me the outcome within {period} ({cited}).",
    "request.reply.ask": "Give me the reference number and the time it takes, and tell me the outcome.",
    "request.creditor.stop": ("{You} and {you}r collection agents stop contacting my family, colleagues and other "
                              "third parties unrelated to the debt, and stop calling and messaging in the rest hours "
                              "and so often."),
    "request.creditor.agency": ("{You} tell me in writing the name and contact details of the collection agency, and "
                                "the staff numbers of its collectors."),
    "request.creditor.contact": ("From now on, contact me only by my phone or in writing; I am willing to negotiate "
                                 "the repayment with {you}."),
    "request.creditor.reply": "{You} reply to me in writing within {period} of receiving this letter ({cited}).",
    "request.creditor.reply.ask": "{You} reply to me in writing soon, and tell me the time it takes.",
    "request.creditor.next": "If there is no reply in that time, or this goes on, I will complain to {next}.",
    "request.spam.numbers": "Look into the harassing calls and messages from these numbers: {numbers}.",
    "request.spam.no_numbers": "Look into the harassing calls and messages in the log above.",
    "request.police.investigate": "Investigate the conduct above according to law.",
    "request.police.stop": ("Stop the persons concerned from harassing me, my family and my colleagues any further "
                            "(Public Security Administration Punishments Law, art. 50(2))."),
    "request.police.receipt": "Give me a receipt for this report (受案回执) and tell me how it is handled.",
    "cited.basis": "source: {source}",
    "cited.reference": "for reference: {source}",
    # IV. Attachments, closing, signature
    "attachments.heading": "IV. Evidence",
    "attachment.file": "{name} ({time}, {channel})",
    "attachment.log": "The collection log (part I above, {count} entries)",
    "attachment.id": "A copy of my ID card",
    "closing": "I confirm that the above is true.",
    "closing.police": "I am responsible for the truth of this statement.",
    "signature.complaint": "Complainant (signature): ",
    "signature.12321": "Reported by (signature): ",
    "signature.police": "Reported by (signature): ",
    "signature.creditor": "Applicant (signature): ",
    "signature.date": "Date: ",
    # Notes for whoever prepares it (not printed)
    "note.name": "The complainant's name is missing: fill it in the case.",
    "note.id_number": "The ID number is missing: the body usually verifies who complains; add it.",
    "note.phone": "The phone number is missing: the body needs it to reply; add it.",
    "note.not_suggested": "{channel} is not a usual channel for this creditor; suggested: {channels}.",
    "note.no_findings": "The log shows nothing the rules concern: check whether a complaint is needed.",
    "note.no_evidence": ("No evidence file is attached to the log: add recordings, screenshots and call lists where "
                         "you can, and keep the originals."),
    "note.call": "When complaining by phone ({contact}), you can read out the plain-text version.",
    # A reply time
    "period.working": "{days} working days",
    "period.calendar": "{days} days",
    # Plain text
    "plain.join": "; ",
    "plain.cell": "{label}: {value}",
    # The command's lines
    "cli.written": "Wrote the {title} ({channel}): {path}",
    "cli.printed": "Above: the {title} ({channel}) as plain text.",
    "cli.note": "Before filing: {note}",
    "cli.recorded": "Recorded in the case: complaint about {creditor} to {channel} filed on {date}{reference}.",
    "cli.reference": " (reference {reference})",
    "cli.replaced": " (it replaces the record of the same complaint filed that day)",
    "cli.due": ("Reply expected by {due} ({period}, {cited}). If none comes, ask again or complain to the next level up."),
    "cli.due.none": "{channel} publishes no reply time: ask for the reference number and the time it takes when filing.",
    "cli.needs_output": ("give the file to write with -o (or -o - to print the plain text), or record a filed complaint "
                     "with --filed"),
    "cli.reference_needs_filed": "--reference goes with --filed only",
    "plain.incident": "{no}. {time}",
}



def _third_party(v: Any) -> str:
    return ("{creditor}'s collectors contacted people unrelated to the debt ({contacts}) {count|time} ({period}"
            + "), collecting from them or telling them about it.")


def _outside_hours(v: Any) -> str:
    return "{creditor}'s side made contact {count|time} between {start} and {end} ({period})."


def _too_frequent(v: Any) -> str:
    if v.raw("basis") == "attempts":
        return ("On {days|day} {creditor}'s side called the same unanswered number more than {limit} times a day (at "
                "most {most}, on {worst}); {count|call} in all.")
    return ("On {days|day} {creditor}'s side called more than {limit} times a day (at most {most}, on {worst}); "
            "{count|call} in all (more than {limit} a day is the practical guides' rule of thumb for harassment, not a "
            "legal limit).")


def _threat(v: Any) -> str:
    return "{count|contact} by {creditor}'s collectors contained {flags} ({period})."


def _impersonation(v: Any) -> str:
    if v.has("identities"):
        return ("{creditor}'s collectors claimed to be {identities} {count|time} ({period}), which may be "
                "impersonation.")
    return "{creditor}'s collectors may have posed as the police, a court or a lawyer {count|time} ({period})."


def _fake_document(v: Any) -> str:
    return ("{creditor}'s collectors sent what they called a lawyer's letter or court document {count|time} ("
            + "{period}), likely fake.")


def _disclosure(v: Any) -> str:
    return "{creditor}'s collectors told others ({contacts}) about my debt {count|time} ({period})."


def _visit(v: Any) -> str:
    return "{creditor}'s side visited {count|time} ({period})."


FINDINGS: dict[str, Any] = {
    "THIRD_PARTY_CONTACT": _third_party,
    "OUTSIDE_HOURS": _outside_hours,
    "TOO_FREQUENT": _too_frequent,
    "THREAT_OR_INSULT": _threat,
    "IMPERSONATION": _impersonation,
    "FAKE_LEGAL_DOCUMENT": _fake_document,
    "DISCLOSURE": _disclosure,
    "VISIT": _visit,
}
"""The conduct findings in the complaint's voice: the respondent named (``{creditor}``), the borrower "I"."""
