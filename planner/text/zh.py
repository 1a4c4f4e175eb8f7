"""简体中文: every sentence and label the planner shows, in one file for language and legal review.

Findings are keyed by code (:data:`planner.findings.CODES` declares each one's parameters). An entry is one neutral
template for both audiences, or ``{"borrower": …, "creditor": …}``: the borrower is addressed plainly (the app and
the CLI), the creditor formally in the first person (本人 / 贵司), as the proposal speaks. Cap figures are always
worded as information with their source — never as a court's conclusion.
"""

from __future__ import annotations

import re
from typing import Any

# ----------------------------------------------------------------------------------------------------------------
# Vocabulary

SEVERITY = {"info": "提示", "warning": "注意", "error": "错误"}
ADDRESS = {"institution": "贵司", "person": "您"}
"""How the creditor is addressed in its voice: an institution, or a person (a private lender)."""

KINDS = {
    "credit-card": "信用卡",
    "bank-loan": "银行贷款",
    "consumer-finance": "消费金融公司",
    "online-platform": "网贷平台",
    "microloan": "小额贷款公司",
    "private": "民间借贷",
}

EXPENSES = {
    "housing": "住房",
    "food": "饮食",
    "utilities": "水电燃气通讯",
    "transport": "交通",
    "children": "子女/教育",
    "medical": "医疗",
    "other": "其他",
}

BENCHMARK_GROUPS = {
    "food": "饮食（食品烟酒）",
    "housing": "居住（含水电燃气）",
    "transport": "交通通信",
    "education": "教育文化娱乐（含子女教育）",
    "medical": "医疗保健",
    "other": "衣着、生活用品及其他",
    "total": "必要支出合计",
}
"""The groups of expenses compared with the NBS household survey (planner.caps.spending)."""

BENCHMARK_AREAS = {"national": "全国居民", "urban": "城镇居民", "rural": "农村居民"}
"""Whose survey figures a budget is compared with."""

HARDSHIP = {
    "unemployment": "失业",
    "illness": "疾病",
    "business-failure": "经营失败",
    "income-drop": "收入下降",
    "family-burden": "家庭负担",
    "other": "其他",
}
"""Hardship reasons (planner.domain.debtor.HardshipReason)."""

CHANNELS = {"call": "电话", "sms": "短信", "wechat": "微信", "app-message": "应用内消息", "visit": "上门", "letter": "信件",
            "email": "邮件", "other": "其他"}
"""How a collector made contact (planner.domain.conduct.Channel)."""

CONTACTED = {"debtor": "本人", "guarantor": "担保人", "family": "家人", "colleague": "同事", "employer": "单位",
             "friend": "朋友", "other": "其他人"}
"""Who was contacted (planner.domain.conduct.Contacted)."""

FLAGS = {"threat": "威胁", "insult": "辱骂", "impersonation": "冒充公检法或律师", "fake-document": "伪造法律文书",
         "disclosure": "向他人透露债务", "doctored-image": "P图", "visit": "上门"}
"""What a contact contained (planner.domain.conduct.Flag)."""

POLICIES = {
    "pro-rata": "按余额比例",
    "avalanche": "雪崩法（高利率优先）",
    "snowball": "雪球法（小余额优先）",
    "custom": "自定义顺序",
    "minimums-only": "仅还最低还款",
}

METHODS = {"equal-installment": "等额本息", "equal-principal": "等额本金"}

WAIVER_MODES = {
    "none": "不减免",
    "excess": "减免超出上限部分",
    "penalties-and-fees": "减免罚息、违约金和费用",
    "percent": "按比例减免",
    "principal-only": "只还本金",
}

RATE_CHOICES = {"zero": "停息", "custom": "约定利率", "contract": "合同利率", "capped": "上限利率"}

DEFERRAL_INTEREST = {"none": "停息", "contract": "按合同利率计息", "capped": "按上限利率计息"}

RATE_UNITS = {
    "annual_percent": "年利率 {value}%",
    "monthly_percent": "月利率 {value}%",
    "daily_per_ten_thousand": "日利率万分之{value}",
}
RATE_ANNUAL_EQUIVALENT = "（折合年利率 {annual}）"

RULE_STATUS = {"firm": "已确认", "check": "待核实（请作为可修改的数据看待）"}

STANDING = {"legal": "法定上限", "reference": "参考上限（仅供参考，未经确认）", "unconfirmed": "参考上限（仅供参考，未经确认）",
            "guidance": "参考上限（仅供参考，未经确认）"}
STANDING_HEADING = {"legal": "法定利率上限", "reference": "参考利率上限（仅供参考，未经确认）"}

APR_NOTES = {
    "settlement": "一次性结清不是借款，不计算年化利率",
    "pays_less": "还款总额低于欠款，年化利率没有意义",
    "no_payments": "没有还款，无法计算年化利率",
    "same_day": "只有当日的一笔还款，无法计算年化利率",
}

SCENARIOS = {
    "status-quo": "维持现状",
    "pro-rata": "按余额比例分配",
    "shortest-term": "最短可负担分期（{months}期）",
}

# Field names as the borrower sees them (errors, findings, table headers).
FIELDS: dict[str, str] = {
    "time": "时间",
    "channel": "方式",
    "contacted": "联系对象",
    "sender": "来电号码",
    "identity": "自称身份",
    "flags": "标记",
    "duration_min": "时长（分钟）",
    "answered": "接通",
    "attachments": "附件",
    "path": "文件路径",
    "sha256": "SHA-256 校验值",
    "size": "文件大小",
    "conduct": "催收记录",
    "complaints": "投诉记录",
    "complaint_channel": "投诉渠道",
    "filed": "投诉日期",
    "reference": "受理编号",
    "reply_due": "答复期限",
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
    "end": "截止日期",
    "as_of": "测算基准日",
    "reserve": "应急储备",
    "members": "家庭人数",
    "area": "对照范围（全国/城镇/农村）",
    "income": "收入",
    "incomes": "收入",
    "expenses": "支出",
    "budget": "收支",
    "percent": "百分比",
    "down_payment": "首付款",
    "token_amount": "象征性还款额",
    "monthly": "每月预算",
    "order": "还款顺序",
    "from": "起始日",
    "to": "截止日",
    "debts": "债务",
    "scenarios": "方案",
    "scenario": "方案",
    "date": "日期",
    "jobs": "并行进程数",
    "version": "文件版本",
    "file": "文件",
    "policy": "还款策略",
    "extras": "一次性额外还款",
    "rate_changes": "利率变动",
    "accepts_extra": "接受额外还款",
    "horizon": "比较月数",
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
    "interest": "延期利息",
    "rate": "利率",
    "capitalise": "延期利息是否计入本金",
    "surplus_order": "结余分配顺序",
    "surplus_policy": "结余分配策略",
    "deferral": "延期",
    "restructure": "分期",
    "annual_percent": "折合年利率",
    "value": "利率数值",
    "unit": "利率单位",
    "day_count": "计息天数",
    "charges": "不计息欠款（利息、罚息、费用）",
    "compound": "是否复利",
    "category": "支出类别",
    "borrower": "借款人",
    "notes": "备注",
    "note": "备注",
    "effective_from": "生效日期",
    "lpr_1y": "一年期LPR",
    "lpr_5y": "五年期LPR",
    "confirmed_through": "核实截止日",
    "entries": "LPR 数据",
    "rules": "上限规则",
    "cap": "上限",
    "applies_to": "适用债权人类型",
    "scope": "适用范围",
    "status": "核实状态",
    "nature": "性质",
    "severity": "提示级别",
    "code": "代码",
    "lpr_on": "LPR 取值日",
    "lpr_multiple": "LPR 倍数",
    "basis_zh": "中文依据",
    "basis_en": "英文依据",
    "source": "来源",
    "message_zh": "中文说明",
    "message_en": "英文说明",
    "first_period": "首期序号",
    "contract_dates": "合同日期范围",
    "interest_dates": "计息日期范围",
    "contract_dates.from": "合同日期范围起点",
    "contract_dates.to": "合同日期范围终点",
    "interest_dates.from": "计息日期范围起点",
    "interest_dates.to": "计息日期范围终点",
    "thresholds": "阈值",
    "above": "明显偏高的倍数",
    "below": "明显偏低的倍数",
    "areas": "人均消费支出数据",
    "consumption": "人均消费支出",
    "release": "发布日期",
    "releases": "数据发布",
    "shares": "消费支出构成",
    "groups": "支出分组",
    "group": "支出分组",
    "nbs": "统计局分类",
    "note_zh": "中文说明",
    "note_en": "英文说明",
    "title": "标题",
    "covers": "数据期间",
    "national": "全国居民",
    "urban": "城镇居民",
    "rural": "农村居民",
    "id_number": "身份证号",
    "phone": "联系电话",
    "address": "地址",
    "hardship": "困难原因",
    "statement": "困难说明",
    "debtor": "债务人信息",
    "lang": "语言",
    "case": "案例文件",
}

