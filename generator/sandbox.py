"""The one Jinja sandbox every template runs in, ours and MkDocs' alike: a content tree may bring its own theme,
and a theme is code. Jinja's sandbox, plus bounds on integer arithmetic and a memo of its attribute verdicts."""

from __future__ import annotations

from types import BuiltinMethodType, ModuleType
from typing import Any

from jinja2 import pass_context
from jinja2.exceptions import SecurityError
from jinja2.ext import _gettext_alias
from jinja2.runtime import BlockReference, Context, LoopContext, Macro
from jinja2.sandbox import ImmutableSandboxedEnvironment, SandboxedEnvironment
from jinja2.utils import Cycler, Joiner, Namespace

from . import runaway


@pass_context
def checked_gettext(context: Context, *args: Any, **kwargs: Any) -> Any:
    """The i18n extension's `_`, calling the `gettext` it finds in the context through the sandbox's check: a
    template may set its own `gettext` (to Theme.get_env, say), and Jinja's `_` calls whatever it finds."""
    return context.environment.call(context, context.resolve("gettext"), *args, **kwargs)  # type: ignore[attr-defined]


# The code of the function Jinja's sandbox hands a template for "...".format: one code object for every string.
_SANDBOXED_FORMAT = getattr(SandboxedEnvironment().wrap_str_format("".format), "__code__", None)


class Sandbox(ImmutableSandboxedEnvironment):
    """Jinja's immutable sandbox (no template changes a list, dict or set it did not make: MkDocs keeps its
    settings in plain ones, config.extra_templates and config.data among them), with an allowlist of what a
    template may call, no attribute of a module (config.hooks holds modules, whose os.environ holds the build's
    secrets), bounds on integer arithmetic, and a memo of its verdict on each attribute name of each type (pages
    ask it tens of thousands of times about a few hundred, and asking took a sixth of page generation)."""

    # A template asks only about names in its source, but obj[key] asks about any string key a lookup fails on.
    REMEMBERED = 4096
    LONGEST = 64

    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        self._verdicts: dict[tuple[int, str], tuple[type, bool]] = {}

    # Big integers are computed in C, which no timer interrupts: 10 ** 10 ** 9 would run for hours. Powers and
    # products of integers are refused past this many bits (no figure needs more than 64).
    BITS = 100_000
    intercepted_binops = frozenset({"*", "**"})

    # What a template may call: its own macros and blocks, Jinja's loop helpers, the environment's globals (range,
    # dict, namespace, the gettext functions) and the methods of plain values (strings, numbers, lists, dicts).
    # Not the methods of the other objects a context holds: MkDocs' config reaches Theme.get_env(), a Jinja
    # environment outside this sandbox, where a template could run any Python.
    PLAIN = (str, int, float, bool, bytes, tuple, list, dict, set, frozenset)
    HELPERS = (Macro, BlockReference, LoopContext, Cycler, Joiner, Namespace)

    def is_safe_callable(self, obj: Any) -> bool:
        if obj is _gettext_alias or not super().is_safe_callable(obj):
            return False
        if isinstance(obj, self.HELPERS) or any(obj is value for value in self.globals.values()):
            return True
        if getattr(obj, "__code__", None) is _SANDBOXED_FORMAT:
            return True  # "...".format as Jinja's sandbox hands it out: its fields are checked like attributes
        owner = getattr(obj, "__self__", None)
        return (isinstance(obj, BuiltinMethodType) and type(owner) in self.PLAIN) or isinstance(owner, self.HELPERS)

    def call(__self, __context: Context, __obj: Any, /, *args: Any, **kwargs: Any) -> Any:
        # Jinja's own message quotes the object's repr, which may run to pages; name what was called instead.
        if not __self.is_safe_callable(__obj):
            name = getattr(__obj, "__qualname__", None) or type(__obj).__qualname__
            raise SecurityError(
                f"a template may not call {name} (only its macros, the loop's helpers, range, dict, namespace and"
                " the methods of strings, numbers, lists and dicts)"
            )
        return __context.call(__obj, *args, **kwargs)

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        if type(left) is int and type(right) is int:
            size = left.bit_length() * right if operator == "**" else left.bit_length() + right.bit_length()
            if size > self.BITS:
                raise runaway.Runaway(f"the number {operator!r} would make has more than {self.BITS:,} bits")
        return super().call_binop(context, operator, left, right)

    def is_safe_attribute(self, obj: Any, attr: str, value: Any) -> bool:
        # Jinja's verdict depends on the name and on which of Python's internal types (functions, code, frames,
        # generators, classes) the object is an instance of, as isinstance tells from obj.__class__. Where that is
        # the object's own type, one verdict serves every instance of the type. Anything else (a proxy reports
        # the class of what it stands for) is asked every time, as is a long name or a str subclass.
        if isinstance(obj, ModuleType):
            return False
        cls = type(obj)
        if obj.__class__ is not cls or type(attr) is not str or len(attr) > self.LONGEST:
            return super().is_safe_attribute(obj, attr, value)
        key = (id(cls), attr)  # by identity: a metaclass may define its own equality
        known = self._verdicts.get(key)
        if known is not None and known[0] is cls:
            return known[1]
        verdict = super().is_safe_attribute(obj, attr, value)
        if len(self._verdicts) < self.REMEMBERED:
            self._verdicts[key] = (cls, verdict)  # holding the type keeps its id from being reused
        return verdict
