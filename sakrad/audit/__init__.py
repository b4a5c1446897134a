"""The append-only audit log: who changed what, with before and after."""
