"""Sentences from data: a finding or an input error rendered for a locale and an audience.

A template is a string with ``{name}`` placeholders — each parameter formatted by the kind :data:`planner.findings.CODES`
declares (amounts with the currency sign, dates the long way, rates in their unit), plus ``{source}`` — or, where the
wording depends on a parameter, a function of the formatted :class:`Values`. English templates may write
``{months|month}`` for "1 month" / "12 months". A catalog entry is either one neutral template that serves both
audiences, or ``{"borrower": …, "creditor": …}``: the borrower is addressed plainly (the app, the CLI), the creditor
formally in the first person, as the proposal speaks (本人). The creditor is addressed as ``{you}``: 贵司 for an
institution, 您 for a person (a private lender), by the ``addressee`` given (:func:`addressee_for` picks it by kind).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from types import ModuleType
from typing import Any, Literal, cast

from planner.findings import CODES, Choice, Finding, P
from planner.text import en, fmt, zh

Audience = Literal["borrower", "creditor"]
AUDIENCES: tuple[Audience, ...] = ("borrower", "creditor")
Addressee = Literal["institution", "person"]
Template = str | Callable[["Values"], str]

_CATALOGS: dict[str, ModuleType] = {"zh": zh, "en": en}
_PLURAL = re.compile(r"\{(\w+)\|(\w+)\}")


def catalog(locale: str = "zh") -> ModuleType:
    """Return the wording module of ``locale`` (:mod:`planner.text.zh` or :mod:`planner.text.en`)."""
    return _CATALOGS[fmt.locale_of(locale)]


def format_param(kind: P | Choice, value: Any, locale: str) -> str:
    """Return one parameter formatted for ``locale`` by its declared kind."""
    words = catalog(locale)
    if isinstance(kind, Choice):
        return str(value)
    if kind is P.MONEY:
        return fmt.money(value, locale)
    if kind is P.PERCENT:
        return fmt.percent(value, locale)
    if kind is P.NUMBER:
        return fmt.number(value, locale)
    if kind is P.COUNT:
        return str(value)
    if kind is P.DATE:
        return fmt.day(value, locale)
    if kind is P.MONTH:
        return fmt.month(value, locale)
    if kind is P.MONTHS:
        return fmt.join((fmt.month(d, locale) for d in value), locale)
    if kind is P.IDS:
        return fmt.join(value, locale)
    if kind is P.FIELD:
        return str(words.FIELDS.get(value, value))
    if kind is P.RATE:
        return fmt.rate(value, locale)
    if kind is P.KIND:
        return str(words.KINDS.get(value, value))
    if kind is P.TIME:
        return fmt.moment(value, locale)
    if kind is P.CONTACTS:
        return fmt.join((str(words.CONTACTED.get(v, v)) for v in value), locale)
    if kind is P.FLAGS:
        return fmt.join((str(words.FLAGS.get(v, v)) for v in value), locale)
    return str(value)  # P.TEXT


class Values(Mapping[str, str]):
    """A finding's parameters formatted for one locale, by name (``v.cap``, ``v["cap"]``); raw values with
    :meth:`raw`. ``source`` is the finding's source."""

    def __init__(self, finding: Finding, locale: str, addressee: Addressee = "institution") -> None:
        self._finding = finding
        self._locale = fmt.locale_of(locale)
        self._spec = CODES[finding.code].params
        self._raw = dict(finding.params)
        self._you = str(catalog(locale).ADDRESS[addressee])

    def __getitem__(self, name: str) -> str:
        if name == "source":
            return self._finding.source
        if name == "you":
            return self._you
        if name == "period" and "first" in self._raw and "last" in self._raw:  # one time, or "first to last"
            first, last = self["first"], self["last"]
            return first if first == last else str(catalog(self._locale).PERIOD).format(first=first, last=last)
        if name not in self._raw:
            raise KeyError(name)
        return format_param(self._spec[name], self._raw[name], self._locale)

    def __getattr__(self, name: str) -> str:
        if name.startswith("_"):
            raise AttributeError(name)
        try:
            return self[name]
        except KeyError:
            raise AttributeError(name) from None

    def __iter__(self) -> Any:
        return iter([*self._raw, "source"])

    def __len__(self) -> int:
        return len(self._raw) + 1

    def raw(self, name: str, default: Any = None) -> Any:
        """Return the parameter's value as the finding holds it."""
        return self._raw.get(name, default)

    def has(self, name: str) -> bool:
        """Return True when the finding has parameter ``name``."""
        return name in self._raw

    def fill(self, template: str) -> str:
        """Return ``template`` with these values (and the plural helper ``{months|month}``)."""
        def plural(match: re.Match[str]) -> str:
            count, word = match.group(1), match.group(2)
            return f"{self[count]} {word if self.raw(count) == 1 else word + 's'}"

        return _PLURAL.sub(plural, template).format_map(self)


