"""A complaint record: validated on construction, and recording the same complaint again replaces it."""

from __future__ import annotations

from datetime import date

import pytest

from planner.domain.conduct import Complaint, record
from planner.errors import InvalidInput


def test_complaint__a_draft_has_no_dates():
    """A complaint not yet filed has no filing day and no reply due; the channel id is kept in lower case."""
    draft = Complaint(" cf-loan ", "NIFA")
    assert (draft.creditor, draft.channel, draft.filed, draft.reply_due) == ("cf-loan", "nifa", None, None)
    assert not draft.is_filed


def test_complaint__dates_as_people_write_them():
    """Filing and due dates are read as the case file reads dates (2026年12月1日, 2026/12/22)."""
    filed = Complaint("cf-loan", "12378", "2026年12月1日", "A-1", "2026/12/22")
    assert (filed.filed, filed.reply_due) == (date(2026, 12, 1), date(2026, 12, 22))
    assert filed.is_filed


@pytest.mark.parametrize(("values", "field", "code"), [
    ({"creditor": " "}, "creditor", "required"),
    ({"channel": ""}, "channel", "required"),
    ({"filed": None, "reply_due": date(2026, 12, 22)}, "filed", "required"),
    ({"reply_due": date(2026, 11, 30)}, "reply_due", "date_order"),
    ({"reference": "x" * 201}, "reference", "too_long"),
])
def test_complaint__bad_values_are_refused(values, field, code):
    """An empty creditor or channel, a due date without a filing or before it, an overlong reference are refused."""
    arguments = {"creditor": "cf-loan", "channel": "12378", "filed": date(2026, 12, 1), **values}
    with pytest.raises(InvalidInput) as caught:
        Complaint(**arguments)
    assert (caught.value.field, caught.value.code) == (field, code)


def test_record__replaces_the_same_complaint_and_appends_others():
    """The same creditor, channel and filing day is one complaint (a corrected reference replaces it in place);
    another day or channel is another complaint, added at the end."""
    first = Complaint("cf-loan", "12378", date(2026, 12, 1), "A-1")
    police = Complaint("cf-loan", "police", date(2026, 12, 1))
    complaints, replaced = record((first, police), Complaint("cf-loan", "12378", date(2026, 12, 1), "A-1-corrected"))
    assert replaced
    assert [c.reference for c in complaints] == ["A-1-corrected", ""]
    later = Complaint("cf-loan", "12378", date(2026, 12, 20), "A-2")
    complaints, replaced = record(complaints, later)
    assert not replaced
    assert complaints[-1] == later
    assert len(complaints) == 3
