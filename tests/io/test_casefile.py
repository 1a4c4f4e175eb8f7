"""Tests for planner.io.casefile: versioned JSON case files, exact round trips, atomic saves, adversarial input."""

import json
import os
import stat
import sys
from dataclasses import replace
from datetime import date, timedelta
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from planner.domain.case import Case
from planner.domain.debtor import Debtor
from planner.domain.model import (
    BenchmarkArea,
    Budget,
    CreditorKind,
    Debt,
    ExpenseCategory,
    ExpenseItem,
    IncomeItem,
)
from planner.domain.options import (
    SURPLUS_POLICIES,
    Deferral,
    DeferralInterest,
    Plan,
    RateChoice,
    RepaymentMethod,
    Restructure,
    Scenario,
    Settlement,
    Waiver,
    WaiverMode,
)
from planner.errors import InvalidInput
from planner.io import casefile
from planner.io.casefile import (
    CURRENT_VERSION,
    FORMAT,
    case_from_dict,
    case_to_dict,
    dumps_case,
    load_case,
    loads_case,
    save_case,
    write_case,
)
from planner.io.examples import example_case
from planner.rates import DayCount, Rate
from planner.text import fmt, zh

# --- strategies (local: tests/strategies.py belongs to another module's tests) -----------------------------------

texts = st.text(max_size=30).map(str.strip)
names = texts.filter(bool)
amounts = st.decimals(min_value=0, max_value=Decimal("999999999.99"), places=2, allow_nan=False)
positive_amounts = st.decimals(min_value=Decimal("0.01"), max_value=Decimal("999999999.99"), places=2)
day_counts = st.sampled_from(list(DayCount))
rates = st.one_of(
    st.builds(
        lambda v, dc: Rate.annual_percent(v, day_count=dc),
        st.decimals(min_value=0, max_value=500, places=4),
        day_counts,
    ),
    st.builds(
        lambda v, dc: Rate.monthly_percent(v, day_count=dc),
        st.decimals(min_value=0, max_value=40, places=3),
        day_counts,
    ),
    st.builds(
        lambda v, dc: Rate.daily_per_ten_thousand(v, day_count=dc),
        st.decimals(min_value=0, max_value=100, places=2),
        day_counts,
    ),
)
contract_dates = st.dates(min_value=date(2000, 1, 1), max_value=date(2026, 12, 31))


@st.composite
def debts(draw, debt_id=names):
    contract = draw(contract_dates)
    overdue = draw(st.none() | st.integers(0, 4000).map(lambda d: contract + timedelta(days=d)))
    return Debt(
        id=draw(debt_id),
        creditor=draw(names),
        kind=draw(st.sampled_from(list(CreditorKind))),
        contract_date=contract,
        original_principal=draw(positive_amounts),
        outstanding_principal=draw(amounts),
        contract_rate=draw(rates),
        monthly_payment=draw(amounts),
        accrued_interest=draw(amounts),
        penalty_interest=draw(amounts),
        liquidated_damages=draw(amounts),
        other_fees=draw(amounts),
        penalty_rate=draw(st.none() | rates),
        fee_rate=draw(st.none() | rates),
        overdue_since=overdue,
        account_number=draw(texts),
    )


percents = st.decimals(min_value=0, max_value=100, places=2)
waivers = st.builds(Waiver, st.sampled_from(list(WaiverMode)), percents)
deferrals = st.builds(Deferral, st.integers(0, 36), amounts, st.sampled_from(list(DeferralInterest)), st.booleans())


@st.composite
def restructures(draw):
    choice = draw(st.sampled_from(list(RateChoice)))
    custom = draw(rates if choice is RateChoice.CUSTOM else st.none() | rates)
    return Restructure(
        months=draw(st.integers(1, 120)),
        method=draw(st.sampled_from(list(RepaymentMethod))),
        rate=choice,
        custom_rate=custom,
        down_payment=draw(amounts),
        monthly_fee_percent=draw(st.decimals(min_value=0, max_value=10, places=3)),
    )


plans = st.one_of(
    st.builds(Plan, waivers, st.none() | deferrals, st.none() | restructures()),
    st.builds(
        lambda w, p, d: Plan(w, settlement=Settlement(p, d)),
        waivers,
        st.decimals(min_value=Decimal("0.01"), max_value=100, places=2),
        contract_dates,
    ),
)

budgets = st.builds(
    Budget,
    st.lists(st.builds(IncomeItem, names, amounts), max_size=3).map(tuple),
    st.lists(st.builds(ExpenseItem, st.sampled_from(list(ExpenseCategory)), amounts, texts), max_size=8).map(tuple),
    amounts,
    st.integers(1, 20),
    st.sampled_from(list(BenchmarkArea)),
)


@st.composite
def cases(draw):
    debt_list = draw(st.lists(debts(), max_size=6, unique_by=lambda d: d.id))
    ids = [d.id for d in debt_list]
    scenario_names = draw(st.lists(names, max_size=3, unique=True))
    scenarios = []
    for name in scenario_names:
        chosen = draw(st.lists(st.sampled_from(ids), unique=True)) if ids else []
        pairs = tuple((i, draw(plans)) for i in chosen)
        # A scenario starts on or before each of its settlements' pay-by dates.
        start = min([draw(contract_dates), *(p.settlement.pay_by for _, p in pairs if p.settlement is not None)])
        scenarios.append(
            Scenario(name, pairs, start, draw(texts),
                     draw(st.none() | st.sampled_from(SURPLUS_POLICIES)),
                     tuple(draw(st.permutations(ids))) if ids else ())
        )
    return Case(
        budget=draw(budgets),
        debts=tuple(debt_list),
        as_of=draw(contract_dates),
        scenarios=tuple(scenarios),
        borrower=draw(texts),
        notes=draw(st.text(max_size=200)),
    )


# --- helpers ---------------------------------------------------------------------------------------------------


def example_dict():
    return case_to_dict(example_case())


