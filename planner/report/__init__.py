"""Documents: the negotiation proposal per creditor as a document model, rendered to PDF by one module.

* :mod:`planner.report.model` — the document model (frozen blocks; as JSON for the template, as plain text);
* :mod:`planner.report.proposal` — :func:`build_proposal`: a case plan, a creditor and a scenario → a document;
* :mod:`planner.report.pdf` — :func:`render_pdf`: a document → PDF bytes (the only module that touches Typst).
"""