# The debts table's headers (``planner template``), units in brackets; the importer ignores what is in brackets.
COLUMNS: dict[str, str] = {
    "id": "编号",
    "creditor": "债权人",
    "kind": "类型",
    "contract_date": "合同日期",
    "original_principal": "原始本金（元）",
    "outstanding_principal": "剩余本金（元）",
    "accrued_interest": "已计利息（元）",
    "penalty_interest": "罚息（元）",
    "liquidated_damages": "违约金（元）",
    "other_fees": "其他费用（元）",
    "contract_rate": "年利率（%）",
    "penalty_rate": "罚息年利率（%）",
    "fee_rate": "费率（年%）",
    "overdue_since": "逾期起始日",
    "monthly_payment": "月供（元）",
    "account_number": "账号",
}

# Column and figure labels for tables, charts and documents (units in brackets).
LABELS: dict[str, str] = {
    "scenario": "方案",
    "affordable": "每月可负担",
    "shortfall_months": "超支月数",
    "total_paid": "还款总额",
    "total_interest": "利息合计",
    "total_fees": "费用合计",
    "total_waived": "减免合计",
    "remaining": "期末未还",
    "total_cost": "总成本",
    "saving": "较现状节省",
    "debt_free_date": "还清日期",
    "largest_monthly_payment": "最高月还款",
    "largest_share_of_disposable": "最高占可用收入(%)",
    "debt_id": "编号",
    "creditor": "债权人",
    "kind": "类型",
    "interest": "利息",
    "fees": "费用",
    "waived": "减免",
    "largest_payment": "最高单期还款",
    "share_of_disposable": "占可用收入(%)",
    "apr_percent": "真实年化利率(%)",
    "apr": "真实年化(%)",
    "terms": "方案内容",
    "month": "月份序号",
    "date": "日期",
    "income": "收入",
    "expenses": "必要支出",
    "reserve": "储备",
    "members": "家庭人数",
    "area": "对照范围",
    "disposable": "可用于还款",
    "payments": "还款合计",
    "surplus": "结余",
    "balance": "剩余欠款",
    "period": "期数",
    "due_date": "还款日",
    "payment": "月供",
    "principal": "本金",
    "fee": "手续费",
    "cap_rate": "利率上限(年%)",
    "reference_mark": "（参考）",
    "cap_basis": "依据",
    "supportable": "可支持金额",
    "claimed": "记录的利息及费用",
    "excess": "超出部分",
    "cost_rate_percent": "合同综合年化(%)",
    "status": "状态",
    "plan": "方案内容",
    "policy": "还款策略",
    "months_to_debt_free": "还清所需月数",
    "interest_saved": "较只还最低节省利息",
    "rate_percent": "年利率(%)",
    "minimum": "最低还款",
    "payoff_month": "还清月份",
    "paid": "已还",
    "item": "项目",
    "yes": "是",
    "no": "否",
    "dash": "—",
}

# ----------------------------------------------------------------------------------------------------------------
# Findings


def _rate_above(what: str) -> Any:
    def borrower(v: Any) -> str:
        if v.raw("standing") == "legal":
            return what + " {rate} 高于上限 {cap}；依据{source}，可请求调减超出部分。"
        return what + " {rate} 高于参考上限 {cap}（仅供参考，未经确认）；可作为协商减免的参考依据（依据{source}，该规则尚待核实）。"

    return borrower


_WHAT = {"contract_rate": "合同年利率", "cost_rate": "合同综合年化成本（利率 + 费率）"}


def _fitted_name(origin: str) -> str:
    """A scenario named in a finding: the planner's own by its name (without the term), a user's as written."""
    return {"shortest-term": "最短可负担分期"}.get(origin, SCENARIOS.get(origin, origin))


def _lpr_stale(v: Any) -> str:
    head = "LPR 数据只核实到 {confirmed_through}，测算基准日 {as_of} 晚于此日期（数据可能已过时）；"
    if v.raw("relied"):
        table = "（表中为 {lpr_1y}）" if v.has("lpr_1y") else ""
        return head + ("{relied} 的上限用到了 {confirmed_through} 之后的一年期 LPR" + table
                       + "：此后若 LPR 有调整，这些上限会不同。请核对最新的一年期 LPR，必要时添加数据行。")
    return head + ("这里的上限没有用到 {confirmed_through} 之后的一年期 LPR，不受影响。需要按更新的 LPR 测算时，"
                   "请核对最新数据，必要时添加数据行。")


def _unpaid(v: Any, *, creditor: bool = False) -> str:
    outlook = {
        "falls": "按目前的还款额欠款在逐月减少，预计 {payoff_date}（第 {payoff_month} 个月）还清。",
        "not_within": "按目前的还款额，{max_months} 个月内也还不清。",
        "unknown": "",
    }["falls" if v.raw("outlook") == "falls" and v.has("payoff_date") else
      "unknown" if v.raw("outlook") == "falls" else v.raw("outlook")]
    if creditor:
        return "按现行合同条件，{months} 个月后仍欠 {remaining}。" + outlook
    cut = ("延期 {deferral_months} 个月，已到比较期末，延期后按合同继续还款的部分不在比较期内"
           if v.raw("cut") == "deferral" else "按合同继续还款的部分只测算到此为止")
    return "在比较的 {months} 个月内未还清，第 {months} 个月末仍欠 {remaining}（" + cut + "，还清日期因此显示为空）。" + outlook


