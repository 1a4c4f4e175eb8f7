"""caps layer."""
