"""Household spending benchmarks: a budget's essential expenses beside the National Bureau of Statistics survey.

Creditors and counsellors read an income-and-expenditure statement against published spending figures. The
Chinese counterpart is the NBS household survey (国家统计局 住户收支与生活状况调查): per-person consumption spending
of all, urban and rural residents, and its split into eight categories. ``spending_benchmarks.json`` in
``planner/caps/data`` holds those figures with their release dates, the mapping of the survey's categories onto
the planner's expense categories (:class:`planner.domain.model.ExpenseCategory`) in six groups, and the thresholds
of "far above" and "far below"; every figure is editable data (:func:`load_spending_benchmarks` reads a user's
copy of the same shape).

**The figures.** A group's monthly benchmark for a household of ``members`` people in an area is::

    consumption per person × group share / 100 × members / months      (rounded half-up to the fen once)

where ``consumption`` is the area's per-person total over ``months`` months (12 for a full year; the rural figure
collected is the Q1–Q3 total, over 9) and the group share is the sum of the shares of the survey categories in
the group. The shares are the Q1–Q3 ones applied to the full-year totals, so the figures are an estimate to check
against the NBS release (status ``reference``). The survey's figures are per resident averages: members × the
per-person figure ignores economies of scale; it is a reference point, not a budget standard.

**The check.** :func:`benchmark_budget` gives one :class:`BenchmarkLine` per group: the household's monthly
amount (the sum of its categories), the benchmark, their ratio (rounded half-up to two places) and a status
decided on that ratio as shown: ``above`` when it is more than ``above`` (1.5), ``below`` when it is less than
``below`` (0.5), else ``within``; no status when the household spends nothing in the group (no spending on
children is normal) or the benchmark is 0. :func:`spending_findings` turns the lines far above or below into
INFO findings about the case (``EXPENSE_ABOVE_BENCHMARK`` / ``EXPENSE_BELOW_BENCHMARK``): information beside
the survey's figure, never a judgement of the household's spending. A budget whose expenses are all in
``other`` (one total, as ``planner import --expenses`` writes it) is not split by category, so its total is
compared with the total consumption instead (group ``total``).

Part of the pure core: standard library and ``planner`` core modules only, ``Decimal`` only, no clock.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum
from pathlib import Path
from typing import Any

from planner.caps.datafiles import load_data_file
from planner.choices import parse_choice
from planner.dates import parse_date
from planner.domain.model import MAX_MEMBERS, BenchmarkArea, Budget, ExpenseCategory
from planner.errors import InvalidInput, file_error
from planner.findings import Finding, Scope, Severity
from planner.money import HUNDRED, ZERO, Money, round_fen, to_decimal, to_int

SPENDING_FILE = "spending_benchmarks.json"
RATIO_PLACES = Decimal("0.01")

_OBJECT_NEEDED = {"reason": "json_object_needed"}
_MAX_ABOVE = 10


class BenchmarkGroup(StrEnum):
    """A group of essential expenses compared with the survey (each one or more survey categories)."""

    FOOD = "food"  # 饮食 ← 食品烟酒
    HOUSING = "housing"  # 居住（含水电燃料）
    TRANSPORT = "transport"  # 交通通信
    EDUCATION = "education"  # 教育文化娱乐
    MEDICAL = "medical"  # 医疗保健
    OTHER = "other"  # 衣着、生活用品及服务、其他用品及服务
    TOTAL = "total"  # the whole budget against total consumption (a line of its own, never a data group)


class BenchmarkStatus(StrEnum):
    """How a group's spending compares with its benchmark (information, never a judgement)."""

    ABOVE = "above"  # more than the ``above`` threshold × the benchmark
    BELOW = "below"  # less than the ``below`` threshold × the benchmark (and more than 0)
    WITHIN = "within"


class FigureStatus(StrEnum):
    """How sure the benchmark figures are."""

    REFERENCE = "reference"  # an estimate (shares of another period applied to the totals): check the release
    FIRM = "firm"  # category figures taken from the release itself


# --------------------------------------------------------------------------------------------------------------
# The data


@dataclass(frozen=True, slots=True)
class Release:
    """One NBS release the figures come from."""

    date: date
    title: str
    covers: str  # the period, as written ("2025", "2025 Q1–Q3")
    url: str | None = None


