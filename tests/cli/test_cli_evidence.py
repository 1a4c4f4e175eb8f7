"""Tests for ``planner evidence CASE -o FILE.zip`` and ``planner evidence verify FILE.zip``: what is written, the
exit codes (0 ok, 1 an attachment missing or changed / a package that fails, 2 bad input) and one-line errors."""

from __future__ import annotations

import dataclasses
import hashlib
import json
import zipfile
from pathlib import Path

import pytest

from planner.cli import main
from planner.domain.case import Case
from planner.domain.conduct import LogEntry
from planner.io.attachments import attachment_for
from planner.io.casefile import save_case
from planner.report.evidence import FINDINGS, LOG_CSV, LOG_PDF, MANIFEST


def run(capsys, *argv):
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def log_file(tmp_path: Path, example: Case) -> Path:
    """A case file with three entries (two creditors) and two evidence files beside it."""
    folder = tmp_path / "case"
    (folder / "证据").mkdir(parents=True)
    (folder / "证据" / "录音.m4a").write_bytes(b"recording" * 500)
    (folder / "证据" / "律师函.jpg").write_bytes(b"\xff\xd8letter" * 200)
    recording = attachment_for("证据/录音.m4a", base=folder)
    letter = attachment_for("证据/律师函.jpg", base=folder)
    conduct = (
        LogEntry(time="2026-11-20 22:30", channel="call", contacted="family", creditor="cmb-card",
                 sender="171 0000 1234", identity="自称律师", flags=("impersonation",), duration_min=4,
                 note="说已经起诉", attachments=(recording,)),
        LogEntry(time="2026-11-21 08:05", channel="sms", contacted="debtor", creditor="某平台委托第三方催收",
                 duration_min=0, note="伪造的律师函", attachments=(letter,)),
        LogEntry(time="2026-11-21 23:10", channel="call", contacted="colleague", creditor="cmb-card",
                 answered=False, duration_min=0),
    )
    path = folder / "case.json"
    save_case(dataclasses.replace(example, conduct=conduct), path)
    return path


def test_evidence__writes_the_package(log_file, tmp_path, capsys):
    """Exit 0; the zip holds the log, the attachments and the manifest; stderr says where and the digest."""
    out = tmp_path / "证据包.zip"
    code, stdout, err = run(capsys, "evidence", log_file, "-o", out)
    assert code == 0, err
    assert stdout == ""
    names = zipfile.ZipFile(out).namelist()
    assert {LOG_CSV, LOG_PDF, FINDINGS, MANIFEST} <= set(names)
    assert sum(n.startswith("附件/") for n in names) == 2
    assert f"已写入证据包 {out}：3 条记录，2 个附件。" in err
    manifest = zipfile.ZipFile(out).read(MANIFEST)
    assert hashlib.sha256(manifest).hexdigest() in err
    assert err.count("\n") == 2


def test_evidence__per_creditor(log_file, tmp_path, capsys):
    """--creditor takes that creditor's entries only."""
    out = tmp_path / "cmb.zip"
    code, _, err = run(capsys, "evidence", log_file, "--creditor", "cmb-card", "-o", out)
    assert code == 0, err
    manifest = json.loads(zipfile.ZipFile(out).read(MANIFEST))
    assert manifest["creditor"] == "cmb-card"
    assert manifest["entries"] == 2
    assert "2 条记录，1 个附件" in err


def test_evidence__same_day_same_bytes(log_file, tmp_path, capsys):
    """Two runs on the same day write the same bytes."""
    first, second = tmp_path / "a.zip", tmp_path / "b.zip"
    assert run(capsys, "evidence", log_file, "-o", first)[0] == 0
    assert run(capsys, "evidence", log_file, "-o", second)[0] == 0
    assert first.read_bytes() == second.read_bytes()


def test_evidence__a_changed_attachment_exits_1_and_is_marked(log_file, tmp_path, capsys):
    """A file changed since logging is named on stderr; the package is written with it marked; exit 1."""
    (log_file.parent / "证据" / "律师函.jpg").write_bytes(b"edited")
    out = tmp_path / "c.zip"
    code, _, err = run(capsys, "evidence", log_file, "-o", out)
    assert code == 1
    assert "附件已改动：证据/律师函.jpg" in err
    assert "现在 6 字节" in err
    assert "有 1 个附件缺失或已改动" in err
    manifest = json.loads(zipfile.ZipFile(out).read(MANIFEST))
    assert [f["state"] for f in manifest["files"] if "state" in f] == ["ok", "changed"]
    code, stdout, _ = run(capsys, "evidence", "verify", out)
    assert code == 0  # the package is intact; what changed is marked in it
    assert "导出时已标明的附件问题：证据/律师函.jpg" in stdout
    assert "已改动" in stdout


def test_evidence__a_missing_attachment_exits_1(log_file, tmp_path, capsys):
    """A file gone since logging is named; the package is written without it; exit 1."""
    (log_file.parent / "证据" / "录音.m4a").unlink()
    out = tmp_path / "m.zip"
    code, _, err = run(capsys, "evidence", log_file, "-o", out, "--lang", "en")
    assert code == 1
    assert "Attachment missing: 证据/录音.m4a" in err
    assert out.exists()
    assert json.loads(zipfile.ZipFile(out).read(MANIFEST))["missing"][0]["path"] == "证据/录音.m4a"


