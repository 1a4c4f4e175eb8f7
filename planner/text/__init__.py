"""All wording of the planner: findings, input errors, labels and messages, in 简体中文 (first) and English.

Nothing outside this package holds a user-facing sentence: engines return findings (a code with typed parameters)
and raise :class:`planner.errors.InvalidInput` (a field, a rule code, the value); this package turns them into text
for a locale and an audience. :mod:`planner.text.zh` and :mod:`planner.text.en` are the two catalogs, key for key;
:mod:`planner.text.fmt` formats money, dates and rates with babel.

* :func:`render` — a finding's sentence (audience ``borrower``: plain, for the app and the CLI; ``creditor``:
  formal, first person, for the proposal);
* :func:`render_error` — an input error's message;
* :func:`label`, :func:`field_label`, :func:`choice_label`, :func:`severity_label`, :func:`scenario_label` —
  names of columns, fields, enumeration values, severities and scenarios;
* :func:`message` — the CLI's and the app's own sentences; :func:`log_text` — those of the collection-conduct
  log's commands;
* :func:`complaint_text`, :func:`complaint_finding` — the complaints about collection and their findings.

Imports only the value types of the core (findings, money) and babel; never an engine, io or a UI library.
"""

from __future__ import annotations

from typing import Any

from planner.text import fmt
from planner.text.fmt import LOCALES, Locale, locale_of
from planner.text.render import (
    AUDIENCES,
    Addressee,
    Audience,
    Values,
    addressee_for,
    app_field,
    app_label,
    app_text,
    calendar_text,
    catalog,
    choice_label,
    complaint_finding,
    complaint_text,
    describe_plan,
    doc_list,
    doc_text,
    evidence_text,
    field_label,
    label,
    log_text,
    message,
    render,
    render_error,
    severity_label,
    source_text,
    template_for,
)


def scenario_label(scenario: Any, locale: str = "zh") -> str:
    """Return a scenario's display name: a user's name as it is; the planner's own scenarios (``origin`` set:
    ``status-quo``, ``pro-rata``, ``shortest-term``) in ``locale``.

    ``scenario`` is a :class:`planner.domain.options.Scenario` or anything with ``name`` and ``origin`` (an
    outcome); ``shortest-term`` names its term, the longest restructure among its plans.
    """
    origin = getattr(scenario, "origin", "")
    if not origin:
        return str(scenario.name)
    months = 0
    plans = getattr(scenario, "plans", ())
    for _debt_id, plan in plans:
        restructure = getattr(plan, "restructure", None)
        if restructure is not None:
            months = max(months, restructure.months)
    return str(catalog(locale).SCENARIOS[origin]).format(months=months)


__all__ = [
    "AUDIENCES",
    "LOCALES",
    "Addressee",
    "Audience",
    "Locale",
    "Values",
    "addressee_for",
    "app_field",
    "app_label",
    "app_text",
    "calendar_text",
    "catalog",
    "choice_label",
    "complaint_finding",
    "complaint_text",
    "describe_plan",
    "doc_list",
    "doc_text",
    "evidence_text",
    "field_label",
    "fmt",
    "label",
    "locale_of",
    "log_text",
    "message",
    "render",
    "render_error",
    "scenario_label",
    "severity_label",
    "source_text",
    "template_for",
]
