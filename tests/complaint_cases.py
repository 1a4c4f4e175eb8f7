"""Builders of the complaint tests: the example case with a debtor and a small conduct log of its own (two
creditors, third parties called, calls at night, an impersonation, a fake document, evidence files)."""

from __future__ import annotations

import dataclasses
from datetime import date

from planner.domain.case import Case
from planner.domain.conduct import Attachment, LogEntry
from planner.domain.debtor import Debtor
from planner.io.examples import example_case

TODAY = date(2026, 12, 2)
ID_NUMBER = "11010519491231002X"  # GB 11643's own example number
DIGEST = "ab" * 32
RECORDING = "/home/zhangwei/证据/recording_20261120_2230.m4a"
SCREENSHOT = "C:\\Users\\zw\\证据\\IMG_20261121_0900_screenshot.png"
PHOTO = "/home/zhangwei/证据/lawyer-letter.jpg"
NAMED = "某平台委托第三方催收"


def entry(time: str, **fields: object) -> LogEntry:
    """Return a log entry about the consumer-finance loan (cf-loan) by default: a call to the debtor from one
    number."""
    values: dict[str, object] = {"channel": "call", "contacted": "debtor", "creditor": "cf-loan",
                                 "sender": "171 2345 6789", **fields}
    return LogEntry(time=time, **values)  # type: ignore[arg-type]


def attachment(path: str) -> Attachment:
    return Attachment(path, 1024, DIGEST)


LOG = (
    entry("2026-11-20 22:30", contacted="family", identity="律师", flags=("threat", "impersonation"),
          note="称要起诉并上门，让家人转告", duration_min=3, attachments=(attachment(RECORDING),)),
    entry("2026-11-20 23:10", answered=False),
    entry("2026-11-21 09:00", channel="sms", flags=("fake-document",), note="短信称已立案，附“律师函”照片",
          attachments=(attachment(SCREENSHOT), attachment(PHOTO))),
    entry("2026-11-21 10:00", contacted="colleague", flags=("disclosure",), note="打到单位前台，告诉同事本人欠款"),
    entry("2026-11-21 10:05", answered=False),
    entry("2026-11-21 10:06", answered=False),
    entry("2026-11-21 10:07", answered=False),
    entry("2026-11-22 13:00", channel="wechat", creditor=NAMED, sender="wx_collector01", contacted="family",
          flags=("doctored-image",), note="P图发到家族群"),
)
"""Seven contacts about cf-loan (two of them third parties, two at night, four calls on 11-21) and one by a
collector known only by name."""


def complaint_case(**changes: object) -> Case:
    """Return the example case with the debtor filled in and :data:`LOG` as its conduct log, with ``changes``."""
    debtor = Debtor(id_number=ID_NUMBER, phone="138 0013 8000", address="浙江省杭州市西湖区文三路 100 号")
    values: dict[str, object] = {"debtor": debtor, "conduct": LOG, **changes}
    return dataclasses.replace(example_case(), **values)  # type: ignore[arg-type]
