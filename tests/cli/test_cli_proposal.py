"""`planner proposal`: one creditor, every creditor, a caseload with a broken case; clear errors."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from planner.cli import main
from planner.io.casefile import load_case, save_case
from planner.io.examples import example_case

pytestmark = pytest.mark.slow
SCENARIO = "全部停息分期60期"


def _pdf_text(path: Path) -> str:
    if shutil.which("pdftotext") is None:
        pytest.skip("poppler-utils is installed by .ci/run")
    return subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout


def test_one_creditor__writes_the_pdf_and_prints_the_reminder(case_file, tmp_path, capsys):
    """One PDF for the creditor asked for; the reminder to get written confirmation is printed."""
    target = tmp_path / "cmb.pdf"
    code = main(["proposal", str(case_file), "--creditor", "cmb-card", "--scenario", SCENARIO, "-o", str(target),
                 "--date", "2026-12-02"])
    out, err = capsys.readouterr()
    assert code == 0
    assert target.read_bytes().startswith(b"%PDF")
    assert "招商银行信用卡中心" in _pdf_text(target)
    assert "先拿到书面确认" in out
    assert "第七十条" in out
    assert "已写入 1 份" in err
    assert "还没有填写身份证号" in err  # the preparer is told what is missing


def test_one_creditor__a_folder_as_output_takes_the_default_name(case_file, tmp_path):
    """-o naming an existing folder writes the proposal into it under its creditor's name."""
    assert main(["proposal", str(case_file), "--creditor", "private-loan", "--scenario", SCENARIO,
                 "-o", str(tmp_path)]) == 0
    assert (tmp_path / "private-loan-李某（个人出借人）.pdf").exists()


def test_all__one_pdf_per_creditor(case_file, tmp_path, capsys):
    """--all writes one PDF per debt of the case."""
    out_dir = tmp_path / "out"
    assert main(["proposal", str(case_file), "--scenario", SCENARIO, "--all", "-o", str(out_dir)]) == 0
    names = sorted(p.name for p in out_dir.glob("*.pdf"))
    assert [n.split("-")[0] for n in names] == ["cf", "citic", "cmb", "online", "private"]
    assert "已写入 5 份" in capsys.readouterr().err


def test_show_id__full_only_when_asked(tmp_path):
    """The ID number is masked in the PDF unless --show-id is given."""
    import dataclasses

    from planner.domain.debtor import Debtor

    case = dataclasses.replace(example_case(), debtor=Debtor(id_number="11010519491231002X"))
    path = tmp_path / "case.json"
    save_case(case, path)
    masked, full = tmp_path / "m.pdf", tmp_path / "f.pdf"
    assert main(["proposal", str(path), "--creditor", "cmb-card", "-o", str(masked)]) == 0
    assert main(["proposal", str(path), "--creditor", "cmb-card", "-o", str(full), "--show-id"]) == 0
    assert "11010519491231002X" not in _pdf_text(masked)
    assert "11010519491231002X" in _pdf_text(full)


def test_english__lang_en_writes_the_english_letter(case_file, tmp_path):
    """--lang en gives the English letter."""
    target = tmp_path / "en.pdf"
    assert main(["proposal", str(case_file), "--creditor", "cmb-card", "-o", str(target), "--lang", "en"]) == 0
    assert "Application for a negotiated repayment plan" in _pdf_text(target)


@pytest.mark.parametrize(("args", "expected"), [
    (["--creditor", "nope"], "cmb-card"),
    (["--creditor", "cmb-card", "--scenario", "nope"], SCENARIO),
    ([], "--creditor"),
    (["--creditor", "cmb-card", "--all"], "--all"),
    (["--creditor", "cmb-card", "--date", "2026-13-01"], "2026-01-15"),
])
def test_errors__one_clear_line_and_exit_2(case_file, tmp_path, capsys, args, expected):
    """Bad options are reported in one line naming the fix, with exit code 2 and no file."""
    target = tmp_path / "x.pdf"
    assert main(["proposal", str(case_file), "-o", str(target), *args]) == 2
    err = capsys.readouterr().err
    assert expected in err
    assert "Traceback" not in err
    assert len(err.strip().splitlines()) == 1
    assert not target.exists()


def test_errors__an_existing_pdf_needs_force(case_file, tmp_path, capsys):
    """An existing file is not replaced without --force."""
    target = tmp_path / "x.pdf"
    target.write_bytes(b"mine")
    assert main(["proposal", str(case_file), "--creditor", "cmb-card", "-o", str(target)]) == 2
    assert "--force" in capsys.readouterr().err
    assert target.read_bytes() == b"mine"
    assert main(["proposal", str(case_file), "--creditor", "cmb-card", "-o", str(target), "--force"]) == 0
    assert target.read_bytes().startswith(b"%PDF")


def test_errors__a_missing_character_is_named(tmp_path, capsys):
    """An emoji in the statement stops the letter with the character, the field and the fix."""
    import dataclasses

    from planner.domain.debtor import Debtor

    path = tmp_path / "case.json"
    save_case(dataclasses.replace(example_case(), debtor=Debtor(statement="没钱了😭")), path)
    assert main(["proposal", str(path), "--creditor", "cmb-card", "-o", str(tmp_path / "x.pdf")]) == 2
    err = capsys.readouterr().err
    assert "😭" in err
    assert "--font" in err


def test_caseload__a_broken_case_is_reported_and_the_rest_finish(case_file, tmp_path, capsys):
    """A folder of cases with one broken file: the good ones are written, the broken one reported, exit 1."""
    cases = tmp_path / "cases"
    cases.mkdir()
    for name in ("a", "b", "c"):
        shutil.copy(case_file, cases / f"{name}.json")
    (cases / "broken.json").write_text('{"version": 3, "debts": ', encoding="utf-8")
    case = load_case(case_file)
    wrong = json.loads((cases / "a.json").read_text(encoding="utf-8"))
    wrong["debts"][0]["contract_date"] = "2027-06-01"  # after the as-of date: an error finding
    (cases / "future.json").write_text(json.dumps(wrong, ensure_ascii=False), encoding="utf-8")
    out = tmp_path / "out"
    code = main(["proposal", str(cases), "--all", "-o", str(out), "--jobs", "2", "--scenario", SCENARIO])
    stdout = capsys.readouterr().out
    assert code == 1
    for name in ("a", "b", "c"):
        assert len(list((out / name).glob("*.pdf"))) == len(case.debts)
    assert not (out / "broken").exists()
    assert "broken.json" in stdout
    assert "future.json" in stdout
    assert "5 个案例：3 个完成，2 个失败；写入 15 份申请书" in stdout


def test_caseload__needs_all_and_cases(tmp_path, capsys):
    """A folder needs --all; an empty folder says it holds no case."""
    assert main(["proposal", str(tmp_path), "-o", str(tmp_path / "o")]) == 2
    assert "--all" in capsys.readouterr().err
    assert main(["proposal", str(tmp_path), "--all", "-o", str(tmp_path / "o")]) == 2
    assert "*.json" in capsys.readouterr().err


def test_caseload__one_job_runs_in_process(case_file, tmp_path, capsys):
    """--jobs 1 needs no pool and gives the same files."""
    cases = tmp_path / "cases"
    cases.mkdir()
    shutil.copy(case_file, cases / "a.json")
    assert main(["proposal", str(cases), "--all", "-o", str(tmp_path / "out"), "--jobs", "1"]) == 0
    assert len(list((tmp_path / "out" / "a").glob("*.pdf"))) == 5
    assert "1 个完成" in capsys.readouterr().out