def _benchmark(v: Any, *, above: bool, creditor: bool = False) -> str:
    """A budget group beside the NBS survey's figure: information, never a judgement of the spending."""
    group, area = str(v.raw("group")), str(v.raw("area"))
    what = "必要支出合计" if group == "total" else BENCHMARK_GROUPS.get(group, group)
    figure = ("国家统计局住户调查" + BENCHMARK_AREAS.get(area, area)
              + "人均消费支出按 {members} 人折算的参考值 {benchmark}")
    if creditor:
        head = (("本人每月" if v.raw("members") == 1 else "本人家庭共 {members} 人，每月")
                + ("必要支出合计" if group == "total" else what + "支出") + " {amount}，")
        if above:
            return head + "高于" + figure + "（为其 {ratio} 倍）；如需要，本人可提供说明和凭据。"
        return head + "低于" + figure + "（为其 {ratio} 倍）。"
    head = (("必要支出未按类别填写，按合计对照：每月 {amount}，" if group == "total" else what + "每月支出 {amount}，")
            + ("高于" if above else "低于") + figure + "，为其 {ratio} 倍（"
            + ("超过 {threshold} 倍" if above else "不到 {threshold} 倍") + "）。")
    advice = ("这只是对照提示，不是评判：如确实如此（例如房租、看病、孩子上学），请保留凭据，协商时说明原因。" if above else
              "这只是对照提示：请确认没有漏填（按年或按季支付的费用请折算到每月）；支出定得过低，方案可能难以长期坚持。")
    hints = "参考值为估算，仅供参考。"
    if v.raw("members") == 1:
        hints += "按 1 人计算；如家庭不止 1 人，请填写家庭人数。"
    if group == "total":
        hints += "按类别填写支出后可逐项对照。"
    return head + advice + hints


PERIOD = "{first} 至 {last}"
"""Two times of a finding (first and last contact), as a sentence writes them."""

