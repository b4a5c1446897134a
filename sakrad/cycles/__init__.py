"""Dialogue cycles: a year of dialogue for one convening body and policy area."""
