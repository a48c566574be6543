"""Safety commands: backup, backups, restore, check-library.

None of them opens the library through SQLAlchemy: a backup reads it with
SQLite's online backup API, a check reads it read-only, and a restore works on
the files directly (after backing up the current state) under the writer lock.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from editor.cli_commands.context import CliContext, CliError


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("backup", help="back up the library now and print the backup's path")
    p.add_argument("--reason", default="manual", help="word added to the backup's name")
    p.set_defaults(handler=run_backup)

    p = sub.add_parser("backups", help="list the library's backups, newest first")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.set_defaults(handler=run_backups)

    p = sub.add_parser(
        "restore",
        help="replace the library with a backup (the current state is backed up first)",
    )
    p.add_argument(
        "backup",
        metavar="BACKUP",
        help='a backup file, its number in "feuillet backups", or "latest"',
    )
    p.set_defaults(handler=run_restore)

    p = sub.add_parser("check-library", help="check the library file thoroughly (read-only)")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.set_defaults(handler=run_check)


def _manager(ctx: CliContext):  # type: ignore[no-untyped-def]
    from editor.core.safety.backup import BackupManager

    return BackupManager(ctx.library_path)


def run_backup(args: argparse.Namespace, ctx: CliContext) -> int:
    from editor.core.safety.integrity import FileState, inspect_file

    check = inspect_file(ctx.library_path)
    if check.state is FileState.MISSING:
        raise CliError(f"there is no library at {ctx.library_path}")
    if check.state is not FileState.LIBRARY:
        raise CliError(f"{ctx.library_path} cannot be backed up: {check.problems[0]}")
    ctx.print(str(_manager(ctx).backup_now(args.reason)))
    return 0


def run_backups(args: argparse.Namespace, ctx: CliContext) -> int:
    backups = _manager(ctx).list()
    if args.json:
        ctx.print_json(
            [
                {
                    "number": number,
                    "path": str(info.path),
                    "created": info.created.isoformat(timespec="seconds"),
                    "reason": info.reason,
                    "size": info.size,
                }
                for number, info in enumerate(backups, start=1)
            ]
        )
        return 0
    if not backups:
        ctx.print(f"no backups yet (they go to {_manager(ctx).folder})")
        return 0
    for number, info in enumerate(backups, start=1):
        when = info.created.strftime("%Y-%m-%d %H:%M:%S")
        ctx.print(
            f"{number:>3}  {when}  {info.reason:<24}  {info.size / 1e6:>7.1f} MB  {info.path}"
        )
    return 0


def _resolve_backup(ctx: CliContext, spec: str) -> Path:
    manager = _manager(ctx)
    if spec == "latest":
        latest = manager.latest_good()
        if latest is None:
            raise CliError(f"no good backup found in {manager.folder}")
        return latest
    if spec.isdigit() and not Path(spec).exists():
        backups = manager.list()
        number = int(spec)
        if not 1 <= number <= len(backups):
            raise CliError(f'no backup number {number}: see "feuillet backups"')
        return backups[number - 1].path
    return Path(spec).expanduser()


def run_restore(args: argparse.Namespace, ctx: CliContext) -> int:
    from editor.core.safety.restore import restore_backup

    backup = _resolve_backup(ctx, args.backup)
    result = restore_backup(ctx.library_path, backup)
    ctx.print(f"restored {result.library} from {result.restored_from}")
    if result.safety_backup is not None:
        ctx.print(f"the state before the restore was backed up to {result.safety_backup}")
    if result.moved_aside is not None:
        ctx.print(f"the damaged file was set aside as {result.moved_aside}")
    return 0


def run_check(args: argparse.Namespace, ctx: CliContext) -> int:
    from editor.core import schema
    from editor.core.safety.integrity import FileState, inspect_file
    from editor.core.safety.lock import lock_holder

    check = inspect_file(ctx.library_path, full=True)
    holder = lock_holder(ctx.library_path)
    backups = _manager(ctx).list()
    head = schema.head_revision()
    report = {
        "library": str(ctx.library_path),
        "state": check.state.value,
        "ok": check.state is FileState.LIBRARY,
        "schema": check.revision,
        "schema_expected": head,
        "problems": check.problems,
        "open_in_window": None if holder is None else {"pid": holder.pid, "host": holder.hostname},
        "backups": len(backups),
        "latest_backup": str(backups[0].path) if backups else None,
    }
    if args.json:
        ctx.print_json(report)
    else:
        verdict = {
            FileState.LIBRARY: "ok",
            FileState.MISSING: "no library yet",
            FileState.DAMAGED: "DAMAGED",
            FileState.NOT_SQLITE: "not a Feuillet library",
            FileState.FOREIGN: "not a Feuillet library",
        }[check.state]
        ctx.print(f"{ctx.library_path}: {verdict}")
        if check.revision is not None:
            note = "" if check.revision == head else f" (this Feuillet writes {head})"
            ctx.print(f"schema: {check.revision}{note}")
        for problem in check.problems:
            ctx.print(f"  problem: {problem}")
        if holder is not None:
            ctx.print(f"open in a Feuillet window: process {holder.pid} on {holder.hostname}")
        ctx.print(f"backups: {len(backups)}" + (f", latest {backups[0].path}" if backups else ""))
        if check.state is FileState.DAMAGED and backups:
            ctx.print("to restore the latest good backup: feuillet restore latest")
    return 0 if report["ok"] else 1
