"""Static-site generator for public audits against a goals framework (e.g. the Levelling Up Goals)."""

__version__ = "0.1.0"
