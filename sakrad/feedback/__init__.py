"""Anonymous feedback from the organisations that attended a meeting, measured against the six
principles of the dialogue, and the convening body's self-assessment beside it."""
