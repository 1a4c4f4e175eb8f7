"""方案 Options: the plan asked of each creditor in each scenario, the presets, fit-to-budget and the policy for
money left over.

The controls edit one :class:`~planner.domain.options.Plan` — waiver, deferral, then installments or a
settlement — and each change is one edit of the case; the figures beside them (the plan in words, what it pays,
its true APR with fees, its findings) are read from the app's plan.
"""

from __future__ import annotations

import re
from dataclasses import replace
from decimal import Decimal
from typing import Any

import ipywidgets as widgets

from planner.dates import add_months, parse_date
from planner.domain import edits
from planner.domain.options import (
    MAX_DEFERRAL_MONTHS,
    MAX_RESTRUCTURE_MONTHS,
    Deferral,
    DeferralInterest,
    Plan,
    Policy,
    RateChoice,
    RepaymentMethod,
    Restructure,
    Settlement,
    Waiver,
    WaiverMode,
)
from planner.domain.presets import Preset, preset_plan
from planner.engines.schedules.build import restructure_rate
from planner.errors import InvalidInput
from planner.io.values import parse_rate, parse_rate_number
from planner.money import money, to_decimal
from planner.rates import RateUnit
from planner.text import app_field, app_text, choice_label, describe_plan, render_error, scenario_label
from planner.text import fmt as formats
from planner.ui import html
from planner.ui.fields import ChoiceField, IntSliderField, TextField, button
from planner.ui.tabs.base import Tab
from planner.ui.tabs.debts import rate_input

KINDS_OF_PLAN = ("contract", "restructure", "settlement")
DEFAULT_RESTRUCTURE_MONTHS = 36
NO_SURPLUS = "none"  # the drop-down's value for "no extra payments" (a Dropdown cannot hold None)


def _percent(field: str) -> Any:
    """A percentage typed with or without its sign (the waiver and the settlement check its range)."""
    return lambda text: to_decimal(text.strip().rstrip("%％"), field=field)


def _debt_ids(text: str) -> tuple[str, ...]:
    """Return the debt ids typed in order, separated by commas, 、 or spaces (the case checks they exist)."""
    ids = tuple(part for part in re.split(r"[,，、;；\s]+", text.strip()) if part)
    if not ids:
        raise InvalidInput("surplus_order", "required", text)
    return ids


def _kind_of(plan: Plan) -> str:
    """Return which of :data:`KINDS_OF_PLAN` ``plan`` is."""
    return "restructure" if plan.restructure else "settlement" if plan.settlement else "contract"


def _plain(value: Decimal) -> str:
    return format(value.normalize(), "f") if value == value.to_integral() else format(value, "f")


