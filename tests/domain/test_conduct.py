"""The conduct log's entries: times as people write them in China's time, choices, limits, keys, merging."""

from __future__ import annotations

from datetime import datetime

import pytest

from planner.domain.conduct import Attachment, Contacted, Flag, LogEntry, merge_entries, parse_time
from planner.errors import InvalidInput


@pytest.mark.parametrize(("text", "expected"), [
    ("2026-11-20 22:30", datetime(2026, 11, 20, 22, 30)),  # noqa: DTZ001
    ("2026/11/20 22:30", datetime(2026, 11, 20, 22, 30)),  # noqa: DTZ001
    ("2026.11.20 7:05", datetime(2026, 11, 20, 7, 5)),  # noqa: DTZ001
    ("2026年11月20日 22点30分", datetime(2026, 11, 20, 22, 30)),  # noqa: DTZ001
    ("2026年11月20日 晚上10点30", datetime(2026, 11, 20, 22, 30)),  # noqa: DTZ001
    ("2026年11月20日 下午3点", datetime(2026, 11, 20, 15, 0)),  # noqa: DTZ001
    ("2026-11-20T22:30:59", datetime(2026, 11, 20, 22, 30)),  # noqa: DTZ001
    ("2026-11-20T14:30Z", datetime(2026, 11, 20, 22, 30)),  # noqa: DTZ001
    ("2026-11-20T23:30+09:00", datetime(2026, 11, 20, 22, 30)),  # noqa: DTZ001
    ("2026-11-20T16:30-00:00", datetime(2026, 11, 21, 0, 30)),  # noqa: DTZ001 - past midnight in China
    ("2026-11-20", datetime(2026, 11, 20, 0, 0)),  # noqa: DTZ001
])
def test_parse_time__as_people_write_it_in_china_time(text, expected):
    assert parse_time(text) == expected


@pytest.mark.parametrize(("text", "code"), [("昨晚", "bad_time"), ("2026-11-20 25:00", "bad_time"),
                                            ("2026-02-30 10:00", "no_such_date"), ("", "bad_time")])
def test_parse_time__refuses_what_is_no_time(text, code):
    with pytest.raises(InvalidInput) as caught:
        parse_time(text)
    assert caught.value.code == code


def _entry(**changes):
    values = {"time": "2026-11-20 22:30", "channel": "call", "contacted": "family",
              "creditor": "online-loan"}
    return LogEntry(**{**values, **changes})


def test_entry__choices_flags_once_and_third_party():
    entry = _entry(flags=("threat", "insult", "threat"))
    assert entry.flags == (Flag.THREAT, Flag.INSULT)
    assert entry.is_third_party is True
    assert _entry(contacted="guarantor").is_third_party is False
    assert Contacted.DEBTOR.is_third_party is False


@pytest.mark.parametrize(("changes", "field", "code"), [
    ({"channel": "pigeon"}, "channel", "unknown_choice"),
    ({"contacted": "neighbour"}, "contacted", "unknown_choice"),
    ({"creditor": " "}, "creditor", "required"),
    ({"flags": ("rude",)}, "flags", "unknown_choice"),
    ({"duration_min": "abc"}, "duration_min", "not_integer"),
    ({"duration_min": 2000}, "duration_min", "out_of_range"),
    ({"note": "长" * 5001}, "note", "too_long"),
])
def test_entry__bad_values_name_their_field(changes, field, code):
    with pytest.raises(InvalidInput) as caught:
        _entry(**changes)
    assert (caught.value.field, caught.value.code) == (field, code)


def test_attachment__digest_and_size_checked():
    assert Attachment("a.png", 3, "AB" * 32).sha256 == "ab" * 32
    with pytest.raises(InvalidInput):
        Attachment("a.png", 3, "nothex")
    with pytest.raises(InvalidInput):
        Attachment("", 3, "ab" * 32)


def test_merge__the_same_contact_twice_adds_nothing():
    first, second = _entry(), _entry(time="2026-11-21 09:00")
    log, added = merge_entries((first,), (second, _entry(), second))
    assert added == 1
    assert log == (first, second)
    assert first.id == _entry(note="another note").id  # the key, not the note, makes it the same contact
