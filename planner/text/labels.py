"""Column and series labels for tables, charts and the CLI: English identifiers → Chinese (and English) text.

One mapping serves every presentation layer, so a table, a chart and a document name a figure the same way.
"""

from __future__ import annotations

import re
from decimal import Decimal

from planner.money import round_fen

LABELS_ZH: dict[str, str] = {
    "scenario": "方案",
    "affordable": "每月可负担",
    "shortfall_months": "超支月数",
    "total_paid": "还款总额",
    "total_interest": "利息合计",
    "total_fees": "费用合计",
    "total_waived": "减免合计",
    "remaining": "期末未还",
    "total_cost": "总成本",
    "saving": "较维持现状节省",
    "debt_free_date": "还清日期",
    "largest_monthly_payment": "最高月还款",
    "largest_share_of_disposable": "最高占可支配收入(%)",
    "debt_id": "编号",
    "creditor": "债权人",
    "kind": "类型",
    "interest": "利息",
    "fees": "费用",
    "waived": "减免",
    "largest_payment": "最高单期还款",
    "share_of_disposable": "占可支配收入(%)",
    "apr_percent": "真实年化利率(%)",
    "month": "月份序号",
    "date": "日期",
    "income": "收入",
    "expenses": "必要支出",
    "reserve": "储备",
    "disposable": "可用于还款",
    "payments": "还款合计",
    "surplus": "结余",
    "balance": "剩余欠款",
    "period": "期数",
    "due_date": "还款日",
    "payment": "月供",
    "principal": "本金",
    "fee": "手续费",
    "cap_rate": "利率上限(%)",
    "cap_basis": "依据",
    "supportable": "可支持金额",
    "claimed": "主张金额",
    "excess": "超出部分",
    "cost_rate_percent": "合同综合年化(%)",
    "status": "状态",
    "plan": "方案内容",
    "policy": "还款策略",
    "months_to_debt_free": "还清所需月数",
    "interest_saved": "较只还最低节省利息",
}

LABELS_EN: dict[str, str] = {key: key.replace("_", " ") for key in LABELS_ZH}


def label(key: str, locale: str = "zh") -> str:
    """Return the display label of ``key`` in ``locale`` (the key itself when unknown)."""
    table = LABELS_EN if locale == "en" else LABELS_ZH
    return table.get(key, key)


_BUILT_IN_SCENARIOS_EN = {"维持现状": "Status quo", "按余额比例分配": "Pro-rata split"}
_SHORTEST_TERM = re.compile(r"最短可负担分期（(\d+)期）")


def scenario_label(name: str, locale: str = "zh") -> str:
    """Return a scenario's display name: the planner's own scenario names in English when asked; user names as
    they are."""
    if locale != "en":
        return name
    match = _SHORTEST_TERM.fullmatch(name)
    if match:
        return f"Shortest affordable term ({match.group(1)} months)"
    return _BUILT_IN_SCENARIOS_EN.get(name, name)


def signed_yuan(amount: Decimal) -> str:
    """Return an amount for display with the sign before the yuan sign: "¥1,234.50", "-¥300.00"."""
    text = f"¥{round_fen(amount.copy_abs()):,.2f}"  # rounded half up first: format() alone rounds half-even
    return f"-{text}" if amount < 0 else text