@dataclass(frozen=True, slots=True)
class AreaFigure:
    """An area's per-person consumption spending: ``consumption`` yuan over ``months`` months."""

    area: BenchmarkArea
    consumption: Decimal
    months: int
    period: str
    release: date


@dataclass(frozen=True, slots=True)
class GroupSpec:
    """A group: the survey categories it sums (``nbs``), their share of consumption in percent, and the planner's
    expense categories compared with it."""

    group: BenchmarkGroup
    nbs: tuple[str, ...]
    categories: tuple[ExpenseCategory, ...]
    share: Decimal


@dataclass(frozen=True, slots=True)
class SpendingBenchmarks:
    """The survey figures, checked on loading (see the module docstring for how they are used).

    Attributes:
        areas: per-person consumption of each :class:`BenchmarkArea`.
        shares: the survey categories' shares of consumption, percent, in file order.
        groups: the six groups, each expense category in exactly one.
        above: spending is far above its benchmark above this ratio (1.5).
        below: spending is far below its benchmark under this ratio (0.5).
        status: ``reference`` (an estimate to check against the release) or ``firm``.
        note_zh: what the figures are, in Chinese; note_en: in English.
        source: the survey and its release dates, ``中文 / English``; findings cite it.
        releases: the releases the figures come from.
        shares_period: the period of the shares ("2025 Q1–Q3").
    """

    areas: tuple[AreaFigure, ...]
    shares: tuple[tuple[str, Decimal], ...]
    groups: tuple[GroupSpec, ...]
    above: Decimal
    below: Decimal
    status: FigureStatus
    note_zh: str
    note_en: str
    source: str
    releases: tuple[Release, ...] = ()
    shares_period: str = ""

    def figure(self, area: BenchmarkArea | str) -> AreaFigure:
        """Return the consumption figure of ``area``."""
        wanted = parse_choice(BenchmarkArea, area, "area")
        return next(a for a in self.areas if a.area is wanted)  # every area is present (checked on loading)

    def group(self, group: BenchmarkGroup | str) -> GroupSpec:
        """Return the spec of ``group``; ``total`` is every group together (share: the sum of all shares)."""
        wanted = parse_choice(BenchmarkGroup, group, "group")
        if wanted is BenchmarkGroup.TOTAL:
            return GroupSpec(wanted, tuple(name for name, _ in self.shares), tuple(ExpenseCategory),
                             sum((share for _, share in self.shares), Decimal(0)))
        return next(g for g in self.groups if g.group is wanted)

    def monthly_benchmark(self, group: BenchmarkGroup | str, members: int, area: BenchmarkArea | str) -> Money:
        """Return the monthly benchmark of ``group`` for ``members`` people in ``area``, rounded half-up to the fen.

        >>> benchmarks = load_spending_benchmarks()
        >>> benchmarks.monthly_benchmark("food", 2, "national")      # 29476 × 29.5 % × 2 / 12
        Decimal('1449.24')
        >>> benchmarks.monthly_benchmark("food", 1, "rural")         # 14597 × 29.5 % / 9 (Q1–Q3)
        Decimal('478.46')
        """
        members = to_int(members, field="members", low=1, high=MAX_MEMBERS)
        figure = self.figure(area)
        spec = self.group(group)
        return round_fen(figure.consumption * spec.share / HUNDRED * members / figure.months)


def load_spending_benchmarks(path: str | Path | None = None) -> SpendingBenchmarks:
    """Return the spending benchmarks from ``path`` (JSON), or the package's when ``path`` is None (read once and
    cached).

    See ``planner/caps/data/spending_benchmarks.json`` for the fields; decimal values are strings.

    Raises:
        InvalidInput: unreadable JSON, a missing or bad field (located as ``"<file> areas.rural"``,
            ``"<file> groups[2]"`` …), shares that do not add up to 100 % (± 1), an expense category in no group or
            in two, a survey category in two groups or unknown, or thresholds outside 0 < ``below`` < 1 < ``above``
            ≤ 10.
    """
    return load_data_file(path, SPENDING_FILE, _parse_benchmarks)


def _parse_benchmarks(text: str, name: str) -> SpendingBenchmarks:
    try:
        document = json.loads(text)
    except json.JSONDecodeError as err:
        raise file_error(name, "not_json_data", line=err.lineno, column=err.colno, detail=err.msg) from None
    if not isinstance(document, dict):
        raise InvalidInput("file", "bad_file", name, params=_OBJECT_NEEDED)
    try:
        return _read(document)
    except InvalidInput as err:  # located in the file: "spending_benchmarks.json areas.rural"
        where = f"{name} {err.where}" if err.where else name
        raise InvalidInput(err.field, err.code, err.value, params=err.params, where=where) from None


