"""``planner cap``: the interest cap for one loan and, over a period, the interest it supports.

The cap is named by its standing (:attr:`planner.caps.Cap.standing`): a confirmed legal rule gives a 法定利率上限 /
legal cap; an unconfirmed rule or a guidance figure a 参考利率上限（仅供参考，未经确认） / reference cap.

::

    planner cap --kind private --contract-date 2021-03-01 --principal 100000 --annual-rate 24 \\
                --from 2021-03-01 --to 2022-03-01 --json

JSON keys (a contract for scripts): ``kind``, ``contract_date``, ``as_of``, ``cap_rate`` (percent, two places,
"15.40"), ``rule_id``, ``scope``, ``basis`` (text with its source, Chinese; English with ``--lang en``), ``source``,
``status`` ("firm" / "check"), ``nature`` ("legal" only for a confirmed legal rule, "guidance", or "unconfirmed"),
``standing`` ("legal" / "reference"), ``findings`` (``code``, ``severity``, ``scope``, ``subject``, ``message``,
``source``, ``params``); with a period also ``from``, ``to``, ``days``, ``principal``, ``annual_rate``,
``legal_interest``, ``claimed_interest``, ``excess`` (amounts as two-place decimal strings) and ``periods``
(``from``, ``to``, ``days``, ``cap_rate``, ``rule_id``).

Options are read with the shared parsers: ``--kind 民间借贷``, dates as ``2021/3/1`` or ``2021年3月1日``, a rate
such as ``24``, ``月2%`` or ``日万分之五``, a principal such as ``100000元``. ``--as-of`` defaults to ``--to``, else
today; ``--to`` defaults to ``--as-of`` when only ``--from`` is given. Exit code 1 when a finding is an error (a
contract dated after the as-of date).
"""

from __future__ import annotations

import argparse
import sys
from datetime import date
from decimal import Decimal
from typing import Any

from planner.caps import CapQuote, quote_cap
from planner.cli import EXIT_FINDINGS, amount, finding_line, has_error, print_json, text_block
from planner.dates import parse_date
from planner.domain.checks import rate_fraction
from planner.errors import InvalidInput
from planner.io.values import kind_choices, parse_kind, parse_rate
from planner.money import money
from planner.text import catalog, choice_label, fmt, message
from planner.text.fmt import percent_2


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
    parser.add_argument("--kind", metavar="KIND", help=f"债权人类型 / creditor kind: {kind_choices()}")
    parser.add_argument("--contract-date", metavar="YYYY-MM-DD", help="合同成立日 / contract date")
    parser.add_argument("--principal", metavar="AMOUNT", help="本金（元） / principal in yuan")
    parser.add_argument("--annual-rate", metavar="RATE",
                        help="合同利率：24、24%%、月2%%、日万分之五 / contract rate (percent a year unless written "
                        "otherwise)")
    parser.add_argument("--from", dest="start", metavar="YYYY-MM-DD", help="计息起始日 / first day of the period")
    parser.add_argument("--to", dest="end", metavar="YYYY-MM-DD", help="计息截止日（不含） / end of the period")
    parser.add_argument(
        "--as-of", dest="as_of", metavar="YYYY-MM-DD", help="测算基准日，默认 --to，否则今天 / as-of date"
    )
    parser.add_argument("--json", action="store_true", help="输出 JSON / print JSON")
    parser.set_defaults(func=run)


def _date(value: str | None, field: str) -> date | None:
    return None if value is None else parse_date(value, field=field)


def quote_from_args(args: argparse.Namespace) -> CapQuote:
    """Validate the command's options and return the quote.

    Raises:
        InvalidInput: naming the option's field (``kind``, ``contract_date``, ``principal``, ``annual_rate``,
            ``from``, ``to``, ``as_of``).
    """
    if args.kind is None or not args.kind.strip():
        raise InvalidInput("kind", "required", None, params={"choices": kind_choices()})
    kind = parse_kind(args.kind)
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
    if start is not None and start < contract_date:
        raise InvalidInput("from", "date_order", start.isoformat(), params={"other": "contract_date"})
    if as_of is None:
        as_of = end or date.today()  # noqa: DTZ011 - the CLI is an edge; the core never reads the clock
    if start is not None:
        for name, value in (("principal", args.principal), ("annual_rate", args.annual_rate)):
            if value is None:
                raise InvalidInput(name, "required", None)
    rate = None if args.annual_rate is None else parse_rate(args.annual_rate, field="annual_rate")
    principal = None if args.principal is None else money(args.principal, field="principal")
    return quote_cap(kind, contract_date, as_of=as_of, annual_rate=rate, principal=principal, start=start, end=end)