def load_error(data) -> InvalidInput:
    with pytest.raises(InvalidInput) as info:
        case_from_dict(data)
    return info.value


def text_error(text: str) -> InvalidInput:
    with pytest.raises(InvalidInput) as info:
        loads_case(text)
    return info.value


# --- round trips -----------------------------------------------------------------------------------------------


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(cases())
def test_round_trip__any_case_is_exact(case):
    """Any valid case survives case_to_dict/case_from_dict and dumps/loads unchanged, field for field."""
    assert case_from_dict(case_to_dict(case)) == case
    text = dumps_case(case)
    assert loads_case(text) == case
    assert dumps_case(loads_case(text)) == text


def test_round_trip__example_case_through_a_file(tmp_path):
    """The example case saved to disk loads back equal, and saving it again writes the same bytes."""
    path = tmp_path / "张伟.json"
    save_case(example_case(), path)
    first = path.read_bytes()
    loaded = load_case(path)
    assert loaded == example_case()
    save_case(loaded, path)
    assert path.read_bytes() == first


def test_round_trip__rates_keep_unit_quote_and_day_count():
    """日利率万分之五 is written as unit, quoted value and day count, and reads back as the same Rate."""
    rate = Rate.daily_per_ten_thousand("5", day_count=DayCount.ACT_360)
    debt = Debt(id="c", creditor="银行", kind="credit-card", contract_date="2020-01-01", original_principal="100",
                outstanding_principal="100", contract_rate=rate, monthly_payment="10")
    case = Case(Budget(), (debt,), "2026-01-01")
    written = case_to_dict(case)["debts"][0]["contract_rate"]
    assert written == {"unit": "daily_per_ten_thousand", "value": "5", "day_count": "act/360", "annual_percent": "18"}
    loaded = case_from_dict(case_to_dict(case)).debts[0].contract_rate
    assert loaded == rate
    assert fmt.rate(loaded, "zh", annual=False) == "日利率万分之5"


def test_format__readable_utf8_json_in_a_stable_key_order():
    """The text is indented JSON with Chinese unescaped, money as strings, format/version first, newline at end."""
    text = dumps_case(example_case())
    assert text.endswith("}\n")
    assert "张伟" in text
    assert "\\u" not in text
    data = json.loads(text)
    assert list(data) == ["format", "version", "as_of", "borrower", "debtor", "notes", "budget", "debts",
                          "scenarios", "conduct", "complaints"]
    assert data["format"] == FORMAT
    assert data["version"] == CURRENT_VERSION
    assert data["budget"]["reserve"] == "300.00"
    assert data["debts"][0]["outstanding_principal"] == "38600.00"
    assert text == json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def test_format__plans_are_written_with_every_field():
    """Waiver, deferral, restructure and settlement appear with all their fields (null when absent)."""
    data = example_dict()
    by_name = {s["name"]: s for s in data["scenarios"]}
    deferred = by_name["延期12个月后分期"]["plans"][-1]
    assert deferred["waiver"] == {"mode": "excess", "percent": "0"}
    assert deferred["deferral"] == {"months": 12, "token_amount": "100.00", "interest": "capped", "capitalise": False}
    assert deferred["restructure"] == {
        "months": 48,
        "method": "equal-installment",
        "rate": "capped",
        "custom_rate": None,
        "down_payment": "0.00",
        "monthly_fee_percent": "0",
    }
    assert deferred["settlement"] is None
    settled = by_name["部分一次性结清"]["plans"][1]
    assert settled["settlement"] == {"percent": "60", "pay_by": "2027-01-31"}


def test_round_trip__custom_rate_restructure():
    """A restructure at a custom monthly rate keeps its rate object."""
    debt = Debt(id="a", creditor="x", kind="bank-loan", contract_date="2020-01-01", original_principal="1000",
                outstanding_principal="1000", contract_rate="5", monthly_payment="10")
    plan = Plan(restructure=Restructure(24, "equal-principal", "custom", Rate.monthly_percent("0.75")))
    case = Case(Budget(), (debt,), "2026-01-01", (Scenario("s", (("a", plan),), "2026-02-01"),))
    assert loads_case(dumps_case(case)) == case


def test_round_trip__empty_case(tmp_path):
    """A case with no debts, no scenarios and an empty budget saves and loads."""
    case = Case(Budget(), (), "2026-11-23")
    path = save_case(case, tmp_path / "empty.json")
    assert load_case(path) == case
    assert json.loads(path.read_text(encoding="utf-8"))["debts"] == []


def test_round_trip__hundred_debts(tmp_path):
    """A case with 100 debts saves and loads unchanged."""
    base = example_case().debts[0]
    many = tuple(base.with_(id=f"d{i:03}", outstanding_principal=Decimal(i * 100)) for i in range(100))
    case = Case(example_case().budget, many, "2026-11-23")
    assert load_case(save_case(case, tmp_path / "many.json")) == case


def test_round_trip__lone_surrogate_in_notes_is_escaped_not_lost(tmp_path):
    """Text that cannot be encoded as UTF-8 (a lone surrogate) is written escaped and reads back the same."""
    case = Case(Budget(), (), "2026-11-23", notes="bad \ud800 text")
    assert load_case(save_case(case, tmp_path / "s.json")) == case


# --- saving ----------------------------------------------------------------------------------------------------


def test_save_case__failure_mid_write_keeps_the_old_file(tmp_path, monkeypatch):
    """A failure between writing and renaming leaves the old file intact and no temporary file behind."""
    path = tmp_path / "case.json"
    save_case(Case(Budget(), (), "2026-01-01", notes="old"), path)
    old = path.read_bytes()

    def broken_fsync(_fd):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", broken_fsync)
    with pytest.raises(InvalidInput) as info:
        save_case(example_case(), path)
    assert info.value.field == "file"
    assert info.value.code == "cannot_write"
    assert (info.value.params["reason"], info.value.params["errno"]) == ("write_os_error", "ENOSPC")
    assert "no space left on the disk" in info.value.message_en()
    assert "磁盘空间不足" in info.value.message_zh()
    assert path.read_bytes() == old
    assert sorted(p.name for p in tmp_path.iterdir()) == ["case.json"]


