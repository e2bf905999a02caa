"""Model to docs tree, with no I/O: one module per page type, charts, open data and the version index."""