FINDINGS: dict[str, Any] = {
    "RATE_LOOKS_LIKE_FRACTION": lambda v: (
        "{field}很低（{rate}）：如果本意是{meant}，请填写 {write}（利率按百分数填写）"
        + ("；如果本意是每月 {monthly}%，请写成 月{monthly}%" if v.has("monthly") else "")
        + ("；如果本意是日利率万分之{daily}，请写成 日万分之{daily}" if v.has("daily") else "") + "。"),
    "NO_MONTHLY_PAYMENT": "月供/最低还款为 0：维持现状时这笔债务不会减少。如合同有月供，请填写。",
    "PRINCIPAL_ABOVE_ORIGINAL": "剩余本金 {outstanding} 高于原始本金 {original}：如有利息计入本金（复利、分期转本金），"
                                "请确认并保留明细。",
    "SETTLEMENT_PERCENT_LOW": "一次性结清比例为 {percent}，很低：如果本意是 {meant_value}%，请填写 {meant_value}（按百分数填写）。",
    "NO_BUDGET": {
        "borrower": "还没有填写家庭收支：可用于还款的金额按 0 计算，每个方案都会显示为超出预算。请填写每月收入和必要支出"
                    "（导入时加上 --income 和 --expenses，或在案例文件的 budget 中按类别填写）。",
        "creditor": "（本人家庭收支情况另附说明。）",
    },
    "DISPOSABLE_NEGATIVE": {
        "borrower": "每月收入 {income} 低于必要支出和应急储备合计 {outgoing}，可用于还款的金额为 {disposable}：请核对收支；"
                    "如确实如此，任何方案每月都付不起，可考虑先协商暂停还款（延期）。",
        "creditor": "本人家庭每月收入 {income}，低于必要支出 {outgoing}，目前没有可用于还款的资金。",
    },
    "NO_DEBTS": "案例中没有债务：请先导入或添加债务。",
    "EXPENSE_ABOVE_BENCHMARK": {
        "borrower": lambda v: _benchmark(v, above=True),
        "creditor": lambda v: _benchmark(v, above=True, creditor=True),
    },
    "EXPENSE_BELOW_BENCHMARK": {
        "borrower": lambda v: _benchmark(v, above=False),
        "creditor": lambda v: _benchmark(v, above=False, creditor=True),
    },
    "CONTRACT_AFTER_AS_OF": "合同日期 {contract_date} 晚于测算基准日 {as_of}：请检查这两个日期；在合同成立前无法测算上限内的利息。",
    "WINDOW_EMPTY": "逾期起始日 {start} 晚于测算基准日 {as_of}，测算区间为空：无法把主张的利息及费用 {claimed} 与上限比较，"
                    "超出上限的部分按 0 计（不作为减免依据）。请检查逾期起始日，可能是年份输错。",
    "RATE_ABOVE_CAP": {
        "borrower": lambda v: _rate_above(_WHAT[v.raw("what")])(v),
        "creditor": lambda v: (
            "本笔借款的" + _WHAT[v.raw("what")] + "为 {rate}。依据{source}，借款人可请求调减超出年利率 {cap} 的部分，"
            "本人据此请求{you}对超出部分予以减免。" if v.raw("standing") == "legal" else
            "本笔借款的" + _WHAT[v.raw("what")] + "为 {rate}，高于年利率 {cap} 的参考标准（依据{source}，该标准仅供参考）；"
            "恳请{you}参照该标准减免超出部分。"),
    },
    "PENALTY_RATE_ABOVE_CAP": {
        "borrower": _rate_above("罚息利率"),
        "creditor": lambda v: (
            "{you}适用的罚息利率为 {rate}。依据{source}，超出年利率 {cap} 的部分借款人可请求调减，本人请求{you}予以减免。"
            if v.raw("standing") == "legal" else
            "{you}适用的罚息利率为 {rate}，高于年利率 {cap} 的参考标准（依据{source}，仅供参考）；恳请{you}参照减免。"),
    },
    "CHARGES_ABOVE_CAP": {
        "borrower": lambda v: (
            "主张的利息及费用 {claimed}，高于按法定上限（{cap}）对本金 {principal} 自 {start} 起 {days} 天测算的 "
            "{supportable}，超出 {excess}；依据{source}，可据此申请减免。（本工具测算，不是法院认定的金额。）"
            if v.raw("standing") == "legal" else
            "主张的利息及费用 {claimed}，高于按参考上限（{cap}，仅供参考，未经确认）对本金 {principal} 自 {start} 起 "
            "{days} 天测算的 {supportable}，超出 {excess}；可作为协商减免的参考依据（依据{source}，该规则尚待核实）。"
            "（本工具测算，不是法院认定的金额。）"),
        "creditor": lambda v: (
            "{you}主张的利息及费用为 {claimed}。按{source}所定的年利率 {cap}，以本金 {principal} 自 {start} 起 {days} 天"
            "计算，可支持的利息及费用为 {supportable}，超出部分为 {excess}，本人请求{you}减免超出部分。"
            "（以上为本人依据公开规定所作的测算，供协商参考。）"
            if v.raw("standing") == "legal" else
            "{you}主张的利息及费用为 {claimed}。参照年利率 {cap} 的参考标准（依据{source}），以本金 {principal} 自 {start} "
            "起 {days} 天计算约为 {supportable}，高出 {excess}，恳请{you}参照该标准考虑减免。（测算仅供协商参考。）"),
    },
    "RULE_UNCONFIRMED": {
        "borrower": "所用规则“{rule}”（上限 {cap}）尚未依原文核实：请把它当作可修改的数据，并以原文为准：{source}",
        "creditor": "（所引规则尚待依原文核实，仅供参考：{source}）",
    },
    "LPR_STALE": _lpr_stale,
    "PRIVATE_TRANSITION": {
        "borrower": "该民间借贷合同成立于 {contract_date}（2020年8月20日之前）：2020年8月19日前的利息按年利率 24% 为限，"
                    "此后按起诉时一年期LPR的 {multiple} 倍为限。起诉日未知，本工具以测算基准日 {as_of} 的一年期LPR {lpr} "
                    "代替，上限 {cap}；实际起诉时LPR不同，上限也会不同。",
        "creditor": "本借款合同成立于 {contract_date}。依{source}，2020年8月20日以后的利息以起诉时一年期LPR的 {multiple} "
                    "倍为限，按 {as_of} 的一年期LPR {lpr} 计算为年利率 {cap}。",
    },
    "MICROLOAN_RULE": {
        "borrower": "小额贷款公司属于经地方金融监管部门批准设立的金融机构，依法释〔2020〕27号不适用民间借贷司法解释"
                    "（4倍LPR上限）。这里的 {cap} 是参照金融借款综合成本的参考值，不是法定上限；请结合合同和当地规定核实。",
        "creditor": "参照金融借款综合年化成本 {cap} 的标准（参考值），恳请{you}考虑减免超出部分。",
    },
    "MICROLOAN_GUIDANCE": {
        "borrower": "据媒体报道，中国人民银行、国家金融监督管理总局于2025年12月向地方监管部门印发《小额贷款公司综合融资成本"
                    "管理工作指引》：小额贷款公司停止新发放综合融资成本超过 24% 的贷款，到2027年底新发放贷款全部降至4倍LPR"
                    "以内。这是监管指引（未公开发布，待核实），不是借款人可以直接主张的上限，可作为协商时的参考。",
        "creditor": "据报道，监管部门已于2025年12月要求小额贷款公司停止新发放综合融资成本超过 24% 的贷款"
                    "（《小额贷款公司综合融资成本管理工作指引》）；恳请{you}参照该要求考虑本人的减免申请。",
    },
    "COST_DISCLOSURE": {
        "borrower": "合同成立于 {contract_date}，适用《个人贷款业务明示综合融资成本规定》（金规〔2026〕2号，2026年8月1日起"
                    "施行，待核实）：贷款机构应提供“综合融资成本明示表”，列明每项费用、收费主体和年化综合融资成本。"
                    "请向债权人索取该表，逐项核对费用。",
        "creditor": "本借款合同成立于 {contract_date}。依《个人贷款业务明示综合融资成本规定》（金规〔2026〕2号），"
                    "请{you}提供本笔贷款的综合融资成本明示表。",
    },
    "ONLINE_LENDER_OF_RECORD": {
        "borrower": "网络平台借款的实际出借方多为银行、消费金融公司等持牌机构，请以借款合同载明的出借方为准。金规〔2025〕9号"
                    "（2025年10月1日起施行）要求把增信服务费等计入综合融资成本并明示，但该通知本身没有规定 24% 的数字；"
                    "24% 出自法发〔2017〕22号。",
        "creditor": "本笔借款经网络平台发放，请{you}告知借款合同载明的出借方，并依金规〔2025〕9号明示包括增信服务费在内的"
                    "综合融资成本。",
    },
    "WAIVER_CLAMPED": "申请减免 {requested} 超过利息、罚息和费用合计 {charges}，按 {charges} 计算（本金不减免）。",
    "DOWN_PAYMENT_CLAMPED": "首付款 {down_payment} 超过减免后欠款 {balance}，按 {balance} 计算。",
    "TERM_OVER_60": {
        "borrower": lambda v: (
            "分期 {months} 期超过 {limit} 期：{kind}个性化分期最长 {limit} 期（5 年），银行通常不会同意。"
            if v.raw("binding") == "limit" else
            "分期 {months} 期超过 60 期：60 期是信用卡个性化分期的上限，{kind}可自行约定期限。"),
        "creditor": lambda v: (
            "本人申请的分期期数为 {months} 期，超过信用卡个性化分期最长 {limit} 期的规定，恳请{you}在此范围内另行安排。"
            if v.raw("binding") == "limit" else
            "本人申请分 {months} 期偿还（信用卡个性化分期以 60 期为限，本借款不受此限），恳请{you}考虑。"),
    },
    "NEVER_PAID_OFF": {
        "borrower": "每月还款 {payment} 不超过当月利息和费用 {charged}：本金不会减少，欠款只会持平或增加，按此还款永远无法还清"
                    "（与比较的月数无关）。需要提高每月还款额，或与债权人协商停息、减免或分期。",
        "creditor": "按现行还款额 {payment}，尚不足以支付每月的利息和费用 {charged}，本金无法减少，维持现状本人将永远无法还清，"
                    "恳请{you}同意停息、减免或分期。",
    },
    "UNPAID_AT_HORIZON": {"borrower": _unpaid, "creditor": lambda v: _unpaid(v, creditor=True)},
    "START_BEFORE_AS_OF": "方案开始日 {start} 早于测算基准日 {as_of}：欠款数字是基准日的，请把开始日改为基准日或之后。",
    "START_AFTER_AS_OF": "方案开始日 {start} 比测算基准日 {as_of} 晚一个月以上：期间新增的利息和罚息未计入，实际欠款会更高，"
                         "总成本和节省也不含这几个月；请在开始前更新欠款数字。",
    "PAYMENTS_EXCEED_DISPOSABLE": {
        "borrower": "比较的 {shown} 个月中，有 {months} 个月的还款额超过可用于还款的收入，最多超出 {gap}（{worst}）。",
        "creditor": "按此安排，{shown} 个月中有 {months} 个月的应还款额超过本人家庭可用于还款的收入，最多超出 {gap}（{worst}），"
                    "本人无力履行。",
    },
    "WINDOW_EXTENDED": "协商方案最长到第 {months} 个月，长于所选的 {requested} 个月：为了让每个方案比较相同的月份，"
                       "比较期延长为 {months} 个月（维持现状也测算到同一个月）。",
    "NO_AFFORDABLE_TERM": {
        "borrower": lambda v: (
            "即使分 {max_months} 期" + ("（{limited} 按其类型的分期上限，期数更短）" if v.has("limited") else "")
            + "，月还款额仍超过可用于还款的收入：请考虑延期、按比例还款或进一步减免。"),
        "creditor": "即使分 {max_months} 期，每月还款额仍超过本人家庭可用于还款的收入。",
    },
    "SHORTFALL": {
        "borrower": "收入不足以支付必要开支，暂无可用于还款的金额：方案先暂停还款 {months} 个月，请准备困难证明并尽快与债权人"
                    "协商；如能挤出少量资金，象征性还款有助于表明还款诚意。",
        "creditor": "本人家庭目前的收入不足以支付必要开支，暂无可用于还款的资金，恳请{you}同意暂停还款 {months} 个月，"
                    "本人将尽快恢复还款。",
    },
    "TOKEN_PAYMENTS": {
        "borrower": "按比例分配的每月 {share} 不足以在 {max_months} 期内还清：先按此金额象征性还款 12 个月，之后的分期超出"
                    "可负担范围，需与债权人重新评估（例如进一步减免）。",
        "creditor": "按家庭收入的比例，本人每月可向{you}偿还 {share}，不足以在 {max_months} 期内还清；恳请{you}同意先按此金额"
                    "还款 12 个月，其后再行协商。",
    },
    "FIT_TERM_LIMIT": {
        "borrower": "按比例分配的每月 {share} 需要 {needed} 期才能还清，超过{kind}分期最长 {limit} 期的限制：按 {limit} 期"
                    "计算每期 {installment}，超出可负担的金额。请争取更多减免，或与债权人商量其他安排。",
        "creditor": "本人每月可向{you}偿还 {share}；按{kind}分期最长 {limit} 期计算，每期需 {installment}，超出本人的还款能力，"
                    "恳请{you}考虑进一步减免。",
    },
    "FIT_RATE_CAPPED": "所选利率高于上限，按上限利率 {cap} 测算。",
    "FIT_SAME_AS": lambda v: (
        f"“{_fitted_name(v.raw('fitted'))}”得出的安排与“{_fitted_name(v.raw('same'))}”完全相同（每笔债务的期数一样），"
        "不再重复列出。"),
    "PLAN_ABOVE_CAP": {
        "borrower": lambda v: (
            ("按此方案，分期利率为年利率 {rate}" if v.raw("what") == "rate" else "按此方案，真实年化利率（含手续费）为 {rate}")
            + "，高于年利率 {cap} 的"
            + ("上限：超出部分可以请求不付，协商时不宜接受这样的利率或手续费。" if v.raw("standing") == "legal" else
               "参考上限（仅供参考）：协商时可以要求把利率和手续费降到此标准以内。")),
        "creditor": lambda v: (
            ("本方案的分期利率为年利率 {rate}" if v.raw("what") == "rate" else "本方案的真实年化利率（含手续费）为 {rate}")
            + "，高于年利率 {cap} 的标准，恳请{you}把利率和手续费调整到该标准以内。"),
    },
    "PAYOFF_SHORTFALL": "第 {first_month} 个月起可用资金 {available} 低于各笔债务最低还款合计 {minimums}（共 {months} 个月）："
                        "资金按最低还款的比例分配，部分债务的最低还款无法足额偿还，可能逾期。",
    "PAYOFF_BALANCES_DO_NOT_FALL": "按此还款安排，债务总额在测算的 {months} 个月内不降反升或停滞（由 {start_total} 到 "
                                   "{remaining}），照此还不清：需要提高每月预算，或与债权人协商停息、降低利率或最低还款。",
    "PAYOFF_HORIZON": "在 {months} 个月内未能还清全部债务，第 {months} 个月末仍欠 {remaining}；测算到此为止，总利息和总还款只计算"
                      "到这个月。",
    "PAYOFF_NO_MINIMUM": "没有最低还款：只有策略分配的额外资金才会减少这笔债务。",
    "PAYOFF_MINIMUM_BELOW_INTEREST": lambda v: (
        "第 1 个月的最低还款 {minimum} 不高于当月利息" + ("和费用" if v.raw("fee") == "yes" else "")
        + " {interest}：只还最低还款，余额不会下降。"),
    "PAYOFF_UNALLOCATED": "第 {first_month} 个月起有资金无法分配（剩余债务只收取固定还款，不接受额外还款），共 {months} 个月、"
                          "合计 {amount}。",
    "PAYOFF_EXTRAS_UNUSED": "{months} 的一次性还款（合计 {amount}）在全部还清之后，无需使用。",
    # --- the collection-conduct log (planner.caps.conduct): information with citations, never a conclusion ---
    "THIRD_PARTY_CONTACT": {
        "borrower": ("{creditor}一方的催收人员联系了{contacts}，共 {count} 次（{period}）。催收只应联系债务人本人；"
                     "向与债务无关的人催收或透露债务，涉及隐私权和个人信息保护，可要求停止并投诉。"),
        "creditor": ("{you}或{you}委托的催收人员自 {period} 共 {count} 次联系本人的{contacts}。"
                     "本人请求{you}停止联系与债务无关的第三人。"),
    },
    "OUTSIDE_HOURS": {
        "borrower": ("{creditor}一方有 {count} 次在 {start} 至 {end} 的休息时段联系（{period}）。"
                     "按所引规定，这一时段未经本人同意不应催收。"),
        "creditor": ("{you}一方有 {count} 次在 {start} 至 {end} 的休息时段联系本人（{period}）。"
                     "本人请求{you}仅在规定时段内联系。"),
    },
    "TOO_FREQUENT": {
        "borrower": lambda v: (
            "{creditor}一方有 {days} 天对同一个未接通的号码呼叫超过 {limit} 次（最多一天 {most} 次，在 {worst}），"
            "共 {count} 次呼叫；按所引指引，这已超过每日呼叫次数的限制。"
            if v.raw("basis") == "attempts" else
            "{creditor}一方有 {days} 天每天来电超过 {limit} 次（最多一天 {most} 次，在 {worst}），共 {count} 次；"
            "每天超过 {limit} 次是实务指南采用的骚扰标准（经验标准，不是法定标准）。"),
        "creditor": lambda v: (
            "{you}一方有 {days} 天对同一未接通号码每日呼叫超过 {limit} 次（最多一天 {most} 次，在 {worst}）。"
            if v.raw("basis") == "attempts" else
            "{you}一方有 {days} 天每日来电超过 {limit} 次（最多一天 {most} 次，在 {worst}）。") + "本人请求{you}控制联系频率。",
    },
    "THREAT_OR_INSULT": {
        "borrower": ("{creditor}一方有 {count} 次联系含有{flags}（{period}）。多次发送恐吓、侮辱信息或以滋扰方法"
                     "干扰他人正常生活的，可以向公安机关报案；请保存原始录音和截图。"),
        "creditor": ("{you}一方的催收人员有 {count} 次联系含有{flags}（{period}）。本人请求{you}立即停止，"
                     "并告知本人受托催收机构的名称。"),
    },
    "IMPERSONATION": {
        "borrower": lambda v: (
            ("{creditor}一方有 {count} 次自称{identities}（{period}）。" if v.has("identities") else
             "{creditor}一方有 {count} 次冒充公检法机关或律师（{period}）。")
            + "冒充公检法机关或律师催收是禁止的行为，可以向公安机关反映。"),
        "creditor": lambda v: (
            ("{you}一方的催收人员有 {count} 次自称{identities}（{period}）。" if v.has("identities") else
             "{you}一方的催收人员有 {count} 次冒充公检法机关或律师（{period}）。")
            + "本人请求{you}核实并停止冒充他人身份的行为。"),
    },
    "FAKE_LEGAL_DOCUMENT": {
        "borrower": ("{creditor}一方有 {count} 次发来疑似伪造的法律文书（{period}）。法院的短信来自 12368，"
                     "传票由法院送达，不会由催收人员发送；可以致电当地法院核实。"),
        "creditor": ("{you}一方的催收人员有 {count} 次向本人发送自称律师函或法院文书的材料（{period}）。"
                     "本人请求{you}停止发送此类材料。"),
    },
    "DISCLOSURE": {
        "borrower": ("{creditor}一方有 {count} 次向{contacts}透露了债务（{period}）。这涉及隐私权和个人信息保护，"
                     "可以要求停止并投诉。"),
        "creditor": ("{you}一方的催收人员有 {count} 次向本人的{contacts}透露本人的债务情况（{period}）。"
                     "本人请求{you}立即停止。"),
    },
    "VISIT": {
        "borrower": ("{creditor}一方有 {count} 次上门（{period}）。上门本身不一定违规；如有滋扰、纠缠或拒不离开，"
                     "可以报警，并记下时间、人数和经过。"),
        "creditor": "{you}一方有 {count} 次上门催收（{period}）。本人请求{you}今后通过电话或书面方式与本人联系。",
    },
    "WORKDAYS_ESTIMATED": ("节假日数据只到 {through} 年；{year} 年的工作日按周一至周五估算，实际期限可能因节假日和调休"
                           "而不同。"),
}

