"""The command line: a thin layer over commands/; one catch maps the error hierarchy to exit codes."""

from __future__ import annotations

import argparse
import importlib
import os
import sys
import traceback
from collections.abc import Callable, Sequence
from contextlib import suppress
from pathlib import Path
from typing import Any

from . import __version__
from .commands import validate
from .content.problems import count_errors, render, visible
from .errors import USAGE, ContentError, LevelupError, UsageError
from .interrupts import Stopped, stop_on_signals

# How long a build waits for another in the same root: commands/build.py's WAIT (tests/test_cli.py checks).
WAIT = 300.0


def edition_ref(text: str) -> int | str:
    """commands/compare.py's argparse type, its command loaded only when used."""
    return _command("compare").edition_ref(text)  # type: ignore[no-any-return]


def _common(parser: argparse.ArgumentParser, default: object) -> None:
    parser.add_argument("--root", type=Path, default=default, help="the content repository (default: .)")
    parser.add_argument("--debug", action="store_true", default=default, help="show tracebacks")


def make_parser() -> argparse.ArgumentParser:
    """The argument parser for every command."""
    parser = argparse.ArgumentParser(prog="levelup", description="Build and check a goals audit site.")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    _common(parser, None)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    # Sub-commands repeat --root/--debug without defaults, so either position works.
    common = argparse.ArgumentParser(add_help=False)
    _common(common, argparse.SUPPRESS)
    builder = sub.add_parser("build", parents=[common], help="validate, then build every edition into site/ (default)")
    builder.add_argument("--wait", type=float, default=WAIT, metavar="SECONDS", help="for another build to end")
    check = sub.add_parser("validate", parents=[common], help="check all content")
    check.add_argument("--strict", action="store_true", help="treat warnings as errors")
    check.add_argument("--format", choices=("text", "github", "json"), default="text")
    serve = sub.add_parser("serve", parents=[common], help="live preview of one edition (default: the newest)")
    serve.add_argument("--edition", type=int, help="the edition to preview (default: the newest)")
    serve.add_argument("--port", type=int, default=8000, help="the port on 127.0.0.1 (default: 8000; 0: any free one)")
    compare = sub.add_parser("compare", parents=[common], help="what changed between two editions")
    compare.add_argument("old", type=edition_ref, help="a year, or published/draft: the newest of that status")
    compare.add_argument("new", type=edition_ref, help="a year, or published/draft")
    compare.add_argument("--format", choices=("text", "json", "markdown"), default="text")
    new = sub.add_parser("new", parents=[common], help="scaffold an initiative or an edition")
    new.add_argument("what", choices=("initiative", "edition"))
    new.add_argument("year", type=int, nargs="?")
    new.add_argument("--edition", type=int)
    new.add_argument("--goal", type=int)
    new.add_argument("--title")
    new.add_argument("--id", help="the initiative's id (default: a slug of the title)")
    publish = sub.add_parser("publish", parents=[common], help="freeze an edition or record a correction")
    publish.add_argument("year", type=int)
    publish.add_argument("--correction")
    return parser


def _not_yet(args: argparse.Namespace) -> int:
    raise UsageError(f"{args.command}: not available yet")


def _command(name: str) -> Any:
    # A command's imports (matplotlib, the renderer) load only when it runs, so validate starts quickly.
    return importlib.import_module(f"{__package__}.commands.{name}")


HANDLERS: dict[str, Callable[[argparse.Namespace], int]] = {
    "build": lambda a: _command("build").run(root=a.root, wait=getattr(a, "wait", WAIT)),
    "validate": lambda a: validate.run(root=a.root, strict=a.strict, fmt=a.format),
    "compare": lambda a: _command("compare").run(root=a.root, old=a.old, new=a.new, fmt=a.format),
    "publish": lambda a: _command("publish").run(root=a.root, year=a.year, correction=a.correction),
    "serve": lambda a: _command("serve").run(root=a.root, edition=a.edition, port=a.port),
    "new": lambda a: _command("new").run(
        root=a.root, what=a.what, year=a.year, edition_year=a.edition, goal=a.goal, title=a.title, ident=a.id
    ),
}


def _report(exc: LevelupError, fmt: str) -> None:
    if isinstance(exc, ContentError):
        lines = render(exc.problems, fmt, 0).rsplit("\n", 1)[0]
        print(lines)
        print(f"{count_errors(exc.problems)} error(s); nothing was written.")
    else:
        print(visible(f"levelup: {exc}"), file=sys.stderr)


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; no traceback reaches the user unless --debug is given."""
    args = make_parser().parse_args(argv)
    args.command = args.command or "build"
    args.root = (args.root or Path(".")).resolve()
    args.debug = bool(args.debug)
    args.strict = getattr(args, "strict", False)
    args.format = getattr(args, "format", "text")
    if not args.root.is_dir():
        print(visible(f"levelup: --root {args.root} is not a folder"), file=sys.stderr)
        return USAGE
    try:
        if args.command == "serve":  # Ctrl-C is how serve ends: it handles SIGINT/SIGTERM itself and exits 0
            return HANDLERS["serve"](args)
        with stop_on_signals():
            return HANDLERS.get(args.command, _not_yet)(args)
    except Stopped as stop:
        print(f"levelup: {stop}", file=sys.stderr)
        return stop.exit_code
    except LevelupError as exc:
        if args.debug:
            traceback.print_exc()
        _report(exc, args.format)
        return exc.exit_code
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # The reader of the output has gone (levelup validate | head): end quietly, as a command killed by SIGPIPE
        # would, and keep Python from reporting the failed flush of stdout at exit.
        with suppress(OSError):
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 141
    except Exception as exc:  # the last line of defence: a message, never a traceback
        if args.debug:
            traceback.print_exc()
        else:
            print(f"levelup: internal error: {exc!r} (run again with --debug for details)", file=sys.stderr)
        return 1
