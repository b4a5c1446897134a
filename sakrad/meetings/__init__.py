"""High-level meetings and sakråd: the expectations card, sessions, agendas, calendar files."""
