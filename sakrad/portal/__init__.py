"""The public side: every public page reads published data through this package only."""
