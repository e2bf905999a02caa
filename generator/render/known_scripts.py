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
