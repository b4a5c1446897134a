"""People who log in, their roles, and the convening bodies civil servants work for."""
