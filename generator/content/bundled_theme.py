"""The bundled theme as the test suite checked it: the sha256 of its files (names and bytes). While the installed
theme holds exactly these files, validate reads it without checking it again; edited where it is installed, it is
checked like a content tree's own. Rewritten by `python tests/update_golden.py`, which first checks the theme."""

CHECKED_SHA256 = "77ae525debab9be2e4f981d426740efeb16e6b7c9694f82d8a5e6ef167bb516f"
