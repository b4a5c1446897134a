"""What every page shares: language, security headers, error pages, template helpers."""