def test_save_case__failure_at_rename_keeps_the_old_file(tmp_path, monkeypatch):
    """When the final rename fails the old file is unchanged and the temporary file is removed."""
    path = tmp_path / "case.json"
    save_case(Case(Budget(), (), "2026-01-01", notes="old"), path)
    old = path.read_bytes()
    real_replace = os.replace

    def replace(src, dst):
        if os.fspath(dst) == os.fspath(path):
            raise OSError(13, "Permission denied")
        return real_replace(src, dst)

    monkeypatch.setattr(os, "replace", replace)
    with pytest.raises(InvalidInput):
        save_case(example_case(), path)
    assert path.read_bytes() == old
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_save_case__keeps_the_previous_file_as_bak(tmp_path):
    """Overwriting keeps the previous contents as NAME.bak; the first save makes no backup."""
    path = tmp_path / "case.json"
    first = Case(Budget(), (), "2026-01-01", notes="first")
    save_case(first, path)
    assert not (tmp_path / "case.json.bak").exists()
    save_case(example_case(), path)
    assert load_case(tmp_path / "case.json.bak") == first
    assert load_case(path) == example_case()


def test_save_case__missing_folder_is_a_cannot_write_error(tmp_path):
    """Saving into a folder that does not exist raises bad_file with a fix, not an OSError."""
    with pytest.raises(InvalidInput) as info:
        save_case(example_case(), tmp_path / "nope" / "case.json")
    assert info.value.code == "cannot_write"
    assert "writable" in info.value.message_en()
    assert "文件夹" in info.value.message_zh()


def test_save_case__to_a_folder_is_cannot_write_is_folder(tmp_path):
    """Saving to a folder's path is cannot_write (is_folder) suggesting a file in it, and writes nothing."""
    with pytest.raises(InvalidInput) as info:
        save_case(example_case(), tmp_path)
    err = info.value
    assert (err.field, err.code, err.value) == ("file", "cannot_write", str(tmp_path))
    assert err.params == {"reason": "is_folder", "example": str(tmp_path / "case.json")}
    assert "it is a folder, not a file" in err.message_en()
    assert list(tmp_path.iterdir()) == []


