"""Public records: an archival package (BagIt, RFC 8493) per closed cycle."""
