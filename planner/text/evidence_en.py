"""English: the evidence package of the conduct log and the ``planner evidence`` command's lines, key for key with
:mod:`planner.text.evidence_zh`.

The log PDF states facts for whoever receives the package, never a legal conclusion.
"""

from __future__ import annotations

EVIDENCE: dict[str, str] = {
    # The log PDF (记录/log.pdf)
    "doc.title": "Collection contact log",
    "doc.title.creditor": "Collection contact log: {creditor}",
    "doc.header": "Collection contact log \u00b7 {borrower}",
    "facts.borrower": "Borrower",
    "facts.id_number": "ID number",
    "facts.masked": " (partly hidden)",
    "facts.blank": "(not given)",
    "facts.creditor": "Creditor",
    "facts.all_creditors": "all ({creditors})",
    "facts.period": "Period",
    "facts.period.value": "{first} to {last}",
    "facts.entries": "Entries",
    "facts.entries.value": "{count}",
    "facts.attachments": "Attachments",
    "facts.attachments.value": "{count}",
    "facts.created": "Prepared on",
    "intro": "The collection contacts below were logged one by one by the borrower (times are China time). Each "
             "entry's evidence files are in the package's 附件 folder, named date_time_entry id_original name; the "
             "size and SHA-256 of every file are listed in manifest.json, to check that none has been changed.",
    "table.caption": "Contacts",
    "table.group": "{creditor} ({count})",
    "col.time": "Time",
    "col.channel": "Channel",
    "col.sender": "From",
    "col.contacted": "Contacted",
    "col.identity": "Claimed identity",
    "col.flags": "Flags",
    "col.note": "Note",
    "col.evidence": "Evidence files",
    "channel.duration": "{channel}, {minutes} min",
    "channel.missed": "{channel}, not answered",
    "none": "\u2014",
    "files.heading": "Attachments checked",
    "files.intro": "Each attachment's name in the package, its size and SHA-256; the state compares them with what "
                   "was recorded when it was logged.",
    "files.problems": "Note: {count} attachments are missing or differ in size or SHA-256 from what was recorded "
                      "when they were logged. The package holds the files as they were at export, marked in the "
                      "state column and in manifest.json; please find the original files.",
    "files.caption": "Attachments (all in the 附件 folder)",
    "col.file": "Name in the package",
    "col.size": "Size",
    "col.sha256": "SHA-256",
    "col.state": "State",
    "size.bytes": "{size} bytes",
    "state.ok": "as logged",
    "state.changed": "changed since logged",
    "state.missing": "missing (not included)",
    "keep": "Keep the original files (recordings, screenshots, photos, envelopes) unchanged, and keep a copy of "
            "this package.",
    # The log CSV (记录/log.csv)
    "csv.id": "id",
    "csv.time": "time",
    "csv.channel": "channel",
    "csv.sender": "from",
    "csv.contacted": "contacted",
    "csv.creditor": "creditor",
    "csv.identity": "identity",
    "csv.flags": "flags",
    "csv.duration_min": "duration_min",
    "csv.answered": "answered",
    "csv.note": "note",
    "csv.attachments": "attachments",
    "csv.packed": "packed",
    "csv.state": "attachment_state",
    "csv.yes": "yes",
    "csv.no": "no",
    "csv.separator": ";",
    # The command's lines
    "cli.content": "an evidence package (.zip)",
    "cli.written": "Wrote the evidence package {path}: {entries} entries, {packed} attachments.",
    "cli.digest": "SHA-256 of manifest.json: {sha256} (note it down or send it with the complaint, to check the "
                  "package later)",
    "cli.changed": "Attachment changed: {path} (entry {entry}): logged with {logged_size} bytes, SHA-256 {logged}; "
                   "now {size} bytes, SHA-256 {sha256}; included and marked \"changed\".",
    "cli.missing": "Attachment missing: {path} (entry {entry}): not included, marked \"missing\" in manifest.json.",
    "cli.problems": "{count} attachments are missing or changed; the package was written and marks them. Find the "
                    "original files and export again.",
    "cli.same_file": "{path} is the case file or one of its attachments and cannot be replaced by the package",
    "cli.verify_form": "planner evidence verify takes one .zip file, without --creditor, -o or --force",
    "cli.needs_output": "give the package to write with -o FILE.zip",
    "verify.ok": "Verified: the {count} files in {path} match manifest.json.",
    "verify.failed": "Verification failed: {path}",
    "verify.changed": "changed: {name}",
    "verify.missing": "missing: {name}",
    "verify.extra": "not in the manifest: {name}",
    "verify.not_zip": "not a readable zip file (damaged or cut short?)",
    "verify.no_manifest": "the package has no manifest.json",
    "verify.bad_manifest": "manifest.json cannot be read or is not a package manifest",
    "verify.marked": "Marked at export: {path} (entry {entry}) {state}",
    "verify.digest": "SHA-256 of manifest.json: {sha256} (compare it with the one noted at export)",
}