def test_write_case__keep_copy_twice_keeps_both_earlier_versions(tmp_path):
    """Two saves with keep_copy=True each keep the version they replaced in its own NAME.<stamp>.bak, so the
    first version survives the second save (which overwrites NAME.bak): no save destroys the only copy."""
    path = tmp_path / "case.json"
    first = Case(Budget(), (), "2026-01-01", notes="first")
    second = Case(Budget(), (), "2026-01-01", notes="second")
    assert write_case(first, path) == casefile.Saved(path, None, None)
    saved_second = write_case(second, path, keep_copy=True)
    saved_third = write_case(example_case(), path, keep_copy=True)
    assert saved_second.kept != saved_third.kept
    for saved in (saved_second, saved_third):
        assert saved.path == path
        assert saved.backup == tmp_path / "case.json.bak"
        assert saved.kept.name.startswith("case.json.")
        assert saved.kept.name.endswith(".bak")
    assert load_case(saved_second.kept) == first
    assert load_case(saved_third.kept) == second
    assert load_case(tmp_path / "case.json.bak") == second
    assert load_case(path) == example_case()
    save_case(first, path)  # an ordinary save replaces NAME.bak only
    assert load_case(saved_second.kept) == first
    assert load_case(saved_third.kept) == second
    assert len(list(tmp_path.glob("case.json.*.bak"))) == 2


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions")
def test_save_case__new_file_is_private_and_existing_mode_is_kept(tmp_path):
    """A new case file is readable by its owner only; an existing file keeps its permissions."""
    path = save_case(example_case(), tmp_path / "case.json")
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    path.chmod(0o640)
    save_case(example_case(), path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o640


# --- versions and unknown keys ---------------------------------------------------------------------------------


def test_migrations__a_version_0_file_is_upgraded(monkeypatch):
    """A registered 0 → 1 migration upgrades an old document before it is read, without changing the input."""

    def upgrade(data):
        data["borrower"] = data.pop("debtor_name")
        return data

    monkeypatch.setitem(casefile.MIGRATIONS, 0, upgrade)
    old = example_dict()
    old["version"] = 0
    old["debtor_name"] = old.pop("borrower")
    snapshot = json.dumps(old, ensure_ascii=False)
    case = case_from_dict(old)
    assert case == example_case()
    assert json.dumps(old, ensure_ascii=False) == snapshot
    assert case_to_dict(case)["version"] == CURRENT_VERSION


def test_migrations__no_path_from_an_old_version_is_unsupported():
    """Version 0 without a registered migration is refused as unsupported_version."""
    data = example_dict()
    data["version"] = 0
    assert load_error(data).code == "unsupported_version"


def test_version__higher_than_known_is_refused():
    """A file from a newer format version is refused with unsupported_version naming the highest known."""
    data = example_dict()
    data["version"] = CURRENT_VERSION + 1
    err = load_error(data)
    assert (err.field, err.code, err.value) == ("version", "unsupported_version", CURRENT_VERSION + 1)
    assert f"version {CURRENT_VERSION} or older" in err.message_en()


@pytest.mark.parametrize(("version", "code"), [(None, "required"), ("1", "not_integer"), (1.0, "not_integer")])
def test_version__missing_or_not_a_whole_number(version, code):
    """A missing or non-integer version is refused."""
    data = example_dict()
    if version is None:
        del data["version"]
    else:
        data["version"] = version
    assert load_error(data).code == code


# --- version 2: the household's size and benchmark area ----------------------------------------------------------


def _version_1_document():
    """A version-1 document as the planner wrote it: a budget without members or area."""
    data = example_dict()
    data["version"] = 1
    del data["budget"]["members"], data["budget"]["area"], data["debtor"]
    return data


def test_migrations__a_version_1_file_reads_as_one_person_national():
    """A version-1 file opens: its budget is one person compared with the national figures; the input is not
    changed, and saving writes version 2 with both keys after the reserve."""
    old = _version_1_document()
    snapshot = json.dumps(old, ensure_ascii=False)
    case = case_from_dict(old)
    assert (case.budget.members, case.budget.area) == (1, BenchmarkArea.NATIONAL)
    example = example_case()
    assert case == replace(example, budget=replace(example.budget, members=1, area=BenchmarkArea.NATIONAL))
    assert case.extra == ()
    assert json.dumps(old, ensure_ascii=False) == snapshot
    written = case_to_dict(case)
    assert written["version"] == CURRENT_VERSION == 5
    assert list(written["budget"]) == ["incomes", "expenses", "reserve", "members", "area"]
    assert (written["budget"]["members"], written["budget"]["area"]) == (1, "national")


def test_migrations__a_version_1_file_from_disk(tmp_path):
    """load_case upgrades a version-1 file on disk; a save writes it back as version 2."""
    path = tmp_path / "old.json"
    path.write_text(json.dumps(_version_1_document(), ensure_ascii=False), encoding="utf-8")
    case = load_case(path)
    assert case.budget.members == 1
    save_case(case, path)
    assert json.loads(path.read_text(encoding="utf-8"))["version"] == CURRENT_VERSION


def test_migrations__version_1_keeps_a_budget_that_is_not_an_object_for_the_reader():
    """The 1 → 2 step touches only a budget object; a bad budget is reported by the reader as before."""
    data = _version_1_document()
    data["budget"] = []
    err = load_error(data)
    assert (err.field, err.code) == ("budget", "bad_file")


def test_round_trip__members_and_area():
    """A version-2 budget of 4 urban residents is written as members 4, area urban and reads back equal."""
    case = replace(example_case(), budget=replace(example_case().budget, members=4, area="urban"))
    data = case_to_dict(case)
    assert (data["budget"]["members"], data["budget"]["area"]) == (4, "urban")
    assert case_from_dict(data) == case
    assert loads_case(dumps_case(case)).budget.area is BenchmarkArea.URBAN


def test_members_and_area__as_people_write_them():
    """members may be a digit string (full-width too); area any case, with _ or spaces."""
    data = example_dict()
    data["budget"]["members"] = "\uff13"  # a full-width 3, as a Chinese input method types it
    data["budget"]["area"] = "Rural"
    budget = case_from_dict(data).budget
    assert (budget.members, budget.area) == (3, BenchmarkArea.RURAL)


@pytest.mark.parametrize(
    ("value", "code"),
    [(0, "out_of_range"), (21, "out_of_range"), ("2.5", "not_integer"), ("x", "not_integer"), (True, "not_integer"),
     ("", "not_integer")],
)
def test_members__bad_values_are_located(value, code):
    """members outside 1–20 or not a whole number is refused, located in the budget."""
    data = example_dict()
    data["budget"]["members"] = value
    err = load_error(data)
    assert (err.field, err.code, err.where) == ("members", code, "budget")
    if code == "out_of_range":
        assert (err.params["low"], err.params["high"]) == (1, 20)


def test_members__a_json_fraction_is_refused_as_written():
    """members 2.5 written as a JSON number is not a whole number, shown as it was written."""
    text = dumps_case(example_case()).replace('"members": 3', '"members": 2.5')
    err = text_error(text)
    assert (err.field, err.code, err.value, err.where) == ("members", "not_integer", "2.5", "budget")
    assert "家庭人数" in err.message_zh()


def test_area__unknown_value_lists_the_choices():
    """An unknown area is unknown_choice listing national, urban, rural."""
    data = example_dict()
    data["budget"]["area"] = "suburban"
    err = load_error(data)
    assert (err.field, err.code, err.where) == ("area", "unknown_choice", "budget")
    assert err.params["choices"] == "national, urban, rural"


def test_members__misspelt_key_is_kept_and_suggested():
    """A misspelt members key is kept as an unknown key (the budget reads as one person) and suggests members."""
    from planner.cli.casecmds import unknown_keys

    data = example_dict()
    data["budget"]["memebers"] = data["budget"].pop("members")
    case = case_from_dict(data)
    assert case.budget.members == 1
    (found,) = unknown_keys(case.extra, "en")
    assert found["where"] == "budget"
    assert found["did_you_mean"] == {"memebers": ["members"]}


def test_version_2__refused_clearly_by_a_version_1_planner(monkeypatch):
    """A planner that knows only version 1 refuses a newer file with unsupported_version, saying which versions
    it reads, rather than reading it without the household's size (or, since version 3, the debtor; since version 4, the conduct log; since version 5, the complaints)."""
    written = example_dict()
    monkeypatch.setattr(casefile, "CURRENT_VERSION", 1)
    monkeypatch.setattr(casefile, "MIGRATIONS", {})
    err = load_error(written)
    assert (err.field, err.code, err.value) == ("version", "unsupported_version", 5)
    assert "version 1 or older" in err.message_en()


def test_unknown_keys__are_kept_where_they_were_and_written_back():
    """Keys this planner does not know survive a load and a save at every level, numbers spelled as they were."""
    data = example_dict()
    data["app"] = {"name": "planner-next", "build": 7}
    data["budget"]["household_size"] = 3
    data["budget"]["incomes"][1]["source"] = "兼职"
    data["debts"][2]["collector"] = {"phone": "95xxx", "calls": [1, 2]}
    data["debts"][3]["fee_rate"]["basis"] = "principal"
    plan = data["scenarios"][0]["plans"][4]
    plan["priority"] = 1
    plan["restructure"]["grace_days"] = 0
    data["scenarios"][2]["colour"] = "#ff0000"
    text = json.dumps(data, ensure_ascii=False, indent=2).replace('"build": 7', '"build": 7.50000000000000000001')
    case = loads_case(text)
    assert case.extra
    written = json.loads(dumps_case(case), parse_float=Decimal)
    assert written["app"] == {"name": "planner-next", "build": Decimal("7.50000000000000000001")}
    assert written["budget"]["household_size"] == 3
    assert written["budget"]["incomes"][1]["source"] == "兼职"
    assert written["debts"][2]["collector"] == {"phone": "95xxx", "calls": [1, 2]}
    assert written["debts"][3]["fee_rate"]["basis"] == "principal"
    assert written["scenarios"][0]["plans"][4]["priority"] == 1
    assert written["scenarios"][0]["plans"][4]["restructure"]["grace_days"] == 0
    assert written["scenarios"][2]["colour"] == "#ff0000"
    assert "7.50000000000000000001" in dumps_case(case)
    assert loads_case(dumps_case(case)) == case


def test_unknown_keys__a_misspelt_key_is_kept_in_extra():
    """A misspelt optional key (acount_number) is not read as the field but kept in Case.extra, at its debt, and
    written back; the field keeps its default."""
    data = example_dict()
    del data["debts"][1]["account_number"]
    data["debts"][1]["acount_number"] = "6225 8821"
    case = case_from_dict(data)
    assert case.extra == (('["debts", "citic-card"]', '{"acount_number": "6225 8821"}'),)
    assert case.debts[1].account_number == ""
    assert json.loads(dumps_case(case))["debts"][1]["acount_number"] == "6225 8821"


def test_unknown_keys__follow_their_debt_and_go_with_it():
    """Extras of a debt follow it by id when debts are reordered, and vanish with it when it is deleted."""
    data = example_dict()
    data["debts"][0]["collector"] = "A 公司"
    case = case_from_dict(data)
    reordered = Case(case.budget, tuple(reversed(case.debts)), case.as_of, case.scenarios, extra=case.extra)
    assert case_to_dict(reordered)["debts"][-1]["collector"] == "A 公司"
    dropped = Case(case.budget, case.debts[1:], case.as_of, extra=case.extra)
    assert all("collector" not in d for d in case_to_dict(dropped)["debts"])


# --- bad files -------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "reason", "wording"),
    [
        ("", "not_json", "not valid JSON"),
        ("{not json", "not_json", "not valid JSON"),
        ("[1, 2]", "not_case_file", "not a planner case file"),
        ('{"format": "something-else", "version": 1}', "not_case_file", "not a planner case file"),
        ('{"version": 1}', "not_case_file", "not a planner case file"),
        ('{"format": "debt-planner-case", "format": "x"}', "duplicate_key", "appears twice"),
        ("[" * 100000 + "]" * 100000, "too_deep", "nested more than 64 levels deep"),
    ],
)
def test_loads_case__not_a_case_file(text, reason, wording):
    """Empty text, broken JSON, another format, duplicate keys and absurd nesting are bad_file errors."""
    err = text_error(text)
    assert (err.field, err.code) == ("file", "bad_file")
    assert err.params["reason"] == reason
    assert wording in err.message_en()
    assert err.message_zh().endswith(zh.REASONS[reason][1])


