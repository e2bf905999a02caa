"""The bundled theme as the test suite checked it: the sha256 of its files (names and bytes). While the installed
theme holds exactly these files, validate reads it without checking it again; edited where it is installed, it is
checked like a content tree's own. Rewritten by `python tests/update_golden.py`, which first checks the theme."""

CHECKED_SHA256 = "b970619e3ce896c20500ccf15108cf936c18ee7ed0b1f61a07935836a1eb0175"