def template_for(code: str, locale: str = "zh", audience: Audience = "borrower") -> Template:
    """Return the template of ``code`` for ``locale`` and ``audience``.

    Raises:
        KeyError: no wording for the code in that locale (a test checks every code has it).
    """
    entry = catalog(locale).FINDINGS[code]
    if isinstance(entry, dict):
        return cast(Template, entry[audience])
    return cast(Template, entry)


def addressee_for(kind: Any) -> Addressee:
    """Return how a creditor of ``kind`` is addressed: a private lender is a person (您), any other an institution
    (贵司).

    >>> addressee_for("private"), addressee_for("credit-card")
    ('person', 'institution')
    """
    return "person" if str(kind) == "private" else "institution"


def render(finding: Finding, locale: str = "zh", audience: Audience = "borrower", *,
           addressee: Addressee = "institution") -> str:
    """Return the sentence of ``finding`` in ``locale`` (``"zh"`` or ``"en"``) for ``audience``; in the creditor's
    voice, ``addressee`` says whether the creditor is an institution (贵司) or a person (您).

    >>> from decimal import Decimal
    >>> from planner.findings import Finding, Scope, Severity
    >>> f = Finding.of("WAIVER_CLAMPED", Severity.INFO, Scope.DEBT, "cmb-card",
    ...                requested=Decimal("9000.00"), charges=Decimal("8200.50"))
    >>> render(f)
    '申请减免 ¥9,000.00 超过利息、罚息和费用合计 ¥8,200.50，按 ¥8,200.50 计算（本金不减免）。'
    >>> render(f, "en")
    'The waiver asked for (CN¥9,000.00) exceeds the charges (CN¥8,200.50); CN¥8,200.50 is used (principal is never waived).'
    """
    values = Values(finding, locale, addressee)
    template = template_for(finding.code, locale, audience)
    if callable(template):
        return values.fill(template(values))
    return values.fill(template)


_CJK = re.compile(r"[\u4e00-\u9fff]")
_LATIN = re.compile(r"[A-Za-z]")
_BILINGUAL = re.compile(r"\s*/\s+(?=[A-Za-z])")  # " / English", or "）/ English" after a closing bracket


def source_text(source: str, locale: str = "zh") -> str:
    """Return a source as the locale reads it: a source written ``中文 / English`` gives its Chinese part in zh and
    its English part in en; any other source as it is (a Chinese title is its own name in English text too). The
    English part starts with a Latin letter and is mostly Latin (it may name a Chinese term in brackets); the
    space before the slash may be missing after a closing bracket.

    >>> source_text("全国银行间同业拆借中心公布的LPR / National Interbank Funding Center", "zh")
    '全国银行间同业拆借中心公布的LPR'
    >>> source_text("《刑法》第293条之一（催收非法债务罪）/ Criminal Law art. 293-1", "en")
    'Criminal Law art. 293-1'
    """
    match = _BILINGUAL.search(source)
    if match is None:
        return source
    zh_part, en_part = source[:match.start()], source[match.end():]
    if not _CJK.search(zh_part) or len(_CJK.findall(en_part)) * 4 > len(_LATIN.findall(en_part)):
        return source
    return zh_part if fmt.locale_of(locale) == "zh" else en_part


def severity_label(severity: Any, locale: str = "zh") -> str:
    """Return the severity's word: 提示 / 注意 / 错误, or info / warning / error."""
    return str(catalog(locale).SEVERITY[str(severity)])


def label(key: str, locale: str = "zh") -> str:
    """Return the display label of a column or figure (the key itself when unknown)."""
    return str(catalog(locale).LABELS.get(key, key))


def field_label(field: str, locale: str = "zh") -> str:
    """Return how a field is named to the user (``outstanding_principal`` → 剩余本金)."""
    return str(catalog(locale).FIELDS.get(field, field))


