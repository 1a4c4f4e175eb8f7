"""Tests for planner.caps.spending: the budget beside the NBS household-survey spending benchmarks.

Every figure is computed by hand in Decimal from the reference (../shared/reference/README.md §9): 2025 per-person
consumption 29,476 yuan (all residents) and 35,869 (urban) for the full year, 14,597 for rural residents in Q1–Q3
(so over 9 months), and the Q1–Q3 shares food 29.5 %, clothing 5.2 %, housing 21.6 %, household goods 5.7 %,
transport & communication 14.4 %, education & culture 11.7 %, health care 8.9 %, other 3.0 %.
"""

from __future__ import annotations

import json
import re
from dataclasses import replace
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest

from planner.caps.spending import (
    SPENDING_FILE,
    BenchmarkGroup,
    BenchmarkStatus,
    FigureStatus,
    benchmark_budget,
    benchmark_total,
    is_split,
    load_spending_benchmarks,
    spending_findings,
)
from planner.domain.model import BenchmarkArea, Budget, ExpenseCategory, ExpenseItem, IncomeItem
from planner.engines.plan import PlanContext, plan_case
from planner.errors import InvalidInput
from planner.findings import CODES, Choice, Scope, Severity
from planner.io.examples import example_case
from planner.text import AUDIENCES, LOCALES, catalog, choice_label, label, render

DATA = Path(__file__).resolve().parents[2] / "planner" / "caps" / "data" / SPENDING_FILE
FEN = Decimal("0.01")


def by_hand(consumption: str, share: str, members: int, months: int) -> Decimal:
    """consumption × share % × members / months, half-up to the fen: the rule, written out again."""
    exact = Decimal(consumption) * Decimal(share) / 100 * members / months
    return exact.quantize(FEN, rounding=ROUND_HALF_UP)


def budget(*items: tuple[str, str], members: int = 1, area: str = "national") -> Budget:
    return Budget((IncomeItem("工资", "20000"),), tuple(ExpenseItem(c, a) for c, a in items), members=members,
                  area=area)


def line(lines, group):
    return next(x for x in lines if x.group is BenchmarkGroup(group))


def write_data(tmp_path, edit) -> Path:
    """A copy of the package's data file with ``edit(document)`` applied."""
    document = json.loads(DATA.read_text(encoding="utf-8"))
    edit(document)
    path = tmp_path / "benchmarks.json"
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    return path


def load_error(tmp_path, edit) -> InvalidInput:
    with pytest.raises(InvalidInput) as info:
        load_spending_benchmarks(write_data(tmp_path, edit))
    return info.value


# --- household size in the model ----------------------------------------------------------------------------------


def test_budget__members_and_area_default_to_one_person_national():
    """A budget without them is one person compared with the national figures; both are validated and hashable."""
    plain = Budget()
    assert (plain.members, plain.area) == (1, BenchmarkArea.NATIONAL)
    given = Budget(members="3", area="Urban")
    assert (given.members, given.area) == (3, BenchmarkArea.URBAN)
    assert hash(given) == hash(Budget(members=3, area=BenchmarkArea.URBAN))
    assert given != plain


@pytest.mark.parametrize(("value", "code"), [(0, "out_of_range"), (21, "out_of_range"), ("2.5", "not_integer"),
                                             ("x", "not_integer"), (True, "not_integer")])
def test_budget__bad_members(value, code):
    """members is a whole number 1–20."""
    with pytest.raises(InvalidInput) as info:
        Budget(members=value)
    assert (info.value.field, info.value.code) == ("members", code)


def test_budget__bad_area_lists_the_choices():
    with pytest.raises(InvalidInput) as info:
        Budget(area="city")
    assert (info.value.field, info.value.code, info.value.params["choices"]) == (
        "area", "unknown_choice", "national, urban, rural")


# --- the data file ------------------------------------------------------------------------------------------------