def test_load_case__missing_file(tmp_path):
    """A missing file is a bad_file error naming the path."""
    with pytest.raises(InvalidInput) as info:
        load_case(tmp_path / "missing.json")
    assert info.value.code == "bad_file"
    assert "missing.json" in info.value.message_en()


@pytest.mark.parametrize("name", ["债务.xlsx", "debts.csv"])
def test_load_case__a_spreadsheet_is_not_a_case(tmp_path, name):
    """Loading a spreadsheet as a case is bad_file (spreadsheet_not_case) telling the user to import it first."""
    from openpyxl import Workbook

    path = tmp_path / name
    if name.endswith(".xlsx"):
        book = Workbook()
        book.active.append(["编号", "剩余本金（元）"])
        book.save(path)
    else:
        path.write_text("编号,剩余本金（元）\n", encoding="utf-8")
    with pytest.raises(InvalidInput) as info:
        load_case(path)
    err = info.value
    assert (err.field, err.code, err.value) == ("file", "bad_file", str(path))
    assert err.params == {"reason": "spreadsheet_not_case"}
    assert f"run planner import {path} -o CASE.json first" in err.message_en()
    assert "这是表格文件，不是案例文件" in err.message_zh()


def test_load_case__binary_file(tmp_path):
    """A file that is not UTF-8 text is a bad_file error."""
    path = tmp_path / "photo.json"
    path.write_bytes(b"\xff\xd8\xff\xe0 not text")
    with pytest.raises(InvalidInput) as info:
        load_case(path)
    assert "not UTF-8" in info.value.message_en()


def test_load_case__accepts_a_byte_order_mark(tmp_path):
    """A case file saved by an editor with a UTF-8 BOM still loads."""
    path = tmp_path / "bom.json"
    path.write_bytes(b"\xef\xbb\xbf" + dumps_case(example_case()).encode("utf-8"))
    assert load_case(path) == example_case()


# --- bad values, located by JSON path --------------------------------------------------------------------------


def test_money__float_is_refused_naming_its_json_path():
    """A JSON number with a fraction in a money field is float_refused at debts[2], with the number as written."""
    text = dumps_case(example_case()).replace('"outstanding_principal": "33659.37"', '"outstanding_principal": 33659.37')
    err = text_error(text)
    assert (err.field, err.code, err.where, err.value) == ("outstanding_principal", "float_refused", "debts[2]", "33659.37")
    assert err.message_en().startswith("debts[2] (cf-loan): 'outstanding_principal' must not be a binary float")
    assert "33659.37" in err.message_zh()


