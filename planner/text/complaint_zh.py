"""简体中文: complaints about collection (投诉书, 举报材料, 报案材料, the request letter to the creditor), and the
``planner complaint`` command's lines.

The complaint speaks in the borrower's first person (本人) to the body it is sent to; the respondent is named.
The letter to the creditor addresses it as ``{you}`` (贵司, or 您 for a private lender). Everything logged is
stated as fact with the rule it touches and its source — information, never a legal conclusion: 涉嫌, 涉及,
"以贵单位认定为准". Key for key with :mod:`planner.text.complaint_en`; values arrive formatted, and a user's own
text (names, notes) stays as written.

``{period}`` is a reply time as ``period.working`` / ``period.calendar`` word it. :data:`FINDINGS` words the conduct findings in the
complaint's voice (the respondent named, not addressed); the letter to the creditor uses the findings' own
``creditor`` wording instead.
"""

from __future__ import annotations

from typing import Any

DOC: dict[str, str] = {
    # Titles, addressees and the subject line, per channel
    "title.creditor": "关于规范催收行为的请求函",
    "title.12378": "投诉书",
    "title.nifa": "投诉书",
    "title.12345": "投诉书",
    "title.12321": "举报材料",
    "title.police": "报案材料",
    "to.creditor": "致：{name}（客户服务及投诉部门）",
    "to.channel": "致：{channel}",
    "to.police": "致：________公安局________派出所",
    "subject.creditor": "事由：请求{you}及{you}委托的催收机构停止不当催收行为",
    "subject.complaint": "事由：关于{name}及其委托的催收机构涉嫌不当催收的投诉",
    "subject.12345": "事由：关于小额贷款公司{name}及其委托的催收机构涉嫌不当催收的投诉（请转地方金融管理部门）",
    "subject.12321": "事由：关于催收骚扰电话和短信的举报（{name}一方）",
    "subject.police": "事由：关于{name}一方催收人员以滋扰等方式催收的报案",
    # The parties
    "party.heading.creditor": "申请人",
    "party.heading.complaint": "投诉人",
    "party.heading.12321": "举报人",
    "party.heading.police": "报案人",
    "party.name": "姓名",
    "party.id_number": "身份证号",
    "party.phone": "联系电话",
    "party.address": "联系地址",
    "party.masked": "（部分隐去）",
    "blank": "（未填写）",
    "respondent.heading": "被投诉人",
    "respondent.heading.police": "涉及的催收方",
    "respondent.name": "名称",
    "respondent.and_agents": "{name}及其委托的催收机构",
    "respondent.kind": "类型",
    "respondent.kind.unknown": "（债权人自称或催收方自报的名称，类型不明）",
    "respondent.account": "账户 / 合同编号",
    "respondent.numbers": "使用的号码 / 账号",
    "intro.debt": "本人在{name}处有一笔{kind}欠款。本人不否认欠款，愿意协商还款；但{name}及其委托的催收人员在催收中存在"
                  "下列情况，{purpose}",
    "intro.named": "{name}一方以催收本人欠款为由联系本人及他人。本人不否认欠款，愿意协商还款；但其催收人员存在下列情况，"
                   "{purpose}",
    "intro.creditor": "本人在{you}处有一笔{kind}欠款。本人不否认欠款，愿意与{you}协商还款；但{you}及{you}委托的催收人员在"
                      "催收中存在下列情况，严重干扰了本人及家人的正常生活，特致函请求{you}予以规范。",
    "intro.creditor.named": "{you}一方以催收本人欠款为由联系本人及他人。本人不否认欠款，愿意协商还款；但催收人员存在下列情况，"
                            "严重干扰了本人及家人的正常生活，特致函请求{you}予以规范。",
    "purpose.complaint": "特此投诉，请予核查处理。",
    "purpose.12321": "特此举报，请予核查处理。",
    "purpose.police": "特此报案，请依法处理。",
    # I. Facts
    "facts.heading": "一、事实与经过",
    "summary.period": "自 {first} 至 {last}，{name}一方共联系 {count} 次",
    "summary.period.creditor": "自 {first} 至 {last}，{you}一方共联系 {count} 次",
    "summary.calls": "（其中电话 {calls} 次，未接通 {missed} 次）",
    "summary.third": "；联系本人的{who}等第三人 {third} 次",
    "summary.nights": "；在 {start} 至次日 {end} 之间联系 {nights} 次",
    "summary.end": "。具体记录如下（时间为北京时间）：",
    "table.caption": "催收记录",
    "table.no": "序号",
    "table.time": "时间",
    "table.channel": "方式",
    "table.sender": "号码 / 账号",
    "table.contacted": "联系对象",
    "table.identity": "自称身份",
    "table.flags": "标记",
    "table.note": "经过",
    "table.evidence": "证据文件",
    "table.missed": "（未接通）",
    "table.minutes": "{minutes} 分钟",
    # II. Rules
    "rules.heading": "二、涉及的规定",
    "rules.heading.police": "二、涉及的规定及情形",
    "rules.basis": "依据：{source}",
    "rules.sentence": "{sentence}（{basis}）",
    "rules.none": "按本工具所列规则，上述记录中没有发现第三人联系、休息时段联系、高频呼叫、威胁辱骂、冒充身份、伪造文书、"
                  "透露债务等情形。",
    "rules.note": "以上为本人根据记录整理的事实和公开的规定、行业指引，供核查参考；相关行为是否违规、违法，以贵单位的认定为准。",
    "rules.note.creditor": "以上为本人根据记录整理的事实和公开的规定、行业指引，恳请{you}核实。",
    # III. Requests
    "requests.heading": "三、请求事项",
    "request.stop": "督促{name}及其委托的催收机构立即停止联系本人的家人、同事等与债务无关的第三人，停止在休息时段和高频次的"
                    "电话、短信联系。",
    "request.agency": "要求{name}书面告知本人其委托的催收机构的名称和联系方式。",
    "request.negotiate": "督促{name}依法依规与本人协商还款事宜。",
    "request.refer": "将本投诉转交地方金融管理部门处理。",
    "request.reply": "在{period}内将处理结果告知本人（{cited}）。",
    "request.reply.ask": "告知受理编号和处理时限，并将处理结果告知本人。",
    "request.creditor.stop": "请{you}及{you}委托的催收机构立即停止联系本人的家人、同事等与债务无关的第三人，停止在休息时段和"
                             "高频次的电话、短信联系。",
    "request.creditor.agency": "请{you}书面告知本人受托催收机构的名称、联系方式及其催收人员的工号。",
    "request.creditor.contact": "今后请只通过本人的电话或书面方式与本人联系；本人愿意就还款事宜与{you}协商。",
    "request.creditor.reply": "请{you}自收到本函之日起{period}内书面答复本人（{cited}）。",
    "request.creditor.reply.ask": "请{you}尽快书面答复本人，并告知处理时限。",
    "request.creditor.next": "如未在上述期限内答复，或上述情况继续发生，本人将向{next}投诉。",
    "request.spam.numbers": "核查并处理以下号码的骚扰电话、短信：{numbers}。",
    "request.spam.no_numbers": "核查并处理上表所列的骚扰电话、短信。",
    "request.police.investigate": "请求公安机关依法调查处理上述行为。",
    "request.police.stop": "请求依法制止相关人员继续滋扰本人及本人的家人、同事（《治安管理处罚法》第五十条第二款）。",
    "request.police.receipt": "请出具受案回执，并告知处理情况。",
    "cited.basis": "依据：{source}",
    "cited.reference": "参考：{source}",
    # IV. Attachments, closing, signature
    "attachments.heading": "四、证据清单",
    "attachment.file": "{name}（{time}，{channel}）",
    "attachment.log": "催收记录表（见上文第一部分，共 {count} 条）",
    "attachment.id": "本人身份证复印件",
    "closing": "本人保证以上内容属实。",
    "closing.police": "本人对以上陈述的真实性负责。",
    "signature.complaint": "投诉人（签字）：",
    "signature.12321": "举报人（签字）：",
    "signature.police": "报案人（签字）：",
    "signature.creditor": "申请人（签字）：",
    "signature.date": "日期：",
    # Notes for whoever prepares it (not printed)
    "note.name": "缺少投诉人姓名：请在案例中填写。",
    "note.id_number": "缺少身份证号：受理机构通常需要核实身份，请补充。",
    "note.phone": "缺少联系电话：受理机构需要联系您答复，请补充。",
    "note.not_suggested": "{channel}不是该债权人的常用投诉渠道；建议的渠道：{channels}。",
    "note.no_findings": "记录中没有发现所列规则涉及的情形：请确认是否需要投诉。",
    "note.no_evidence": "记录中没有附证据文件：请尽量附上录音、截图、通话记录等，并保留原件。",
    "note.call": "电话投诉时（{contact}），可以照读本投诉的纯文本版。",
    # A reply time
    "period.working": "{days}个工作日",
    "period.calendar": "{days}日",
    # Plain text
    "plain.join": "；",
    "plain.cell": "{label}：{value}",
    # The command's lines
    "cli.written": "已写入{title}（{channel}）：{path}",
    "cli.printed": "以上为{title}（{channel}）的纯文本版。",
    "cli.note": "提交前请注意：{note}",
    "cli.recorded": "已在案例中记录：{date}就{creditor}的催收问题向{channel}提交投诉{reference}。",
    "cli.reference": "（受理编号 {reference}）",
    "cli.replaced": "（替换了同一天向同一渠道投诉该债权人的记录）",
    "cli.due": "预计答复期限：{due}（{period}，{cited}）。到期未答复可再次催问或向上一级投诉。",
    "cli.due.none": "{channel}没有公布的答复时限：请在投诉时询问受理编号和处理时限。",
    "cli.needs_output": "请用 -o 指定要写入的文件（或 -o - 直接输出纯文本），或用 --filed 记录已提交的投诉",
    "cli.reference_needs_filed": "--reference 只能与 --filed 一起使用",
    "plain.incident": "{no}. {time}",
}



