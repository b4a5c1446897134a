"""The diversity selection: the pure engine (``engine``) and its use in the application."""
