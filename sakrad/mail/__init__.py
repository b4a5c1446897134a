"""The mail outbox: messages are queued in the request's transaction and delivered after it."""
