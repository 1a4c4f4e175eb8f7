"""Case-file version 5: the complaints about collection (drafted or filed, with the reply due) round-trip, a
version-4 file reads with none, and bad values are located."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date

import pytest

from planner.domain.conduct import Complaint
from planner.errors import InvalidInput
from planner.io.casefile import (
    CURRENT_VERSION,
    case_from_dict,
    case_to_dict,
    dumps_case,
    load_case,
    loads_case,
)
from planner.io.examples import example_case

FILED = Complaint("cf-loan", "12378", date(2026, 12, 1), "NFRA-2026-1201-0042", date(2026, 12, 22), "接线员工号 1032")
DRAFT = Complaint("某平台委托第三方催收", "police")


def _v4_document() -> dict:
    data = case_to_dict(example_case())
    data["version"] = 4
    del data["complaints"]
    return data


def test_version__is_5():
    """The format version is 5 and a saved case lists its complaints after the conduct log."""
    data = case_to_dict(example_case())
    assert data["version"] == CURRENT_VERSION == 5
    assert list(data)[-2:] == ["conduct", "complaints"]
    assert data["complaints"] == []


def test_migrations__a_version_4_file_reads_with_no_complaints(tmp_path):
    """A version-4 file (no complaints key) opens with none and is written back as version 5."""
    path = tmp_path / "v4.json"
    path.write_text(json.dumps(_v4_document(), ensure_ascii=False), encoding="utf-8")
    case = load_case(path)
    assert case.complaints == ()
    assert case == example_case()
    assert case_to_dict(case)["version"] == 5


def test_complaints__round_trip_filed_and_drafted_in_order():
    """A filed complaint (date, reference, reply due, note) and a draft (no date) read back equal, in order."""
    case = replace(example_case(), complaints=(FILED, DRAFT))
    text = dumps_case(case)
    assert loads_case(text).complaints == (FILED, DRAFT)
    written = json.loads(text)["complaints"]
    assert written[0] == {"creditor": "cf-loan", "channel": "12378", "filed": "2026-12-01",
                          "reference": "NFRA-2026-1201-0042", "reply_due": "2026-12-22", "note": "接线员工号 1032"}
    assert written[1]["filed"] is None
    assert written[1]["reply_due"] is None


def test_complaints__optional_keys_may_be_left_out():
    """Only creditor and channel are required; a channel id is read in lower case."""
    data = case_to_dict(example_case())
    data["complaints"] = [{"creditor": "cmb-card", "channel": "NIFA"}]
    (complaint,) = case_from_dict(data).complaints
    assert complaint == Complaint("cmb-card", "nifa")


@pytest.mark.parametrize(("changes", "field", "code"), [
    ({"filed": "昨天"}, "filed", "bad_date"),
    ({"channel": ""}, "channel", "required"),
    ({"reply_due": "2026-11-01"}, "reply_due", "date_order"),
    ({"filed": None}, "filed", "required"),
])
def test_complaints__bad_values_are_located(changes, field, code):
    """A bad date, a missing channel, a reply due before the filing or without one are refused at complaints[0]."""
    data = case_to_dict(replace(example_case(), complaints=(FILED,)))
    data["complaints"][0].update(changes)
    with pytest.raises(InvalidInput) as caught:
        case_from_dict(data)
    assert (caught.value.field, caught.value.code, caught.value.where) == (field, code, "complaints[0]")


def test_complaints__unknown_keys_survive_a_save():
    """A key a newer planner wrote into a complaint is kept and written back."""
    data = case_to_dict(replace(example_case(), complaints=(FILED,)))
    data["complaints"][0]["escalated_to"] = "12378"
    again = case_to_dict(case_from_dict(data))
    assert again["complaints"][0]["escalated_to"] == "12378"
