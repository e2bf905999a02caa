"""The inline scripts Material's templates and the bundled theme put into pages, as the publish gate knows them
(render/gate/): the sha256 of each, its per-page path literal left out (gate.script_digest). Rewritten by
`python tests/update_golden.py`, which builds the bundled site to find them; review the diff."""

INLINE: frozenset[str] = frozenset(
    {
        "0eb10c249dbdb0beef225a10ce5cbe55418cc4a7014cc208f8e7d6ed8f00906e",
        "7eb3684fdacd2881f67b9428983273a29d8774d8bc82622af9b65a8ec1032a90",
        "ffcc0f7735fdab434d257c80e65cec2e88d716991e69757185b7e450e41a5b2f",
    }
)

# The bundled theme's script files (theme/assets/*.js), by sha256: the gate trusts these bytes, not whatever a
# theme folder holds (in a checkout of levelup the bundled content's theme/ is that folder).
THEME_FILES: frozenset[str] = frozenset(
    {
        "25970a305dd023749288bc71840a845e2905d3860ecf107c771ad9eb17e23609",
        "4e400b0ceb80d9c81663e098c8cd0e4e6ea9363d03e7f6e538a88327aacc03cc",
    }
)
