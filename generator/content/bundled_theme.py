"""The bundled theme as the test suite checked it: the sha256 of its files (names and bytes). While the installed
theme holds exactly these files, validate reads it without checking it again; edited where it is installed, it is
checked like a content tree's own. Rewritten by `python tests/update_golden.py`, which first checks the theme."""

CHECKED_SHA256 = "4c960bc26545b6a00ce261c36ad566d9d758e10225005ddb6ffd2b6c378434ac"