def _read(document: dict[str, Any]) -> SpendingBenchmarks:
    thresholds = _object(document, "thresholds", "")
    above = _positive(thresholds, "above", "thresholds")
    below = _positive(thresholds, "below", "thresholds")
    if not 1 < above <= _MAX_ABOVE:  # above the benchmark itself, and not absurdly so
        raise InvalidInput("above", "out_of_range", thresholds.get("above"),
                           params={"low": 1, "high": _MAX_ABOVE}, where="thresholds")
    if not below < 1:
        raise InvalidInput("below", "out_of_range", thresholds.get("below"),
                           params={"low": 0, "high": 1}, where="thresholds")
    raw_areas = _object(document, "areas", "")
    areas = tuple(_area(area, raw_areas) for area in BenchmarkArea)
    raw_shares = _object(document, "shares", "")
    percent = _object(raw_shares, "percent", "shares")
    if not percent:
        raise InvalidInput("percent", "empty", None, where="shares")
    shares = []
    for key, value in percent.items():
        share = _decimal(value, key, "shares.percent")
        if not 0 <= share <= HUNDRED:
            raise InvalidInput(key, "out_of_range", value, params={"low": 0, "high": 100}, where="shares.percent")
        shares.append((str(key), share))
    total = sum((s for _, s in shares), Decimal(0))
    if abs(total - HUNDRED) > 1:
        raise InvalidInput("percent", "out_of_range", f"{total:f}", params={"low": 99, "high": 101},
                           where="shares")
    groups = _groups(document, dict(shares))
    return SpendingBenchmarks(
        areas=areas,
        shares=tuple(shares),
        groups=groups,
        above=above,
        below=below,
        status=parse_choice(FigureStatus, document.get("status"), "status"),
        note_zh=_text(document, "note_zh", ""),
        note_en=_text(document, "note_en", ""),
        source=_text(document, "source", ""),
        releases=tuple(_release(item, index) for index, item in enumerate(_list(document, "releases"))),
        shares_period=str(raw_shares.get("period") or ""),
    )


def _area(area: BenchmarkArea, raw_areas: dict[str, Any]) -> AreaFigure:
    where = f"areas.{area.value}"
    item = raw_areas.get(area.value)
    if item is None:
        raise InvalidInput(area.value, "required", None, where="areas")
    if not isinstance(item, dict):
        raise InvalidInput(area.value, "bad_file", item, params=_OBJECT_NEEDED, where="areas")
    return AreaFigure(
        area=area,
        consumption=_positive(item, "consumption", where),
        months=_integer(item, "months", where, 1, 12),
        period=_text(item, "period", where),
        release=_day(item, "release", where),
    )


def _groups(document: dict[str, Any], shares: dict[str, Decimal]) -> tuple[GroupSpec, ...]:
    items = _list(document, "groups")
    if not items:
        raise InvalidInput("groups", "empty", None)
    groups: list[GroupSpec] = []
    used_nbs: set[str] = set()
    used_categories: set[ExpenseCategory] = set()
    for index, item in enumerate(items):
        where = f"groups[{index}]"
        if not isinstance(item, dict):
            raise InvalidInput("groups", "bad_file", item, params=_OBJECT_NEEDED, where=where)
        group = _choice(BenchmarkGroup, item, "group", where)
        if group is BenchmarkGroup.TOTAL:  # the total line is every group together, never a group of the file
            choices = ", ".join(g.value for g in BenchmarkGroup if g is not BenchmarkGroup.TOTAL)
            raise InvalidInput("group", "unknown_choice", group.value, params={"choices": choices}, where=where)
        if any(g.group is group for g in groups):
            raise InvalidInput("group", "duplicate", group.value, where=where)
        nbs = tuple(str(n) for n in _list(item, "nbs", where))
        if not nbs:
            raise InvalidInput("nbs", "empty", None, where=where)
        for key in nbs:
            if key not in shares:
                raise InvalidInput("nbs", "unknown_reference", key,
                                   params={"choices": ", ".join(shares)}, where=where)
            if key in used_nbs:
                raise InvalidInput("nbs", "duplicate", key, where=where)
            used_nbs.add(key)
        raw_categories = _list(item, "expenses", where)
        if not raw_categories:
            raise InvalidInput("expenses", "empty", None, where=where)
        categories = []
        for raw in raw_categories:
            category = _choice(ExpenseCategory, {"expenses": raw}, "expenses", where)
            if category in used_categories:
                raise InvalidInput("expenses", "duplicate", category.value, where=where)
            used_categories.add(category)
            categories.append(category)
        groups.append(GroupSpec(group, nbs, tuple(categories), sum((shares[k] for k in nbs), Decimal(0))))
    missing = [c.value for c in ExpenseCategory if c not in used_categories]
    if missing:
        raise InvalidInput("expenses", "required", missing[0], params={"choices": ", ".join(missing)},
                           where="groups")
    return tuple(groups)