@pytest.mark.parametrize(
    ("edit", "where", "field"),
    [
        (lambda d: d["budget"].__setitem__("reserve", 300.5), "budget", "reserve"),
        (lambda d: d["budget"]["incomes"][0].__setitem__("amount", 1e4), "budget.incomes[0]", "amount"),
        (lambda d: d["debts"][4]["contract_rate"].__setitem__("value", 24.0), "debts[4].contract_rate", "value"),
        (
            lambda d: d["scenarios"][1]["plans"][0]["deferral"].__setitem__("token_amount", 100.0),
            "scenarios[1].plans[0].deferral",
            "token_amount",
        ),
        (
            lambda d: d["scenarios"][2]["plans"][1]["settlement"].__setitem__("percent", 60.0),
            "scenarios[2].plans[1].settlement",
            "percent",
        ),
    ],
)
def test_money__floats_refused_everywhere(edit, where, field):
    """Floats are refused in the budget, rates and plans, each located by its JSON path."""
    data = example_dict()
    edit(data)
    err = load_error(data)
    assert (err.code, err.where, err.field) == ("float_refused", where, field)


def test_money__integers_are_accepted():
    """Whole numbers written as JSON integers are read as exact amounts."""
    data = example_dict()
    data["debts"][0]["outstanding_principal"] = 38600
    data["budget"]["reserve"] = 300
    assert case_from_dict(data) == example_case()


@pytest.mark.parametrize(
    ("value", "code"),
    [
        ("三万八", "not_a_number"),
        ("38600元整", "not_a_number"),
        ("", "required"),
        (True, "not_a_number"),
        ([1], "not_a_number"),
        ("NaN", "not_finite"),
        ("Infinity", "not_finite"),
        ("-1.00", "negative"),
        ("1000000000000.01", "too_large"),
        ("1e20", "too_large"),
        ("12.345", "too_many_decimals"),
    ],
)
def test_money__bad_values_are_located(value, code):
    """Text, NaN, infinities, negative, huge and over-precise amounts are refused at debts[1]."""
    data = example_dict()
    data["debts"][1]["outstanding_principal"] = value
    err = load_error(data)
    assert (err.code, err.where, err.field) == (code, "debts[1]", "outstanding_principal")


@pytest.mark.parametrize("constant", ["NaN", "Infinity", "-Infinity"])
def test_money__json_nan_constants_are_not_finite(constant):
    """The non-standard JSON constants NaN and Infinity are refused as not finite, not as floats."""
    text = dumps_case(example_case()).replace('"reserve": "300.00"', f'"reserve": {constant}')
    err = text_error(text)
    assert (err.code, err.where, err.field, err.value) == ("not_finite", "budget", "reserve", constant)


def test_dates__overdue_before_contract_is_refused():
    """An overdue date before the contract date is a date_order error at its debt."""
    data = example_dict()
    data["debts"][3]["overdue_since"] = "2020-01-01"
    err = load_error(data)
    assert (err.code, err.where, err.field) == ("date_order", "debts[3]", "overdue_since")
    assert "contract_date" in err.message_en()


@pytest.mark.parametrize("value", ["2026-13-01", "23/11/2026", 20261123, "tomorrow"])
def test_dates__bad_dates_are_refused(value):
    """Dates that are not ISO YYYY-MM-DD are bad_date errors."""
    data = example_dict()
    data["debts"][0]["contract_date"] = value
    err = load_error(data)
    assert (err.code, err.where) == ("bad_date", "debts[0]")


def test_debts__duplicate_ids_are_refused():
    """Two debts with one id are a duplicate error at the second one."""
    data = example_dict()
    data["debts"][1]["id"] = data["debts"][0]["id"]
    err = load_error(data)
    assert (err.code, err.field, err.where, err.value) == ("duplicate", "id", "debts[1]", "cmb-card")


def test_debts__unknown_kind_lists_the_choices():
    """An unknown creditor kind is unknown_choice listing the valid values."""
    data = example_dict()
    data["debts"][0]["kind"] = "loan-shark"
    err = load_error(data)
    assert (err.code, err.where) == ("unknown_choice", "debts[0]")
    assert "private" in err.message_en()


def test_debts__missing_required_key():
    """A debt without its monthly payment is a required error; optional charges default to 0."""
    data = example_dict()
    del data["debts"][0]["monthly_payment"]
    err = load_error(data)
    assert (err.code, err.field, err.where) == ("required", "monthly_payment", "debts[0]")
    data = example_dict()
    for key in ("accrued_interest", "penalty_interest", "liquidated_damages", "other_fees", "original_principal"):
        del data["debts"][4][key]
    debt = case_from_dict(data).debts[4]
    assert debt.charges == 0
    assert debt.original_principal == debt.outstanding_principal


def test_debts__not_a_list():
    """A debts value that is not a list is refused naming what was expected."""
    data = example_dict()
    data["debts"] = {"cmb-card": {}}
    err = load_error(data)
    assert err.field == "debts"
    assert err.params == {"reason": "wrong_type", "expected": "list"}
    assert "expected a JSON list […] here" in err.message_en()


def test_rates__shorthand_and_consistency():
    """A rate may be written as a plain annual percent string; a stated annual_percent must agree with the quote."""
    data = example_dict()
    data["debts"][4]["contract_rate"] = "24"
    assert case_from_dict(data).debts[4].contract_rate == Rate.annual_percent("24")
    data = example_dict()
    data["debts"][0]["contract_rate"]["value"] = "6"
    err = load_error(data)
    assert (err.code, err.where, err.field) == ("mismatch", "debts[0].contract_rate", "annual_percent")
    assert "21.9" in err.message_en()
    assert err.message_zh().startswith("debts[0].contract_rate（cmb-card）：折合年利率与利率数值不一致（按其计算应为 21.9")


def test_rates__negative_and_absurd_are_refused():
    """Negative rates and rates above 1000 % a year are refused at the rate's path."""
    data = example_dict()
    data["debts"][2]["penalty_rate"]["value"] = "-27"
    data["debts"][2]["penalty_rate"].pop("annual_percent")
    assert load_error(data).where == "debts[2].penalty_rate"
    data = example_dict()
    data["debts"][2]["penalty_rate"] = {"unit": "annual_percent", "value": "5000"}
    assert load_error(data).code == "out_of_range"


