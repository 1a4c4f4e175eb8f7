"""``planner cap``: the interest cap for one loan and, over a period, the interest it supports.

The cap is named by its rule (:attr:`planner.caps.Cap.wording`): a confirmed legal rule gives a 法定利率上限 /
legal cap; an unconfirmed rule or a guidance figure a 参考利率上限（仅供参考，未经确认） / reference cap.

::

    planner cap --kind private --contract-date 2021-03-01 --principal 100000 --annual-rate 24 \\
                --from 2021-03-01 --to 2022-03-01 --json

JSON keys (a contract for scripts): ``kind``, ``contract_date``, ``as_of``, ``cap_rate`` (percent, two places,
"15.40"), ``rule_id``, ``scope``, ``basis`` (text with its source, Chinese; English with ``--lang en``), ``source``,
``status`` ("firm" / "check"), ``nature`` ("legal" / "guidance"), ``findings`` (``code``, ``severity``, ``message``, ``source``); with a period also
``from``, ``to``, ``days``, ``principal``, ``annual_rate``, ``legal_interest``, ``claimed_interest``, ``excess``
(amounts as two-place decimal strings) and ``periods`` (``from``, ``to``, ``days``, ``cap_rate``, ``rule_id``).

``--as-of`` defaults to ``--to``, else today; ``--to`` defaults to ``--as-of`` when only ``--from`` is given.
Every option is parsed here, not by argparse, so bad values raise :class:`planner.errors.InvalidInput` and the
shared plumbing prints one line naming the field and the fix (exit code 2).
"""

from __future__ import annotations

import argparse
import sys
from datetime import date
from decimal import Decimal
from typing import Any

from planner.caps import CapQuote, RuleStatus, percent_text, quote_cap
from planner.cli import amount, print_json
from planner.dates import parse_date
from planner.domain.model import CreditorKind
from planner.errors import InvalidInput
from planner.findings import Severity

_KINDS = ", ".join(k.value for k in CreditorKind)
_SEVERITY_ZH = {Severity.INFO: "提示", Severity.WARNING: "注意", Severity.ERROR: "错误"}
_STATUS_ZH = {RuleStatus.FIRM: "已确认", RuleStatus.CHECK: "待核实（请作为可修改的数据看待）"}
_STATUS_EN = {RuleStatus.FIRM: "firm", RuleStatus.CHECK: "to be checked (treat as editable data)"}


def register(subparsers: Any) -> None:
    """Add the ``cap`` command to ``subparsers``."""
    parser = subparsers.add_parser(
        "cap",
        help="利率上限（法定或参考）与超出部分 / interest cap (legal or reference) and the excess above it",
        description="按债权人类型和合同日期给出利率上限（已确认的法定上限，或仅供参考的参考上限）；给出期间时，"
        "计算上限内利息、合同利息和超出部分。 / The interest cap by creditor kind and contract date (a confirmed"
        " legal cap, or a reference cap for guidance); with a period, the interest it supports, the contract"
        " interest and the excess.",
    )
    parser.add_argument("--kind", metavar="KIND", help=f"债权人类型 / creditor kind: {_KINDS}")
    parser.add_argument("--contract-date", metavar="YYYY-MM-DD", help="合同成立日 / contract date")
    parser.add_argument("--principal", metavar="AMOUNT", help="本金（元） / principal in yuan")
    parser.add_argument("--annual-rate", metavar="PERCENT", help="合同年利率 %% / contract rate, percent a year")
    parser.add_argument("--from", dest="start", metavar="YYYY-MM-DD", help="计息起始日 / first day of the period")
    parser.add_argument("--to", dest="end", metavar="YYYY-MM-DD", help="计息截止日（不含） / end of the period")
    parser.add_argument(
        "--as-of", dest="as_of", metavar="YYYY-MM-DD", help="测算基准日，默认 --to，否则今天 / as-of date"
    )
    parser.add_argument("--json", action="store_true", help="输出 JSON / print JSON")
    parser.set_defaults(func=run)


def _kind(value: str | None) -> CreditorKind:
    if value is None or not value.strip():
        raise InvalidInput("kind", "required", None, params={"choices": _KINDS})
    try:
        return CreditorKind(value.strip())
    except ValueError:
        raise InvalidInput("kind", "unknown_choice", value, params={"choices": _KINDS}) from None


def _date(value: str | None, field: str) -> date | None:
    return None if value is None else parse_date(value, field=field)


def quote_from_args(args: argparse.Namespace) -> CapQuote:
    """Validate the command's options and return the quote.

    Raises:
        InvalidInput: naming the option's field (``kind``, ``contract_date``, ``principal``, ``annual_rate``,
            ``from``, ``to``, ``as_of``).
    """
    kind = _kind(args.kind)
    if args.contract_date is None:
        raise InvalidInput("contract_date", "required", None)
    contract_date = parse_date(args.contract_date, field="contract_date")
    start = _date(args.start, "from")
    end = _date(args.end, "to")
    as_of = _date(args.as_of, "as_of")
    if end is None and start is not None:
        if as_of is None:
            raise InvalidInput("to", "required", None)
        end = as_of
    if start is None and end is not None:
        raise InvalidInput("from", "required", None)
    if start is not None and end is not None and end < start:
        raise InvalidInput("to", "date_order", end.isoformat(), params={"other": "from"})
    if as_of is None:
        as_of = end or date.today()  # noqa: DTZ011 - the CLI is an edge; the core never reads the clock
    if start is not None:
        for name, value in (("principal", args.principal), ("annual_rate", args.annual_rate)):
            if value is None:
                raise InvalidInput(name, "required", None)
    return quote_cap(
        kind,
        contract_date,
        as_of=as_of,
        annual_rate=args.annual_rate,
        principal=args.principal,
        start=start,
        end=end,
    )


