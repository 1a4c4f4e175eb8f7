"""Debt negotiation planner."""
