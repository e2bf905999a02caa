"""The bundled theme as the test suite checked it: the sha256 of its files (names and bytes). While the installed
theme holds exactly these files, validate reads it without checking it again; edited where it is installed, it is
checked like a content tree's own. Rewritten by `python tests/update_golden.py`, which first checks the theme."""

CHECKED_SHA256 = "b93cec382593e333f61e0c9a24cf0f8b7d0b613a86d8bfe6ca06ca25ecff694a"
