"""Minutes as revisions, documents and the outcome statement."""
