"""``feuillet publish``: check an issue, export it and mark it published.

``feuillet publish 29 --format bundle --out site/semaine-29`` prints the path
written. When the checks find an error, nothing is exported, the issue's
status is unchanged, each problem is printed on stderr (one line each, then
a summary line) and the exit status is 1. See :mod:`editor.core.publishing`
for the order of the steps and why it is safe.
"""

from __future__ import annotations

import argparse

from editor.cli_commands.context import CliContext, CliError
from editor.cli_commands.export import add_export_arguments, export_options, exporter_for


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "publish",
        help="check, export and mark an issue published (exit 1 when the checks fail)",
    )
    add_export_arguments(p)
    p.add_argument(
        "--strict", action="store_true", help="refuse to publish when there are warnings too"
    )
    p.add_argument("--lang", choices=("fr", "en"), default="fr", help="language of the problems")
    p.set_defaults(handler=run_publish)


def run_publish(args: argparse.Namespace, ctx: CliContext) -> int:
    from editor.core.export import ExportError
    from editor.core.publishing import PublishError, PublishRefused, check_for_publishing

    library = ctx.library()
    try:
        # The checks run before Qt is started for a PDF: a refused issue stays fast.
        check_for_publishing(
            library, args.issue, allow_warnings=not args.strict, language=args.lang
        )
        result = _publish(library, args)
    except PublishRefused as refused:
        for p in refused.problems:
            where = f" [article {p.article_id}]" if p.article_id is not None else ""
            print(f"feuillet: {p.severity}: {p.code}{where}: {p.message(args.lang)}", file=ctx.err)
        print(f"feuillet: error: {refused}", file=ctx.err)
        return 1
    except (ExportError, PublishError) as exc:
        raise CliError(str(exc)) from exc
    ctx.print(str(result.path))
    if not args.quiet:
        for extra in result.export.extra_paths:
            ctx.print(str(extra))
        for problem in result.problems:
            print(f"feuillet: warning: {problem.message(args.lang)}", file=ctx.err)
        for warning in result.export.warnings:
            print(f"feuillet: warning: {warning}", file=ctx.err)
    return 0


def _publish(library, args: argparse.Namespace):  # type: ignore[no-untyped-def]
    from editor.core.publishing import publish_issue

    return publish_issue(
        library,
        args.issue,
        args.fmt,
        args.out,
        allow_warnings=not args.strict,
        exporter=exporter_for(args.fmt),
        language=args.lang,
        **export_options(args),
    )
