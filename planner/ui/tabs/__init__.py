"""The app's pages: 案例 Case, 债务 Debts, 方案 Options, 比较 Compare, 还款策略 Payoff (here); 协商申请 Proposal and
催收记录 Collection log in their own modules (planner.ui.tabs.proposal, planner.ui.tabs.conduct; the collection
log's findings, import, complaint and evidence sections in planner.ui.tabs.conduct_sections)."""

from planner.ui.tabs.base import Tab
from planner.ui.tabs.case import CaseTab
from planner.ui.tabs.compare import CompareTab
from planner.ui.tabs.debts import DebtsTab
from planner.ui.tabs.options import OptionsTab
from planner.ui.tabs.payoff import PayoffTab

__all__ = ["CaseTab", "CompareTab", "DebtsTab", "OptionsTab", "PayoffTab", "Tab"]