# ----------------------------------------------------------------------------------------------------------------
# Input errors: rule code -> (rule, fix); placeholders come from the error's params.

ERRORS: dict[str, tuple[str, str]] = {
    "required": ("不能为空", "请填写此项"),
    "missing_key": ("不能为空", "文件中的 {typo} 是否是 {name} 的拼写错误？如是，请改为 {name}"),
    "not_a_number": ("必须是数字", "请输入数字，例如 1234.56（不要带文字）"),
    "float_refused": ("必须写成文本形式的数字（小数不能写成普通数字）", '请加上双引号，写成 "1234.56" 的形式'),
    "not_finite": ("必须是有限的数字", "请输入实际金额"),
    "not_integer": ("必须是整数", "请输入整数，例如 12"),
    "negative": ("不能为负数", "请输入 0 或正数"),
    "not_positive": ("必须大于 0", "请输入大于 0 的数"),
    "too_many_decimals": ("最多只能有 {places} 位小数", "请保留 {places} 位小数"),
    "out_of_range": ("必须在 {low} 到 {high} 之间", "请输入 {low} 到 {high} 之间的值"),
    "too_large": ("不能超过 {high}", "请检查位数是否输错"),
    "bad_date": ("必须是日期，例如 2026-01-15、2026/1/15 或 2026年1月15日", "请按 2026-01-15 的格式填写"),
    "no_such_date": ("不存在（{month} 月没有 {day} 日）", "请检查日期"),
    "bad_month": ("必须是有效的月份", "例如 2026-03、2026/3 或 2026年3月"),
    "date_order": ("不能早于{other}", "请检查这两个日期"),
    "unknown_choice": ("必须是以下之一：{choices}", "请从所列选项中选择"),
    "bad_rate": ("无法识别为利率", "请写成 18、18%、年利率18%、月2%、日万分之五 或 0.05%/日"),
    "duplicate": ("不能重复", "请为每一项使用不同的值"),
    "conflict": ("不能与{other}同时使用", "请只保留其中一项"),
    "mismatch": ("与{other}不一致（按其计算应为 {expected}）", "请更正其中之一，或删除此项由本工具计算"),
    "too_many_cells": ("有 {count} 个字段，但表头只有 {high} 个", "请去掉数字中的逗号（写 4500 而不是 4,500），或给整个单元格加引号"),
    "unknown_reference": ("引用的对象不存在", "请使用以下之一：{choices}"),
    "missing_column": ("缺少“{column}”列", "表头应包含这些列：{choices}"),
    "unknown_column": ("不是本表的列", "请改成以下列名之一，或删去这一列：{choices}"),
    "sample_row": ("是模板中的示例行（虚构数据）", "请删除这一行，或改成您自己的债务并删去编号中的“{mark}”"),
    "sample_log_row": ("是模板中的示例行（虚构记录）", "请删除这一行，或改成您自己的记录并删去备注中的“{mark}”"),
    "bad_file": ("无法读取：{reason}", "{fix}"),
    "cannot_write": ("无法写入：{reason}", "{fix}"),
    "bad_id_number": ("不是有效的身份证号（18 位，最后一位是校验码，可能是数字或 X）", "请对照身份证逐位核对；15 位的旧号码也可以"),
    "bad_phone": ("不是电话号码", "请填写手机号或带区号的座机号，例如 138 0013 8000 或 0571-8888 6666"),
    "file_taken": ("已存在（是另一个案例文件）", "请换一个新的文件名；要处理那个案例，请在上方填写它的路径并点“打开”"),
    "exists": ("已存在", "请换一个文件名，或加上 --force 覆盖（原文件会另存一份备份）"),
    "case_exists": ("已存在",
                    "加上 --update 只替换其中的债务、保留收支、方案和备注；或加上 --force 新建案例（原文件会另存一份备份）"),
    "plans_need_debts": ("中有债务不在新债务表里：{choices}",
                         "请把这些债务加回债务表，或先在案例文件中删去这些方案里的相应条目"),
    "unsupported_version": ("为 {value}，本工具无法识别", "请升级本工具，或使用版本 {high} 及以下的文件"),
    "empty": ("不能为空", "请至少添加一项"),
    "too_long": ("太长（最多 {high}）", "请缩短"),
    "order_needs_custom": ("只适用于自定义顺序策略（custom），不适用于 --policy {value}",
                           "请改用 --policy custom（或 --compare），或去掉 --order"),
    "both_given": ("与{other}只能二选一", "请只保留其中一项"),
    "case_as_table": ("是案例文件，不是债务表", "请把它作为 CASE 直接传入，不要加 --debts"),
    "full_table": ("是 planner import 用的完整债务表，不是 --debts 的简表（编号,债权人,余额,年利率,最低还款）",
                   "请先导入：planner import {value} -o 案例.json，再运行 planner payoff 案例.json --monthly …"),
    "extra_format": ("必须写成 月份:金额", "例如 2027-06:5000（月份也可写 2027/6 或 2027年6月）"),
    "choose_policy": ("未指定", "请加上 --policy pro-rata、avalanche、snowball 或 custom，或用 --compare 比较全部策略"),
    "source_needed": ("需要案例文件或债务表", "请给出案例文件（CASE），或用 --debts 给出债务表"),
    "file_exists": ("已存在", "请换一个文件名，或加上 --force 覆盖"),
    "bad_time": ("必须是时间，例如 2026-11-20 22:30 或 2026年11月20日 晚上10点30", "请写出日期和时间（到分钟）"),
    "bad_digest": ("不是有效的 SHA-256 校验值（64 位十六进制）", "请重新添加该附件，由本工具计算校验值"),
    "no_conduct": ("没有催收记录，无法整理投诉事实",
                   ("请先在催收记录中添加该债权人一方的联系记录（planner log import，或应用的“催收记录”页），"
                    "再生成投诉书")),
    "missing_glyph": ("中有字体里没有的字符“{char}”（{codepoint}），打印出来会是空白方框",
                      ("请改用常用写法或删去该字符；如必须保留（例如姓名中的生僻字），请用 --font（应用中为“字体文件”）"
                       "指定一个包含该字符的字体文件（.otf 或 .ttf）")),
}

