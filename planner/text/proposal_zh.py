"""简体中文: the negotiation proposal (协商还款申请书) and the reminder page for the borrower.

Two voices, as everywhere in :mod:`planner.text`: the letter speaks to the creditor formally in the first person
(本人; the creditor is ``{you}``: 贵司 for an institution, 您 for a private lender); the reminder page speaks to
the borrower plainly. Key for key with :mod:`planner.text.proposal_en`. Legal references name their source in the
sentence; figures are information, never a court's conclusion.
"""

from __future__ import annotations

DOC: dict[str, str] = {
    # The letter (creditor voice)
    "title": "协商还款申请书",
    "to": "致：{creditor}",
    "facts.heading": "申请人及借款信息",
    "facts.name": "申请人",
    "facts.id_number": "身份证号",
    "facts.phone": "联系电话",
    "facts.address": "联系地址",
    "facts.account": "账户 / 合同编号",
    "facts.kind": "借款类型",
    "facts.date": "申请日期",
    "facts.masked": "（部分隐去）",
    "blank": "（未填写）",
    "opening": "本人{name}，因{reasons}，目前无力按原合同约定足额还款。本人愿意偿还债务，现就本人在{you}处的欠款"
               "（{account}）申请协商还款，具体情况说明如下。",
    "opening.no_reason": "本人{name}目前无力按原合同约定足额还款。本人愿意偿还债务，现就本人在{you}处的欠款"
                         "（{account}）申请协商还款，具体情况说明如下。",
    "opening.no_account": "账户见上",
    "hardship.heading": "一、困难说明",
    "hardship.statement": "具体情况如下：",
    "hardship.none": "（申请人未填写困难说明，请在寄出前补充。）",
    "budget.heading": "二、家庭收支情况",
    "budget.summary": "本人家庭共 {members} 人，每月收入合计 {income}，必要支出合计 {expenses}，预留应急储备 {reserve}，"
                      "每月可用于偿还全部债务的金额为 {disposable}。",
    "budget.item": "项目",
    "budget.monthly": "每月金额",
    "budget.income": "收入：{name}",
    "budget.expense": "支出：{name}",
    "budget.total_income": "收入合计",
    "budget.total_expenses": "必要支出合计",
    "budget.reserve": "应急储备",
    "budget.disposable": "每月可用于还款",
    "debts.intro": "本人目前共有 {count} 笔欠款，合计尚欠 {total}（本金及各项利息、费用）。为公平对待每一位债权人，本人按同一测算"
                   "向各债权人提出还款方案，如下表：",
    "debts.creditor": "债权人",
    "debts.owed": "尚欠金额",
    "debts.terms": "申请的方案",
    "debts.paid": "方案内还款合计",
    "debts.largest": "最高单月还款",
    "debts.this": "（本申请）",
    "debts.total": "合计",
    "debts.fits": "按上表方案，本人每月向全部债权人还款合计最高 {largest}，不超过每月可用于还款的 {disposable}。",
    "debts.tight": "按上表方案，本人每月向全部债权人还款合计最高 {largest}，已接近或超过每月可用于还款的 {disposable}，"
                   "本人将压缩开支、尽力履行。",
    "caps.heading": "三、欠款金额与利率上限",
    "caps.intro": "根据{you}提供的账单及本人掌握的资料，本笔欠款的构成及按规定利率上限测算的结果如下（测算截至 {as_of}）：",
    "caps.principal": "剩余本金",
    "caps.interest": "利息",
    "caps.penalty": "罚息",
    "caps.damages": "违约金",
    "caps.fees": "其他费用",
    "caps.claimed": "利息、罚息及费用合计",
    "caps.window": "测算期间",
    "caps.window_value": "自 {start} 起 {days} 天",
    "caps.cap": "适用的利率上限",
    "caps.supportable": "按上限测算可支持的利息",
    "caps.excess": "超出上限的部分",
    "caps.basis": "测算依据：{basis}（{source}）",
    "caps.reference": "（该上限为参考标准，未经确认，仅供参考。）",
    "caps.no_excess": "按上述测算，主张的利息及费用未超过上限。",
    "caps.note": "以上为本人依据公开规定所作的测算，仅作为协商参考，不构成法律结论；如有出入，以双方核对的账目为准。",
    "caps.source": "依据：{source}",
    "plan.heading": "四、还款方案",
    "plan.request": "本人申请：{terms}。",
    "plan.total": "方案内还款合计",
    "plan.total_words": "大写",
    "plan.waived": "申请减免金额",
    "plan.periods": "还款期数",
    "plan.periods_value": "{count} 期",
    "plan.first": "首次还款日",
    "plan.last": "末次还款日",
    "plan.remaining": "测算期末仍欠",
    "plan.schedule": "还款计划表",
    "plan.period": "期数",
    "plan.due": "还款日",
    "plan.payment": "应还金额",
    "plan.principal": "本金",
    "plan.interest": "利息",
    "plan.fee": "费用",
    "plan.balance": "剩余应还",
    "plan.total_row": "合计",
    "plan.no_payments": "（本方案在测算期间内没有还款。）",
    "plan.chart": "本人家庭每月还款合计与可用于还款的金额",
    "plan.chart.this": "向{you}还款",
    "plan.chart.others": "向其他债权人还款",
    "plan.chart.disposable": "每月可用于还款 {disposable}",
    "conduct.third_party": "据本人记录，{first}至{last}，{you}或{you}委托的催收人员共 {count} 次联系本人的{who}等第三人"
                           "催收或提及本人的欠款（记录及证据另附）。此类做法侵扰了本人及他人的正常生活，恳请立即停止。",
    "requests.heading": "五、请求事项",
    "requests.stop_charges": "在本方案履行期间，停止计收罚息、违约金及其他费用{and_interest}，本人按时还款期间不再产生新的逾期费用。",
    "requests.and_interest": "，并停止计息",
    "requests.contact": "请{you}及{you}委托的催收机构只与本人联系，不向本人的家人、同事、朋友等第三方催收或透露本人的欠款情况"
                        "（{basis}）。",
    "requests.contact.person": "请您只与本人联系，不向本人的家人、同事、朋友等第三方催收或透露本人的欠款情况（{basis}）。",
    "requests.contact.card": "《商业银行信用卡业务监督管理办法》第六十八条：不得对与债务无关的第三人进行催收",
    "requests.contact.guideline": "中国银行业协会《金融机构个人消费类贷款催收工作指引（试行）》（2026年）：禁止向与债务无关的第三人催收",
    "requests.contact.civil": "《民法典》第一千零三十二条、第一千零三十三条，《个人信息保护法》第十条",
    "requests.confirm": "如同意本方案，请以书面形式确认，并加盖{you}公章；书面确认请写明：欠款金额及构成、每期还款日期和金额、"
                        "是否继续计收利息和费用、违约处理，以及确认后停止催收。",
    "requests.confirm.person": "如同意本方案，请与本人签订书面还款协议并签字确认；协议请写明：欠款金额及构成、每期还款日期和金额、"
                               "是否继续计收利息、违约处理。",
    "commitment.heading": "六、本人承诺",
    "commitment.text": "本人承诺：按双方书面确认的方案按时足额还款；在还清前不再新增借款{no_cards}；收入、住址或联系方式发生变化时"
                       "及时告知{you}。以上所述情况属实，相关证明材料附后。恳请{you}考虑本人的实际困难，同意本申请。",
    "commitment.no_cards": "，不向任何银行申请新的信用卡",
    "attachments.heading": "附件清单",
    "signature.applicant": "申请人（签字）：",
    "signature.date": "日期：",
    # The reminder page (borrower voice)
    "reminder.heading": "给您本人的提醒：先拿到书面确认，再按新方案还款",
    "reminder.keep": "本页供您本人留存，请不要随申请书寄出。",
    "reminder.before_paying": "在收到加盖{seal}的书面协议之前，不要按新方案付款；口头答应、客服短信或催收员的承诺都不算数。",
    "reminder.seal.institution": "债权人公章",
    "reminder.seal.person": "出借人签字",
    "reminder.must_state": "书面协议至少应写明（参照《商业银行信用卡业务监督管理办法》第七十条）：",
    "reminder.recordings": "电话或面谈协商时请录音，并记下时间、对方姓名和工号；银行对口头协议也应保存录音至还清为止。",
    "reminder.receipts": "每一笔还款都只还到债权人的官方账户，并保存转账记录、收据或账单截图，直到还清后拿到结清证明。",
    "reminder.agents": "警惕“停息挂账”代办：真正的协商由您本人直接向债权人的官方客服提出，不收费。声称有“内部渠道”、"
                       "保证“包过”、先收服务费或保证金、要您把钱转到个人或第三方账户、索要银行卡密码或验证码的，多为骗局。",
    "reminder.help": "需要帮助时，可向债权人的官方客服、银行业消费者投诉热线 12378 或当地的法律援助机构（12348）咨询。",
    "reminder.unaffordable": "注意：按本方案，全部债务的月还款在 {months} 个月里超过您每月可用于还款的金额。寄出前请调整方案，"
                             "不要答应付不起的方案。",
    "reminder.scenario": "本申请按方案“{scenario}”生成（{date}）。",
    "reminder.draft": "本申请书由协商规划工具按您填写的资料生成，寄出前请逐项核对；金额为测算结果，以双方核对的账目为准。",
    # Warnings about the input (borrower voice)
    "missing.name": "还没有填写申请人姓名。",
    "missing.id_number": "还没有填写身份证号。",
    "missing.phone": "还没有填写联系电话。",
    "missing.hardship": "还没有选择困难原因或填写困难说明。",
    "missing.affordable": "按本方案，全部债务的月还款在 {months} 个月里超过每月可用于还款的金额：寄出前请调整方案。",
    # Preview and file names
    "file.name": "协商还款申请书-{creditor}-{borrower}",
    "file.reminders": "还款提醒-{borrower}",
}

