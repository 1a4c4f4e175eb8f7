"""Complaints about collection (planner.caps.complaints): which creditor a name means, its entries, the channels
suggested for it, and recording a complaint as filed with its reply due on China's working days."""

from __future__ import annotations

from datetime import date

import pytest
from complaint_cases import NAMED, complaint_case

from planner.caps.complaints import (
    DRAFT_CHANNELS,
    creditor_entries,
    draft_channel,
    record_complaint,
    resolve_creditor,
    suggested_channels,
)
from planner.domain.conduct import Complaint
from planner.errors import InvalidInput


def test_resolve_creditor__a_debt_id_a_creditor_name_or_a_logged_name():
    """A debt is found by its id or its creditor's name; a name only the log has is its own creditor."""
    case = complaint_case()
    assert resolve_creditor(case, "cf-loan").key == "cf-loan"
    assert resolve_creditor(case, "安和消费金融有限公司").key == "cf-loan"
    named = resolve_creditor(case, NAMED)
    assert (named.key, named.kind) == (NAMED, None)


def test_resolve_creditor__unknown_lists_the_choices():
    """An unknown creditor is refused, listing the debt ids and the names logged."""
    with pytest.raises(InvalidInput) as caught:
        resolve_creditor(complaint_case(), "nosuch")
    assert (caught.value.field, caught.value.code) == ("creditor", "unknown_reference")
    assert "cf-loan" in caught.value.params["choices"]
    assert NAMED in caught.value.params["choices"]


def test_creditor_entries__only_that_creditor_s_in_time_order():
    """The entries of cf-loan are its seven, in time order; the named collector has its one."""
    case = complaint_case()
    entries = creditor_entries(case, resolve_creditor(case, "cf-loan"))
    assert len(entries) == 7
    assert [e.time for e in entries] == sorted(e.time for e in entries)
    assert len(creditor_entries(case, resolve_creditor(case, NAMED))) == 1


def test_suggested_channels__by_kind_and_findings():
    """A consumer-finance company's collectors who threatened and called at night: its own service, 12378, 12321
    and the police; a name with no kind: its own service and what its findings call for."""
    case = complaint_case()
    ids = [c.id for c in suggested_channels(case, resolve_creditor(case, "cf-loan"))]
    assert ids == ["creditor", "12378", "12321", "police"]
    named = [c.id for c in suggested_channels(case, resolve_creditor(case, NAMED))]
    assert named == ["creditor", "police"]
    assert set(ids) <= set(DRAFT_CHANNELS)


def test_draft_channel__only_the_six():
    """The six draft channels are found by id (any case); 12363 and a court are not complaint drafts."""
    assert draft_channel("NIFA").id == "nifa"
    for other in ("12363", "court", "110"):
        with pytest.raises(InvalidInput) as caught:
            draft_channel(other)
        assert caught.value.code == "unknown_choice"
        assert caught.value.params["choices"] == "creditor, 12378, nifa, 12321, 12345, police"


def test_record_complaint__12378_due_in_15_working_days():
    """Filed with 12378 on Tuesday 2026-12-01: 15 working days later is Tuesday 2026-12-22 (no holiday between),
    from holiday data, so no estimate is reported."""
    recorded = record_complaint(complaint_case(), "安和消费金融有限公司", "12378", filed=date(2026, 12, 1),
                                reference="NFRA-1")
    assert recorded.complaint == Complaint("cf-loan", "12378", date(2026, 12, 1), "NFRA-1", date(2026, 12, 22))
    assert recorded.case.complaints == (recorded.complaint,)
    assert recorded.findings == ()
    assert not recorded.replaced


def test_record_complaint__beyond_the_holiday_data_says_it_is_an_estimate():
    """Filed on 2026-12-21, the 10 working days for NIFA run into 2027, counted Monday to Friday, with a
    WORKDAYS_ESTIMATED finding for 2027."""
    recorded = record_complaint(complaint_case(), "cf-loan", "nifa", filed=date(2026, 12, 21))
    assert recorded.complaint.reply_due == date(2027, 1, 4)
    (finding,) = recorded.findings
    assert (finding.code, finding.param("year")) == ("WORKDAYS_ESTIMATED", 2027)


def test_record_complaint__calendar_days_and_no_reply_time():
    """The creditor's own service has 15 calendar days; the police give no time (no due date)."""
    case = complaint_case()
    assert record_complaint(case, "cf-loan", "creditor", filed=date(2026, 12, 1)).complaint.reply_due == \
        date(2026, 12, 16)
    police = record_complaint(case, NAMED, "police", filed=date(2026, 12, 1))
    assert police.complaint.reply_due is None
    assert police.findings == ()


def test_record_complaint__the_same_again_replaces_it():
    """Recording the same creditor, channel and day again (a corrected reference) replaces the record."""
    first = record_complaint(complaint_case(), "cf-loan", "12378", filed=date(2026, 12, 1), reference="typo")
    again = record_complaint(first.case, "cf-loan", "12378", filed=date(2026, 12, 1), reference="NFRA-1")
    assert again.replaced
    assert [c.reference for c in again.case.complaints] == ["NFRA-1"]
