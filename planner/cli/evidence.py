"""``planner evidence``: the evidence package (证据包) of a case's conduct log, and its verification.

* ``planner evidence CASE [--creditor ID] -o FILE.zip [--force]`` — writes the package of one creditor (a debt id
  or a name as the log gives it) or of every entry, built by :func:`planner.report.evidence.write_evidence`; one
  line says what went where, another gives the manifest's SHA-256 to note down. An attachment missing or changed
  since it was logged is named on stderr, packed as it is (or listed as missing) and marked in the manifest, and
  the command exits 1.
* ``planner evidence verify FILE.zip`` — re-hashes every member against ``manifest.json``
  (:func:`planner.report.evidence.verify_evidence`): exit 0 when the package is as exported, 1 with one line per
  member changed, missing or not in the manifest. Attachments the manifest marked at export are named, but do not
  fail a package that is intact.

Exit code 2 with one line for bad input (an unknown creditor, an existing file without ``--force``, a name not
ending in .zip, a case or package that cannot be read), never a traceback.
"""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

from planner.cli import EXIT_FINDINGS, UsageError
from planner.cli.files import output_path
from planner.errors import InvalidInput
from planner.text import evidence_text

SUFFIX = ".zip"
VERIFY = "verify"


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``evidence`` command (its ``verify`` form is ``planner evidence verify FILE.zip``)."""
    cmd = sub.add_parser(
        "evidence",
        usage="planner evidence CASE [--creditor ID] -o FILE.zip [--force]\n"
              "       planner evidence verify FILE.zip",
        help="evidence package (.zip) of the conduct log, and its verification / 催收证据包（.zip）及核验",
        description="Write the evidence package of a case's conduct log: the log as CSV and PDF, every attachment "
        "under a dated name, the findings and a manifest with each file's size and SHA-256; or check a package "
        "against its manifest. 导出催收证据包：记录（CSV、PDF）、按日期命名的全部附件、规则检查结果，以及列明每个文件"
        "大小和 SHA-256 的清单；或按清单核验证据包。",
    )
    cmd.add_argument("case", metavar="CASE", help="case file (.json), or `verify` / 案例文件，或 verify")
    cmd.add_argument("package", nargs="?", metavar="FILE.zip", help="with verify: the package to check / 要核验的证据包")
    cmd.add_argument("--creditor", metavar="ID",
                     help="only this creditor's entries: a debt id (e.g. cmb-card) or a name as the log gives it; "
                          "default all / 只导出该债权人的记录（债务编号或名称；默认全部）")
    cmd.add_argument("-o", "--output", metavar="FILE.zip", help="the package to write (.zip) / 要写入的证据包")
    cmd.add_argument("--force", action="store_true", help="replace an existing file / 覆盖已有文件")
    cmd.set_defaults(func=run_evidence, evidence_parser=cmd)


def run_evidence(args: argparse.Namespace) -> int:
    """Write a package, or verify one (``planner evidence verify FILE.zip``)."""
    parser: argparse.ArgumentParser = args.evidence_parser
    if args.package is not None:
        if args.case != VERIFY:
            parser.error(f"unrecognized arguments: {args.package}")
        if args.creditor is not None or args.output is not None or args.force:
            msg = f"planner evidence: {evidence_text('cli.verify_form', args.lang)}"
            raise UsageError(msg)
        return _verify(args.package, args.lang)
    if args.case == VERIFY and args.output is None:  # `planner evidence verify` without its package
        msg = f"planner evidence: {evidence_text('cli.verify_form', args.lang)}"
        raise UsageError(msg)
    if args.output is None:
        msg = f"planner evidence: {evidence_text('cli.needs_output', args.lang)}"
        raise UsageError(msg)
    return _export(args)


def _output(path: str, force: bool, lang: str) -> Path:
    return output_path(path, suffix=SUFFIX, content=evidence_text("cli.content", lang), example="证据包", force=force,
                       exists="file_exists")


def _export(args: argparse.Namespace) -> int:
    from planner.io.casefile import load_case
    from planner.report.evidence import write_evidence

    lang = args.lang
    target = _output(args.output, args.force, lang)
    case = load_case(args.case)
    try:
        report = write_evidence(case, target, case_path=args.case, creditor=args.creditor, locale=lang,
                                today=date.today())  # noqa: DTZ011 - the CLI is an edge; the core never reads the clock
    except InvalidInput as err:
        if err.code == "conflict" and err.field == "file":
            msg = f"planner evidence: {evidence_text('cli.same_file', lang, path=args.output)}"
            raise UsageError(msg) from err
        raise
    lines = report.problem_lines(lang)
    packed = report.packed
    lines.append(evidence_text("cli.written", lang, path=args.output, entries=report.entries, packed=packed))
    lines.append(evidence_text("cli.digest", lang, sha256=report.manifest_sha256))
    if report.problems:
        lines.append(evidence_text("cli.problems", lang, count=len(report.problems)))
    sys.stderr.write("".join(f"planner: {line}\n" for line in lines))
    return 0 if report.ok else EXIT_FINDINGS


def _verify(path: str, lang: str) -> int:
    from planner.report.evidence import verify_evidence

    report = verify_evidence(path)
    lines = []
    if report.ok:
        lines.append(evidence_text("verify.ok", lang, path=path, count=report.checked))
    else:
        lines.append(evidence_text("verify.failed", lang, path=path))
        if report.problem:
            lines.append("  " + evidence_text(f"verify.{report.problem}", lang))
        lines += ["  " + evidence_text("verify.changed", lang, name=n) for n in report.changed]
        lines += ["  " + evidence_text("verify.missing", lang, name=n) for n in report.missing]
        lines += ["  " + evidence_text("verify.extra", lang, name=n) for n in report.extra]
    for file, entry, state in report.marked:
        shown = evidence_text(f"state.{state}", lang) if state in ("changed", "missing") else state
        lines.append(evidence_text("verify.marked", lang, path=file, entry=entry, state=shown))
    if report.manifest_sha256:
        lines.append(evidence_text("verify.digest", lang, sha256=report.manifest_sha256))
    sys.stdout.write("".join(f"{line}\n" for line in lines))
    return 0 if report.ok else EXIT_FINDINGS