def test_data__the_reference_figures_with_their_dates_and_status():
    """The packaged file holds the 2025 figures of the reference, the Q1–Q3 shares, the thresholds and the status."""
    data = load_spending_benchmarks()
    national, urban, rural = (data.figure(a) for a in ("national", "urban", "rural"))
    assert (national.consumption, national.months, national.release.isoformat()) == (Decimal(29476), 12, "2026-01-19")
    assert (urban.consumption, urban.months) == (Decimal(35869), 12)
    assert (rural.consumption, rural.months, rural.release.isoformat()) == (Decimal(14597), 9, "2025-10-20")
    assert dict(data.shares) == {
        "food": Decimal("29.5"), "clothing": Decimal("5.2"), "housing": Decimal("21.6"),
        "household_goods": Decimal("5.7"), "transport_communication": Decimal("14.4"),
        "education_culture": Decimal("11.7"), "health_care": Decimal("8.9"), "other": Decimal("3.0")}
    assert sum(dict(data.shares).values()) == 100
    assert (data.above, data.below) == (Decimal("1.5"), Decimal("0.5"))
    assert data.status is FigureStatus.REFERENCE
    assert "前三季度" in data.note_zh
    assert "Q1–Q3" in data.note_en
    assert "check" in data.note_en
    assert data.source.startswith("国家统计局 住户收支与生活状况调查")
    assert [r.date.isoformat() for r in data.releases] == ["2026-01-19", "2025-10-20"]
    assert all(isinstance(value, Decimal) for _, value in data.shares)


def test_data__the_mapping_onto_our_expense_categories():
    """饮食 ← food; 居住 ← housing + utilities; 交通通信 ← transport; 教育文化娱乐 ← children; 医疗保健 ← medical;
    衣着 + 生活用品及服务 + 其他 ← other. Every category is in exactly one group."""
    data = load_spending_benchmarks()
    mapping = {g.group.value: ([c.value for c in g.categories], list(g.nbs), g.share) for g in data.groups}
    assert mapping == {
        "food": (["food"], ["food"], Decimal("29.5")),
        "housing": (["housing", "utilities"], ["housing"], Decimal("21.6")),
        "transport": (["transport"], ["transport_communication"], Decimal("14.4")),
        "education": (["children"], ["education_culture"], Decimal("11.7")),
        "medical": (["medical"], ["health_care"], Decimal("8.9")),
        "other": (["other"], ["clothing", "household_goods", "other"], Decimal("13.9")),
    }
    covered = [c for g in data.groups for c in g.categories]
    assert sorted(covered) == sorted(ExpenseCategory)


def test_data__is_read_once_and_a_users_copy_every_time(tmp_path):
    """The package's file is cached; a user's copy of the same shape is read from its path."""
    assert load_spending_benchmarks() is load_spending_benchmarks()
    path = write_data(tmp_path, lambda d: d["thresholds"].update(above="2"))
    assert load_spending_benchmarks(path).above == 2


# --- hand-checked benchmarks --------------------------------------------------------------------------------------


def test_benchmark__two_people_national_food():
    """29476 × 0.295 × 2 / 12 = 1449.2366… → ¥1,449.24."""
    assert Decimal(29476) * Decimal("0.295") * 2 / 12 == Decimal("1449.236666666666666666666667")
    assert by_hand("29476", "29.5", 2, 12) == Decimal("1449.24")
    food = line(benchmark_budget(budget(("food", "3000"), members=2)), "food")
    assert food.benchmark == Decimal("1449.24")
    assert food.amount == Decimal("3000.00")
    assert food.ratio == Decimal("2.07")  # 3000 / 1449.24 = 2.0700…
    assert food.status is BenchmarkStatus.ABOVE
    assert (food.members, food.area) == (2, BenchmarkArea.NATIONAL)


def test_benchmark__one_person_national_every_group():
    """Each group for one person, all residents: 29476 × share / 12."""
    lines = benchmark_budget(budget())
    assert [(x.group.value, x.benchmark) for x in lines] == [
        ("food", Decimal("724.62")),  # 8695.42 / 12 = 724.618…
        ("housing", Decimal("530.57")),  # 6366.816 / 12 = 530.568
        ("transport", Decimal("353.71")),  # 4244.544 / 12 = 353.712
        ("education", Decimal("287.39")),  # 3448.692 / 12 = 287.391
        ("medical", Decimal("218.61")),  # 2623.364 / 12 = 218.6136…
        ("other", Decimal("341.43")),  # 29476 × 13.9 % = 4097.164, / 12 = 341.430…
    ]
    assert [x.benchmark for x in lines] == [by_hand("29476", s, 1, 12)
                                             for s in ("29.5", "21.6", "14.4", "11.7", "8.9", "13.9")]


