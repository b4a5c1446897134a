"""Personal data as the law asks: the notice, retention, extract and erasure, the
accessibility statement and the contact page."""
