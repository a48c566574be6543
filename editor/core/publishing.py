"""Publishing an issue: check it, export it, snapshot its articles, mark it published.

The order is what makes publishing safe:

1. ``check_issue`` runs first; any error-level problem refuses the publication
   (:class:`PublishRefused` carries the problems) before anything is written.
   Errors cannot be skipped; warnings only inform, unless ``allow_warnings``
   is False.
2. The export runs (atomic: a failure leaves the previous export untouched).
3. Only when the export succeeded, and only when the issue did not change
   while it was being exported, every article gets a revision (reason
   ``"publish"``), then the issue's status becomes ``published`` (the last,
   single-transaction step). Revisions are snapshots that never change
   anything, so if marking fails after them nothing is lost or wrong.

A failed or cancelled export therefore leaves the issue's status unchanged.
Exporting without publishing also snapshots every article (reason
``"export"``), so that whatever left the application can always be found
again in the history ("Never lose a word"): see :func:`export_revision_policy`.

The PDF format needs Qt's web engine, which the core may not import: callers
that can print (the CLI, the window) pass their own ``exporter``.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from editor.core.document import AssetStore, IssueDoc
from editor.core.errors import FeuilletError

PUBLISH_REASON = "publish"
EXPORT_REASON = "export"
PUBLISHED = "published"


class Exporter(Protocol):
    """The shape of ``editor.core.export.export_issue`` (and of the PDF exporter)."""

    def __call__(
        self,
        issue: IssueDoc,
        assets: AssetStore,
        fmt: str,
        out_path: Path | str,
        **options: Any,
    ) -> Any: ...


class PublishError(FeuilletError):
    """The issue could not be published; its status is unchanged."""


class PublishRefused(PublishError):
    """The pre-publish checks found problems that block publishing."""

    def __init__(self, problems: Sequence[Any], *, language: str = "en") -> None:
        self.problems = tuple(problems)
        errors = sum(1 for p in self.problems if p.severity == "error")
        warnings = len(self.problems) - errors
        if language == "fr":
            message = (
                f"Publication refusée : {errors} erreur(s) et {warnings} avertissement(s) "
                "à corriger d’abord."
            )
        else:
            message = (
                f"Publishing refused: {errors} error(s) and {warnings} warning(s) to fix first."
            )
        super().__init__(message)


@dataclass(frozen=True)
class PublishResult:
    """What a publication did: the export, the checks' warnings, the revisions."""

    issue_id: int
    export: Any  # ExportResult
    problems: tuple[Any, ...]  # the warnings that did not block (errors never get here)
    revision_ids: tuple[int, ...]
    previous_status: str

    @property
    def path(self) -> Path:
        return Path(self.export.path)


def export_revision_policy(*, publishing: bool) -> str:
    """The revision reason recorded for every article when the issue leaves the app.

    Both publishing and plain exporting snapshot every article: the issue
    "Never lose a word" asks that any text that went out can be found again.
    """
    return PUBLISH_REASON if publishing else EXPORT_REASON


def services_of(library_or_services: Any) -> Any:
    """Accept a Library (``.services``) or its LibraryService directly."""
    return getattr(library_or_services, "services", library_or_services)


def blocking_problems(problems: Iterable[Any], *, allow_warnings: bool = True) -> list[Any]:
    """The problems that refuse publishing: errors always, warnings when not allowed."""
    return [p for p in problems if p.severity == "error" or not allow_warnings]


def content_key(issue: IssueDoc) -> tuple[Any, ...]:
    """What the readers see of an issue: every field except statuses and save times.

    Compared before and after the export so that text saved meanwhile (the
    window's autosave) is never recorded as "published" when it was not.
    """
    articles = tuple(
        dataclasses.astuple(dataclasses.replace(a, status="", updated=None)) for a in issue.articles
    )
    return (dataclasses.astuple(dataclasses.replace(issue, status="", articles=())), articles)


def record_revisions(services: Any, issue: IssueDoc, reason: str) -> tuple[int, ...]:
    """One revision per article of ``issue`` as exported (in one transaction);
    returns their ids in reading order."""
    return tuple(services.record_issue_revisions(issue, reason))


def check_for_publishing(
    library_or_services: Any, issue_id: int, *, allow_warnings: bool = True, language: str = "en"
) -> tuple[IssueDoc, list[Any]]:
    """Step 1: the issue as it is now and its problems; PublishRefused when blocked."""
    from editor.core.export import check_issue

    services = services_of(library_or_services)
    issue = services.issue_document(issue_id)
    problems = check_issue(issue, services.asset_store())
    blocking = blocking_problems(problems, allow_warnings=allow_warnings)
    if blocking:
        raise PublishRefused(blocking, language=language)
    return issue, problems


