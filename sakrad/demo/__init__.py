"""Demo data drawn from the 2016 conference report in shared/seed (development only)."""