# Why a file could not be read or written: reason code -> (reason, fix).
REASONS: dict[str, tuple[str, str]] = {
    "os_error": ("{os}", "请检查文件路径和权限"),
    "write_os_error": ("{os}", "请检查文件夹是否存在、是否可写，以及磁盘空间"),
    "is_folder": ("这是一个文件夹，不是文件", "请指定文件的路径，例如 {example}"),
    "not_a_font": ("不是可用的字体文件（{detail}）", "请指定 .otf 或 .ttf 字体文件"),
    "wrong_suffix": ("扩展名是 {suffix}，但要写入的是{content}", "请改用 {ending} 结尾的文件名，例如 {example}"),
    "not_a_file": ("不是普通文件", "请指定 .csv、.xlsx 或 .json 文件的路径"),
    "not_a_folder": ("已有同名的文件，无法建成文件夹", "请换一个文件名，或先移走该文件"),
    "too_large_file": ("文件超过 {limit} MB", "请确认文件是否正确，或拆分文件"),
    "not_utf8": ("不是 UTF-8 编码的文本", "请另存为 UTF-8 编码"),
    "not_utf8_or_gb18030": ("不是 UTF-8 或 GB18030 编码的文本", "请另存为 CSV UTF-8 格式"),
    "not_json": ("不是有效的 JSON（第 {line} 行第 {column} 列附近格式有误）", "请打开本工具保存的案例文件，或修正该处的 JSON 格式"),
    "not_json_data": ("不是有效的 JSON（第 {line} 行第 {column} 列：{detail}）", "请修正该处的 JSON 格式（可参照 planner/caps/data 中的文件）"),
    "duplicate_key": ("同一对象中键“{key}”出现了两次", "请只保留其中一个"),
    "too_deep": ("嵌套层数超过 {limit} 层", "请打开本工具保存的案例文件"),
    "int_too_long": ("其中有一个整数太长（超过 4300 位）", '请检查文件中的数字：金额应写成 "1234.56" 这样的文本'),
    "not_case_file": ('不是本工具的案例文件（没有 "format": "debt-planner-case"）', "请指定本工具保存的案例文件；要由债务表新建案例，请用 planner import 写入一个新的 .json 文件"),
    "spreadsheet_not_case": ("这是表格文件，不是案例文件", "请先运行 planner import {value} -o 案例.json 导入，再对生成的案例文件操作"),
    "wrong_type": ("应为{expected}", "请按文件格式说明（docs/CASEFILE.md）填写"),
    "empty_table": ("表格是空的", "请添加表头和数据行"),
    "too_many_rows": ("超过 {limit} 行", "请拆分文件"),
    "csv_unreadable": ("不是可读取的 CSV 表格（某个单元格过长或格式有误）", "请重新另存为 CSV UTF-8 格式"),
    "semicolon_csv": ("各列之间用分号（;）分隔", "请另存为用逗号分隔的 CSV（Excel：另存为“CSV UTF-8（逗号分隔）”）"),
    "xlsx_unreadable": ("不是可读取的 .xlsx 工作簿（文件可能已损坏，或并不是 Excel 文件）", "请重新另存为 .xlsx 或 CSV"),
    "xlsx_sheet_damaged": ("工作表已损坏（{detail}）", "请用 Excel 打开后重新另存为 .xlsx 或 CSV"),
    "no_header": ("表头无法识别（第一行为：{first_row}）", "第一行应为表头 {expected}"),
    "other_sheet": ("第一个工作表“{first}”中没有可识别的表头，表格似乎在工作表“{sheet}”中",
                    "请把工作表“{sheet}”移到第一个，或另存为 CSV"),
    "json_object_needed": ("此处应为 JSON 对象", "请参照 planner/caps/data/cap_rules.json"),
    "lpr_row_shape": ("LPR 数据每行应有三项（生效日期、一年期LPR、五年期LPR）", "每行填写三项"),
    "rules_coverage": ("对于 {kind} 合同（成立于 {contract_date}）在 {day} 的利息，有 {count} 条规则适用（{rules}），应当恰好一条",
                       "请调整各规则的日期范围，使其既不重叠也不留空档"),
}

