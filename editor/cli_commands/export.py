"""Export commands: ``export`` (bundle, zip, single, email, fragment) and ``check``.

``feuillet export 29 --format zip --out semaine-29.zip`` writes the export
atomically; ``feuillet check 29`` lists what to fix before publishing and
exits with status 1 when there is an error, so scripts can gate on it.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from editor.cli_commands.context import CliContext, CliError

FORMATS = ("bundle", "zip", "single", "email", "fragment")


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("export", help="export an issue (bundle, zip, single, email, fragment)")
    p.add_argument("issue", type=int, metavar="ISSUE", help="id of the issue (see `list issues`)")
    p.add_argument("--format", required=True, choices=FORMATS, dest="fmt")
    p.add_argument(
        "--out", required=True, type=Path, metavar="PATH", help="file or folder to write"
    )
    p.add_argument("--force", action="store_true", help="replace an existing export at PATH")
    p.add_argument("--theme", metavar="NAME", help="theme folder name (default: the publication's)")
    p.add_argument(
        "--themes-dir",
        action="append",
        type=Path,
        default=[],
        metavar="DIR",
        help="extra folder of themes, searched before the built-in ones (repeatable)",
    )
    p.add_argument("--cache-dir", type=Path, metavar="DIR", help="resized-image cache")
    p.add_argument("--no-cache", action="store_true", help="resize every image again")
    p.add_argument("--quiet", action="store_true", help="print nothing on success")
    p.set_defaults(handler=run_export)

    p = sub.add_parser("check", help="pre-publish checks of an issue (exit 1 on errors)")
    p.add_argument("issue", type=int, metavar="ISSUE")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.add_argument("--lang", choices=("fr", "en"), default="fr", help="language of the messages")
    p.set_defaults(handler=run_check)


def _default_cache_dir() -> Path:
    from editor.core.paths import export_cache_dir

    return export_cache_dir()


def _default_themes_dirs() -> list[Path]:
    from editor.core.paths import user_themes_dir

    folder = user_themes_dir()
    return [folder] if folder.is_dir() else []


def run_export(args: argparse.Namespace, ctx: CliContext) -> int:
    from editor.core.export import ExportError, export_issue

    services = ctx.library().services
    issue = services.issue_document(args.issue)
    cache_dir = None if args.no_cache else (args.cache_dir or _default_cache_dir())
    try:
        result = export_issue(
            issue,
            services.asset_store(),
            args.fmt,
            args.out,
            force=args.force,
            cache_dir=cache_dir,
            themes_dirs=[*args.themes_dir, *_default_themes_dirs()],
            theme=args.theme,
        )
    except ExportError as exc:
        raise CliError(str(exc)) from exc
    if not args.quiet:
        ctx.print(f"{result.format}: {result.path}")
        for extra in result.extra_paths:
            ctx.print(f"  + {extra}")
        ctx.print(
            f"  {len(result.files)} file(s), {result.total_bytes / 1024:.0f} KiB, "
            f"{result.images} image(s) ({result.cache_hits} from cache), {result.seconds:.2f} s"
        )
        for warning in result.warnings:
            print(f"feuillet: warning: {warning}", file=ctx.err)
    return 0


def run_check(args: argparse.Namespace, ctx: CliContext) -> int:
    from editor.core.export.check import check_issue

    services = ctx.library().services
    problems = check_issue(services.issue_document(args.issue), services.asset_store())
    errors = sum(1 for p in problems if p.severity == "error")
    if args.json:
        ctx.print_json(
            {
                "issue": args.issue,
                "errors": errors,
                "warnings": len(problems) - errors,
                "problems": [p.to_dict() for p in problems],
            }
        )
    else:
        for p in problems:
            where = f" [article {p.article_id}]" if p.article_id is not None else ""
            ctx.print(f"{p.severity}: {p.code}{where}: {p.message(args.lang)}")
        if not problems:
            ctx.print("Aucun problème." if args.lang == "fr" else "No problem found.")
    return 1 if errors else 0
