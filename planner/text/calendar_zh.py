"""简体中文: the calendar reminders (.ics) of a repayment scenario, and the ``planner reminders`` command's lines.

Speaks to the borrower plainly, as the reminder page of the proposal does. Key for key with
:mod:`planner.text.calendar_en`. Values arrive formatted (amounts with :func:`planner.text.fmt.money`, dates with
:func:`planner.text.fmt.day`); a creditor's name or an account number stays as the user wrote it.

An institution confirms in writing under its official seal (加盖公章); a private lender (a person) has no seal and
signs: the ``.institution`` / ``.person`` pairs word the two.
"""

from __future__ import annotations

ICS: dict[str, str] = {
    # The calendar
    "calendar.name": "还款提醒 · {borrower}",
    "calendar.name.anonymous": "还款提醒",
    "calendar.description": "方案：{scenario}。按新方案还款前，请先取得债权人书面确认的还款协议。",
    # A payment (one all-day event per installment)
    "payment.summary": "还款：{creditor} {amount}（{period}）",
    "payment.period": "第 {period}/{periods} 期",
    "payment.period.open": "第 {period} 期",
    "payment.down_payment": "首付款",
    "payment.settlement": "一次性结清",
    "payment.creditor": "债权人：{creditor}",
    "payment.amount": "应还金额：{amount}（{period}），{date}到期",
    "payment.account": "账号：{account}",
    "payment.scenario": "还款方案：{scenario}",
    "payment.official.institution": "只向{creditor}的官方还款账户还款（以加盖公章的书面协议、官方 App 或官方客服核实的账户为准），"
                                    "不要转账给个人或“代还”“债务优化”中介；每次还款都保留转账凭证。",
    "payment.official.person": "只向书面协议中约定的出借人本人账户还款，不要转账给他人或中介；每次还款都保留转账凭证，"
                               "并请出借人出具收条。",
    "alarm.before": "{days} 天后（{date}）还款：{creditor} {amount}",
    "alarm.today": "今天（{date}）还款：{creditor} {amount}",
    # The follow-up after the application is sent (one per creditor addressed)
    "follow_up.summary.institution": "协商申请寄出 {days} 天：书面确认（加盖公章）收到了吗？（{creditor}）",
    "follow_up.summary.person": "协商申请寄出 {days} 天：书面确认（出借人签名）收到了吗？（{creditor}）",
    "follow_up.sent": "{sent_on}向{creditor}寄出了协商还款申请（方案：{scenario}）。",
    "follow_up.wait.institution": "在收到{creditor}加盖公章的书面还款协议之前，不要按新方案还款；电话或短信里的口头答应不算数。",
    "follow_up.wait.person": "在收到出借人签名的书面还款协议之前，不要按新方案还款；口头答应不算数。",
    "follow_up.no_reply.institution": "如果还没有回复，请拨打{creditor}的官方客服电话（以官网、官方 App 或卡片背面公布的号码为准）"
                                      "询问处理进度，并记下通话时间和客服工号。",
    "follow_up.no_reply.person": "如果还没有回复，请直接联系出借人本人询问，并保留聊天或通话记录。",
    "follow_up.hotline": "银行、消费金融公司不予答复或拒绝协商的，可拨打 12378（国家金融监督管理总局银行保险消费者投诉维权热线）反映。",
    "follow_up.hotline.platform": "如果借款合同载明的出借方是银行或消费金融公司，对方不予答复或拒绝协商的，可拨打 12378"
                                  "（国家金融监督管理总局银行保险消费者投诉维权热线）反映。",
    "follow_up.account": "账号：{account}",
    "alarm.follow_up": "今天查看：{creditor}的书面确认收到了吗？",
    # A complaint's reply due (one per complaint filed with a due day)
    "complaint.summary": "投诉答复到期：{channel}（受理编号 {reference}，{creditor}）",
    "complaint.summary.no_reference": "投诉答复到期：{channel}（{creditor}）",
    "complaint.creditor_service": "{creditor}客服",
    "complaint.reference": "（受理编号 {reference}）",
    "complaint.filed": "{filed}向{channel}投诉{creditor}的催收行为{reference}。",
    "complaint.due": "按该渠道的答复时限，今天（{due}）应收到答复。",
    "complaint.no_reply": "如还没有答复：{contact}，报上受理编号查询进度；仍无结果的，可向上一级部门投诉。",
    "complaint.keep": "收到的答复（短信、电话或书面）请记下时间、经办人并保存。",
    "complaint.note": "备注：{note}",
    "alarm.complaint": "今天查看：{channel}对投诉（{creditor}）的答复到了吗？",
    # The command's lines (stderr)
    "cli.written": "已写入 {count} 个日历事件（{payments} 次还款、{follow_ups} 个回复跟进）：{path}。"
                   "按新方案还款前，请先取得债权人书面确认（机构加盖公章，个人出借人签名）。",
    "cli.complaints": "其中 {count} 个是投诉答复到期提醒。",
    "cli.backup": "原文件已另存为 {path}。",
    "cli.content": "日历文件（.ics）",
}