# System errors by errno name (OSError.strerror is English whatever the locale).
OS_ERRORS: dict[str, str] = {
    "ENOENT": "文件或文件夹不存在",
    "EACCES": "没有访问权限",
    "EPERM": "操作不被允许",
    "EISDIR": "这是一个文件夹",
    "ENOTDIR": "路径中有一部分不是文件夹",
    "ENOSPC": "磁盘空间不足",
    "EROFS": "文件系统为只读",
    "EEXIST": "文件已存在",
    "ENAMETOOLONG": "文件名太长",
    "EMFILE": "打开的文件太多",
    "EIO": "读写出错",
    "EBUSY": "文件正被占用",
}

JSON_TYPES = {"object": "JSON 对象 {…}", "list": "JSON 列表 […]", "string": "文本（带引号的字符串）"}

_ROW = re.compile(r"\brow (\d+)")


ITEM = "（{item}）"
"""Appended to an error's location in the case file: the debt or scenario it is in."""


def where(location: str) -> str:
    """Return an error's location in Chinese ("row 3, debts[0]" → "第 3 行, debts[0]")."""
    return _ROW.sub(r"第 \1 行", location)


_FILE_RULES = {"bad_file", "cannot_write", "exists", "file_exists", "file_taken", "case_exists", "case_as_table", "full_table"}


def error_line(*, where: str, field: str, name: str, rule: str, value: Any, fix: str, code: str) -> str:
    """Return one error message: where, the field's label, the rule, the value given and the fix."""
    prefix = f"{where}：" if where else ""
    if name == "file" and code in _FILE_RULES and value is not None:
        return f"{prefix}文件 {value} {rule}；{fix}"
    if code == "too_many_cells":
        return f"{prefix}该行{rule}（{value}）；{fix}"
    if code == "unknown_column":
        return f"{prefix}表头中的“{value}”{rule}；{fix}"
    if code in {"missing_column", "sample_row", "sample_log_row"}:
        return f"{prefix}{'' if code == 'missing_column' else '该行'}{rule}；{fix}"
    shown = "" if value is None or value == "" else f"（输入为 {value}）"  # nothing typed: nothing to quote
    return f"{prefix}{field}{rule}{shown}；{fix}"


# argparse's own messages, translated (the CLI's usage errors in Chinese); each a (pattern, replacement).
ARGPARSE = (
    (r"^the following arguments are required: (.+)$", r"缺少必填参数：\1"),
    (r"^unrecognized arguments: (.+)$", r"无法识别的参数：\1"),
    (r"^one of the arguments (.+) is required$", r"需要以下参数之一：\1"),
    (r"^argument (\S+?): invalid choice: (.+) \(choose from (.+)\)$", r"参数 \1 的值 \2 无效（可选：\3）"),
    (r"^argument (\S+?): expected one argument$", r"参数 \1 需要一个值"),
    (r"^argument (\S+?): expected at least one argument$", r"参数 \1 至少需要一个值"),
    (r"^argument (\S+?): invalid (\w+) value: (.+)$", r"参数 \1 的值 \3 无效"),
    (r"^argument (\S+?): not allowed with argument (.+)$", r"参数 \1 不能与 \2 同时使用"),
    (r"^argument (\S+?): (.+)$", r"参数 \1：\2"),
    (r"^ambiguous option: (\S+) could match (.+)$", r"参数 \1 不明确，可能是：\2"),
)

# ----------------------------------------------------------------------------------------------------------------
# Messages of the CLI and the app

