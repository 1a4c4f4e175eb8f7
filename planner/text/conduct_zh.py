"""简体中文: the collection-conduct log's (催收记录) table columns and the ``planner log`` commands' lines.

Speaks to the borrower plainly. Key for key with :mod:`planner.text.conduct_en`. Values arrive formatted (counts
as numbers, paths as written); a creditor's name or a note stays as the user wrote it.
"""

from __future__ import annotations

COLUMNS: dict[str, str] = {
    "time": "时间",
    "channel": "方式",
    "from": "来电号码",
    "contacted": "联系对象",
    "creditor": "债权人",
    "identity": "自称身份",
    "flags": "标记",
    "duration_min": "时长（分钟）",
    "answered": "接通",
    "note": "备注",
    "attachments": "附件",
}
"""The log table's Chinese headers by column identifier (the English header), in the template's order."""

LOG: dict[str, str] = {
    # planner log import
    "import.summary": "已从 {file} 读取 {read} 条催收记录：新增 {added} 条，{already} 条已有（不重复添加）。",
    "import.skipped": "跳过 {count} 行有误的行（第 {rows} 行），这些行未导入：",
    "import.saved": "已写入案例文件 {path}（共 {total} 条催收记录）。",
    "import.unchanged": "没有新记录，案例文件 {path} 未改动。",
    "import.refused": "{file} 中有 {count} 行有误，未导入任何记录，案例文件未改动。请改正后重新导入，"
                      "或加上 --skip-invalid 只导入无误的行。",
    "import.refused_header": "{file} 的表头有误，未导入任何记录，案例文件未改动。",
    # planner log template
    "content.table": "催收记录表（CSV 或 Excel）",
    "template.written": "已写入催收记录模板：{path}（第 2 行是示例行，导入前请删除或改成您自己的记录）",
    # planner log check
    "check.empty": "案例 {path} 中还没有催收记录。可以用 planner log import 导入，或在应用的“催收记录”页逐条添加。",
    "check.creditor": "{name}（{debt}）：{count} 条记录，{first} 至 {last}",
    "check.creditor.name": "{name}：{count} 条记录，{first} 至 {last}",
    "check.clean": "  未发现与所引规则不符的情况。",
    "check.channels": "  投诉渠道（按顺序）：{channels}",
    "check.note": "以上是按公开规定和实务指南对记录所作的对照，供投诉和协商参考，不是法律结论。规则及来源见 "
                  "planner/caps/data/conduct_rules.json，可用 --rules 指定修改过的副本。",
    "help.check": "对照催收规则检查催收记录，列出各债权人的情况和投诉渠道",
    "help.check.case": "案例文件（.json）",
    "help.check.json": "以 JSON 输出（{\"findings\": [...]}，供脚本使用）",
    "help.check.creditor": "只看一个债权人（债务编号或记录中的名称）",
    "help.check.rules": "使用修改过的规则文件（格式同 planner/caps/data/conduct_rules.json）",
    # Help of the commands
    "help.log": "催收记录：导入、模板、检查",
    "help.import": "从表格（CSV 或 .xlsx）导入催收记录到案例",
    "help.import.case": "案例文件（.json），导入后原地保存",
    "help.import.file": "催收记录表：CSV（UTF-8 或 GB18030）或 .xlsx，见 planner log template",
    "help.import.skip": "跳过有误的行，只导入无误的行（默认：有一行有误就整个文件不导入）",
    "help.template": "输出催收记录表模板（中文表头，附一行示例）",
    "help.template.output": "要写入的文件（.csv 或 .xlsx）",
    "help.template.force": "覆盖已有文件",
}
"""The ``planner log`` commands' lines."""
