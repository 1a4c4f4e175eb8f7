"""engines/payoff layer."""