def test_scenarios__unknown_debt_and_bad_options_are_located():
    """A plan for a debt that does not exist, or with a bad option value, is refused at its scenario or option."""
    data = example_dict()
    data["scenarios"][0]["plans"][0]["debt_id"] = "ghost"
    err = load_error(data)
    assert (err.code, err.where, err.value) == ("unknown_reference", "scenarios[0]", "ghost")
    data = example_dict()
    data["scenarios"][0]["plans"][0]["restructure"]["method"] = "balloon"
    err = load_error(data)
    assert (err.code, err.where) == ("unknown_choice", "scenarios[0].plans[0].restructure")
    data = example_dict()
    data["scenarios"][1]["plans"][0]["deferral"]["months"] = 37
    err = load_error(data)
    assert (err.code, err.where) == ("out_of_range", "scenarios[1].plans[0].deferral")
    data = example_dict()
    data["scenarios"][1]["plans"][0]["deferral"]["capitalise"] = "yes"
    assert load_error(data).code == "unknown_choice"


def test_case__missing_top_level_keys_and_bad_as_of():
    """A case without as_of is refused; an as_of that is no real date (2026-02-30) is a no_such_date error."""
    data = example_dict()
    del data["as_of"]
    assert (load_error(data).code, load_error(data).field) == ("required", "as_of")
    data = example_dict()
    data["as_of"] = "2026-02-30"
    assert load_error(data).code == "no_such_date"


# --- hostile or mistyped documents: always InvalidInput, never a traceback --------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        '{"format": "debt-planner-case", "version": 1, "x": ' + "9" * 5000 + "}",
        '{"format": "debt-planner-case", "version": ' + "9" * 5000 + "}",
    ],
)
def test_loads_case__integer_over_4300_digits_is_bad_file(text):
    """A JSON integer too long for int() (5000 digits) is a bad_file error, not a ValueError."""
    err = text_error(text)
    assert (err.field, err.code) == ("file", "bad_file")
    assert err.params["reason"] == "int_too_long"
    assert "4300 digits" in err.message_en()
    assert err.message_zh().endswith(zh.REASONS["int_too_long"][1])


def test_loads_case__long_integer_in_a_known_field_is_located():
    """A 4000-digit integer (which JSON reads) in months is out_of_range at its plan, not a crash."""
    data = example_dict()
    data["scenarios"][0]["plans"][0]["restructure"]["months"] = int("9" * 4000)
    err = text_error(json.dumps(data, ensure_ascii=False))
    assert (err.code, err.where, err.field) == ("out_of_range", "scenarios[0].plans[0].restructure", "months")


@pytest.mark.parametrize(
    "nested",
    ["[" * 900 + "]" * 900, '{"a": ' * 900 + "1" + "}" * 900, "[" * 65 + "]" * 65],
)
def test_loads_case__deep_nesting_that_json_accepts_is_bad_file(nested):
    """Nesting json.loads accepts (900 levels) but copying would not is refused as nested too deeply."""
    text = '{"format": "debt-planner-case", "version": 1, "extra": ' + nested + "}"
    err = text_error(text)
    assert (err.field, err.code) == ("file", "bad_file")
    assert err.params == {"reason": "too_deep", "limit": 64}
    assert "nested more than 64 levels deep" in err.message_en()


def test_case_from_dict__deep_nesting_is_bad_file():
    """A deeply nested document handed over as a dict is refused the same way (no RecursionError)."""
    data = example_dict()
    inner: list = []
    data["extra"] = inner
    for _ in range(5000):
        inner.append([])
        inner = inner[0]
    err = load_error(data)
    assert (err.code, err.field) == ("bad_file", "file")


def test_unknown_keys__moderate_nesting_is_kept():
    """Unknown keys nested a few levels deep (well under the limit) still load and are kept."""
    data = example_dict()
    data["extra"] = {"a": {"b": [[{"c": ["d"]}]]}}
    case = case_from_dict(data)
    assert json.loads(dumps_case(case))["extra"] == data["extra"]


@pytest.mark.parametrize("months", ["²", "1.5", "十二"])
def test_plans__months_text_int_cannot_read_is_located(months):
    """"months": "²" (a digit to str.isdigit(), not to int()) is not_integer at its restructure."""
    data = example_dict()
    data["scenarios"][0]["plans"][0]["restructure"]["months"] = months
    err = load_error(data)
    assert (err.code, err.where, err.field) == ("not_integer", "scenarios[0].plans[0].restructure", "months")


def test_scenarios__start_near_9999_is_out_of_range():
    """A scenario starting 9999-06-01 is refused on load as out_of_range, located at the scenario."""
    data = example_dict()
    data["scenarios"][0]["start"] = "9999-06-01"
    err = load_error(data)
    assert (err.code, err.where, err.field) == ("out_of_range", "scenarios[0]", "start")


def test_dates__contract_date_after_2199_is_out_of_range():
    """A debt's date past 2199-12-31 is out_of_range at its debt."""
    data = example_dict()
    data["debts"][0]["contract_date"] = "9999-12-31"
    err = load_error(data)
    assert (err.code, err.where) == ("out_of_range", "debts[0]")


def test_plans__tiny_custom_rate_loads_and_evaluates():
    """A custom rate of 1e-30 % loads and its scenario evaluates like rate 0 (no DivisionByZero)."""
    from planner.engines.scenarios import evaluate_case

    data = example_dict()
    restructure = data["scenarios"][0]["plans"][0]["restructure"]
    restructure["rate"] = "custom"
    restructure["custom_rate"] = {"unit": "annual_percent", "value": "1e-30", "day_count": "act/365",
                                  "annual_percent": "1e-30"}
    case = case_from_dict(data)
    assert case.scenarios[0].plans[0][1].restructure.custom_rate.percent_per_year == Decimal("1e-30")
    assert evaluate_case(case) is not None


