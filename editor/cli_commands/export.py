"""Export commands: ``export`` (bundle, zip, single, email, fragment, pdf) and ``check``.

``feuillet export 29 --format zip --out semaine-29.zip`` writes the export
atomically and records an "export" revision of every article once it is
written; ``feuillet check 29`` lists what to fix before publishing and exits
with status 1 when there is an error, so scripts can gate on it.

Only ``--format pdf`` loads Qt (its web engine prints the page): the import
happens inside that branch, so the other formats start fast and run on
machines without a display.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from editor.cli_commands.context import CliContext, CliError

FORMATS = ("bundle", "zip", "single", "email", "fragment", "pdf")


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("export", help="export an issue (bundle, zip, single, email, fragment, pdf)")
    add_export_arguments(p)
    p.set_defaults(handler=run_export)

    p = sub.add_parser("check", help="pre-publish checks of an issue (exit 1 on errors)")
    p.add_argument("issue", type=int, metavar="ISSUE")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.add_argument("--lang", choices=("fr", "en"), default="fr", help="language of the messages")
    p.set_defaults(handler=run_check)


def add_export_arguments(p: argparse.ArgumentParser) -> None:
    """ISSUE, --format, --out and the export options (shared with ``publish``)."""
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


def _default_cache_dir() -> Path:
    from editor.core.paths import export_cache_dir

    return export_cache_dir()


def _default_themes_dirs() -> list[Path]:
    from editor.core.paths import user_themes_dir

    folder = user_themes_dir()
    return [folder] if folder.is_dir() else []


def exporter_for(fmt: str):  # type: ignore[no-untyped-def]
    """``export_issue``, or for PDF the Qt printer (an offscreen QApplication is made here)."""
    if fmt == "pdf":
        from editor.ui.pdf_export import ensure_offscreen_application, export_pdf

        ensure_offscreen_application()
        return export_pdf
    from editor.core.export import export_issue

    return export_issue


def export_options(args: argparse.Namespace) -> dict[str, object]:
    """The export keyword arguments shared by ``export`` and ``publish``."""
    return {
        "force": args.force,
        "cache_dir": None if args.no_cache else (args.cache_dir or _default_cache_dir()),
        "themes_dirs": [*args.themes_dir, *_default_themes_dirs()],
        "theme": args.theme,
    }


def run_export(args: argparse.Namespace, ctx: CliContext) -> int:
    from editor.core.export import ExportError
    from editor.core.publishing import export_with_revisions

    library = ctx.library()
    library.services.issue_document(args.issue)  # NotFound before Qt starts, for PDF
    try:
        result = export_with_revisions(
            library,
            args.issue,
            args.fmt,
            args.out,
            exporter=exporter_for(args.fmt),
            **export_options(args),
        )
    except ExportError as exc:
        raise CliError(str(exc)) from exc
    if not args.quiet:
        print_result(ctx, result)
    return 0


def print_result(ctx: CliContext, result) -> None:  # type: ignore[no-untyped-def]
    """The export's summary on stdout, its warnings on stderr."""
    ctx.print(f"{result.format}: {result.path}")
    for extra in result.extra_paths:
        ctx.print(f"  + {extra}")
    ctx.print(
        f"  {len(result.files)} file(s), {result.total_bytes / 1024:.0f} KiB, "
        f"{result.images} image(s) ({result.cache_hits} from cache), {result.seconds:.2f} s"
    )
    for warning in result.warnings:
        print(f"feuillet: warning: {warning}", file=ctx.err)


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