def finish_publication(
    library_or_services: Any, issue: IssueDoc, export_result: Any, problems: Sequence[Any] = ()
) -> PublishResult:
    """Step 3, after a successful export: revisions, then the status.

    Refuses (status unchanged) when the issue's text changed since ``issue``
    was read, because the revisions would then not be what was exported.
    """
    services = services_of(library_or_services)
    current = services.issue_document(issue.id)
    if content_key(current) != content_key(issue):
        raise PublishError(
            "The issue changed while it was being exported; it was not marked as published. "
            f"The export at {export_result.path} holds the earlier text: publish again."
        )
    # The snapshot and the status change are one transaction: never "published"
    # without its revisions, never revisions of a publication that did not happen.
    revision_ids = tuple(services.record_issue_revisions(issue, PUBLISH_REASON, status=PUBLISHED))
    return PublishResult(
        issue_id=issue.id,
        export=export_result,
        problems=tuple(problems),
        revision_ids=revision_ids,
        previous_status=current.status,
    )


def _default_exporter(fmt: str) -> Callable[..., Any]:
    from editor.core.export import export_issue

    if fmt == "pdf":
        raise PublishError(
            "PDF needs the print engine of the window or the command line; "
            "pass its exporter to publish_issue."
        )
    return export_issue


def export_options(
    *,
    force: bool,
    progress: Callable[[int, int, str], None] | None,
    cancel: object | None,
    cache_dir: Path | str | None,
    themes_dirs: Iterable[Path | str],
    theme: str | None,
) -> dict[str, Any]:
    return {
        "force": force,
        "progress": progress,
        "cancel": cancel,
        "cache_dir": cache_dir,
        "themes_dirs": tuple(themes_dirs),
        "theme": theme,
    }


def publish_issue(
    library_or_services: Any,
    issue_id: int,
    fmt: str,
    out: Path | str,
    *,
    force: bool = False,
    progress: Callable[[int, int, str], None] | None = None,
    cancel: object | None = None,
    cache_dir: Path | str | None = None,
    themes_dirs: Iterable[Path | str] = (),
    theme: str | None = None,
    allow_warnings: bool = True,
    exporter: Exporter | None = None,
    language: str = "en",
) -> PublishResult:
    """Check, export, snapshot and mark ``issue_id`` published (see the module doc).

    Raises PublishRefused (checks), ExportError (export; ExportCancelled when
    cancelled) or PublishError; in every one of those cases the issue's
    status is unchanged.
    """
    services = services_of(library_or_services)
    issue, problems = check_for_publishing(
        services, issue_id, allow_warnings=allow_warnings, language=language
    )
    options = export_options(
        force=force,
        progress=progress,
        cancel=cancel,
        cache_dir=cache_dir,
        themes_dirs=themes_dirs,
        theme=theme,
    )
    result = _run_export(services, issue, fmt, out, exporter, options)
    return finish_publication(services, issue, result, problems)


def _run_export(
    services: Any,
    issue: Any,
    fmt: str,
    out: Path | str,
    exporter: Exporter | None,
    options: dict[str, Any],
) -> Any:
    run = exporter or _default_exporter(fmt)
    return run(issue, services.asset_store(), fmt, out, **options)


def export_with_revisions(
    library_or_services: Any,
    issue_id: int,
    fmt: str,
    out: Path | str,
    *,
    force: bool = False,
    progress: Callable[[int, int, str], None] | None = None,
    cancel: object | None = None,
    cache_dir: Path | str | None = None,
    themes_dirs: Iterable[Path | str] = (),
    theme: str | None = None,
    exporter: Exporter | None = None,
) -> Any:
    """A plain export (status unchanged) followed by an "export" revision per article.

    The revisions are recorded only after the export succeeded: a failed
    export adds nothing to the history.
    """
    services = services_of(library_or_services)
    issue = services.issue_document(issue_id)
    options = export_options(
        force=force,
        progress=progress,
        cancel=cancel,
        cache_dir=cache_dir,
        themes_dirs=themes_dirs,
        theme=theme,
    )
    result = _run_export(services, issue, fmt, out, exporter, options)
    record_revisions(services, issue, export_revision_policy(publishing=False))
    return result
