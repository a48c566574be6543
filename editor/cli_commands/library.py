"""Library commands: list, new-issue, import, search, show."""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path

from editor.cli_commands.context import CliContext, CliError


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("list", help="list issues or articles")
    p.add_argument("what", choices=("issues", "articles"))
    p.add_argument("--issue", type=int, help="only the articles of this issue")
    p.add_argument("--pool", action="store_true", help="only the articles in no issue")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.set_defaults(handler=run_list)

    p = sub.add_parser("new-issue", help="create an issue and print its id")
    p.add_argument("--publication", required=True, metavar="NAME")
    p.add_argument("--title", required=True, metavar="TEXT")
    p.add_argument("--date", type=_parse_date, metavar="YYYY-MM-DD")
    p.add_argument("--label", default="", metavar="TEXT", help='number or week, e.g. "Semaine 29"')
    p.set_defaults(handler=run_new_issue)

    p = sub.add_parser(
        "import", help="import articles: Markdown with front matter, .docx, .odt or .html"
    )
    p.add_argument("files", nargs="+", type=Path, metavar="FILE")
    p.add_argument("--issue", type=int, help="add the articles to this issue (default: draft pool)")
    p.set_defaults(handler=run_import)

    p = sub.add_parser("search", help="full-text search in titles, standfirsts and bodies")
    p.add_argument("query")
    p.add_argument("--json", action="store_true")
    p.add_argument("--limit", type=int, default=50)
    p.set_defaults(handler=run_search)

    p = sub.add_parser("show", help="print an article")
    p.add_argument("article", type=int, metavar="ARTICLE")
    p.add_argument(
        "--markdown", action="store_true", help="front matter and Markdown, as `import` reads it"
    )
    p.set_defaults(handler=run_show)


def _parse_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date in YYYY-MM-DD form: {text!r}") from None


def _article_json(row) -> dict:  # type: ignore[no-untyped-def]
    return {
        "id": row.id,
        "title": row.title,
        "kicker": row.kicker,
        "status": row.status,
        "issue": row.issue_id,
        "position": row.position,
        "updated": row.updated.isoformat(timespec="seconds"),
    }


def _print_articles(ctx: CliContext, rows, as_json: bool) -> None:  # type: ignore[no-untyped-def]
    if as_json:
        ctx.print_json([_article_json(r) for r in rows])
        return
    for r in rows:
        where = f"issue {r.issue_id}" if r.issue_id else "pool"
        ctx.print(f"{r.id:>6}  {r.status:<9}  {where:<9}  {r.title}")


def run_list(args: argparse.Namespace, ctx: CliContext) -> int:
    services = ctx.library().services
    if args.what == "issues":
        rows = services.list_issues()
        if args.json:
            ctx.print_json(
                [
                    {
                        "id": r.id,
                        "publication": r.publication_name,
                        "title": r.title,
                        "label": r.label,
                        "date": r.issue_date.isoformat() if r.issue_date else None,
                        "status": r.status,
                        "articles": r.article_count,
                    }
                    for r in rows
                ]
            )
        else:
            for r in rows:
                when = r.issue_date.isoformat() if r.issue_date else "----------"
                ctx.print(f"{r.id:>5}  {when}  {r.status:<9}  {r.article_count:>3} art.  {r.title}")
        return 0
    if args.issue is not None and args.pool:
        raise CliError("--issue and --pool cannot be used together")
    scope = "pool" if args.pool else args.issue
    if args.issue is not None:
        services.get_issue(args.issue)  # a clear "no issue with id N" instead of an empty list
    _print_articles(ctx, services.list_articles(scope, limit=None), args.json)
    return 0


def run_new_issue(args: argparse.Namespace, ctx: CliContext) -> int:
    services = ctx.library().services
    publication_id = services.publication_id_by_name(args.publication)
    issue_id = services.create_issue(
        publication_id, args.title, issue_date=args.date, label=args.label
    )
    ctx.print(str(issue_id))
    return 0


def run_import(args: argparse.Namespace, ctx: CliContext) -> int:
    from editor.core.importing import import_files

    library = ctx.library()
    ids = import_files(library.services, args.files, issue_id=args.issue)
    for article_id in ids:
        ctx.print(str(article_id))
    return 0


def run_search(args: argparse.Namespace, ctx: CliContext) -> int:
    rows = ctx.library().services.search(args.query, limit=args.limit)
    _print_articles(ctx, rows, args.json)
    return 0


def run_show(args: argparse.Namespace, ctx: CliContext) -> int:
    from editor.core.importing import article_to_markdown

    article = ctx.library().services.get_article(args.article)
    if args.markdown:
        ctx.out.write(article_to_markdown(article))
        return 0
    ctx.print(article.title)
    ctx.print("=" * min(len(article.title), 80))
    for label, value in (
        ("Rubrique", article.kicker),
        ("Chapeau", article.standfirst),
        ("Signature", ", ".join(v for v in (article.byline_name, article.byline_role) if v)),
        ("Source", article.source),
        ("Crédit", article.credit),
        ("Statut", article.status),
        ("Mots-clés", article.tags),
    ):
        if value:
            ctx.print(f"{label} : {value}")
    ctx.print()
    ctx.print(article.body)
    return 0
