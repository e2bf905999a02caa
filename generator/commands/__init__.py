"""The library API the CLI calls, one module per command; each takes keyword-only arguments."""