def choice_label(group: str, value: Any, locale: str = "zh") -> str:
    """Return the label of an enumeration value: ``choice_label("kinds", "private")`` → 民间借贷.

    Groups: ``kinds``, ``expenses``, ``policies``, ``methods``, ``waiver_modes``, ``rate_choices``,
    ``deferral_interest``, ``rule_status``, ``standing``, ``apr_notes``.
    """
    table = getattr(catalog(locale), group.upper())
    key = str(getattr(value, "value", value))
    return str(table.get(key, key))


def message(key: str, locale: str = "zh", **values: Any) -> str:
    """Return a named message of the app or the CLI (:data:`planner.text.zh.MESSAGES`), filled with ``values``
    (already formatted strings or numbers)."""
    return str(catalog(locale).MESSAGES[key]).format(**values)


def app_text(key: str, locale: str = "zh", **values: Any) -> str:
    """Return a label or sentence of the app (:data:`planner.text.app_zh.APP`), filled with ``values``."""
    from planner.text import app_en, app_zh

    table = app_en.APP if fmt.locale_of(locale) == "en" else app_zh.APP
    return table[key].format(**values) if values else table[key]


def _proposal_catalog(locale: str) -> ModuleType:
    from planner.text import proposal_en, proposal_zh

    return proposal_en if fmt.locale_of(locale) == "en" else proposal_zh


def doc_text(key: str, locale: str = "zh", **values: Any) -> str:
    """Return a sentence or label of the proposal (:data:`planner.text.proposal_zh.DOC`), filled with ``values``
    (already formatted strings; a user's text among them stays as written, braces included)."""
    table = _proposal_catalog(locale).DOC
    return str(table[key].format(**values) if values else table[key])


def doc_list(name: str, locale: str = "zh") -> Any:
    """Return a list or table of the proposal's catalog: ``HARDSHIP_REASONS``, ``HARDSHIP_SENTENCES``,
    ``ATTACHMENTS_ALWAYS``, ``ATTACHMENTS`` (per hardship reason) or ``AGREEMENT_ITEMS``."""
    return getattr(_proposal_catalog(locale), name)


def _catalog_text(module: str, table: str, key: str, locale: str, values: Mapping[str, Any]) -> str:
    """Return entry ``key`` of dict ``table`` in the catalog module ``planner.text.<module>_<zh|en>``, filled with
    ``values`` (a user's text among them stays as written, braces included)."""
    import importlib

    words = importlib.import_module(f"planner.text.{module}_{fmt.locale_of(locale)}")
    entry = getattr(words, table)[key]
    return str(entry.format(**values) if values else entry)


def calendar_text(key: str, locale: str = "zh", **values: Any) -> str:
    """Return a sentence or label of the calendar reminders (:data:`planner.text.calendar_zh.ICS`), filled with
    ``values`` (already formatted strings; a user's text among them stays as written, braces included)."""
    return _catalog_text("calendar", "ICS", key, locale, values)


def evidence_text(key: str, locale: str = "zh", **values: Any) -> str:
    """Return a sentence or label of the evidence package (:data:`planner.text.evidence_zh.EVIDENCE`), filled with
    ``values`` (already formatted strings; a user's text among them stays as written, braces included)."""
    return _catalog_text("evidence", "EVIDENCE", key, locale, values)


def log_text(key: str, locale: str = "zh", **values: Any) -> str:
    """Return a line of the collection-conduct log's commands (:data:`planner.text.conduct_zh.LOG`), filled with
    ``values`` (already formatted strings or numbers; a user's text among them stays as written, braces included)."""
    return _catalog_text("conduct", "LOG", key, locale, values)


def _complaint_catalog(locale: str) -> ModuleType:
    from planner.text import complaint_en, complaint_zh

    return complaint_en if fmt.locale_of(locale) == "en" else complaint_zh


def complaint_text(key: str, locale: str = "zh", **values: Any) -> str:
    """Return a sentence or label of the complaints (:data:`planner.text.complaint_zh.DOC`), filled with
    ``values`` (already formatted strings; a user's text among them stays as written, braces included)."""
    table = _complaint_catalog(locale).DOC
    return str(table[key].format(**values) if values else table[key])


def complaint_finding(finding: Finding, locale: str = "zh") -> str:
    """Return a conduct finding in a complaint's voice (the respondent named, the borrower speaking):
    :data:`planner.text.complaint_zh.FINDINGS`, filled as :func:`render` fills a finding.

    Raises:
        KeyError: a code that is not a conduct finding (a test checks every conduct code has wording).
    """
    template = _complaint_catalog(locale).FINDINGS[finding.code]
    values = Values(finding, locale)
    return values.fill(template(values) if callable(template) else template)