HARDSHIP_REASONS: dict[str, str] = {
    "unemployment": "失业",
    "illness": "本人或家人患病",
    "business-failure": "经营失败",
    "income-drop": "收入大幅下降",
    "family-burden": "家庭负担加重",
    "other": "其他客观原因",
}
"""Each reason as the opening sentence names it (本人因……)."""

HARDSHIP_SENTENCES: dict[str, str] = {
    "unemployment": "本人失业，收入中断，目前正在积极求职。",
    "illness": "本人或家人患病，医疗支出增加，收入减少。",
    "business-failure": "本人经营失败，收入锐减并产生亏损。",
    "income-drop": "本人收入大幅下降，已无法按原约定还款。",
    "family-burden": "家庭负担加重（如赡养老人、抚养子女或家人需要照料），可用于还款的资金减少。",
    "other": "因其他客观原因，本人暂时无力按原约定还款。",
}
"""One sentence per reason in the 困难说明 (creditor voice)."""

ATTACHMENTS_ALWAYS: tuple[str, ...] = (
    "身份证复印件",
    "收入证明",
    "近 6 个月银行流水（工资流水）",
)

ATTACHMENTS: dict[str, tuple[str, ...]] = {
    "unemployment": ("失业证明或离职证明",),
    "illness": ("诊断证明、病历", "医疗费用清单或发票"),
    "business-failure": ("营业执照（或注销证明）", "经营亏损的记录或材料"),
    "income-drop": ("收入下降前后的工资条或收入证明",),
    "family-burden": ("户口簿或家庭成员关系证明", "家人的医疗、赡养或就学材料"),
    "other": ("与困难情况相关的证明材料",),
}
"""Proof asked for with each hardship reason (reference §3: what banks usually ask for)."""

AGREEMENT_ITEMS: tuple[str, ...] = (
    "欠款总额、构成（本金、利息、费用）和币种；",
    "还款周期、方式，每期的还款日期和金额；",
    "是否继续计收年费、利息和其他费用；",
    "（信用卡）还清前不申请新信用卡的承诺；",
    "双方的权利、义务和违约责任（逾期一期会怎样）；",
    "协议签订后债权人及其委托的催收机构停止催收。",
)
"""What a written installment agreement must state (art. 70 of the credit-card measures; reference §3)."""
