"""The pre-publish checker finds each problem, in French and English."""

from __future__ import annotations

from dataclasses import replace

import pytest

from editor.core.document import ArticleDoc, AssetInfo, IssueDoc, MemoryAssetStore
from editor.core.export.check import CATALOGUE, check_issue
from tests.core.export.conftest import add_asset, make_photo

UNKNOWN = "0" * 64


def codes(issue: IssueDoc, assets: MemoryAssetStore) -> set[str]:
    return {p.code for p in check_issue(issue, assets)}


def with_body(issue: IssueDoc, body: str) -> IssueDoc:
    article = ArticleDoc(id=1, title="Essai", body_markdown=body, status="ready")
    return replace(issue, articles=(article,))


def test_sample_issue_is_clean(issue: IssueDoc, assets: MemoryAssetStore) -> None:
    assert check_issue(issue, assets) == []


def test_issue_level_problems(issue: IssueDoc, assets: MemoryAssetStore) -> None:
    assert {"issue-no-title", "issue-no-date"} <= codes(
        replace(issue, title=" ", date=None), assets
    )
    assert "issue-no-articles" in codes(replace(issue, articles=()), assets)


def test_empty_and_untitled_articles(issue: IssueDoc, assets: MemoryAssetStore) -> None:
    article = ArticleDoc(id=5, title="", body_markdown="  \n", status="ready")
    empty = replace(issue, articles=(article,))
    found = check_issue(empty, assets)
    assert {p.code for p in found} == {"article-no-title", "article-empty"}
    assert all(p.article_id == 5 and p.severity == "error" for p in found)


@pytest.mark.parametrize(
    ("body", "code"),
    [
        ("![](asset:{sha})", "image-no-alt"),
        (f"![Une photo](asset:{UNKNOWN})", "asset-unknown"),
        ("![Logo](https://tracker.example/pixel.png)", "image-remote"),
        ("Voir [plus bas](#nulle-part).", "link-broken-anchor"),
        ("[Cliquez ici](https://example.org/rapport)", "link-generic-text"),
        ("[click here](https://example.org/report)", "link-generic-text"),
        ("[Lire la suite…](https://example.org/suite)", "link-generic-text"),
        ("[ici](https://example.org)", "link-generic-text"),
        ("[piège](javascript:alert(1))", "link-refused"),
        ("# Premier\n\ntexte\n\n### Trop bas\n\ntexte", "heading-skip"),
    ],
)
def test_article_problems(issue: IssueDoc, assets: MemoryAssetStore, body: str, code: str) -> None:
    sha = add_asset(assets, make_photo(300, 200), "image/jpeg", "p.jpg")
    found = check_issue(with_body(issue, body.format(sha=sha)), assets)
    assert code in {p.code for p in found}
    hit = next(p for p in found if p.code == code)
    assert hit.severity == CATALOGUE[code][0]
    assert hit.message_fr and hit.message_en and hit.message_fr != hit.message_en
    assert hit.message("en") == hit.message_en and hit.message("fr") == hit.message_fr


def test_valid_anchor_and_a_lire_box_are_fine(issue: IssueDoc, assets: MemoryAssetStore) -> None:
    body = (
        "## Contexte\n\nVoir [le contexte](#contexte).\n\n"
        "::: a-lire\ntitle: Un article\nurl: https://example.org/a\nRésumé.\n:::\n"
    )
    assert codes(with_body(issue, body), assets) == set()


def test_heading_levels_may_start_at_two(issue: IssueDoc, assets: MemoryAssetStore) -> None:
    assert codes(with_body(issue, "## A\n\nx\n\n### B\n\ny\n\n## C\n\nz"), assets) == set()


def test_too_large_images(issue: IssueDoc, assets: MemoryAssetStore) -> None:
    sha = "f" * 64
    assets.add(
        AssetInfo(sha, "image/jpeg", 8000, 5000, "immense.jpg", "alt"), b"x" * (6 * 1024 * 1024)
    )
    found = check_issue(with_body(issue, f"![Vue](asset:{sha})"), assets)
    big = [p for p in found if p.code == "image-too-large"]
    assert len(big) == 1 and "immense.jpg" in big[0].message_fr and "8000×5000" in big[0].message_en


def test_errors_come_first(issue: IssueDoc, assets: MemoryAssetStore) -> None:
    found = check_issue(with_body(replace(issue, date=None), "[ici](https://x.org)"), assets)
    severities = [p.severity for p in found]
    assert severities == sorted(severities, key=lambda s: s != "error")
    assert all(set(p.to_dict()) == {"severity", "code", "article_id", "message_fr", "message_en"}
               for p in found)  # fmt: skip


def test_a_body_that_cannot_be_laid_out_is_an_error(issue: IssueDoc, assets) -> None:
    from dataclasses import replace as _replace

    broken = _replace(issue.articles[0], body_markdown=">" * 150 + " citation")
    problems = check_issue(_replace(issue, articles=(broken, *issue.articles[1:])), assets)
    codes = {p.code for p in problems if p.article_id == broken.id}
    assert "article-render-failed" in codes


def test_template_leftovers_and_drafts_are_reported(issue: IssueDoc, assets) -> None:
    body = (
        "::: a-lire\ntitle: T\nsource: Le Monde\nurl: https://\nRésumé\n:::\n\n"
        "Voir [le site](http://) et [la mairie](https://www.example.org)."
    )
    draft = replace(issue.articles[0], body_markdown=body, status="draft")
    problems = check_issue(replace(issue, articles=(draft, *issue.articles[1:])), assets)
    codes = sorted(p.code for p in problems if p.article_id == draft.id)
    assert codes.count("link-no-address") == 1
    assert "a-lire-no-url" in codes and "article-draft" in codes
    severities = {p.code: p.severity for p in problems}
    assert severities["article-draft"] == "warning" and severities["a-lire-no-url"] == "error"