def _third_party(v: Any) -> str:
    return ("{creditor}一方的催收人员共 {count} 次联系本人的{contacts}（{period}），向与债务无关的第三人催收或提及本人"
            "的欠款。")


def _outside_hours(v: Any) -> str:
    return "{creditor}一方有 {count} 次在 {start} 至次日 {end} 之间联系（{period}）。"


def _too_frequent(v: Any) -> str:
    if v.raw("basis") == "attempts":
        return ("{creditor}一方有 {days} 天对同一未接通号码每日呼叫超过 {limit} 次（最多一天 {most} 次，在 {worst}），"
                "共 {count} 次。")
    return ("{creditor}一方有 {days} 天每日来电超过 {limit} 次（最多一天 {most} 次，在 {worst}），共 {count} 次"
            "（每日超过 {limit} 次是实务中认定骚扰的经验标准，不是法定标准）。")


def _threat(v: Any) -> str:
    return "{creditor}一方的催收人员有 {count} 次联系含有{flags}内容（{period}）。"


def _impersonation(v: Any) -> str:
    if v.has("identities"):
        return "{creditor}一方的催收人员有 {count} 次自称{identities}（{period}），涉嫌冒充他人身份。"
    return "{creditor}一方的催收人员有 {count} 次涉嫌冒充公检法机关或律师（{period}）。"


def _fake_document(v: Any) -> str:
    return "{creditor}一方的催收人员有 {count} 次发送自称律师函或法院文书的材料（{period}），疑似伪造。"


def _disclosure(v: Any) -> str:
    return "{creditor}一方的催收人员有 {count} 次向本人的{contacts}透露本人的债务情况（{period}）。"


def _visit(v: Any) -> str:
    return "{creditor}一方有 {count} 次上门催收（{period}）。"


FINDINGS: dict[str, Any] = {
    "THIRD_PARTY_CONTACT": _third_party,
    "OUTSIDE_HOURS": _outside_hours,
    "TOO_FREQUENT": _too_frequent,
    "THREAT_OR_INSULT": _threat,
    "IMPERSONATION": _impersonation,
    "FAKE_LEGAL_DOCUMENT": _fake_document,
    "DISCLOSURE": _disclosure,
    "VISIT": _visit,
}
"""The conduct findings in the complaint's voice: the respondent named (``{creditor}``), the borrower 本人."""
