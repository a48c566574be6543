"""The command line: parse arguments, dispatch to a subcommand or start the window.

Exit status: 0 on success, 1 with one clear line on stderr for a failure the
user can fix, 2 for a usage error (argparse's own convention).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from editor import APP_NAME, __version__
from editor.cli_commands.context import CliContext, CliError

COMMAND_MODULES = ("library", "export", "publish", "safety")


# Commands that may create a missing library given with --library (with the
# sample issue): those that add content, and export, so that a new installation
# can be tried with `feuillet --library NEW export 1 …`. The others refuse, so
# that a mistyped path for list, search or show is an error, not a new library.
CREATING_COMMANDS = frozenset({"new-issue", "import", "export"})


def _library_opener(create: bool):  # type: ignore[no-untyped-def]
    def open_it(path: Path):  # type: ignore[no-untyped-def]
        from editor.core.library import open_library

        return open_library(path, create=create)

    return open_it


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="feuillet",
        description=f"{APP_NAME}: write, preview and publish newsletter issues.",
    )
    parser.add_argument("--version", action="version", version=f"{APP_NAME} {__version__}")
    parser.add_argument(
        "--library",
        metavar="PATH",
        help="library file to use (default: $FEUILLET_LIBRARY, then the user data folder)",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    import importlib

    for name in COMMAND_MODULES:
        try:
            module = importlib.import_module(f"editor.cli_commands.{name}")
        except ModuleNotFoundError as exc:
            # A command group still being written must not break the others.
            if exc.name != f"editor.cli_commands.{name}":
                raise
            continue
        module.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["--render-worker"]:
        # The packaged application starts its own binary as the preview's render worker.
        from editor.ui.render_server import serve_from_argv

        serve_from_argv(argv)
        return 0
    parser = build_parser()
    args = parser.parse_args(argv)
    from editor.core.paths import resolve_library_path

    library_path = resolve_library_path(args.library)
    if args.command is None:
        from editor.app import run_gui

        return run_gui(library_path, sys.argv[:1])
    # The default library (user data folder, or $FEUILLET_LIBRARY) is created on
    # first use like the window does; an explicit --library must exist unless
    # the command creates content.
    create = args.library is None or args.command in CREATING_COMMANDS
    ctx = CliContext(library_path=library_path, open_library=_library_opener(create))
    from editor.core.errors import FeuilletError

    try:
        return int(args.handler(args, ctx) or 0)
    except (CliError, FeuilletError) as exc:
        print(f"feuillet: error: {exc}", file=sys.stderr)
        return 1
    except OSError as exc:
        # A folder that cannot be created, a disk that fails: one line, no traceback.
        where = f": {exc.filename}" if exc.filename else ""
        print(f"feuillet: error: {exc.strerror or exc}{where}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("feuillet: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # `feuillet list … | head` closed our stdout early: not an error.
        sys.stderr.close()
        return 0
    finally:
        ctx.close()
