"""The planner app (JupyterLab and Voila): ``PlannerApp`` and its parts."""

from planner.ui.app import PlannerApp

__all__ = ["PlannerApp"]
