"""engines/schedules layer."""