def app_label(key: str, locale: str = "zh") -> str:
    """Return :func:`label` as the app heads a column or a row: capitalised in English ("Total paid"; the CLI's
    English labels are lower case), unchanged in Chinese."""
    text = label(key, locale)
    return text[:1].upper() + text[1:] if fmt.locale_of(locale) == "en" else text


def app_field(field: str, locale: str = "zh") -> str:
    """Return how the app labels a field: its own label (``field.<name>``) when it has one, else
    :func:`field_label` (English field labels of the CLI are terse identifiers; the app's are words)."""
    from planner.text import app_en, app_zh

    table = app_en.APP if fmt.locale_of(locale) == "en" else app_zh.APP
    return table.get(f"field.{field}") or field_label(field, locale)


def render_error(error: Any, locale: str = "zh") -> str:
    """Return the message of an :class:`planner.errors.InvalidInput`: where, which field, the rule broken, the value
    given and how to fix it, in ``locale``."""
    words = catalog(locale)
    params = dict(error.params)
    values = {"value": error.value, "name": error.field, **params}
    if "other" in params:
        values["other"] = words.FIELDS.get(str(params["other"]), params["other"])
    if error.code in {"bad_file", "cannot_write"} and "reason" in params:
        reason = words.REASONS[params["reason"]]
        if "expected" in params:
            values["expected"] = words.JSON_TYPES.get(params["expected"], params["expected"])
        if "errno" in params:
            values["os"] = words.OS_ERRORS.get(params["errno"], params.get("detail", params["errno"]))
        values["reason"] = reason[0].format_map(_Lenient(values))
        values["fix"] = reason[1].format_map(_Lenient(values))
    rule, fix = words.ERRORS[error.code]
    where = words.where(error.where)
    if where and "item" in params:
        where += words.ITEM.format(item=params["item"])
    return str(words.error_line(
        where=where, field=words.FIELDS.get(error.field, error.field), name=error.field,
        rule=rule.format_map(_Lenient(values)), value=error.value, fix=fix.format_map(_Lenient(values)),
        code=error.code,
    ))


class _Lenient(dict[str, Any]):
    """Format values where a placeholder without a value is left as written."""

    def __init__(self, values: Mapping[str, Any]) -> None:
        super().__init__(values)

    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def describe_plan(plan: Any, locale: str = "zh") -> str:
    """Return a plan's terms in a few words: ``减免罚息、违约金和费用；分 49 期（等额本息，停息）``."""
    words = catalog(locale).MESSAGES
    parts: list[str] = []
    waiver = plan.waiver
    if waiver.mode.value == "percent":
        parts.append(words["terms.waiver_percent"].format(percent=fmt.percent(waiver.percent, locale)))
    elif waiver.mode.value != "none":
        parts.append(choice_label("waiver_modes", waiver.mode, locale))
    if plan.deferral is not None and plan.deferral.months:
        deferral = plan.deferral
        token = (words["terms.token"].format(amount=fmt.money(deferral.token_amount, locale))
                 if deferral.token_amount else words["terms.pause"])
        parts.append(words["terms.deferral"].format(
            months=deferral.months, token=token, interest=choice_label("deferral_interest", deferral.interest, locale)))
    if plan.restructure is not None:
        restructure = plan.restructure
        rate = (words["terms.custom_rate"].format(rate=fmt.rate(restructure.custom_rate, locale))
                if restructure.custom_rate is not None and restructure.rate.value == "custom"
                else choice_label("rate_choices", restructure.rate, locale))
        text = words["terms.restructure"].format(months=restructure.months,
                                                 method=choice_label("methods", restructure.method, locale),
                                                 rate=rate)
        extras = []
        if restructure.down_payment:
            extras.append(words["terms.down_payment"].format(amount=fmt.money(restructure.down_payment, locale)))
        if restructure.monthly_fee_percent:
            extras.append(words["terms.fee"].format(percent=fmt.percent(restructure.monthly_fee_percent, locale)))
        parts.append(text + "".join(words["terms.sep"] + e for e in extras))
    if plan.settlement is not None:
        parts.append(words["terms.settlement"].format(percent=fmt.percent(plan.settlement.percent, locale),
                                                      date=fmt.day(plan.settlement.pay_by, locale)))
    if not parts:
        parts.append(words["terms.contract"])
    return str(words["terms.sep"]).join(parts)