def _release(item: Any, index: int) -> Release:
    where = f"releases[{index}]"
    if not isinstance(item, dict):
        raise InvalidInput("releases", "bad_file", item, params=_OBJECT_NEEDED, where=where)
    url = item.get("url")
    return Release(_day(item, "date", where), _text(item, "title", where), _text(item, "covers", where),
                   None if url is None else str(url))


# -- small readers: each error names its key and where it is ----------------------------------------------------


def _object(item: dict[str, Any], key: str, where: str) -> dict[str, Any]:
    value = item.get(key)
    if value is None:
        raise InvalidInput(key, "required", None, where=where)
    if not isinstance(value, dict):
        raise InvalidInput(key, "bad_file", value, params=_OBJECT_NEEDED, where=where)
    return value


def _list(item: dict[str, Any], key: str, where: str = "") -> list[Any]:
    value = item.get(key)
    if value is None:
        return []
    if not isinstance(value, list):
        raise InvalidInput(key, "bad_file", value, params={"reason": "wrong_type", "expected": "list"}, where=where)
    return value


def _text(item: dict[str, Any], key: str, where: str) -> str:
    value = item.get(key)
    if not isinstance(value, str) or not value.strip():
        raise InvalidInput(key, "required", value, where=where)
    return value.strip()


def _decimal(value: Any, key: str, where: str) -> Decimal:
    if isinstance(value, float):  # a JSON number with a fraction: binary, not exact
        raise InvalidInput(key, "float_refused", repr(value), where=where)
    try:
        return to_decimal(value, field=key)
    except InvalidInput as err:
        raise err.at(where) from None


def _positive(item: dict[str, Any], key: str, where: str) -> Decimal:
    value = item.get(key)
    if value is None:
        raise InvalidInput(key, "required", None, where=where)
    number = _decimal(value, key, where)
    if number <= 0:
        raise InvalidInput(key, "not_positive", value, where=where)
    return number


def _integer(item: dict[str, Any], key: str, where: str, low: int, high: int) -> int:
    try:
        return to_int(item.get(key), field=key, low=low, high=high)
    except InvalidInput as err:
        raise err.at(where) from None


def _day(item: dict[str, Any], key: str, where: str) -> date:
    try:
        return parse_date(item.get(key), field=key)
    except InvalidInput as err:
        raise err.at(where) from None


def _choice(enum: Any, item: dict[str, Any], key: str, where: str) -> Any:
    try:
        return parse_choice(enum, item.get(key), key)
    except InvalidInput as err:
        raise err.at(where) from None


# --------------------------------------------------------------------------------------------------------------
# The check


@dataclass(frozen=True, slots=True)
class BenchmarkLine:
    """One group of a budget beside its benchmark.

    Attributes:
        group: the group (``total`` for the whole budget, see :func:`benchmark_total`).
        categories: the planner's expense categories it covers.
        amount: the household's monthly spending in them.
        benchmark: the monthly benchmark for the budget's members and area, rounded half-up to the fen.
        ratio: amount / benchmark rounded half-up to two places; None when the benchmark is 0.
        status: above / below / within, decided on ``ratio``; None when the amount or the benchmark is 0.
        members: the household members the benchmark is for.
        area: the area whose figures it uses.
    """

    group: BenchmarkGroup
    categories: tuple[ExpenseCategory, ...]
    amount: Money
    benchmark: Money
    ratio: Decimal | None
    status: BenchmarkStatus | None
    members: int
    area: BenchmarkArea


