"""Errors raised for bad input, and their bilingual wording.

Two kinds of problem exist in the planner (see docs/ARCHITECTURE.md):

* **Bad input** raises :class:`InvalidInput`. It carries structured fields — the field, a rule code, the value given,
  and where it came from (a row, a JSON path) — so the CLI and the UI can build a Chinese or an English message
  from them without parsing exception text.
* **Domain findings** (a rate above a legal cap, stale LPR data) are never raised: they are returned as
  :class:`planner.findings.Finding` records.

This module imports nothing from the rest of the package.
"""

from __future__ import annotations

import re
from typing import Any

# rule code -> (English rule, Chinese rule, English fix, Chinese fix); {placeholders} come from ``params``.
RULES: dict[str, tuple[str, str, str, str]] = {
    "required": ("is required", "不能为空", "fill it in", "请填写此项"),
    "not_a_number": (
        "must be a number",
        "必须是数字",
        "type digits such as 1234.56 (no units or letters)",
        "请输入数字，例如 1234.56（不要带单位或文字）",
    ),
    "float_refused": (
        "must not be a binary float",
        "必须写成文本形式的数字（小数不能写成普通数字）",
        'write it as text, e.g. "1234.56" in a case file, or pass a str or Decimal in code',
        '请加上双引号，写成 "1234.56" 的形式',
    ),
    "not_finite": ("must be a finite number", "必须是有限的数字", "enter a real amount", "请输入实际金额"),
    "not_integer": ("must be a whole number", "必须是整数", "enter a whole number such as 12", "请输入整数，例如 12"),
    "negative": ("must not be negative", "不能为负数", "enter 0 or more", "请输入 0 或正数"),
    "not_positive": ("must be greater than 0", "必须大于 0", "enter an amount above 0", "请输入大于 0 的数"),
    "too_many_decimals": (
        "must have at most {places} decimal places",
        "最多只能有 {places} 位小数",
        "round it to {places} decimal places",
        "请保留 {places} 位小数",
    ),
    "out_of_range": (
        "must be between {low} and {high}",
        "必须在 {low} 到 {high} 之间",
        "enter a value from {low} to {high}",
        "请输入 {low} 到 {high} 之间的值",
    ),
    "too_large": (
        "must be at most {high}",
        "不能超过 {high}",
        "check the number of digits",
        "请检查位数是否输错",
    ),
    "bad_date": (
        "must be a date written YYYY-MM-DD",
        "必须是 YYYY-MM-DD 格式的日期",
        "write it like 2026-01-15",
        "请按 2026-01-15 的格式填写",
    ),
    "bad_month": (
        "must be a month written YYYY-MM",
        "必须是 YYYY-MM 格式的月份",
        "write it like 2026-03",
        "请按 2026-03 的格式填写",
    ),
    "date_order": (
        "must not be earlier than {other}",
        "不能早于{other_zh}",
        "check both dates",
        "请检查这两个日期",
    ),
    "unknown_choice": (
        "must be one of: {choices}",
        "必须是以下之一：{choices}",
        "pick one of the listed values",
        "请从所列选项中选择",
    ),
    "duplicate": ("must be unique", "不能重复", "give each item a different value", "请为每一项使用不同的值"),
    "conflict": (
        "cannot be combined with {other}",
        "不能与{other_zh}同时使用",
        "keep only one of them",
        "请只保留其中一项",
    ),
    "mismatch": (
        "does not match {other} (which gives {expected})",
        "与{other_zh}不一致（按其计算应为 {expected}）",
        "correct one of them, or delete {field} to let the planner derive it",
        "请更正其中之一，或删除此项由本工具计算",
    ),
    "too_many_cells": (
        "has {count} cells but the header has {high}",
        "有 {count} 个字段，但表头只有 {high} 个",
        "remove commas inside numbers (write 4500, not 4,500) or quote the whole cell",
        "请去掉数字中的逗号（写 4500 而不是 4,500），或给整个单元格加引号",
    ),
    "unknown_reference": (
        "refers to something that does not exist",
        "引用的对象不存在",
        "use one of: {choices}",
        "请使用以下之一：{choices}",
    ),
    "missing_column": (
        "column is missing",
        "缺少该列",
        "add a header row with: {choices}",
        "请在表头中加入：{choices}",
    ),
    "bad_file": ("cannot be read: {reason}", "无法读取：{reason}", "{fix}", "{fix_zh}"),
    "cannot_write": ("cannot be written: {reason}", "无法写入：{reason}", "{fix}", "{fix_zh}"),
    "exists": (
        "already exists",
        "已存在",
        "choose another name, or add --force to replace it",
        "请换一个文件名，或加上 --force 覆盖",
    ),
    "unsupported_version": (
        "has version {value} which this planner does not know",
        "为 {value}，本工具无法识别",
        "upgrade the planner, or use a file written by version {high} or older",
        "请升级本工具，或使用版本 {high} 及以下的文件",
    ),
    "empty": ("must not be empty", "不能为空", "add at least one item", "请至少添加一项"),
    "too_long": (
        "is too long (at most {high})",
        "太长（最多 {high}）",
        "shorten it",
        "请缩短",
    ),
}

