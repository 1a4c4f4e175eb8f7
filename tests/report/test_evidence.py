"""Tests of the evidence package: its members and manifest, hashes, the log as CSV and PDF, per-creditor packages,
attachments changed or missing since they were logged, verification of fresh and tampered packages, and bytes that
do not change between runs."""

from __future__ import annotations

import csv
import dataclasses
import hashlib
import io
import json
import re
import shutil
import stat
import subprocess
import tracemalloc
import zipfile
from datetime import date, datetime
from pathlib import Path

import pytest

from planner.domain.case import Case
from planner.domain.conduct import LogEntry
from planner.domain.debtor import Debtor
from planner.errors import InvalidInput
from planner.io.attachments import AttachmentState, attachment_for
from planner.io.casefile import save_case
from planner.report import evidence
from planner.report.evidence import (
    FINDINGS,
    LOG_CSV,
    LOG_PDF,
    MANIFEST,
    log_document,
    original_name,
    select_entries,
    verify_evidence,
    write_evidence,
)
from planner.report.model import Table, document_text
from planner.text import evidence_en, evidence_zh

TODAY = date(2026, 12, 2)
ID_NUMBER = "11010519491231002X"
POPPLER = shutil.which("pdftotext") is not None
needs_poppler = pytest.mark.skipif(not POPPLER, reason="poppler-utils is installed by .ci/run")
IMPORT_HEADERS = ["时间", "方式", "来电号码", "联系对象", "债权人", "自称身份", "标记", "时长", "接通", "备注", "附件"]


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def make_log_case(folder: Path, example: Case) -> tuple[Case, Path]:
    """Write three evidence files and a case with four entries of two creditors (one by debt id, one by a name
    the debt gives, one a name only) under ``folder``; return the case and its file."""
    files = folder / "证据"
    files.mkdir(parents=True)
    (files / "录音1120.m4a").write_bytes(bytes(range(256)) * 40)
    (files / "律师函.jpg").write_bytes(b"\xff\xd8fake-lawyer-letter" * 30)
    (files / "短信截图.png").write_bytes(b"\x89PNG sms" * 50)
    recording, letter, sms = (attachment_for(f"证据/{n}", base=folder)
                              for n in ("录音1120.m4a", "律师函.jpg", "短信截图.png"))
    conduct = (
        LogEntry(time="2026-11-20 22:30", channel="call", contacted="family", creditor="cmb-card",
                 sender="+86 171 0000 1234", identity="自称律师", flags=("threat", "impersonation"), duration_min=5,
                 note="对我母亲说再不还钱就上门，还说已经起诉，下周法院来人。" * 3, attachments=(recording,)),
        LogEntry(time="2026-11-21 08:05", channel="sms", contacted="debtor", creditor="某平台委托第三方催收",
                 sender="10690000", flags=("fake-document",), duration_min=0, note="发来伪造的律师函照片",
                 attachments=(letter, sms)),
        LogEntry(time="2026-11-21 23:10", channel="call", contacted="colleague", creditor="招商银行信用卡中心",
                 answered=False, duration_min=0),
        LogEntry(time="2026-11-22 09:00", channel="wechat", contacted="debtor", creditor="某平台委托第三方催收",
                 sender="wxid_collector", duration_min=0, note="要求今天还清"),
    )
    case = dataclasses.replace(example, conduct=conduct, debtor=Debtor(id_number=ID_NUMBER))
    path = folder / "case.json"
    save_case(case, path)
    return case, path


@pytest.fixture
def log_case(tmp_path: Path, example: Case) -> tuple[Case, Path]:
    return make_log_case(tmp_path / "case", example)


@pytest.fixture
def package(log_case, tmp_path: Path) -> tuple[Path, evidence.EvidenceReport]:
    case, path = log_case
    target = tmp_path / "证据包.zip"
    return target, write_evidence(case, target, case_path=path, today=TODAY)


def _manifest(path: Path) -> dict:
    with zipfile.ZipFile(path) as archive:
        return json.loads(archive.read(MANIFEST))


def _rewrite(source: Path, target: Path, *, change: str | None = None, drop: str | None = None,
             add: tuple[str, bytes] | None = None) -> None:
    """Copy a package member by member: one member's first byte changed, one left out, or one added."""
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w") as new:
        for info in old.infolist():
            if info.filename == drop:
                continue
            data = old.read(info)
            if info.filename == change:
                data = bytes([data[0] ^ 1]) + data[1:]
            new.writestr(info, data)
        if add is not None:
            new.writestr(*add)