def quote_to_json(quote: CapQuote, lang: str) -> dict[str, Any]:
    """Return the quote as the command's JSON object (see the module docstring for the keys)."""
    from planner.io.export import findings_json

    cap = quote.cap
    result: dict[str, Any] = {
        "kind": quote.kind.value,
        "contract_date": quote.contract_date,
        "as_of": quote.as_of,
        "cap_rate": percent_2(cap.percent),
        "rule_id": cap.rule_id,
        "scope": cap.scope.value,
        "basis": _basis(quote, lang),
        "source": cap.source,
        "status": cap.status.value,
        "nature": cap.reported_nature,
        "standing": cap.standing,
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
            "legal_interest": amount(quote.legal_interest or Decimal(0)),
            "claimed_interest": amount(quote.claimed_interest or Decimal(0)),
            "excess": amount(quote.excess or Decimal(0)),
            "periods": [
                {"from": p.start, "to": p.end, "days": p.days, "cap_rate": percent_2(p.cap.percent),
                 "rule_id": p.cap.rule_id}
                for p in quote.periods
            ],
        }
    result["findings"] = findings_json(quote.findings, lang)
    return result


def _basis(quote: CapQuote, lang: str) -> str:
    cap = quote.cap
    basis = cap.basis_en if lang == "en" else cap.basis_zh
    return message("cap.basis_json", lang, basis=basis, source=cap.source)


def quote_to_text(quote: CapQuote, lang: str) -> str:
    """Return the quote as a few readable lines (Chinese, or English with ``lang="en"``)."""
    cap = quote.cap
    heading = catalog(lang).STANDING_HEADING[cap.standing]
    lines = [
        message("cap.heading", lang, heading=heading, cap=percent_2(cap.percent), as_of=quote.as_of.isoformat()),
        message("cap.basis", lang, basis=cap.basis_en if lang == "en" else cap.basis_zh, source=cap.source),
        message("cap.status", lang, status=choice_label("rule_status", cap.status, lang), rule=cap.rule_id),
    ]
    if quote.start is not None and quote.end is not None and quote.principal is not None:
        rate = fmt.number(quote.annual_rate or Decimal(0), lang)
        lines.append(message("cap.period", lang, start=quote.start.isoformat(), end=quote.end.isoformat(),
                             days=(quote.end - quote.start).days, principal=fmt.money(quote.principal, lang),
                             rate=rate))
        if len(quote.periods) > 1:
            for p in quote.periods:
                span = f"{p.start.isoformat()} – {p.end.isoformat()} ({p.days})"
                lines.append(f"  {span}: {percent_2(p.cap.percent)}% [{p.cap.rule_id}]")
        sep = ": " if lang == "en" else "："
        for key, value in (("cap.legal_interest", quote.legal_interest), ("cap.claimed", quote.claimed_interest),
                           ("cap.excess", quote.excess)):
            lines.append(f"{message(key, lang)}{sep}{fmt.money(value or Decimal(0), lang)}")
    if quote.findings:
        lines.append(message("cap.notes", lang))
        lines += [finding_line(f, lang, indent="  ", group="loan") for f in quote.findings]
    lines.append(message("estimate.caps", lang))
    return text_block(lines)


def run(args: argparse.Namespace) -> int:
    """Run ``planner cap``; return 0, or 1 when a finding is an error."""
    quote = quote_from_args(args)
    lang = getattr(args, "lang", "zh")
    if args.annual_rate is not None:
        finding = rate_fraction(parse_rate(args.annual_rate, field="annual_rate"), "annual_rate", "loan")
        if finding is not None:
            sys.stderr.write(f"planner: {finding_line(finding, lang, group='loan')[2:]}\n")
    if args.json:
        print_json(quote_to_json(quote, lang))
    else:
        sys.stdout.write(quote_to_text(quote, lang) + "\n")
    return EXIT_FINDINGS if has_error(quote.findings) else 0
