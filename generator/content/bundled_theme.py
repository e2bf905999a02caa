"""The bundled theme as the test suite checked it: the sha256 of its files (names and bytes). While the installed
theme holds exactly these files, validate reads it without checking it again; edited where it is installed, it is
checked like a content tree's own. Rewritten by `python tests/update_golden.py`, which first checks the theme."""

CHECKED_SHA256 = "9e43b7cb89be8cba9ef2a45f4a0191321bf35132cc26889e2623fa7ba9d2019d"
