"""Errors raised for bad input: structured fields, no sentences.

Two kinds of problem exist in the planner (see docs/ARCHITECTURE.md):

* **Bad input** raises :class:`InvalidInput`. It carries structured fields — the field, a rule code, the value given,
  parameters of the rule, and where it came from (a row, a JSON path) — so the CLI, the app and scripts build a
  Chinese or an English message from them (:func:`planner.text.render_error`) without parsing exception text.
* **Domain findings** (a rate above a legal cap, stale LPR data) are never raised: they are returned as
  :class:`planner.findings.Finding` records.

``str(error)`` is the English message and :meth:`InvalidInput.message` the message in a locale; both are rendered
by :mod:`planner.text` on demand (imported then, since the wording sits above this module).

This module imports nothing from the rest of the package at import time.
"""

from __future__ import annotations

import errno as _errno
from typing import Any

RULE_CODES = frozenset({
    "bad_id_number", "bad_phone", "file_taken", "required", "missing_key", "not_a_number", "float_refused", "not_finite", "not_integer", "negative", "not_positive",
    "too_many_decimals", "out_of_range", "too_large", "bad_date", "no_such_date", "bad_month", "date_order",
    "unknown_choice", "bad_rate", "duplicate", "conflict", "mismatch", "too_many_cells", "unknown_reference",
    "missing_column", "sample_row", "bad_file", "cannot_write", "exists", "case_exists", "plans_need_debts",
    "unsupported_version", "empty", "too_long", "order_needs_custom", "both_given", "case_as_table", "full_table", "choose_policy", "extra_format",
    "source_needed", "missing_glyph", "file_exists", "bad_time", "bad_digest", "no_conduct",
    "unknown_column", "sample_log_row",
})
"""Every rule an input can break; :mod:`planner.text` words each one in every locale (a test checks it)."""


class PlannerError(Exception):
    """Base class of every error the planner raises on purpose."""


class InvalidInput(PlannerError, ValueError):
    """A value a user or caller gave breaks a rule.

    Args:
        field: the identifier of the field (``"outstanding_principal"``).
        code: one of :data:`RULE_CODES`, naming the rule that was broken.
        value: the value as given (shown back to the user).
        params: the rule's parameters (``low``, ``high``, ``choices`` …; for ``bad_file`` and ``cannot_write`` a
            ``reason`` code and its own parameters).
        where: where the value came from, such as ``"row 3"`` or ``"debts[2]"``; may be added later with
            :meth:`at`.
    """

    def __init__(
        self,
        field: str,
        code: str,
        value: Any = None,
        *,
        params: dict[str, Any] | None = None,
        where: str = "",
    ) -> None:
        if code not in RULE_CODES:
            msg = f"unknown rule code {code!r}"
            raise KeyError(msg)
        self.field = field
        self.code = code
        self.value = value
        self.params = dict(params or {})
        self.where = where
        super().__init__(field, code, value)

    def at(self, where: str) -> InvalidInput:
        """Return a copy located at ``where``, outside any location it already has ("row 3, debts[0]")."""
        location = f"{where}, {self.where}" if self.where else where
        return InvalidInput(self.field, self.code, self.value, params=self.params, where=location)

    def about(self, item: str) -> InvalidInput:
        """Return a copy naming the item (a debt's id, a scenario's name) the location is in, unless it names one
        already: ``debts[4].contract_rate`` is then shown with ``private-loan``."""
        if not item or "item" in self.params:
            return self
        return InvalidInput(self.field, self.code, self.value, params={**self.params, "item": item}, where=self.where)

    def named(self, field: str, value: Any = None) -> InvalidInput:
        """Return a copy about ``field`` (and ``value`` when given): an inner check reported as the user's field."""
        shown = self.value if value is None else value
        return InvalidInput(field, self.code, shown, params=self.params, where=self.where)

    def message(self, locale: str = "zh") -> str:
        """Return the message in ``locale`` ("zh" or "en"): where, field, rule, value given and the fix."""
        from planner.text import render_error  # the wording lives above this module

        return render_error(self, locale)

    def message_en(self) -> str:
        """Return the English message."""
        return self.message("en")

    def message_zh(self) -> str:
        """Return the Chinese message."""
        return self.message("zh")

    def __str__(self) -> str:
        return self.message("en")


def file_error(source: str, reason: str, *, code: str = "bad_file", field: str = "file", **params: Any) -> InvalidInput:
    """Return an :class:`InvalidInput` about a file that cannot be read (``bad_file``) or written
    (``cannot_write``), for the reason ``reason`` (a key of the text catalogs' ``REASONS``) with its parameters."""
    return InvalidInput(field, code, source, params={"reason": reason, **params})


def os_error(source: str, err: OSError, *, writing: bool = False) -> InvalidInput:
    """Return an :class:`InvalidInput` for a system error on ``source``, worded in the user's language by errno."""
    name = _errno.errorcode.get(err.errno or 0, "")
    detail = err.strerror or type(err).__name__
    if name == "EISDIR":
        return file_error(source, "is_folder", code="cannot_write" if writing else "bad_file",
                          example=f"{source.rstrip('/')}/case.json" if writing else f"{source.rstrip('/')}/debts.csv")
    reason = "write_os_error" if writing else "os_error"
    return file_error(source, reason, code="cannot_write" if writing else "bad_file", errno=name, detail=detail)