def test_benchmark__three_people_urban_housing_sums_housing_and_utilities():
    """35869 × 0.216 × 3 / 12 = 1936.926 → ¥1,936.93; the household's housing is rent plus utilities."""
    lines = benchmark_budget(budget(("housing", "3300"), ("utilities", "520"), members=3, area="urban"))
    housing = line(lines, "housing")
    assert housing.benchmark == Decimal("1936.93") == by_hand("35869", "21.6", 3, 12)
    assert housing.amount == Decimal("3820.00")
    assert housing.categories == (ExpenseCategory.HOUSING, ExpenseCategory.UTILITIES)
    assert housing.ratio == Decimal("1.97")  # 3820 / 1936.93 = 1.9722…


def test_benchmark__rural_is_the_q1_q3_figure_over_nine_months():
    """Rural: 14597 (Q1–Q3) / 9 months: food for one person 4306.115 / 9 = 478.457… → ¥478.46; the other group
    for two people 14597 × 13.9 % × 2 / 9 = 450.885… → ¥450.89."""
    lines = benchmark_budget(budget(members=2, area="rural"))
    assert line(benchmark_budget(budget(area="rural")), "food").benchmark == Decimal("478.46")
    assert line(lines, "other").benchmark == Decimal("450.89") == by_hand("14597", "13.9", 2, 9)
    assert line(lines, "food").benchmark == Decimal("956.91")  # 8612.23 / 9 = 956.914…


def test_benchmark__rounds_half_up_at_the_fen():
    """Exact halves of a fen round up (四舍五入), not to even: food for 9 people, national, is exactly 6521.565;
    education for 5 rural people is exactly 948.805."""
    data = load_spending_benchmarks()
    assert Decimal(29476) * Decimal("0.295") * 9 / 12 == Decimal("6521.565")
    assert data.monthly_benchmark("food", 9, "national") == Decimal("6521.57")
    assert Decimal(14597) * Decimal("0.117") * 5 / 9 == Decimal("948.805")
    assert data.monthly_benchmark("education", 5, "rural") == Decimal("948.81")


def test_benchmark__total_is_the_whole_consumption():
    """The total line: 29476 / 12 = 2456.333… → ¥2,456.33 for one person; 35869 × 4 / 12 = 11956.333… for four."""
    total = benchmark_total(budget(("other", "9200")))
    assert (total.group, total.benchmark, total.amount, total.ratio) == (
        BenchmarkGroup.TOTAL, Decimal("2456.33"), Decimal("9200.00"), Decimal("3.75"))
    assert benchmark_total(budget(members=4, area="urban")).benchmark == Decimal("11956.33")


def test_benchmark__members_scale_the_figure_one_for_one():
    """The benchmark for n people is n times the per-person figure before rounding (no economies of scale)."""
    data = load_spending_benchmarks()
    for members in (1, 2, 7, 20):
        assert data.monthly_benchmark("medical", members, "urban") == by_hand("35869", "8.9", members, 12)


# --- thresholds at their edges --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("amount", "ratio", "status"),
    [
        ("2173.86", "1.50", "within"),  # exactly 1.5 × 1449.24
        ("2181.10", "1.50", "within"),  # 1.50499…: shown as 1.50, not more than 1.5
        ("2181.11", "1.51", "above"),  # 1.50500…: shown as 1.51
        ("1449.24", "1.00", "within"),
        ("724.62", "0.50", "within"),  # exactly half
        ("717.38", "0.50", "within"),  # 0.49500…: shown as 0.50, not less than 0.5
        ("717.37", "0.49", "below"),  # 0.49499…
        ("0.01", "0.00", "below"),
    ],
)
def test_thresholds__decided_on_the_ratio_as_shown(amount, ratio, status):
    """Far above is a ratio above 1.5, far below one under 0.5, both on the ratio rounded half-up to two places."""
    food = line(benchmark_budget(budget(("food", amount), members=2)), "food")
    assert food.benchmark == Decimal("1449.24")
    assert food.ratio == Decimal(ratio)
    assert food.status is BenchmarkStatus(status)


