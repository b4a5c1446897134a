"""The logged-in start page: what each role has to do next."""
