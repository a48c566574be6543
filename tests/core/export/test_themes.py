"""Themes: lookup, sandbox, colours and footer in every theme, user copies."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from editor.core.document import IssueDoc, MemoryAssetStore
from editor.core.export import export_issue, render_article_page, render_issue_page
from editor.core.export.colors import contrast_ratio, palette
from editor.core.export.errors import ExportError
from editor.core.export.l10n import format_date
from editor.core.export.themes import builtin_themes_dir, find_theme, list_themes


def test_builtin_themes_are_listed() -> None:
    themes = {t.path.name: t for t in list_themes()}
    assert themes["newsletter"].kind == "web"
    assert themes["email"].kind == "email"


@pytest.mark.parametrize("name", ["../newsletter", "a/b", "", "..", "x" * 100, "news letter"])
def test_bad_theme_names_are_refused(name: str) -> None:
    with pytest.raises(ExportError):
        find_theme(name)


def test_unknown_theme_lists_available_ones() -> None:
    with pytest.raises(ExportError, match="newsletter"):
        find_theme("nope")


def test_theme_kind_is_enforced() -> None:
    with pytest.raises(ExportError, match="email theme"):
        find_theme("email", kind="web")


def test_issue_page_has_colours_footer_and_french_date(
    issue: IssueDoc, assets: MemoryAssetStore
) -> None:
    page = render_issue_page(issue, assets, asset_url=lambda sha: f"feuillet-asset:{sha}")
    assert '<html lang="fr">' in page
    assert "--primary:#1d3557" in page and "--accent:#e63946" in page
    assert "7 août 2017" in page and 'datetime="2017-08-07"' in page
    assert "Directeur de la publication : Jean Dupont" in page
    assert "Territoria — l&#39;innovation territoriale chaque semaine" in page
    assert 'class="skip-link" href="#content"' in page and "<main" in page
    assert "Sommaire" in page and "Semaine 29" in page
    assert (
        'Bruno Gérentes</span>, <span class="article__byline-role">DGS de la ville de Blois' in page
    )
    assert "feuillet-asset:" in page  # images through the preview's scheme


def test_article_page_has_prev_next(issue: IssueDoc, assets: MemoryAssetStore) -> None:
    page = render_article_page(issue, assets, issue.articles[1].id)
    assert 'rel="prev"' in page and 'rel="next"' in page
    assert '<h1 class="article__title"' in page
    first = render_article_page(issue, assets, issue.articles[0].id)
    assert 'rel="prev"' not in first and 'rel="next"' in first
    with pytest.raises(ExportError):
        render_article_page(issue, assets, 123456)


def test_colours_are_validated_and_readable() -> None:
    colors = palette("red;}</style><script>", "#ffff00")
    assert colors["primary"] == "#1d3557"
    assert contrast_ratio(colors["accent_text"], "#ffffff") >= 4.5
    light = palette("#f0f0f0", "#abc")
    assert light["on_primary"] == "#1a1a1a"
    assert light["accent"] == "#aabbcc"


def test_english_dates() -> None:
    from datetime import date

    assert format_date(date(2017, 8, 1), "fr") == "1er août 2017"
    assert format_date(date(2017, 8, 7), "en-GB") == "7 August 2017"
    assert format_date(date(2017, 8, 7), "zz") == "2017-08-07"


def test_copied_theme_in_user_dir(
    tmp_path: Path, issue: IssueDoc, assets: MemoryAssetStore
) -> None:
    user_dir = tmp_path / "themes"
    shutil.copytree(builtin_themes_dir() / "newsletter", user_dir / "maison")
    meta = json.loads((user_dir / "maison" / "theme.json").read_text())
    meta["name"] = "Maison"
    (user_dir / "maison" / "theme.json").write_text(json.dumps(meta))
    css = user_dir / "maison" / "style.css"
    css.write_text(css.read_text() + "\n.maison-marker { color: #000; }\n")
    base = user_dir / "maison" / "base.html"
    base.write_text(base.read_text().replace("<body", '<body data-theme="maison"', 1))

    assert "maison" in {t.path.name for t in list_themes(themes_dirs=[user_dir])}
    result = export_issue(issue, assets, "single", tmp_path / "out.html", theme="maison",
                          themes_dirs=[user_dir])  # fmt: skip
    page = result.path.read_text()
    assert 'data-theme="maison"' in page and ".maison-marker" in page


def test_sandbox_blocks_unsafe_template(
    tmp_path: Path, issue: IssueDoc, assets: MemoryAssetStore
) -> None:
    user_dir = tmp_path / "themes"
    shutil.copytree(builtin_themes_dir() / "newsletter", user_dir / "evil")
    (user_dir / "evil" / "issue.html").write_text(
        "{{ issue.__class__.__mro__[1].__subclasses__() }}"
    )
    with pytest.raises(ExportError, match="evil"):
        export_issue(issue, assets, "single", tmp_path / "o.html", theme="evil",
                     themes_dirs=[user_dir])  # fmt: skip
    (user_dir / "evil" / "issue.html").write_text("{{ no_such_variable }}")
    with pytest.raises(ExportError, match="no_such_variable"):
        export_issue(issue, assets, "single", tmp_path / "o.html", theme="evil",
                     themes_dirs=[user_dir])  # fmt: skip
    assert not (tmp_path / "o.html").exists()


def test_broken_user_theme_does_not_hide_others(tmp_path: Path) -> None:
    (tmp_path / "broken").mkdir()
    (tmp_path / "broken" / "theme.json").write_text("{not json")
    names = {t.path.name for t in list_themes(themes_dirs=[tmp_path])}
    assert {"newsletter", "email"} <= names and "broken" not in names