# Field names as the borrower sees them. Unknown fields fall back to the identifier.
FIELD_LABELS_ZH: dict[str, str] = {
    "amount": "金额",
    "id": "编号",
    "creditor": "债权人",
    "kind": "债权人类型",
    "contract_date": "合同日期",
    "original_principal": "原始本金",
    "outstanding_principal": "剩余本金",
    "principal": "本金",
    "balance": "余额",
    "accrued_interest": "已计利息",
    "penalty_interest": "罚息",
    "liquidated_damages": "违约金",
    "other_fees": "其他费用",
    "annual_rate": "年利率",
    "contract_rate": "合同利率",
    "penalty_rate": "罚息利率",
    "fee_rate": "费率",
    "overdue_since": "逾期起始日",
    "monthly_payment": "月供/最低还款",
    "min_payment": "最低还款",
    "account_number": "账号/合同号",
    "months": "期数",
    "start": "开始日期",
    "as_of": "测算基准日",
    "reserve": "应急储备",
    "income": "收入",
    "expenses": "支出",
    "percent": "百分比",
    "down_payment": "首付款",
    "token_amount": "象征性还款额",
    "monthly": "每月预算",
    "order": "还款顺序",
    "from": "起始日",
    "to": "截止日",
    "debts": "债务",
    "scenarios": "方案",
    "version": "文件版本",
    "file": "文件",
    "policy": "还款策略",
    "extras": "一次性额外还款",
    "rate_changes": "利率变动",
    "accepts_extra": "接受额外还款",
    "horizon": "测算月数",
    "pay_by": "结清日期",
    "excess": "超出上限部分",
    "monthly_fee": "每期手续费",
    "monthly_fee_percent": "分期手续费率",
    "custom_rate": "约定利率",
    "waiver": "减免方式",
    "settlement": "一次性结清",
    "plans": "方案中的债务",
    "name": "名称",
    "period": "期次",
    "monthly_rate": "月利率",
    "daily_rate": "日利率",
    "method": "还款方式",
    "mode": "减免方式",
    "capitalise": "延期利息是否计入本金",
    "surplus_order": "结余分配顺序",
    "deferral": "延期",
    "restructure": "分期",
    "annual_percent": "折合年利率",
    "value": "利率数值",
    "charges": "不计息欠款（利息、罚息、费用）",
    "compound": "是否复利",
}


class PlannerError(Exception):
    """Base class of every error the planner raises on purpose."""


class InvalidInput(PlannerError, ValueError):
    """A value a user or caller gave breaks a rule.

    Args:
        field: the identifier of the field (``"outstanding_principal"``).
        code: a key of :data:`RULES` naming the rule that was broken.
        value: the value as given (shown back to the user).
        params: placeholders for the rule's wording (``low``, ``high``, ``choices`` …).
        where: where the value came from, such as ``"row 3"`` or ``"debts[2]"``; may be added later with
            :meth:`at`.
    """

    def __init__(
        self,
        field: str,
        code: str,
        value: Any = None,
        *,
        params: dict[str, Any] | None = None,
        where: str = "",
    ) -> None:
        if code not in RULES:
            msg = f"unknown rule code {code!r}"
            raise KeyError(msg)
        self.field = field
        self.code = code
        self.value = value
        self.params = dict(params or {})
        self.where = where
        super().__init__(self.message_en())

    def at(self, where: str) -> InvalidInput:
        """Return a copy located at ``where``, outside any location it already has ("row 3, debts[0]")."""
        location = f"{where}, {self.where}" if self.where else where
        return InvalidInput(self.field, self.code, self.value, params=self.params, where=location)

    def _fmt(self, text: str) -> str:
        return fill(text, {"value": self.value, **self.params})

    def message_en(self) -> str:
        """Return the English message: where, field, rule, value given, and the fix."""
        rule, _, fix, _ = RULES[self.code]
        prefix = f"{self.where}: " if self.where else ""
        shown = "" if self.value is None else f" (got {self.value!r})"
        return f"{prefix}'{self.field}' {self._fmt(rule)}{shown}; {self._fmt(fix)}"

    def message_zh(self) -> str:
        """Return the Chinese message built from the same structured fields."""
        _, rule, _, fix = RULES[self.code]
        label = FIELD_LABELS_ZH.get(self.field, self.field)
        where = re.sub(r"\brow (\d+)", r"第 \1 行", self.where)
        prefix = f"{where}：" if where else ""
        shown = "" if self.value is None else f"（输入为 {self.value}）"
        other = str(self.params.get("other", ""))
        values = {"value": self.value, **self.params, "other_zh": FIELD_LABELS_ZH.get(other, other)}
        return f"{prefix}{label}{fill(rule, values)}{shown}；{fill(fix, values)}"

    def message(self, locale: str = "zh") -> str:
        """Return the message in ``locale`` ("zh" or "en")."""
        return self.message_en() if locale == "en" else self.message_zh()


def fill(template: str, values: dict[str, Any]) -> str:
    """Fill ``{placeholders}``; a placeholder without a value is left as written."""
    return re.sub(r"\{(\w+)\}", lambda m: str(values.get(m.group(1), m.group(0))), template)