def test_thresholds__no_spending_is_no_status_not_below():
    """A group the household spends nothing on (no children) has ratio 0.00 and no status: never 'below'."""
    lines = benchmark_budget(budget(("food", "1500"), members=2))
    education = line(lines, "education")
    assert (education.amount, education.ratio, education.status) == (Decimal("0.00"), Decimal("0.00"), None)
    assert [f for f in spending_findings(budget(("food", "1500"), members=2))] == []


def test_thresholds__from_the_data_file(tmp_path):
    """The thresholds are data: with above 1.2 the same spending is far above."""
    strict = load_spending_benchmarks(write_data(tmp_path, lambda d: d["thresholds"].update(above="1.2")))
    food = line(benchmark_budget(budget(("food", "1800"), members=2), strict), "food")
    assert (food.ratio, food.status) == (Decimal("1.24"), BenchmarkStatus.ABOVE)


def test_thresholds__a_zero_share_has_no_ratio(tmp_path):
    """A group whose share is 0 has a benchmark of 0: no ratio and no status, whatever is spent."""
    def edit(document):
        document["shares"]["percent"]["other"] = "0"
        document["shares"]["percent"]["clothing"] = "0"
        document["shares"]["percent"]["household_goods"] = "0"
        document["shares"]["percent"]["food"] = "43.4"

    data = load_spending_benchmarks(write_data(tmp_path, edit))
    other = line(benchmark_budget(budget(("other", "500")), data), "other")
    assert (other.benchmark, other.ratio, other.status) == (Decimal("0.00"), None, None)


# --- bad data files -------------------------------------------------------------------------------------------


def test_bad_data__not_json(tmp_path):
    path = tmp_path / "b.json"
    path.write_text("{not json", encoding="utf-8")
    with pytest.raises(InvalidInput) as info:
        load_spending_benchmarks(path)
    assert (info.value.code, info.value.params["reason"]) == ("bad_file", "not_json_data")


def test_bad_data__missing_file(tmp_path):
    with pytest.raises(InvalidInput) as info:
        load_spending_benchmarks(tmp_path / "missing.json")
    assert info.value.code == "bad_file"


def test_bad_data__not_an_object(tmp_path):
    path = tmp_path / "b.json"
    path.write_text("[]", encoding="utf-8")
    with pytest.raises(InvalidInput) as info:
        load_spending_benchmarks(path)
    assert (info.value.code, info.value.params["reason"]) == ("bad_file", "json_object_needed")


def _set(path: str, value):
    def edit(document):
        *parents, key = path.split(".")
        node = document
        for name in parents:
            node = node[int(name)] if isinstance(node, list) else node[name]
        if value is _DELETE:
            del node[key]
        else:
            node[key] = value
    return edit


_DELETE = object()


@pytest.mark.parametrize(
    ("path", "value", "field", "code", "where"),
    [
        ("areas.rural", _DELETE, "rural", "required", "areas"),
        ("areas.urban.consumption", "-1", "consumption", "not_positive", "areas.urban"),
        ("areas.urban.consumption", "lots", "consumption", "not_a_number", "areas.urban"),
        ("areas.national.months", 13, "months", "out_of_range", "areas.national"),
        ("areas.national.release", "2026-02-30", "release", "no_such_date", "areas.national"),
        ("thresholds", _DELETE, "thresholds", "required", ""),
        ("thresholds.above", "1", "above", "out_of_range", "thresholds"),
        ("thresholds.below", "1.2", "below", "out_of_range", "thresholds"),
        ("shares.percent.food", "39.5", "percent", "out_of_range", "shares"),  # the shares add up to 110
        ("shares.percent.food", "-1", "food", "out_of_range", "shares.percent"),
        ("status", "guess", "status", "unknown_choice", ""),
        ("source", "", "source", "required", ""),
        ("groups", [], "groups", "empty", ""),
        ("groups.0.group", "total", "group", "unknown_choice", "groups[0]"),
        ("groups.1.group", "food", "group", "duplicate", "groups[1]"),
        ("groups.0.nbs", ["food", "meals"], "nbs", "unknown_reference", "groups[0]"),
        ("groups.5.nbs", ["clothing", "food"], "nbs", "duplicate", "groups[5]"),
        ("groups.1.expenses", ["housing", "food"], "expenses", "duplicate", "groups[1]"),
        ("groups.1.expenses", ["housing"], "expenses", "required", "groups"),  # utilities in no group
        ("groups.2.expenses", ["cars"], "expenses", "unknown_choice", "groups[2]"),
        ("releases.0.date", "soon", "date", "bad_date", "releases[0]"),
    ],
)
def test_bad_data__is_refused_and_located(tmp_path, path, value, field, code, where):
    """A bad figure, mapping or threshold is InvalidInput naming the key and where it is in the file."""
    err = load_error(tmp_path, _set(path, value))
    assert (err.field, err.code) == (field, code)
    assert err.where == ("benchmarks.json " + where if where else "benchmarks.json")
    assert not re.search(r"\{\w+\}", err.message("zh"))
    assert not re.search(r"\{\w+\}", err.message("en"))


