"""The read-only open-data API (JSON, OpenAPI), reading through ``portal``."""