class OptionsTab(Tab):
    """The plan of the chosen debt in the chosen scenario."""

    key = "options"
    _reverting = False  # True while the plan-kind toggle goes back to the plan as it is

    # -- current selection -----------------------------------------------------------------------------------

    @property
    def plan(self) -> Plan:
        """Return the plan of the selected debt in the selected scenario."""
        app = self.app
        if app.selected_scenario is None or app.selected_debt is None:
            return Plan()
        return app.case.scenario(app.selected_scenario).plan_for(app.selected_debt)

    def set_plan(self, plan: Plan) -> None:
        """Make ``plan`` the selected debt's plan in the selected scenario."""
        app = self.app
        scenario, debt = app.selected_scenario, app.selected_debt
        if scenario is None or debt is None:
            return
        app.change(lambda c: edits.set_plan(c, scenario, debt, plan))

    def _part(self, **changes: Any) -> None:
        self.set_plan(replace(self.plan, **changes))

    # -- building --------------------------------------------------------------------------------------------

    def build(self) -> None:
        app, locale, guard = self.app, self.locale, self.app.boundary.guard
        fit = button(app_text("button.fit", locale), guard(self.fit), css="planner-fit", style="info",
                     tooltip=app_text("options.fit_help", locale))
        new = button(app_text("button.new_scenario", locale), guard(self.new_scenario), css="planner-new-scenario")
        if not app.case.scenarios or not app.case.debts:
            key = "options.no_debts" if not app.case.debts else "options.no_scenarios"
            self.children = [widgets.HTML(html.paragraph(app_text(key, locale))), widgets.HBox([new, fit])]
            return
        self.scenario_chooser = widgets.Dropdown(
            options=[(scenario_label(s, locale), s.name) for s in app.case.scenarios], value=app.selected_scenario,
            layout=widgets.Layout(width="20em"))
        self.scenario_chooser.add_class("planner-scenario-chooser")
        self.scenario_chooser.observe(guard(lambda ch: self._choose(scenario=ch["new"])), names="value")
        self.debt_chooser = widgets.Dropdown(
            options=[(f"{d.id} · {d.creditor}", d.id) for d in app.case.debts], value=app.selected_debt,
            layout=widgets.Layout(width="24em"))
        self.debt_chooser.add_class("planner-options-debt")
        self.debt_chooser.observe(guard(lambda ch: self._choose(debt=ch["new"])), names="value")
        choosers = widgets.HBox([
            widgets.HTML(app_text("options.scenario", locale)), self.scenario_chooser,
            widgets.HTML(app_text("options.debt", locale)), self.debt_chooser,
        ])
        self.to_all = widgets.Checkbox(False, description=app_text("options.presets_to_all", locale), indent=False)
        self.to_all.add_class("planner-presets-to-all")
        presets = widgets.HBox([
            button(app_text(f"preset.{p.value}", locale), guard(lambda p=p: self.apply_preset(p)),
                   css=f"planner-preset-{p.value}") for p in Preset
        ] + [self.to_all])
        copy_all = button(app_text("button.apply_all", locale), guard(self.apply_to_all), css="planner-apply-all")
        self.controls = widgets.VBox()
        self.terms = widgets.HTML()
        self.terms.add_class("planner-plan-terms")
        self.figures = widgets.HTML()
        self.figures.add_class("planner-plan-figures")
        self.plan_findings = widgets.HTML()
        self.scenario_box = widgets.VBox(self._scenario_controls())
        self.children = [
            choosers,
            self.heading("options.presets"), presets,
            self.heading("options.plan"), self.controls, widgets.HBox([copy_all]), self.terms, self.figures, self.plan_findings,
            self.heading("options.scenario_settings"), self.scenario_box, widgets.HBox([new, fit]),
        ]
        self._build_controls()
        self.update()

    def _build_controls(self) -> None:
        locale = self.locale
        plan = self.plan
        waiver, deferral = plan.waiver, plan.deferral or Deferral()
        audit = self.app.result.audit(self.app.selected_debt or "")
        limit = audit.term_limit
        self.waiver_mode = ChoiceField(app_field("waiver", locale), waiver.mode,
                                       [(choice_label("waiver_modes", m, locale), m) for m in WaiverMode],
                                       on_valid=lambda v: self._part(waiver=Waiver(v, self.plan.waiver.percent)),
                                       locale=locale, css="planner-waiver-mode", width="20em", on_error=self.app.boundary.handle)
        self.waiver_percent = TextField(app_text("options.waiver_percent", locale), waiver.percent,
                                        parse=_percent("percent"), show=_plain,
                                        on_valid=lambda v: self._part(waiver=Waiver(self.plan.waiver.mode, v)),
                                        locale=locale, css="planner-waiver-percent", note="%", width="6em", on_error=self.app.boundary.handle)
        self.deferral_months = IntSliderField(
            app_text("options.deferral_months", locale), deferral.months, low=0, high=MAX_DEFERRAL_MONTHS,
            on_valid=lambda v: self._deferral(months=v), locale=locale, css="planner-deferral-months",
            note=app_text("unit.months", locale), on_error=self.app.boundary.handle)
        self.token = TextField(app_text("options.token", locale), deferral.token_amount,
                               parse=lambda t: money(t, field="token_amount"), show=str,
                               on_valid=lambda v: self._deferral(token_amount=v), locale=locale,
                               css="planner-token", note=app_text("unit.yuan_month", locale), width="8em", on_error=self.app.boundary.handle)
        self.deferral_interest = ChoiceField(
            app_text("options.deferral_interest", locale), deferral.interest,
            [(choice_label("deferral_interest", i, locale), i) for i in DeferralInterest],
            on_valid=lambda v: self._deferral(interest=v), locale=locale, css="planner-deferral-interest", on_error=self.app.boundary.handle)
        self.capitalise = widgets.Checkbox(deferral.capitalise, description=app_text("options.capitalise", locale),
                                           indent=False)
        self.capitalise.add_class("planner-capitalise")
        self.capitalise.observe(self.app.boundary.guard(lambda ch: self._deferral(capitalise=bool(ch["new"]))),
                                names="value")
        self.kind = widgets.ToggleButtons(options=[(app_text(f"options.kind.{k}", locale), k) for k in KINDS_OF_PLAN],
                                          value=_kind_of(plan))
        self.kind_msg = widgets.HTML("")
        self.kind_msg.add_class("planner-msg")
        self.kind.add_class("planner-plan-kind")
        self.kind.observe(self.app.boundary.guard(lambda ch: self._kind(ch["new"])), names="value")
        restructure = plan.restructure or Restructure(DEFAULT_RESTRUCTURE_MONTHS)
        limit_note = (app_text("options.term_limit", locale, months=limit.months) if limit is not None
                      else app_text("options.no_term_limit", locale))
        self.months = IntSliderField(app_text("options.restructure_months", locale), restructure.months, low=1,
                                     high=MAX_RESTRUCTURE_MONTHS, on_valid=lambda v: self._restructure(months=v),
                                     locale=locale, css="planner-restructure-months", note=limit_note, on_error=self.app.boundary.handle)
        self.method = ChoiceField(app_field("method", locale), restructure.method,
                                  [(choice_label("methods", m, locale), m) for m in RepaymentMethod],
                                  on_valid=lambda v: self._restructure(method=v), locale=locale, css="planner-method", on_error=self.app.boundary.handle)
        self.rate = ChoiceField(app_text("options.rate", locale), restructure.rate,
                                [(choice_label("rate_choices", r, locale), r) for r in RateChoice],
                                on_valid=self._rate_choice, locale=locale, css="planner-rate-choice", on_error=self.app.boundary.handle)
        self.custom_rate = TextField(app_field("custom_rate", locale), restructure.custom_rate,
                                     parse=lambda t: parse_rate(t, field="custom_rate"), show=rate_input,
                                     on_valid=lambda v: self._restructure(custom_rate=v, rate=RateChoice.CUSTOM),
                                     locale=locale, css="planner-custom-rate",
                                     note=lambda r: formats.rate(r, locale) if r is not None else "",
                                     placeholder=app_text("unit.rate_hint", locale), width="17em", on_error=self.app.boundary.handle)
        self.down_payment = TextField(app_field("down_payment", locale), restructure.down_payment,
                                      parse=lambda t: money(t, field="down_payment"), show=str,
                                      on_valid=lambda v: self._restructure(down_payment=v), locale=locale,
                                      css="planner-down-payment", note=app_text("unit.yuan", locale), width="9em", on_error=self.app.boundary.handle)
        self.fee = TextField(app_field("monthly_fee_percent", locale), restructure.monthly_fee_percent,
                             parse=self._fee, show=_plain, on_valid=lambda v: self._restructure(monthly_fee_percent=v),
                             locale=locale, css="planner-fee", note=app_text("unit.fee", locale), width="6em", on_error=self.app.boundary.handle)
        self.apr = widgets.HTML()
        self.apr.add_class("planner-apr")
        settlement = plan.settlement or self._default_settlement()
        self.settle_percent = TextField(app_text("options.settle_percent", locale), settlement.percent,
                                        parse=_percent("percent"), show=_plain,
                                        on_valid=lambda v: self._settlement(percent=v), locale=locale,
                                        css="planner-settle-percent", note="%", width="6em", on_error=self.app.boundary.handle)
        self.settle_date = TextField(app_field("pay_by", locale), settlement.pay_by,
                                     parse=lambda t: parse_date(t, field="pay_by"), show=formats.iso,
                                     on_valid=lambda v: self._settlement(pay_by=v), locale=locale,
                                     css="planner-settle-date", note=app_text("unit.date", locale), on_error=self.app.boundary.handle)
        self.rate_used = widgets.HTML()
        self.rate_used.add_class("planner-rate-used")
        self.restructure_box = widgets.VBox([self.months, self.method, widgets.HBox([self.rate, self.rate_used]),
                                             self.custom_rate,
                                             self.down_payment, widgets.HBox([self.fee, self.apr])])
        self.settlement_box = widgets.VBox([self.settle_percent, self.settle_date])
        self.controls.children = [
            self.waiver_mode, self.waiver_percent,
            self.deferral_months, self.token, self.deferral_interest, self.capitalise,
            widgets.HBox([self.kind, self.kind_msg]), self.restructure_box, self.settlement_box,
        ]
        self._show_parts()

    def _scenario_controls(self) -> list[widgets.Widget]:
        locale, app = self.locale, self.app
        scenario = app.case.scenario(app.selected_scenario or "")
        start = TextField(app_field("start", locale), scenario.start,
                          parse=lambda t: parse_date(t, field="start"), show=formats.iso,
                          on_valid=lambda v: self._scenario(start=v), locale=locale, css="planner-scenario-start",
                          note=app_text("unit.date", locale), on_error=self.app.boundary.handle)
        options: list[tuple[str, Any]] = [(app_text("options.no_surplus", locale), NO_SURPLUS)] + [
            (choice_label("policies", p, locale), p) for p in Policy]
        policy = ChoiceField(app_text("options.surplus", locale), scenario.surplus_policy or NO_SURPLUS, options,
                             on_valid=self._policy, locale=locale, css="planner-surplus-policy", width="20em", on_error=self.app.boundary.handle)
        order = TextField(app_text("options.surplus_order", locale), scenario.surplus_order,
                          parse=_debt_ids, show=lambda ids: "、".join(ids),
                          on_valid=lambda ids: self._scenario(surplus_order=ids), locale=locale,
                          css="planner-surplus-order", width="24em", on_error=self.app.boundary.handle,
                          note=app_text("options.surplus_order_hint", locale))
        order.layout.display = "" if scenario.surplus_policy is Policy.CUSTOM else "none"
        return [start, policy, order,
                widgets.HTML(html.paragraph(app_text("options.surplus_help", locale), muted=True))]

    def _show_parts(self) -> None:
        plan = self.plan
        self.restructure_box.layout.display = "" if plan.restructure else "none"
        self.settlement_box.layout.display = "" if plan.settlement else "none"
        self.waiver_percent.layout.display = "" if plan.waiver.mode is WaiverMode.PERCENT else "none"
        deferring = plan.deferral is not None and plan.deferral.months > 0
        for widget in (self.token, self.deferral_interest, self.capitalise):
            widget.layout.display = "" if deferring else "none"
        custom = plan.restructure is not None and plan.restructure.rate is RateChoice.CUSTOM
        self.custom_rate.layout.display = "" if custom else "none"

    # -- figures ---------------------------------------------------------------------------------------------

    def update(self) -> None:
        app, locale = self.app, self.locale
        if not app.case.scenarios or app.selected_debt is None or not hasattr(self, "terms"):
            return
        plan = self.plan
        self.terms.value = html.paragraph(app_text("options.terms", locale, terms=describe_plan(plan, locale)))
        outcome = app.result.outcome(app.selected_scenario or "")
        debt = outcome.debt(app.selected_debt)
        free = debt.debt_free_date
        share = debt.share_of_disposable
        rows = [
            [app_text("options.fig.total_paid", locale), formats.money(debt.total_paid, locale)],
            [app_text("options.fig.first", locale),
             formats.money(debt.schedule.lines[0].payment, locale) if debt.schedule.lines else "—"],
            [app_text("options.fig.largest", locale), formats.money(debt.largest_payment, locale)],
            [app_text("options.fig.share", locale), f"{formats.percent_2(share)}%" if share is not None else "—"],
            [app_text("options.fig.waived", locale), formats.money(debt.waived, locale)],
            [app_text("options.fig.saving", locale), formats.money(debt.saving, locale)],
            [app_text("options.fig.remaining", locale), formats.money(debt.remaining, locale)],
            [app_text("options.fig.free", locale),
             formats.month(free, locale) if free else app_text("compare.not_free", locale)],
        ]
        self.figures.value = html.table([app_text("options.fig.item", locale), app_text("options.fig.value", locale)],
                                        rows, numeric=[1])
        restructure = plan.restructure
        if restructure is not None:  # the rate a choice resolves to (上限利率 is the contract rate when that is lower)
            audit = app.result.audit(app.selected_debt)
            used = restructure_rate(app.case.debt(app.selected_debt), restructure, audit.cap.rate)
            self.rate_used.value = app_text("options.rate_used", locale, rate=formats.percent(used, locale))
        apr = debt.apr_percent
        self.apr.value = (app_text("options.apr", locale, apr=formats.percent(apr, locale))
                          if apr is not None and plan.restructure is not None else "")
        own = [f for f in outcome.findings if f.subject == app.selected_debt]
        self.plan_findings.value = html.findings(own, locale)
        self._show_parts()

    # -- edits -----------------------------------------------------------------------------------------------

    def _choose(self, *, scenario: str | None = None, debt: str | None = None) -> None:
        if scenario is None and debt is None:
            return
        self.app.select(scenario=scenario, debt=debt)
        self._build_controls()
        self.scenario_box.children = self._scenario_controls()
        self.update()

    def _deferral(self, **changes: Any) -> None:
        current = self.plan.deferral or Deferral()
        deferral = replace(current, **changes)
        self._part(deferral=deferral if deferral != Deferral() else None)

    def _restructure(self, **changes: Any) -> None:
        current = self.plan.restructure or Restructure(DEFAULT_RESTRUCTURE_MONTHS)
        self._part(restructure=replace(current, **changes), settlement=None)

    def _rate_choice(self, value: RateChoice) -> None:
        if value is RateChoice.CUSTOM and (self.plan.restructure is None or self.plan.restructure.custom_rate is None):
            self._restructure(rate=value, custom_rate=parse_rate("0", field="custom_rate"))
            self.custom_rate.show(self.plan.restructure.custom_rate if self.plan.restructure else None)
        else:
            self._restructure(rate=value)

    def _fee(self, text: str) -> Decimal:
        """An installment fee as people write it (0.15, 月0.15%, 年1.8%); Restructure checks its range."""
        return parse_rate_number(text.strip() or "0", field="monthly_fee_percent", unit=RateUnit.MONTHLY_PERCENT)

    def _settlement(self, **changes: Any) -> None:
        current = self.plan.settlement or self._default_settlement()
        self._part(settlement=replace(current, **changes), restructure=None)

    def _default_settlement(self) -> Settlement:
        """Return the settlement first offered: all of the balance after the waiver, a month after the start."""
        scenario = self.app.case.scenario(self.app.selected_scenario or "")
        return Settlement(Decimal(100), add_months(scenario.start, 1))

    def _kind(self, kind: str) -> None:
        if self._reverting:
            return
        plan = self.plan
        try:
            if kind == "restructure":
                restructure = Restructure(int(self.months.value), self.method.value, self.rate.value,
                                          self.custom_rate.value, self.down_payment.value, self.fee.value)
                self.set_plan(replace(plan, restructure=restructure, settlement=None))
            elif kind == "settlement":
                settlement = Settlement(self.settle_percent.value, self.settle_date.value)
                self.set_plan(replace(plan, restructure=None, settlement=settlement))
            else:
                self.set_plan(replace(plan, restructure=None, settlement=None))
        except InvalidInput as err:  # said beside the toggle, which goes back to the plan as it is
            self.kind_msg.value = html.paragraph(render_error(err, self.locale))
            self._reverting = True
            try:
                self.kind.value = _kind_of(self.plan)
            finally:
                self._reverting = False
            return
        self.kind_msg.value = ""
        self._show_parts()

    def _scenario(self, **changes: Any) -> None:
        name = self.app.selected_scenario
        if name is not None:
            self.app.change(lambda c: edits.set_scenario_fields(c, name, **changes))
            if "start" in changes:
                self._build_controls()  # the settlement first offered follows the start

    def _policy(self, chosen: Policy | str) -> None:
        value = None if chosen == NO_SURPLUS else Policy(chosen)
        current = self.app.case.scenario(self.app.selected_scenario or "").surplus_order
        order = (current or tuple(d.id for d in self.app.case.debts)) if value is Policy.CUSTOM else ()
        self._scenario(surplus_policy=value, surplus_order=order)
        self.scenario_box.children = self._scenario_controls()  # the order, for a custom policy

    def apply_preset(self, preset: Preset) -> None:
        """Give the selected debt (or, with 应用到全部债务 ticked, every debt) the plan ``preset`` makes."""
        app = self.app
        name = app.selected_scenario
        if name is None:
            return
        scenario = app.case.scenario(name)
        targets = app.case.debts if self.to_all.value else tuple(d for d in app.case.debts if d.id == app.selected_debt)

        def edit(case: Any) -> Any:
            for debt in targets:
                limit = app.result.audit(debt.id).term_limit
                plan = preset_plan(preset, debt.kind, start=scenario.start,
                                   term_limit=limit.months if limit is not None else None)
                case = edits.set_plan(case, name, debt.id, plan)
            return case

        app.change(edit)
        self._build_controls()
        self.update()

    def apply_to_all(self) -> None:
        """Give every debt in the scenario the selected debt's plan."""
        name = self.app.selected_scenario
        if name is not None:
            plan = self.plan
            self.app.change(lambda c: edits.set_plan_for_all(c, name, plan))

    def new_scenario(self) -> None:
        """Add a scenario (every debt on contract terms) and select it."""
        app = self.app
        before = {s.name for s in app.case.scenarios}
        app.change(lambda c: edits.add_scenario(c, app_text("options.new_scenario_name", self.locale)),
                   rebuild=("options", "compare"), scenario=app.added_scenario(before))

    def fit(self) -> None:
        """Add the budget-fitted scenarios (the shortest affordable terms, the pro-rata split) as the case's own."""
        app = self.app
        fitted = app.context.plan(app.case, fit=True).fitted
        if not fitted:
            app.boundary.say(app_text("options.fit_none", self.locale), kind="warning")
            return
        named = tuple(replace(s, name=scenario_label(s, self.locale), origin="") for s in fitted)
        before = {s.name for s in app.case.scenarios}
        app.change(lambda c: edits.add_scenarios(c, named), rebuild=("options", "compare"),
                   scenario=app.added_scenario(before))