def _line(budget: Budget, spec: GroupSpec, benchmarks: SpendingBenchmarks,
          totals: dict[ExpenseCategory, Money]) -> BenchmarkLine:
    amount = Money(sum((totals[c] for c in spec.categories), ZERO))
    benchmark = benchmarks.monthly_benchmark(spec.group, budget.members, budget.area)
    ratio = None if benchmark == 0 else (amount / benchmark).quantize(RATIO_PLACES, rounding=ROUND_HALF_UP)
    status: BenchmarkStatus | None = None
    if ratio is not None and amount > 0:
        status = (BenchmarkStatus.ABOVE if ratio > benchmarks.above else
                  BenchmarkStatus.BELOW if ratio < benchmarks.below else BenchmarkStatus.WITHIN)
    return BenchmarkLine(spec.group, spec.categories, amount, benchmark, ratio, status, budget.members, budget.area)


def benchmark_budget(budget: Budget, benchmarks: SpendingBenchmarks | None = None) -> tuple[BenchmarkLine, ...]:
    """Return one line per group (in the data file's order): the budget's monthly spending beside the benchmark
    for ``budget.members`` people in ``budget.area``.

    >>> from planner.domain.model import ExpenseItem
    >>> budget = Budget(expenses=(ExpenseItem("food", "3000"),), members=2)
    >>> food = benchmark_budget(budget)[0]
    >>> food.group.value, food.amount, food.benchmark, food.ratio, food.status.value
    ('food', Decimal('3000.00'), Decimal('1449.24'), Decimal('2.07'), 'above')
    """
    benchmarks = load_spending_benchmarks() if benchmarks is None else benchmarks
    totals = budget.expenses_by_category()
    return tuple(_line(budget, spec, benchmarks, totals) for spec in benchmarks.groups)


def benchmark_total(budget: Budget, benchmarks: SpendingBenchmarks | None = None) -> BenchmarkLine:
    """Return the budget's whole essential spending beside the total consumption benchmark (group ``total``)."""
    benchmarks = load_spending_benchmarks() if benchmarks is None else benchmarks
    return _line(budget, benchmarks.group(BenchmarkGroup.TOTAL), benchmarks, budget.expenses_by_category())


def is_split(budget: Budget) -> bool:
    """Return True when the budget's expenses are split by category: some are in another category than ``other``
    (a single total, as ``planner import --expenses`` writes it, is not)."""
    return any(e.amount > 0 and e.category is not ExpenseCategory.OTHER for e in budget.expenses)


_CODES = {BenchmarkStatus.ABOVE: "EXPENSE_ABOVE_BENCHMARK", BenchmarkStatus.BELOW: "EXPENSE_BELOW_BENCHMARK"}


def spending_findings(budget: Budget, benchmarks: SpendingBenchmarks | None = None) -> tuple[Finding, ...]:
    """Return an INFO finding about the case for each group far above or far below its benchmark.

    ``EXPENSE_ABOVE_BENCHMARK`` / ``EXPENSE_BELOW_BENCHMARK`` carry ``group``, ``amount``, ``benchmark``,
    ``members``, ``area``, ``ratio`` and ``threshold`` (the ratio crossed) and cite the survey. A budget without
    expenses gives none; one whose expenses are not split by category (:func:`is_split`) is compared as a whole.

    >>> from planner.domain.model import ExpenseItem
    >>> budget = Budget(expenses=(ExpenseItem("food", "3000"), ExpenseItem("housing", "1200")), members=2)
    >>> [(f.code, dict(f.params)["group"]) for f in spending_findings(budget)]
    [('EXPENSE_ABOVE_BENCHMARK', 'food')]
    """
    if not any(e.amount > 0 for e in budget.expenses):
        return ()
    benchmarks = load_spending_benchmarks() if benchmarks is None else benchmarks
    lines = benchmark_budget(budget, benchmarks) if is_split(budget) else (benchmark_total(budget, benchmarks),)
    findings = []
    for line in lines:
        code = _CODES.get(line.status) if line.status is not None else None
        if code is None or line.ratio is None:
            continue
        threshold = benchmarks.above if line.status is BenchmarkStatus.ABOVE else benchmarks.below
        findings.append(Finding.of(code, Severity.INFO, Scope.CASE, source=benchmarks.source,
                                   group=line.group.value, amount=line.amount, benchmark=line.benchmark,
                                   members=line.members, area=line.area.value, ratio=line.ratio,
                                   threshold=threshold))
    return tuple(findings)
