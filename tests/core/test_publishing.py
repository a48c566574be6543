"""Publishing: checks first, export, then revisions and status; never half done."""

from __future__ import annotations

from pathlib import Path

import pytest

from editor.core.export import ExportError
from editor.core.library import Library
from editor.core.publishing import (
    PublishError,
    PublishRefused,
    export_revision_policy,
    export_with_revisions,
    publish_issue,
)


def _issue_id(library: Library) -> int:
    return library.services.list_issues()[0].id


def _revisions(library: Library, issue_id: int, reason: str) -> dict[int, int]:
    services = library.services
    return {
        article_id: sum(1 for r in services.list_revisions(article_id) if r.reason == reason)
        for article_id in services.article_ids(issue_id)
    }


def _break(library: Library, issue_id: int) -> int:
    """Give the issue an error (an empty article); returns that article's id."""
    return library.services.create_article(issue_id, "Brouillon vide", body="")


def test_refused_with_errors_exports_nothing_and_keeps_the_status(
    library: Library, tmp_path: Path
) -> None:
    issue_id = _issue_id(library)
    empty = _break(library, issue_id)
    before = library.services.get_issue(issue_id).status
    out = tmp_path / "site"
    with pytest.raises(PublishRefused) as refused:
        publish_issue(library, issue_id, "bundle", out)
    assert [p.code for p in refused.value.problems] == ["article-empty"]
    assert refused.value.problems[0].article_id == empty
    assert all(p.severity == "error" for p in refused.value.problems)
    assert not out.exists()
    assert library.services.get_issue(issue_id).status == before
    assert set(_revisions(library, issue_id, "publish").values()) == {0}


def test_success_marks_published_with_one_revision_per_article(
    library: Library, tmp_path: Path
) -> None:
    issue_id = _issue_id(library)
    assert library.services.get_issue(issue_id).status != "published"
    steps: list[tuple[int, int, str]] = []
    result = publish_issue(
        library.services, issue_id, "zip", tmp_path / "n29.zip", progress=lambda *s: steps.append(s)
    )
    assert result.path == tmp_path / "n29.zip" and result.path.is_file()
    assert library.services.get_issue(issue_id).status == "published"
    counts = _revisions(library, issue_id, "publish")
    assert len(counts) == 4 and set(counts.values()) == {1}
    assert len(result.revision_ids) == 4
    assert result.previous_status == "review"
    assert steps and steps[-1][0] == steps[-1][1]


def test_failed_export_leaves_status_and_history_unchanged(
    library: Library, tmp_path: Path
) -> None:
    issue_id = _issue_id(library)

    def broken_exporter(*_args: object, **_kwargs: object) -> object:
        raise ExportError("disk full")

    with pytest.raises(ExportError, match="disk full"):
        publish_issue(library, issue_id, "bundle", tmp_path / "x", exporter=broken_exporter)
    assert library.services.get_issue(issue_id).status == "review"
    assert set(_revisions(library, issue_id, "publish").values()) == {0}


def test_existing_target_is_refused_without_force(library: Library, tmp_path: Path) -> None:
    issue_id = _issue_id(library)
    target = tmp_path / "n29.html"
    target.write_text("previous", encoding="utf-8")
    with pytest.raises(ExportError, match="already exists"):
        publish_issue(library, issue_id, "single", target)
    assert target.read_text(encoding="utf-8") == "previous"
    assert library.services.get_issue(issue_id).status == "review"
    publish_issue(library, issue_id, "single", target, force=True)
    assert library.services.get_issue(issue_id).status == "published"


def test_text_changed_during_export_is_not_marked_published(
    library: Library, tmp_path: Path
) -> None:
    from editor.core.export import export_issue

    issue_id = _issue_id(library)
    first = library.services.article_ids(issue_id)[0]

    def exporter_while_someone_types(*args: object, **kwargs: object) -> object:
        result = export_issue(*args, **kwargs)  # type: ignore[arg-type]
        library.services.save_draft(first, {"body": "Texte changé pendant l’export."})
        return result

    with pytest.raises(PublishError, match="changed while"):
        publish_issue(
            library, issue_id, "single", tmp_path / "a.html", exporter=exporter_while_someone_types
        )
    assert library.services.get_issue(issue_id).status == "review"


def test_warnings_block_only_when_not_allowed(library: Library, tmp_path: Path) -> None:
    issue_id = _issue_id(library)
    article = library.services.article_ids(issue_id)[0]
    body = library.services.get_article(article).body
    library.services.save_draft(article, {"body": body + "\n\n[cliquez ici](https://example.org)"})
    with pytest.raises(PublishRefused) as refused:
        publish_issue(library, issue_id, "single", tmp_path / "a.html", allow_warnings=False)
    assert [p.code for p in refused.value.problems] == ["link-generic-text"]
    result = publish_issue(library, issue_id, "single", tmp_path / "a.html")
    assert [p.code for p in result.problems] == ["link-generic-text"]


def test_pdf_needs_an_exporter(library: Library, tmp_path: Path) -> None:
    with pytest.raises(PublishError, match="PDF"):
        publish_issue(library, _issue_id(library), "pdf", tmp_path / "a.pdf")
    assert library.services.get_issue(_issue_id(library)).status == "review"


def test_export_records_export_revisions_only_on_success(library: Library, tmp_path: Path) -> None:
    issue_id = _issue_id(library)
    assert export_revision_policy(publishing=False) == "export"
    assert export_revision_policy(publishing=True) == "publish"
    with pytest.raises(ExportError):
        export_with_revisions(library, issue_id, "nonsense", tmp_path / "x")
    assert set(_revisions(library, issue_id, "export").values()) == {0}
    export_with_revisions(library, issue_id, "fragment", tmp_path / "body.html")
    assert set(_revisions(library, issue_id, "export").values()) == {1}
    assert library.services.get_issue(issue_id).status == "review"


def test_export_revisions_hold_the_exported_text_not_later_typing(
    library: Library, tmp_path: Path
) -> None:
    from editor.core.export import export_issue

    issue_id = _issue_id(library)
    first = library.services.article_ids(issue_id)[0]
    exported_body = library.services.get_article(first).body

    def exporter_while_someone_types(*args: object, **kwargs: object) -> object:
        result = export_issue(*args, **kwargs)  # type: ignore[arg-type]
        library.services.save_draft(first, {"body": "Tapé pendant l’export."})
        return result

    export_with_revisions(
        library, issue_id, "single", tmp_path / "a.html", exporter=exporter_while_someone_types
    )
    latest = library.services.latest_revision(first)
    assert latest.reason == "export" and latest.body == exported_body