MESSAGES: dict[str, str] = {
    "proposal.written": "已写入 {count} 份协商还款申请书（方案“{scenario}”）：",
    "proposal.note": "寄出前请注意：{note}",
    "proposal.needs_all": "CASE 是文件夹（一批案例）：请加上 --all，为每个案例的每个债权人生成申请书",
    "proposal.needs_creditor": "请用 --creditor 指定债权人（债务编号：{choices}），或用 --all 为每个债权人各生成一份",
    "proposal.both": "--creditor 与 --all 只能二选一",
    "proposal.no_cases": "文件夹 {folder} 中没有案例文件（*.json）",
    "proposal.progress": "生成协商申请书",
    "proposal.summary": "共 {cases} 个案例：{ok} 个完成，{failed} 个失败；写入 {pdfs} 份申请书，用时 {seconds} 秒"
                        "（平均每份 {each} 秒）。",
    "proposal.failed": "失败的案例：",
    "proposal.case_line": "  - {case}：{reason}",
    "proposal.case_notes": "  - {case}：{notes}",
    "proposal.notes_heading": "寄出前需要补充的案例：",
    "proposal.each_reminder": "每份申请书的最后一页是给申请人本人的提醒（先拿到加盖公章的书面确认再还款），请随申请书一起交给申请人，但不要寄给债权人。",
    "reminder.written": "提醒：任何协商结果都请取得债权人加盖公章的书面确认，不要只凭口头承诺。",
    "estimate.caps": "以上为本工具依据所列规定的测算，供协商参考，不是法律意见，也不是法院认定的金额。",
    "plan.disposable": "每月可用于还款：{amount}",
    "plan.window": "比较范围：每个方案自开始日起第 {first}–{months} 个月；总成本 = 期间内的还款 + 期末仍欠金额，"
                   "节省 = 维持现状的总成本 − 该方案的总成本。",
    "plan.starts": "注意：各方案开始日不同。维持现状自 {base} 起测算；{starts} 开始日不同，其月份与维持现状错开，"
                   "节省只是近似比较。",
    "plan.findings": "提示：",
    "plan.data_group": "请核对的数据",
    "plan.case_group": "案例",
    "plan.fit_group": "按预算测算",
    "plan.terms": "方案内容：",
    "plan.apr": "真实年化利率 {apr}%",
    "plan.totals": "还款总额 {paid}；减免合计 {waived}；期末仍欠 {remaining}",
    "plan.apr_group": "各笔债务的真实年化利率（%）：",
    "check.valid": "案例有效：{debts} 笔债务，测算基准日 {as_of}",
    "check.errors": "案例文件可以读取，但有 {count} 处标为 [错误] 的问题需要先更正。",
    "check.reference": "标“（参考）”的上限是参考值（监管指导或尚未确认的规则），不是法定上限；见下方提示中的依据。",
    "check.rates": "按月或按日约定的利率（折合年利率）：",
    "check.findings": "提示（信息性提示，附依据，不是法律结论）：",
    "unknown_keys": "注意：文件中有本工具不认识的字段，已原样保留但不参与计算；如是拼写错误请更正：",
    "unknown_keys.suggest": "（是否想写 {keys}？）",
    "top_level": "（顶层）",
    "example.written": "已写入示例案例：{path}",
    "example.evidence": "已写入示例催收记录的证据文件 {count} 个：{folder}",
    "template.written": "已写入债务表模板：{path}（第 2 行是示例行，导入前请删除或改成您自己的债务）",
    "content.case": "案例文件（JSON）",
    "content.table": "债务表（CSV 或 Excel）",
    "import.done": "已导入 {count} 笔债务 → {path}",
    "import.updated": "已更新 {path} 中的债务（{count} 笔）",
    "import.kept": "收支、方案和备注保持不变",
    "import.budget_replaced": "已按本次选项替换{replaced}；{kept}以及方案和备注保持不变",
    "import.as_of_changed": "测算基准日改为 {as_of}（原为 {old}）",
    "import.as_of_today_changed": "测算基准日改为今天 {as_of}（原为 {old}）：债务表的数字应是当前的；如不是，请用 --as-of "
                                  "指定其日期重新导入",
    "import.as_of_today": "测算基准日按今天计：{as_of}（债务表的数字如是另一天的，请用 --as-of 指定）",
    "import.removed_debts": "债务表中没有的债务 {ids} 已从案例中移除（仍保存在备份文件中）",
    "import.new_debts": "新增的债务 {ids} 在现有的 {count} 个方案中按合同继续还款；如要协商，请在方案中为其添加安排",
    "import.discarded": "原案例的以下内容未带入新案例（仍保存在备份文件中）：{parts}",
    "import.part.scenarios": "{count} 个方案",
    "import.part.notes": "备注",
    "import.part.budget": "收支",
    "import.errors": "案例已写入 {path}，但有 {count} 处标为 [错误] 的问题需要更正（planner check 查看详情）",
    "import.backup": "原文件已另存为 {path}",
    "import.sheet": "已从工作表“{sheet}”读取",
    "import.no_case": "未写入案例，请先更正以上 {count} 处问题",
    "import.ignored": "注意：以下列无法识别，未导入：{names}（请对照 planner template 的表头）",
    "import.no_budget": "注意：没有填写家庭收支，可用于还款的金额按 0 计算。请加上 --income 和 --expenses 重新导入（或用 --update "
                        "更新），或在案例文件的 budget 中按类别填写。",
    "import.expenses_line": "必要支出合计",
    "note": "注意",
    "internal": "内部错误：{error}。请把命令和输入文件（去掉个人信息）报告给开发者",
    "usage.both": "案例文件与 --debts 只能二选一",
    "usage.none": "请提供案例文件或 --debts 债务表",
    "payoff.policy": "还款策略：{name}   每月预算 {budget}   起算日 {start}",
    "payoff.debt_free": "还清所需月数：{months}（{date}）",
    "payoff.debt_free_one": "还清所需月数：{months}（{date}）",
    "payoff.not_debt_free": "还清所需月数：未还清（测算 {months} 个月）",
    "payoff.totals": "利息合计 {interest}{fees}   还款总额 {paid}",
    "payoff.fees": "   费用合计 {fees}",
    "payoff.never": "未还清",
    "payoff.intro": "每月预算 {budget}，起算日 {start}",
    "payoff.notes": "提示：",
    "payoff.policies": "（策略：{names}）",
    "payoff.row.item": "项目",
    "payoff.row.months": "还清所需月数",
    "payoff.row.date": "还清日期",
    "payoff.row.interest": "利息合计",
    "payoff.row.fees": "费用合计",
    "payoff.row.paid": "还款总额",
    "payoff.row.owed": "剩余未还",
    "payoff.row.saved": "较只还最低节省利息",
    "payoff.row.saved_fees": "较只还最低节省利息和费用",
    "payoff.row.debt": "{id} 还清月份",
    "payoff.dash.baseline": "—：仅还最低还款在 {months} 个月内还不清，利息无法比较（其利息只算到测算期末，另见剩余未还）",
    "payoff.dash.baseline_more": "；还清所需月数为 — 的策略在测算期内同样还不清",
    "payoff.dash.unfinished": "—：在 {months} 个月内还不清，节省利息无法比较",
    "payoff.headers": "编号|债权人|余额|年利率(%)|最低还款|还清月份|利息|已还",
    "schedule.intro": "本金 {principal}，{rate}，{months} 期，{method}，起始日 {start}",
    "schedule.headers": "期数|还款日|月供|本金|利息|剩余本金",
    "schedule.totals": "还款总额 {paid}，利息总额 {interest}",
    "schedule.apr": "，年化利率（APR）{apr}",
    "cap.heading": "{heading}：年化 {cap}%（按 365 天计，测算基准日 {as_of}）",
    "cap.basis": "规则：{basis}（依据：{source}）",
    "cap.basis_json": "{basis}（依据：{source}）",
    "cap.status": "状态：{status}（规则 {rule}）",
    "cap.period": "期间：{start} 至 {end}（{days} 天），本金 {principal}，合同年利率 {rate}%",
    "cap.legal_interest": "上限内利息",
    "cap.claimed": "合同约定利息",
    "cap.excess": "超出部分",
    "cap.notes": "提示：",
    "terms.contract": "按合同继续",
    "terms.waiver_percent": "减免利息及费用的 {percent}",
    "terms.deferral": "延期 {months} 个月（{token}，{interest}）",
    "terms.token": "每月象征性还款 {amount}",
    "terms.pause": "暂停还款",
    "terms.restructure": "分 {months} 期（{method}，{rate}）",
    "terms.custom_rate": "约定利率 {rate}",
    "terms.down_payment": "首付 {amount}",
    "terms.fee": "分期手续费每月 {percent}",
    "terms.settlement": "按 {percent} 一次性结清（{date}前）",
    "terms.sep": "；",
    "chart.payments": "每月还款与可用于还款收入",
    "chart.balances": "剩余欠款变化",
    "chart.total_cost": "各方案总成本",
    "chart.payoff_balances": "各还款策略的剩余欠款",
    "chart.not_paid_off": "未还清",
    "chart.payoff_month_axis": "还清所在月份（第几个月）",
    "chart.payoff_months": "每笔债务的还清月份",
    "min.fixed": "{amount}",
    "min.percent": "余额的 {percent}",
    "min.floor": "（最低 {amount}）",
}


def minimum_text(percent: str | None, amount: str) -> str:
    """Return a minimum payment: "¥500.00", "余额的 10%（最低 ¥100.00）"."""
    if percent is None:
        return amount
    return f"余额的 {percent}" + (f"（最低 {amount}）" if amount else "")