def test_verify__a_fresh_package_passes(log_file, tmp_path, capsys):
    """verify exits 0 and says how many files matched."""
    out = tmp_path / "p.zip"
    assert run(capsys, "evidence", log_file, "-o", out)[0] == 0
    code, stdout, err = run(capsys, "evidence", "verify", out)
    assert code == 0, err
    assert f"核验通过：{out} 中的 5 个文件与 manifest.json 一致。" in stdout
    assert "manifest.json 的 SHA-256" in stdout


def _tamper(source: Path, target: Path, *, change: str | None = None, drop: str | None = None,
            add: str | None = None) -> None:
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w") as new:
        for info in old.infolist():
            if info.filename == drop:
                continue
            data = old.read(info)
            if info.filename == change:
                data = bytes([data[0] ^ 1]) + data[1:]
            new.writestr(info, data)
        if add:
            new.writestr(add, b"forged")


def test_verify__a_tampered_package_fails(log_file, tmp_path, capsys):
    """One byte changed, a member removed, a member added: exit 1, each named."""
    out = tmp_path / "p.zip"
    assert run(capsys, "evidence", log_file, "-o", out)[0] == 0
    changed, dropped, added = tmp_path / "c.zip", tmp_path / "d.zip", tmp_path / "a.zip"
    _tamper(out, changed, change=LOG_CSV)
    _tamper(out, dropped, drop=LOG_PDF)
    _tamper(out, added, add="附件/extra.png")
    code, stdout, _ = run(capsys, "evidence", "verify", changed)
    assert code == 1
    assert f"核验未通过：{changed}" in stdout
    assert f"文件已改动：{LOG_CSV}" in stdout
    code, stdout, _ = run(capsys, "evidence", "verify", dropped)
    assert (code, f"文件缺失：{LOG_PDF}" in stdout) == (1, True)
    code, stdout, _ = run(capsys, "--lang", "en", "evidence", "verify", added)
    assert code == 1
    assert "not in the manifest: 附件/extra.png" in stdout


def test_verify__not_a_package(log_file, tmp_path, capsys):
    """A file that is no zip fails verification (exit 1), said in one line under the heading."""
    code, stdout, _ = run(capsys, "evidence", "verify", log_file)
    assert code == 1
    assert "不是可读取的 zip 文件" in stdout


@pytest.mark.parametrize(("argv", "expected"), [
    (["evidence", "{case}", "-o", "{out}"], "已存在"),  # the file exists, no --force
    (["evidence", "{case}", "-o", "{tmp}/p.pdf"], "扩展名是 .pdf"),
    (["evidence", "{case}", "-o", "{tmp}"], "文件夹"),
    (["evidence", "{case}", "--creditor", "citic-card", "-o", "{tmp}/n.zip"], "引用的对象不存在"),
    (["evidence", "{tmp}/none.json", "-o", "{tmp}/n.zip"], "不存在"),
    (["evidence", "{case}"], "请用 -o FILE.zip"),
    (["evidence", "verify"], "只接受一个 .zip 文件"),
    (["evidence", "verify", "{out}", "-o", "{tmp}/n.zip"], "只接受一个 .zip 文件"),
    (["evidence", "verify", "{tmp}/none.zip"], "不存在"),
    (["evidence", "{case}", "{out}"], "unrecognized arguments"),
    (["evidence", "{case}", "-o", "{case}", "--force"], "扩展名是 .json"),
])
def test_evidence__bad_input_is_one_line_exit_2(log_file, tmp_path, capsys, argv, expected):
    """Bad input: exit 2, one line on stderr, no traceback."""
    out = tmp_path / "exists.zip"
    out.write_bytes(b"old")
    values = {"case": str(log_file), "out": str(out), "tmp": str(tmp_path)}
    code, stdout, err = run(capsys, *(a.format(**values) for a in argv))
    assert code == 2
    assert stdout == ""
    assert err.count("\n") == 1, err
    assert "Traceback" not in err
    assert expected in err or _translated(expected) in err, err
    assert out.read_bytes() == b"old"


def _translated(text: str) -> str:
    return {"unrecognized arguments": "无法识别的参数"}.get(text, text)


def test_evidence__force_replaces_an_existing_package(log_file, tmp_path, capsys):
    """--force writes over an existing file."""
    out = tmp_path / "p.zip"
    out.write_bytes(b"old")
    assert run(capsys, "evidence", log_file, "-o", out, "--force")[0] == 0
    assert zipfile.is_zipfile(out)


def test_evidence__never_over_an_attachment(log_file, capsys):
    """A package named like an attachment (which ends in .zip) is refused: the evidence is never written over."""
    archive = log_file.parent / "证据" / "聊天记录.zip"
    archive.write_bytes(b"PK original")
    data = json.loads(log_file.read_text(encoding="utf-8"))
    size = archive.stat().st_size
    data["conduct"][1]["attachments"].append({"path": "证据/聊天记录.zip", "size": size,
                                               "sha256": hashlib.sha256(archive.read_bytes()).hexdigest()})
    log_file.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    code, _, err = run(capsys, "evidence", log_file, "-o", archive, "--force")
    assert code == 2
    assert "不能被证据包覆盖" in err
    assert archive.read_bytes() == b"PK original"


def test_evidence__help_shows_both_forms(capsys):
    """The usage gives the two command lines."""
    with pytest.raises(SystemExit):
        main(["evidence", "--help"])
    out = capsys.readouterr().out
    assert "planner evidence CASE [--creditor ID] -o FILE.zip [--force]" in out
    assert "planner evidence verify FILE.zip" in out