# ----------------------------------------------------------------------------------------------------------------
# Members and manifest


def test_package__members_in_order_with_dated_attachment_names(package, log_case):
    """Attachments first under 附件/<date>_<time>_<entry id>_<name>, then the log as CSV and PDF, then the manifest."""
    target, report = package
    case, _ = log_case
    first, second = case.conduct[0], case.conduct[1]
    with zipfile.ZipFile(target) as archive:
        names = archive.namelist()
    assert names == [
        f"附件/2026-11-20_2230_{first.id}_录音1120.m4a",
        f"附件/2026-11-21_0805_{second.id}_律师函.jpg",
        f"附件/2026-11-21_0805_{second.id}_短信截图.png",
        LOG_CSV, LOG_PDF, FINDINGS, MANIFEST,
    ]
    assert [f.name for f in report.files] == names[:-1]
    assert report.entries == 4
    assert report.ok
    assert report.problems == ()


def test_package__attachments_are_the_files_byte_for_byte_stored(package, log_case):
    """Each attachment is packed exactly (not recompressed), timestamped with its contact's time."""
    target, _ = package
    _, path = log_case
    with zipfile.ZipFile(target) as archive:
        info = archive.getinfo(next(n for n in archive.namelist() if n.endswith("录音1120.m4a")))
        assert archive.read(info) == (path.parent / "证据" / "录音1120.m4a").read_bytes()
        assert info.compress_type == zipfile.ZIP_STORED
        assert info.date_time == (2026, 11, 20, 22, 30, 0)
        assert archive.getinfo(LOG_CSV).date_time == (2026, 12, 2, 0, 0, 0)
        assert archive.getinfo(LOG_CSV).compress_type == zipfile.ZIP_DEFLATED


def test_manifest__every_member_with_size_and_sha256(package):
    """The manifest lists every other member with the size and SHA-256 of its bytes in the zip."""
    target, report = package
    manifest = _manifest(target)
    assert manifest["format"] == "debt-planner-evidence"
    assert manifest["version"] == 1
    assert manifest["created"] == "2026-12-02"
    assert manifest["creditor"] is None
    assert manifest["entries"] == 4
    assert manifest["period"] == {"first": "2026-11-20T22:30", "last": "2026-11-22T09:00"}
    assert manifest["missing"] == []
    with zipfile.ZipFile(target) as archive:
        for item in manifest["files"]:
            data = archive.read(item["name"])
            assert item["size"] == len(data), item["name"]
            assert item["sha256"] == _sha(data), item["name"]
        assert report.manifest_sha256 == _sha(archive.read(MANIFEST))
    assert {f["name"] for f in manifest["files"]} == set(zipfile.ZipFile(target).namelist()) - {MANIFEST}


def test_manifest__attachments_carry_entry_path_and_what_was_logged(package, log_case):
    """An attachment's manifest item gives its entry, original path, time, state and the logged size and digest."""
    target, _ = package
    case, _ = log_case
    logged = case.conduct[0].attachments[0]
    item = next(f for f in _manifest(target)["files"] if f["name"].endswith("录音1120.m4a"))
    assert item["entry"] == case.conduct[0].id
    assert item["path"] == "证据/录音1120.m4a"
    assert item["time"] == "2026-11-20T22:30"
    assert item["state"] == "ok"
    assert item["logged"] == {"size": logged.size, "sha256": logged.sha256}
    assert item["sha256"] == logged.sha256
    log_items = [f for f in _manifest(target)["files"] if not f["name"].startswith("附件/")]
    assert all("state" not in f for f in log_items)


def test_package__owner_only_atomic_no_temporary_file(package, tmp_path):
    """The zip is readable by its owner only, and no temporary file is left beside it."""
    target, _ = package
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert sorted(p.name for p in tmp_path.iterdir()) == ["case", "证据包.zip"]


