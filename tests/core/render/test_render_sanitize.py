"""The sanitiser and the whole pipeline against hostile input."""

from __future__ import annotations

import re

import pytest

from editor.core.render import Renderer, RenderOptions, sanitize_html
from tests.core.render.hostile_corpus import HOSTILE_HTML, HOSTILE_MARKDOWN, assert_safe_html

SHA = "ab" * 32
PREVIEW = "feuillet-asset:"


def asset_url(sha: str) -> str | None:
    return PREVIEW + sha if sha == SHA else None


@pytest.fixture(scope="module")
def renderer() -> Renderer:
    return Renderer(RenderOptions(language="fr", asset_url=asset_url))


@pytest.mark.parametrize("text", HOSTILE_MARKDOWN)
def test_hostile_markdown_renders_safely(renderer: Renderer, text: str) -> None:
    result = renderer.render(text)
    assert_safe_html(result.html, allowed_image_sources={PREVIEW + SHA})
    # What the sanitiser returns is stable under a second pass.
    assert sanitize_html(result.html, allowed_image_prefixes=[PREVIEW]) == result.html


@pytest.mark.parametrize("text", HOSTILE_HTML)
def test_hostile_html_is_sanitised(text: str) -> None:
    cleaned = sanitize_html(text)
    assert_safe_html(cleaned)
    assert sanitize_html(cleaned) == cleaned


def test_raw_html_is_escaped_not_dropped(renderer: Renderer) -> None:
    html = renderer.render("Avant <script>alert(1)</script> après").html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_dangerous_links_become_text_and_are_reported(renderer: Renderer) -> None:
    result = renderer.render("[clic](javascript:alert(1)) et [ok](https://example.org)")
    assert '<span class="link-refused">clic</span>' in result.html
    assert [link.href for link in result.rejected_links] == ["javascript:alert(1)"]
    assert [tuple(link) for link in result.links] == [("https://example.org", "ok")]


def test_external_links_get_rel(renderer: Renderer) -> None:
    html = renderer.render("[ok](https://example.org)").html
    assert html == '<p><a href="https://example.org" rel="noopener noreferrer">ok</a></p>'


@pytest.mark.parametrize(
    "href",
    [
        "https://example.org/a",
        "http://example.org",
        "mailto:a@example.org",
        "#section",
        "page.html",
        "../a/b",
    ],
)
def test_allowed_links_survive(href: str) -> None:
    assert f'href="{href}"' in sanitize_html(f'<a href="{href}">x</a>')


@pytest.mark.parametrize(
    "href", ["//example.org", "/\\example.org", "data:text/html,x", "ftp://x", "feuillet-asset:ab"]
)
def test_refused_links(href: str) -> None:
    assert "href" not in sanitize_html(f'<a href="{href}">x</a>')


def test_images_only_from_the_callback_urls() -> None:
    html = '<img src="feuillet-asset:ab" alt="a"><img src="https://e.org/t.png" alt="b">'
    assert sanitize_html(html) == '<img alt="a"><img alt="b">'
    kept = sanitize_html(html, allowed_image_prefixes=["feuillet-asset:"])
    assert kept == '<img src="feuillet-asset:ab" alt="a"><img alt="b">'
    exact = sanitize_html(html, allowed_image_sources={"feuillet-asset:ab"})
    assert exact == kept


def test_data_image_prefix_for_single_file_export() -> None:
    html = '<img src="data:image/png;base64,iVBOR" alt="a"><a href="data:image/png;base64,x">l</a>'
    cleaned = sanitize_html(html, allowed_image_prefixes=["data:image/png;"])
    assert 'src="data:image/png;base64,iVBOR"' in cleaned
    assert "href" not in cleaned
    svg = sanitize_html(
        '<img src="data:image/svg+xml;base64,x">', allowed_image_prefixes=["data:image/"]
    )
    assert "src" not in svg


def test_ids_from_toc_and_footnotes_survive(renderer: Renderer) -> None:
    html = renderer.render("# Le titre\n\nTexte[^1].\n\n[^1]: La note.").html
    assert 'id="le-titre"' in html
    assert 'id="fnref:1"' in html and 'href="#fn:1"' in html
    assert 'id="fn:1"' in html and 'href="#fnref:1"' in html


def test_tables_use_align_not_style(renderer: Renderer) -> None:
    html = renderer.render("| a | b |\n|:--|--:|\n| 1 | 2 |").html
    assert 'align="left"' in html and 'align="right"' in html and "style" not in html


def test_attribute_list_cannot_add_handlers(renderer: Renderer) -> None:
    html = renderer.render('Texte\n{: onclick="alert(1)" style="color:red" .ok #ici }').html
    assert html == '<p class="ok" id="ici">Texte</p>'


def test_class_values_are_filtered() -> None:
    assert sanitize_html('<p class="ok &quot;x&quot; b-2">t</p>') == '<p class="ok b-2">t</p>'


def test_no_comment_survives() -> None:
    assert "<!--" not in sanitize_html("<p>a<!-- secret --></p>")


def test_text_content_is_kept_when_tags_are_stripped() -> None:
    cleaned = sanitize_html("<form><label>Nom</label><button>Envoyer</button></form>")
    assert re.sub(r"<[^>]+>", "", cleaned) == "NomEnvoyer"