def quote_to_json(quote: CapQuote, lang: str) -> dict[str, Any]:
    """Return the quote as the command's JSON object (see the module docstring for the keys)."""
    cap = quote.cap
    result: dict[str, Any] = {
        "kind": quote.kind.value,
        "contract_date": quote.contract_date,
        "as_of": quote.as_of,
        "cap_rate": percent_text(cap.percent),
        "rule_id": cap.rule_id,
        "scope": cap.scope.value,
        "basis": _basis(quote, lang),
        "source": cap.source,
        "status": cap.status.value,
        "nature": cap.nature.value,
    }
    if quote.principal is not None:
        result["principal"] = amount(quote.principal)
    if quote.annual_rate is not None:
        result["annual_rate"] = f"{quote.annual_rate:f}"
    if quote.start is not None and quote.end is not None:
        result |= {
            "from": quote.start,
            "to": quote.end,
            "days": (quote.end - quote.start).days,
            "legal_interest": amount(quote.legal_interest),
            "claimed_interest": amount(quote.claimed_interest or Decimal(0)),
            "excess": amount(quote.excess or Decimal(0)),
            "periods": [
                {
                    "from": p.start,
                    "to": p.end,
                    "days": p.days,
                    "cap_rate": percent_text(p.cap.percent),
                    "rule_id": p.cap.rule_id,
                }
                for p in quote.periods
            ],
        }
    result["findings"] = [
        {"code": f.code, "severity": f.severity.value, "message": f.message(lang), "source": f.source}
        for f in quote.findings
    ]
    return result


def _basis(quote: CapQuote, lang: str) -> str:
    cap = quote.cap
    if lang == "en":
        return f"{cap.basis_en} (source: {cap.source})"
    return f"{cap.basis_zh}（依据：{cap.source}）"


def _yuan(value: Decimal) -> str:
    return f"¥{Decimal(amount(value)):,}"


def quote_to_text(quote: CapQuote, lang: str) -> str:
    """Return the quote as a few readable lines (Chinese, or English with ``lang="en"``)."""
    cap = quote.cap
    en = lang == "en"
    heading = cap.wording.heading_en if en else cap.wording.heading_zh
    lines = [
        f"{heading}: {percent_text(cap.percent)}% a year (365-day year), as of {quote.as_of.isoformat()}"
        if en
        else f"{heading}：年化 {percent_text(cap.percent)}%（按 365 天计，测算基准日 {quote.as_of.isoformat()}）",
        f"Basis: {_basis(quote, lang)}" if en else f"规则：{_basis(quote, lang)}",
        f"Status: {_STATUS_EN[cap.status]} (rule {cap.rule_id})"
        if en
        else f"状态：{_STATUS_ZH[cap.status]}（规则 {cap.rule_id}）",
    ]
    if quote.start is not None and quote.end is not None and quote.principal is not None:
        days = (quote.end - quote.start).days
        first, last = quote.start.isoformat(), quote.end.isoformat()
        rate = f"{(quote.annual_rate or Decimal(0)).normalize():f}"
        if en:
            lines.append(
                f"Period: {first} to {last} ({days} days), principal {_yuan(quote.principal)}, contract rate {rate}%"
            )
        else:
            lines.append(f"期间：{first} 至 {last}（{days} 天），本金 {_yuan(quote.principal)}，合同年利率 {rate}%")
        if len(quote.periods) > 1:
            for p in quote.periods:
                span = f"{p.start.isoformat()} – {p.end.isoformat()} ({p.days})"
                lines.append(f"  {span}: {percent_text(p.cap.percent)}% [{p.cap.rule_id}]")
        labels = (
            ("Interest within the cap", "Contract interest", "Excess")
            if en
            else ("上限内利息", "合同约定利息", "超出部分")
        )
        figures = (quote.legal_interest, quote.claimed_interest, quote.excess)
        for label, value in zip(labels, figures, strict=True):
            lines.append(f"{label}: {_yuan(value or Decimal(0))}" if en else f"{label}：{_yuan(value or Decimal(0))}")
    if quote.findings:
        lines.append("Notes:" if en else "提示：")
        for finding in quote.findings:
            tag = finding.severity.value if en else _SEVERITY_ZH[finding.severity]
            lines.append(f"  [{tag}] {finding.message(lang)}")
    lines.append(
        "A planner estimate with its sources, not legal advice or a court's figure."
        if en
        else "以上为本工具依据所列规定的测算，供协商参考，不是法律意见，也不是法院认定的金额。"
    )
    return "\n".join(lines)


def run(args: argparse.Namespace) -> int:
    """Run ``planner cap``; return 0."""
    quote = quote_from_args(args)
    lang = getattr(args, "lang", "zh")
    if args.json:
        print_json(quote_to_json(quote, lang))
    else:
        sys.stdout.write(quote_to_text(quote, lang) + "\n")
    return 0