def test_bad_data__a_json_float_is_refused(tmp_path):
    """Figures are decimal strings: a binary float is refused, as in the other data files."""
    err = load_error(tmp_path, _set("areas.urban.consumption", 35869.5))
    assert (err.field, err.code, err.where) == ("consumption", "float_refused", "benchmarks.json areas.urban")


# --- findings -----------------------------------------------------------------------------------------------------


def test_findings__far_above_and_below_with_typed_params_and_the_source():
    """One INFO finding about the case per group far above or far below; none for the groups within or empty."""
    found = spending_findings(budget(("food", "3000"), ("transport", "200"), ("medical", "400"), members=2))
    assert [f.code for f in found] == ["EXPENSE_ABOVE_BENCHMARK", "EXPENSE_BELOW_BENCHMARK"]
    above, below = found
    assert (above.severity, above.scope, above.subject) == (Severity.INFO, Scope.CASE, "")
    assert dict(above.params) == {"group": "food", "amount": Decimal("3000.00"), "benchmark": Decimal("1449.24"),
                                  "members": 2, "area": "national", "ratio": Decimal("2.07"),
                                  "threshold": Decimal("1.5")}
    # transport for two: 29476 × 14.4 % × 2 / 12 = 707.424 → 707.42; 200 / 707.42 = 0.2827…
    assert dict(below.params)["benchmark"] == Decimal("707.42")
    assert dict(below.params)["ratio"] == Decimal("0.28")
    assert dict(below.params)["threshold"] == Decimal("0.5")
    assert above.source == load_spending_benchmarks().source
    assert "国家统计局" in above.source


def test_findings__none_without_expenses():
    assert spending_findings(Budget()) == ()
    assert spending_findings(Budget((IncomeItem("工资", "5000"),), (ExpenseItem("food", "0"),))) == ()


def test_findings__a_single_total_is_compared_as_a_whole():
    """Expenses given as one total in 'other' (planner import --expenses) are not split by category: the total is
    compared with the total consumption, not with the clothing-and-other group."""
    one_total = budget(("other", "9200"))
    assert not is_split(one_total)
    (finding,) = spending_findings(one_total)
    assert dict(finding.params)["group"] == "total"
    assert dict(finding.params)["benchmark"] == Decimal("2456.33")
    assert spending_findings(budget(("other", "2000"), members=1)) == ()  # 0.81 of 2456.33: within
    assert is_split(budget(("other", "9200"), ("food", "700")))


def test_findings__codes_declared_with_their_params():
    """The codes are declared in CODES with the group and area choices matching the enumerations."""
    for code in ("EXPENSE_ABOVE_BENCHMARK", "EXPENSE_BELOW_BENCHMARK"):
        spec = CODES[code].params
        assert list(spec) == ["group", "amount", "benchmark", "members", "area", "ratio", "threshold"]
        assert isinstance(spec["group"], Choice)
        assert set(spec["group"].values) == {g.value for g in BenchmarkGroup}
        assert set(spec["area"].values) == {a.value for a in BenchmarkArea}


# --- wording ------------------------------------------------------------------------------------------------------


def _example_findings():
    return spending_findings(budget(("food", "3000"), ("transport", "200"), members=2, area="urban"))


def test_render__borrower_zh_is_information_never_a_judgement():
    above, below = _example_findings()
    # urban food for two: 35869 × 29.5 % × 2 / 12 = 1763.5591… → 1763.56; 3000 / 1763.56 = 1.7011…
    text = render(above, "zh")
    assert text.startswith("饮食（食品烟酒）每月支出 ¥3,000.00，高于国家统计局住户调查城镇居民人均消费支出按 2 人折算的"
                           "参考值 ¥1,763.56，为其 1.7 倍（超过 1.5 倍）。")
    assert "不是评判" in text
    assert "低于国家统计局住户调查城镇居民人均消费支出按 2 人折算的参考值" in render(below, "zh")
    assert "漏填" in render(below, "zh")
    for finding in (above, below):
        for locale in LOCALES:
            for audience in AUDIENCES:
                words = render(finding, locale, audience)
                assert "不合理" not in words
                assert "unreasonable" not in words.lower()