def test_package__a_failure_leaves_the_old_file_and_no_temporary(log_case, tmp_path, monkeypatch):
    """A failure while writing leaves an existing package as it was, and nothing else behind."""
    case, path = log_case
    target = tmp_path / "p.zip"
    target.write_bytes(b"old")

    def broken(*args, **kwargs):
        raise InvalidInput("file", "cannot_write", "x", params={"reason": "write_os_error", "os": "disk full"})

    monkeypatch.setattr(evidence, "log_pdf", broken)
    with pytest.raises(InvalidInput):
        write_evidence(case, target, case_path=path, today=TODAY)
    assert target.read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["case", "p.zip"]


def test_package__same_inputs_same_bytes(log_case, tmp_path):
    """Written twice, the package is the same bytes (fixed order and timestamps, a reproducible PDF)."""
    case, path = log_case
    first, second = tmp_path / "a.zip", tmp_path / "b.zip"
    write_evidence(case, first, case_path=path, today=TODAY)
    write_evidence(case, second, case_path=path, today=TODAY)
    assert first.read_bytes() == second.read_bytes()


# ----------------------------------------------------------------------------------------------------------------
# The log as CSV and PDF


def _csv_rows(target: Path) -> list[dict[str, str]]:
    with zipfile.ZipFile(target) as archive:
        raw = archive.read(LOG_CSV)
    assert raw.startswith(b"\xef\xbb\xbf")
    return list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))


def test_csv__chinese_headers_and_every_field(package, log_case):
    """The CSV has the import's Chinese headers, then the id, packed names and states; one row per entry."""
    target, _ = package
    case, _ = log_case
    rows = _csv_rows(target)
    assert list(rows[0]) == ["记录编号", *IMPORT_HEADERS, "包内文件", "附件状态"]
    assert len(rows) == 4
    first = rows[0]
    assert first["记录编号"] == case.conduct[0].id
    assert first["时间"] == "2026-11-20 22:30"
    assert first["方式"] == "电话"
    assert first["来电号码"] == "+86 171 0000 1234"
    assert first["联系对象"] == "家人"
    assert first["债权人"] == "cmb-card"
    assert first["自称身份"] == "自称律师"
    assert first["标记"] == "威胁、冒充公检法或律师"
    assert first["时长"] == "5"
    assert first["接通"] == "是"
    assert first["备注"] == case.conduct[0].note
    assert first["附件"] == "证据/录音1120.m4a"
    assert first["包内文件"] == f"附件/2026-11-20_2230_{case.conduct[0].id}_录音1120.m4a"
    assert first["附件状态"] == "ok"
    assert rows[1]["附件"] == "证据/律师函.jpg;证据/短信截图.png"
    assert rows[1]["附件状态"] == "ok;ok"
    assert rows[2]["接通"] == "否"
    assert rows[3]["附件"] == ""


def test_csv__english_headers(log_case, tmp_path):
    """In English the headers are the import's English column names."""
    case, path = log_case
    target = tmp_path / "en.zip"
    write_evidence(case, target, case_path=path, today=TODAY, locale="en")
    rows = _csv_rows(target)
    assert list(rows[0])[:12] == ["id", "time", "channel", "from", "contacted", "creditor", "identity", "flags",
                                  "duration_min", "answered", "note", "attachments"]
    assert rows[0]["channel"] == "call"  # English labels of the values
    assert rows[2]["answered"] == "no"


def _pdf_text(target: Path, tmp_path: Path) -> str:
    with zipfile.ZipFile(target) as archive:
        pdf = tmp_path / "log.pdf"
        pdf.write_bytes(archive.read(LOG_PDF))
    return subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout


