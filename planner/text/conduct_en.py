"""English: the collection-conduct log's table columns and the ``planner log`` commands' lines, key for key with
:mod:`planner.text.conduct_zh`.

Speaks to the borrower plainly. Values arrive formatted; a creditor's name or a note stays as the user wrote it.
"""

from __future__ import annotations

COLUMNS: dict[str, str] = {
    "time": "time",
    "channel": "channel",
    "from": "from",
    "contacted": "contacted",
    "creditor": "creditor",
    "identity": "identity",
    "flags": "flags",
    "duration_min": "duration_min",
    "answered": "answered",
    "note": "note",
    "attachments": "attachments",
}
"""The log table's English headers: each column's identifier."""

LOG: dict[str, str] = {
    # planner log import
    "import.summary": "Read {read} collection contacts from {file}: {added} added, {already} already there "
                      "(not added twice).",
    "import.skipped": "Skipped {count} row(s) with problems (rows {rows}); they were not imported:",
    "import.saved": "Wrote the case file {path} ({total} contacts in its log).",
    "import.unchanged": "Nothing new: the case file {path} is unchanged.",
    "import.refused": "{file} has {count} row(s) with problems: nothing was imported and the case file is unchanged. "
                      "Correct them and import again, or add --skip-invalid to import only the rows without problems.",
    "import.refused_header": "The header of {file} has problems: nothing was imported and the case file is unchanged.",
    # planner log template
    "content.table": "a collection-log table (CSV or Excel)",
    "template.written": "Wrote the collection-log template: {path} (row 2 is a sample: delete it or replace it with "
                        "your own record before importing)",
    # planner log check
    "check.empty": "The case {path} has no collection contacts logged yet. Import them with planner log import, or add "
                   "them one by one on the app's Collection log tab.",
    "check.creditor": "{name} ({debt}): {count} entries, {first} to {last}",
    "check.creditor.name": "{name}: {count} entries, {first} to {last}",
    "check.clean": "  Nothing found against the rules cited.",
    "check.channels": "  Where to complain, in order: {channels}",
    "check.note": "The above compares the log with public rules and the practical guides, for complaints and "
                  "negotiation; it is not a legal conclusion. The rules and their sources are in "
                  "planner/caps/data/conduct_rules.json; --rules uses an edited copy.",
    "help.check": "check the log against the collection rules: what each creditor's collectors did, and where to complain",
    "help.check.case": "case file (.json)",
    "help.check.json": "print JSON ({\"findings\": [...]}, for scripts)",
    "help.check.creditor": "one creditor only (a debt id or a name as logged)",
    "help.check.rules": "use an edited rules file (the shape of planner/caps/data/conduct_rules.json)",
    # Help of the commands
    "help.log": "the collection-conduct log: import, template, check",
    "help.import": "import collection contacts from a table (CSV or .xlsx) into a case",
    "help.import.case": "case file (.json), saved in place after the import",
    "help.import.file": "the log table: CSV (UTF-8 or GB18030) or .xlsx, see `planner log template`",
    "help.import.skip": "skip the rows with problems and import the others (default: one bad row refuses the file)",
    "help.template": "write the log table to fill in (Chinese header, one sample row)",
    "help.template.output": "the file to write (.csv or .xlsx)",
    "help.template.force": "replace an existing file",
}
"""The ``planner log`` commands' lines."""