def test_render__creditor_voice_is_first_person():
    above, below = _example_findings()
    creditor = render(above, "zh", "creditor")
    assert creditor.startswith("本人家庭共 2 人，每月饮食（食品烟酒）支出 ¥3,000.00，高于国家统计局")
    assert "贵司" not in creditor
    assert render(below, "en", "creditor").startswith("My household of 2 people spends CN¥200.00 a month on "
                                                       "transport and communication, below the benchmark of")
    one = spending_findings(budget(("food", "3000")))[0]
    assert render(one, "zh", "creditor").startswith("本人每月饮食（食品烟酒）支出")
    assert render(one, "en", "creditor").startswith("I spend CN¥3,000.00 a month on food")


def test_render__one_person_is_reminded_to_enter_the_household():
    """A budget of one person (the default, and every version-1 file) is told it can enter the household's size."""
    (one,) = spending_findings(budget(("food", "3000")))
    assert "如家庭不止 1 人，请填写家庭人数" in render(one, "zh")
    assert "enter the number of household members" in render(one, "en")
    above, _ = _example_findings()
    assert "家庭人数" not in render(above, "zh")


def test_render__the_total_says_the_expenses_are_not_split():
    (total,) = spending_findings(budget(("other", "9200")))
    assert render(total, "zh").startswith("必要支出未按类别填写，按合计对照：每月 ¥9,200.00，高于")
    assert render(total, "en").startswith("The expenses are not split by category, so their total is compared")


@pytest.mark.parametrize("locale", LOCALES)
def test_labels__groups_areas_and_fields(locale):
    """Every group and area has a label in both locales; members and area are named as fields and columns."""
    words = catalog(locale)
    assert set(words.BENCHMARK_GROUPS) == {g.value for g in BenchmarkGroup}
    assert set(words.BENCHMARK_AREAS) == {a.value for a in BenchmarkArea}
    assert choice_label("benchmark_areas", BenchmarkArea.URBAN, locale) in ("城镇居民", "urban residents")
    assert label("members", locale) in ("家庭人数", "household members")
    assert label("area", locale) in ("对照范围", "benchmark area")
    assert catalog("zh").FIELDS["members"] == "家庭人数"


# --- wired into the plan ------------------------------------------------------------------------------------------


def _case(members=2, area="national"):
    case = example_case()
    return replace(case, budget=replace(case.budget, members=members, area=area))


def test_plan__case_findings_include_the_benchmarks():
    """plan_case lists the spending findings among the case's findings (as information: no error)."""
    result = plan_case(_case(3, "urban"))
    codes = [f.code for f in result.findings if f.code.startswith("EXPENSE_")]
    expected = [f.code for f in spending_findings(_case(3, "urban").budget)]
    assert codes == expected
    assert codes  # the example's housing is well above the urban figure for three
    assert not result.has_errors


def test_plan__no_spending_findings_without_expenses():
    case = replace(example_case(), budget=Budget((IncomeItem("工资", "20000"),)))
    assert not [f for f in plan_case(case).findings if f.code.startswith("EXPENSE_")]


def test_plan__context_takes_the_benchmarks_and_recalls_the_findings(tmp_path):
    """A context uses the benchmarks it is given, and recalls the findings while the budget is unchanged."""
    lenient = load_spending_benchmarks(write_data(tmp_path, lambda d: d["thresholds"].update(above="10",
                                                                                             below="0.01")))
    context = PlanContext(benchmarks=lenient)
    assert not [f for f in context.plan(_case()).findings if f.code.startswith("EXPENSE_")]
    default = PlanContext()
    assert default.benchmarks is load_spending_benchmarks()
    first = default.spending(_case().budget)
    assert default.spending(_case().budget) is first
    assert default.spending(_case(4).budget) is not first
    assert plan_case(_case(), benchmarks=lenient).findings == context.plan(_case()).findings