def _flat(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _in_order(needle: str, haystack: str) -> bool:
    """Return True when the characters of ``needle`` appear in ``haystack`` in order."""
    rest = iter(haystack)
    return all(char in rest for char in needle)


@needs_poppler
def test_pdf__holds_the_incident_table(package, log_case, tmp_path):
    """The PDF's text has the title, the masked ID (never the full one), the period and every entry's cells."""
    target, _ = package
    case, _ = log_case
    text = _flat(_pdf_text(target, tmp_path))
    assert "催收记录" in text
    assert "张伟" in text
    assert "110***********002X（部分隐去）" in text
    assert ID_NUMBER not in text
    assert "2026年11月20日至2026年11月22日" in text
    for cell in ("2026-11-2022:30", "电话，5分钟", "家人", "自称律师", "电话，未接通", "同事", "10690000", "短信",
                 "微信", "招商银行信用卡中心（2条）", "某平台委托第三方催收（2条）"):
        assert cell in text, cell
    # Cells that wrap in their column interleave with their neighbours' lines: their characters come in order.
    for cell in ("+8617100001234", "威胁、冒充公检法或律师", "录音1120.m4a", "伪造法律文书", "律师函.jpg、短信截图.png",
                 "wxid_collector", "要求今天还清", _flat(case.conduct[0].note)):
        assert _in_order(cell, text), cell
    digest = case.conduct[0].attachments[0].sha256
    assert digest in text  # the attachment list, its digest in groups
    assert "与记录时一致" in text


def test_document__incident_table_columns(log_case):
    """The incident table has the columns of the brief, one row per entry, one table per creditor for all."""
    case, _ = log_case
    entries = select_entries(case)
    doc = log_document(case, entries, {}, creditor=None, today=TODAY)
    tables = [b for b in doc.blocks if isinstance(b, Table)]
    assert tables[0].columns == ("时间", "方式", "来电号码 / 账号", "联系对象", "自称身份", "标记", "备注", "证据文件")
    assert [len(t.rows) for t in tables] == [2, 2]
    assert tables[1].rows[1][1] == "微信"
    assert "—" in tables[1].rows[1]  # no claimed identity
    assert "催收记录" in document_text(doc)


def test_pdf__a_character_the_fonts_lack_is_written_as_its_code_point(log_case, tmp_path):
    """An emoji copied from a message prints as [U+1F621] in the PDF; the CSV keeps it exactly."""
    case, path = log_case
    angry = dataclasses.replace(case.conduct[3], note="要求今天还清😡")
    case = dataclasses.replace(case, conduct=(*case.conduct[:3], angry))
    target = tmp_path / "e.zip"
    write_evidence(case, target, case_path=path, today=TODAY)
    assert _csv_rows(target)[3]["备注"] == "要求今天还清😡"
    if POPPLER:
        assert "要求今天还清[U+1F621]" in _flat(_pdf_text(target, tmp_path))


# ----------------------------------------------------------------------------------------------------------------
# Per creditor


def test_creditor__by_debt_id_takes_its_name_too(log_case, tmp_path):
    """--creditor cmb-card takes the entries naming the debt id and those naming its creditor 招商银行信用卡中心."""
    case, path = log_case
    target = tmp_path / "cmb.zip"
    report = write_evidence(case, target, case_path=path, creditor="cmb-card", today=TODAY)
    assert report.entries == 2
    assert report.creditor == "cmb-card"
    manifest = _manifest(target)
    assert manifest["creditor"] == "cmb-card"
    assert [r["债权人"] for r in _csv_rows(target)] == ["cmb-card", "招商银行信用卡中心"]
    names = [f["name"] for f in manifest["files"]]
    assert sum(n.startswith("附件/") for n in names) == 1
    assert select_entries(case, "招商银行信用卡中心") == select_entries(case, "cmb-card")


def test_creditor__by_a_name_only(log_case, tmp_path):
    """A creditor known by a name only (某平台委托第三方催收) takes its entries and their attachments."""
    case, path = log_case
    target = tmp_path / "p.zip"
    report = write_evidence(case, target, case_path=path, creditor="某平台委托第三方催收", today=TODAY)
    assert report.entries == 2
    assert [a.path for a in report.attachments] == ["证据/律师函.jpg", "证据/短信截图.png"]
    doc = log_document(case, select_entries(case, "某平台委托第三方催收"), {}, creditor="某平台委托第三方催收",
                       today=TODAY)
    assert doc.title == "催收记录：某平台委托第三方催收"


def test_creditor__unknown_or_an_empty_log_is_bad_input(log_case, tmp_path, example):
    """A creditor no entry names lists the log's creditors; an empty log is refused."""
    case, path = log_case
    with pytest.raises(InvalidInput) as err:
        write_evidence(case, tmp_path / "x.zip", case_path=path, creditor="citic-card", today=TODAY)
    assert err.value.code == "unknown_reference"
    assert "某平台委托第三方催收" in err.value.params["choices"]
    with pytest.raises(InvalidInput) as err:
        write_evidence(dataclasses.replace(example, conduct=()), tmp_path / "x.zip", case_path=path, today=TODAY)
    assert err.value.code == "empty"
    assert not (tmp_path / "x.zip").exists()


# ----------------------------------------------------------------------------------------------------------------
# Attachments changed or missing since they were logged


def test_changed_attachment__packed_as_it_is_and_marked(log_case, tmp_path):
    """A file changed after logging is reported, packed as it is now, and marked with both digests."""
    case, path = log_case
    letter = path.parent / "证据" / "律师函.jpg"
    letter.write_bytes(b"edited" + letter.read_bytes()[6:])
    target = tmp_path / "c.zip"
    report = write_evidence(case, target, case_path=path, today=TODAY)
    assert not report.ok
    [problem] = report.problems
    assert problem.state is AttachmentState.CHANGED
    assert problem.path == "证据/律师函.jpg"
    assert problem.sha256 == _sha(letter.read_bytes())
    assert problem.logged_sha256 == case.conduct[1].attachments[0].sha256
    item = next(f for f in _manifest(target)["files"] if f["name"] == problem.name)
    assert item["state"] == "changed"
    assert item["sha256"] == problem.sha256
    assert item["logged"]["sha256"] == problem.logged_sha256 != item["sha256"]
    with zipfile.ZipFile(target) as archive:
        assert archive.read(problem.name) == letter.read_bytes()
    assert _csv_rows(target)[1]["附件状态"] == "changed;ok"
    assert verify_evidence(target).ok  # the package itself is intact; the manifest says what changed
    assert verify_evidence(target).marked == (("证据/律师函.jpg", case.conduct[1].id, "changed"),)
    doc = log_document(case, select_entries(case), {case.conduct[1].id: list(report.attachments[1:3])},
                       creditor=None, today=TODAY)
    assert "已改动（与记录时不一致）" in document_text(doc)


def test_missing_attachment__listed_not_packed(log_case, tmp_path):
    """A file gone since logging is reported, listed under missing in the manifest, and not in the zip."""
    case, path = log_case
    (path.parent / "证据" / "短信截图.png").unlink()
    target = tmp_path / "m.zip"
    report = write_evidence(case, target, case_path=path, today=TODAY)
    [problem] = report.problems
    assert problem.state is AttachmentState.MISSING
    assert (problem.name, problem.size, problem.sha256) == ("", None, None)
    manifest = _manifest(target)
    assert manifest["missing"] == [{
        "entry": case.conduct[1].id, "path": "证据/短信截图.png", "time": "2026-11-21T08:05", "state": "missing",
        "logged": {"size": case.conduct[1].attachments[1].size, "sha256": case.conduct[1].attachments[1].sha256}}]
    assert not any(n.endswith("短信截图.png") for n in zipfile.ZipFile(target).namelist())
    assert _csv_rows(target)[1]["附件状态"] == "ok;missing"
    assert verify_evidence(target).ok


def test_target__never_an_attachment_or_the_case(log_case):
    """The package is refused over an attachment or the case file (the evidence is never written over)."""
    case, path = log_case
    letter = path.parent / "证据" / "律师函.jpg"
    before = letter.read_bytes()
    for target in (letter, path):
        with pytest.raises(InvalidInput) as err:
            write_evidence(case, target, case_path=path, today=TODAY)
        assert err.value.code == "conflict"
    assert letter.read_bytes() == before


def test_names__sanitised_and_unique():
    """Only the last part of a path is kept, unsafe characters replaced; a second file of the same name gets _2."""
    assert original_name("证据/11月20日/录音 22:30.m4a") == "录音 22_30.m4a"
    assert original_name("C:\\Users\\张伟\\截图.png") == "截图.png"
    assert original_name("..") == "file"
    long = "录" * 200 + ".m4a"
    assert original_name(long).endswith(".m4a")
    assert len(original_name(long)) == evidence.MAX_NAME
    entry = LogEntry(time="2026-11-20 22:30", channel="call", contacted="debtor", creditor="x")
    taken: set[str] = set()
    att = attachment_stub("a/录音.m4a")
    first = evidence.packed_name(entry, att, taken)
    second = evidence.packed_name(entry, attachment_stub("b/录音.m4a"), taken)
    assert first == f"附件/2026-11-20_2230_{entry.id}_录音.m4a"
    assert second == f"附件/2026-11-20_2230_{entry.id}_录音_2.m4a"


def attachment_stub(path: str):
    from planner.domain.conduct import Attachment

    return Attachment(path, 1, "0" * 64)


def test_same_name_twice_in_one_entry(tmp_path, example):
    """Two files of one entry with the same name (different folders) are both packed."""
    for sub in ("a", "b"):
        (tmp_path / sub).mkdir()
        (tmp_path / sub / "截图.png").write_bytes(sub.encode() * 10)
    atts = tuple(attachment_for(f"{s}/截图.png", base=tmp_path) for s in ("a", "b"))
    entry = LogEntry(time="2026-11-20 22:30", channel="sms", contacted="debtor", creditor="x", attachments=atts)
    case = dataclasses.replace(example, conduct=(entry,))
    report = write_evidence(case, tmp_path / "s.zip", case_path=tmp_path / "case.json", today=TODAY)
    assert [a.name.rsplit("_", 1)[-1] for a in report.attachments] == ["截图.png", "2.png"]
    assert report.ok
    assert verify_evidence(tmp_path / "s.zip").ok


def test_absolute_attachment_path(tmp_path, example):
    """An attachment logged by an absolute path is read there, whatever the case file's folder."""
    source = tmp_path / "elsewhere" / "rec.m4a"
    source.parent.mkdir()
    source.write_bytes(b"abc" * 1000)
    entry = LogEntry(time="2026-11-20 22:30", channel="call", contacted="debtor", creditor="x",
                     attachments=(attachment_for(source),))
    case = dataclasses.replace(example, conduct=(entry,))
    report = write_evidence(case, tmp_path / "abs.zip", case_path=tmp_path / "cases" / "case.json", today=TODAY)
    assert report.ok
    assert report.attachments[0].path == str(source)


def test_streamed__a_large_attachment_is_never_held_in_memory(tmp_path, example):
    """Packing and verifying a 24 MB attachment allocates a few MB at most (1 MB blocks)."""
    big = tmp_path / "long-recording.m4a"
    with big.open("wb") as stream:
        for n in range(24):
            stream.write(bytes([n]) * (1024 * 1024))
    entry = LogEntry(time="2026-11-20 22:30", channel="call", contacted="debtor", creditor="x",
                     attachments=(attachment_for(big),))
    case = dataclasses.replace(example, conduct=(entry,))
    from planner.report.pdf import default_renderer

    default_renderer()  # fonts loaded outside the measurement
    write_evidence(case, tmp_path / "warm.zip", case_path=tmp_path / "case.json", today=TODAY)
    tracemalloc.start()
    try:
        write_evidence(case, tmp_path / "big.zip", case_path=tmp_path / "case.json", today=TODAY)
        assert verify_evidence(tmp_path / "big.zip").ok
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 8 * 1024 * 1024


# ----------------------------------------------------------------------------------------------------------------
# Verification


def test_verify__a_fresh_package_passes(package):
    """Every member matches the manifest."""
    target, report = package
    result = verify_evidence(target)
    assert result.ok
    assert result.checked == len(report.files) == 6
    assert result.manifest_sha256 == report.manifest_sha256
    assert (result.changed, result.missing, result.extra, result.problem, result.marked) == ((), (), (), "", ())


@pytest.mark.parametrize("member", ["attachment", LOG_CSV, LOG_PDF])
def test_verify__one_byte_changed_in_a_member_fails(package, tmp_path, member):
    """A member rewritten with one byte changed (its zip CRC made consistent) is named as changed."""
    target, _ = package
    name = next(n for n in zipfile.ZipFile(target).namelist() if n.startswith("附件/")) if member == "attachment" \
        else member
    tampered = tmp_path / "t.zip"
    _rewrite(target, tampered, change=name)
    result = verify_evidence(tampered)
    assert not result.ok
    assert result.changed == (name,)
    assert (result.missing, result.extra) == ((), ())


def test_verify__a_byte_flipped_in_the_zip_itself_fails(package, tmp_path):
    """A byte changed inside a stored member's data (the CRC no longer matches) fails as changed."""
    target, report = package
    data = bytearray(target.read_bytes())
    name = report.files[0].name
    with zipfile.ZipFile(target) as archive:
        info = archive.getinfo(name)
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    data[start + 100] ^= 0xFF
    tampered = tmp_path / "flip.zip"
    tampered.write_bytes(bytes(data))
    result = verify_evidence(tampered)
    assert result.changed == (name,)
    assert not result.ok


def test_verify__a_missing_or_an_extra_member_fails(package, tmp_path):
    """A member taken out is missing; a member put in is extra."""
    target, report = package
    dropped = tmp_path / "drop.zip"
    _rewrite(target, dropped, drop=LOG_PDF)
    assert verify_evidence(dropped).missing == (LOG_PDF,)
    assert not verify_evidence(dropped).ok
    added = tmp_path / "add.zip"
    _rewrite(target, added, add=("附件/2026-11-25_1200_forged_截图.png", b"forged"))
    result = verify_evidence(added)
    assert result.extra == ("附件/2026-11-25_1200_forged_截图.png",)
    assert not result.ok
    doubled = tmp_path / "double.zip"
    with pytest.warns(UserWarning, match="Duplicate name"):
        _rewrite(target, doubled, add=(report.files[0].name, b"second copy"))
    assert verify_evidence(doubled).extra == (report.files[0].name,)


def test_verify__no_manifest_a_bad_manifest_or_no_zip(package, tmp_path):
    """A package without a manifest, with one that is not a package manifest, or a file that is no zip fails."""
    target, _ = package
    bare = tmp_path / "bare.zip"
    _rewrite(target, bare, drop=MANIFEST)
    assert verify_evidence(bare).problem == "no_manifest"
    bad = tmp_path / "bad.zip"
    _rewrite(bare, bad, add=(MANIFEST, b'{"format": "something else"}'))
    assert verify_evidence(bad).problem == "bad_manifest"
    broken = tmp_path / "broken.zip"
    _rewrite(bare, broken, add=(MANIFEST, b"{not json"))
    assert verify_evidence(broken).problem == "bad_manifest"
    cut = tmp_path / "cut.zip"
    cut.write_bytes(target.read_bytes()[:-200])
    assert verify_evidence(cut).problem == "not_zip"
    for result in (verify_evidence(bare), verify_evidence(bad), verify_evidence(cut)):
        assert not result.ok


def test_verify__a_folder_or_no_file_is_bad_input(tmp_path):
    """A path that is no file raises bad_file (the CLI's exit 2)."""
    for path in (tmp_path, tmp_path / "none.zip"):
        with pytest.raises(InvalidInput) as err:
            verify_evidence(path)
        assert err.value.code == "bad_file"


# ----------------------------------------------------------------------------------------------------------------
# Wording


def test_findings__the_rule_checks_of_the_packed_entries(package, log_case, tmp_path):
    """findings.json is `planner log check --json` of the packed entries: the whole log's, or one creditor's."""
    from planner.caps.conduct import check_log
    from planner.io.export import conduct_findings_json

    target, report = package
    case, path = log_case
    with zipfile.ZipFile(target) as archive:
        data = json.loads(archive.read(FINDINGS))
    assert data == json.loads(json.dumps(conduct_findings_json(check_log(case), "zh")))
    assert report.findings == len(data["findings"]) > 0
    codes = {(f["code"], f["creditor"]) for f in data["findings"]}
    assert ("THIRD_PARTY_CONTACT", "cmb-card") in codes
    assert ("OUTSIDE_HOURS", "cmb-card") in codes
    one = tmp_path / "one.zip"
    write_evidence(case, one, case_path=path, creditor="某平台委托第三方催收", today=TODAY)
    with zipfile.ZipFile(one) as archive:
        creditors = {f["creditor"] for f in json.loads(archive.read(FINDINGS))["findings"]}
    assert creditors <= {"某平台委托第三方催收", None}


def test_catalog__key_for_key_with_the_same_placeholders():
    """Both languages word every key, with the same placeholders."""
    assert evidence_zh.EVIDENCE.keys() == evidence_en.EVIDENCE.keys()
    for key, zh in evidence_zh.EVIDENCE.items():
        fields = set(re.findall(r"\{(\w+)\}", zh))
        assert fields == set(re.findall(r"\{(\w+)\}", evidence_en.EVIDENCE[key])), key


def test_time_stamps__before_1980_are_clamped():
    """A zip entry cannot date before 1980: such a time is written as 1980-01-01."""
    assert evidence._stamp(datetime(1975, 5, 1, 10, 0)) == (1980, 1, 1, 0, 0, 0)  # noqa: DTZ001 - naive local