def test_plans__capitalise_must_be_a_json_boolean():
    """"capitalise": "false" in a case file is refused (unknown_choice), never read as True."""
    data = example_dict()
    data["scenarios"][1]["plans"][0]["deferral"]["capitalise"] = "false"
    err = load_error(data)
    assert (err.code, err.field) == ("unknown_choice", "capitalise")


def test_required_key__misspelt_is_named_with_the_debt_it_is_in():
    """A required key written with a typo (outstanding_principle) is reported as missing, naming the unknown key
    that probably meant it and the debt's id."""
    data = json.loads(dumps_case(example_case()))
    debt = data["debts"][4]
    debt["outstanding_principle"] = debt.pop("outstanding_principal")
    err = load_error(data)
    assert (err.code, err.field, err.where) == ("missing_key", "outstanding_principal", "debts[4]")
    assert err.params == {"typo": "outstanding_principle", "item": "private-loan"}
    assert err.message_zh() == ("debts[4]（private-loan）：剩余本金不能为空；文件中的 outstanding_principle 是否是 "
                                "outstanding_principal 的拼写错误？如是，请改为 outstanding_principal")
    assert "is outstanding_principle in the file a misspelling of outstanding_principal?" in err.message_en()


def test_required_key__missing_without_a_close_key_is_required():
    """A required key simply left out is ``required``; a top-level one names no item."""
    data = json.loads(dumps_case(example_case()))
    del data["debts"][0]["creditor"]
    assert load_error(data).code == "required"
    data = json.loads(dumps_case(example_case()))
    data["as_off"] = data.pop("as_of")
    err = load_error(data)
    assert (err.code, err.field, err.params) == ("missing_key", "as_of", {"typo": "as_off"})
    assert err.message_zh().startswith("测算基准日不能为空；文件中的 as_off 是否是 as_of 的拼写错误")


def test_load__kinds_and_dates_as_people_write_them_are_read_and_written_back_canonical():
    """A hand-edited case file may name a kind 民间借贷 and a date 2026/3/5; saving writes "private" and ISO."""
    data = json.loads(dumps_case(example_case()))
    data["debts"][4]["kind"] = "民间借贷"
    data["debts"][4]["overdue_since"] = "2025年11月1日"
    case = case_from_dict(data)
    assert case.debts[4].kind is CreditorKind.PRIVATE
    saved = json.loads(dumps_case(case))["debts"][4]
    assert (saved["kind"], saved["overdue_since"]) == ("private", "2025-11-01")


# --- version 3: the debtor (for the proposal) ---------------------------------------------------------------------


def test_migrations__a_version_2_file_reads_with_no_debtor_given():
    data = example_dict()
    data["version"] = 2
    del data["debtor"]
    case = case_from_dict(data)
    assert case.debtor == Debtor()
    assert case_to_dict(case)["debtor"] == {"id_number": "", "phone": "", "address": "", "hardship": [],
                                            "statement": ""}


def test_debtor__round_trips_and_bad_values_are_located():
    debtor = Debtor(id_number="11010519491231002x", phone="138 0013 8000", address="浙江省杭州市西湖区某路 1 号",
                    hardship=("unemployment", "illness"), statement="2025 年 6 月被裁员。\n" * 500)
    case = replace(example_case(), debtor=debtor)
    again = loads_case(dumps_case(case))
    assert again.debtor == debtor
    assert again.debtor.id_number == "11010519491231002X"
    data = case_to_dict(case)
    data["debtor"]["id_number"] = "110105194912310021"  # one digit wrong: the check digit catches it
    err = load_error(data)
    assert (err.field, err.code, err.where) == ("id_number", "bad_id_number", "debtor")
    data["debtor"]["id_number"] = ""
    data["debtor"]["hardship"] = ["lottery"]
    assert load_error(data).code == "unknown_choice"


# --- version 4: the collection-conduct log --------------------------------------------------------------------------


def _entry(**changes):
    from planner.domain.conduct import Attachment, LogEntry

    values = {"time": "2026-11-20 22:30", "channel": "call", "contacted": "family", "creditor": "online-loan",
              "sender": "021-5555 0101", "flags": ("threat",), "duration_min": 3, "answered": True,
              "attachments": (Attachment("证据/录音1.m4a", 48213, "ab" * 32),)}
    return LogEntry(**{**values, **changes})


def test_migrations__a_version_3_file_reads_with_an_empty_log():
    data = example_dict()
    data["version"] = 3
    del data["conduct"]
    case = case_from_dict(data)
    assert case.conduct == ()
    assert case_to_dict(case)["conduct"] == []


def test_conduct__round_trips_with_attachments_in_time_order():
    later, earlier = _entry(time="2026-11-21 08:05"), _entry()
    case = replace(example_case(), conduct=(later, earlier))
    assert case.conduct == (earlier, later)
    again = loads_case(dumps_case(case))
    assert again.conduct == case.conduct
    written = case_to_dict(case)["conduct"][0]
    assert written["time"] == "2026-11-20T22:30"
    assert written["attachments"][0] == {"path": "证据/录音1.m4a", "size": 48213, "sha256": "ab" * 32}


def test_conduct__bad_values_are_located():
    data = case_to_dict(replace(example_case(), conduct=(_entry(),)))
    data["conduct"][0]["time"] = "昨晚"
    err = load_error(data)
    assert (err.field, err.code, err.where) == ("time", "bad_time", "conduct[0]")
    data["conduct"][0]["time"] = "2026-11-20 22:30"
    data["conduct"][0]["attachments"][0]["sha256"] = "xyz"
    err = load_error(data)
    assert (err.field, err.code) == ("sha256", "bad_digest")


def test_conduct__an_entry_without_a_duration_round_trips():
    """duration_min is optional: null (or left out) reads back as not known."""
    case = replace(example_case(), conduct=(_entry(duration_min=None),))
    data = case_to_dict(case)
    assert data["conduct"][0]["duration_min"] is None
    assert loads_case(dumps_case(case)).conduct[0].duration_min is None
    del data["conduct"][0]["duration_min"]
    assert case_from_dict(data).conduct[0].duration_min is None
