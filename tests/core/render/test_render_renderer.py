"""The Renderer API: assets, facts for the checker, ids, robustness."""

from __future__ import annotations

from editor.core.render import (
    Renderer,
    RenderOptions,
    render_markdown,
    sanitize_html,
)

SHA = "cd" * 32
OTHER = "ef" * 32


def test_asset_images_are_resolved_through_the_callback() -> None:
    seen: list[str] = []

    def asset_url(sha: str) -> str | None:
        seen.append(sha)
        return f"assets/{sha}.jpg" if sha == SHA else None

    text = f"![Les cadres]({'asset:' + SHA})\n\n![](asset:{OTHER})\n\n![Logo](asset:{SHA.upper()})"
    result = Renderer(RenderOptions(asset_url=asset_url)).render(text)
    assert f'<img alt="Les cadres" src="assets/{SHA}.jpg">' in result.html
    assert result.referenced_assets == (SHA, OTHER)
    assert result.images_missing_alt == (f"asset:{OTHER}",)
    assert result.refused_images == (f"asset:{OTHER}",)
    assert '<span class="image-refused"></span>' in result.html
    assert set(seen) == {SHA, OTHER}


def test_remote_images_are_never_output() -> None:
    result = Renderer(RenderOptions(asset_url=lambda s: "x")).render(
        "![Carte](https://example.org/carte.png)"
    )
    assert result.html == '<p><span class="image-refused">Carte</span></p>'
    assert result.refused_images == ("https://example.org/carte.png",)


def test_a_callback_that_raises_or_returns_javascript_refuses_the_image() -> None:
    def boom(sha: str) -> str:
        raise RuntimeError("store closed")

    for callback in (boom, lambda s: "javascript:alert(1)", lambda s: "//host/x.png"):
        result = Renderer(RenderOptions(asset_url=callback)).render(f"![a](asset:{SHA})")
        assert result.ok and "<img" not in result.html


def test_headings_links_and_toc() -> None:
    text = "# Titre\n\n## Partie un\n\nVoir [la suite](#partie-deux).\n\n## Partie deux"
    result = Renderer(RenderOptions(language="en")).render(text)
    assert [tuple(h) for h in result.headings] == [
        (1, "titre", "Titre"),
        (2, "partie-un", "Partie un"),
        (2, "partie-deux", "Partie deux"),
    ]
    assert [tuple(link) for link in result.links] == [("#partie-deux", "la suite")]
    assert [e.id for e in result.toc] == ["titre"]
    assert [e.name for e in result.toc[0].children] == ["Partie un", "Partie deux"]
    assert set(result.anchors) == {"titre", "partie-un", "partie-deux"}


def test_heading_base_level() -> None:
    html = render_markdown("# Titre\n\n## Sous-titre", RenderOptions(heading_base_level=3))
    assert html.startswith('<h3 id="titre">') and "<h4" in html


def test_id_prefix_applies_to_ids_and_internal_links() -> None:
    result = Renderer(RenderOptions(id_prefix="a12-")).render("# T\n\nX[^1] [t](#t)\n\n[^1]: n")
    assert 'id="a12-t"' in result.html and 'href="#a12-t"' in result.html
    assert 'id="a12-fn:1"' in result.html and 'href="#a12-fn:1"' in result.html
    assert result.toc[0].id == "a12-t"


def test_renderer_is_reusable_and_resets_between_documents() -> None:
    renderer = Renderer(RenderOptions(asset_url=lambda s: "feuillet-asset:" + s))
    first = renderer.render(f"# A\n\n![x](asset:{SHA})\n\nNote[^1]\n\n[^1]: un")
    second = renderer.render("# A\n\nrien")
    assert first.referenced_assets == (SHA,) and second.referenced_assets == ()
    assert 'id="a"' in second.html and "footnote" not in second.html


def test_render_never_raises_and_flags_errors() -> None:
    result = Renderer().render("[" * 5000 + "texte <b>")
    assert result.error is not None
    assert "texte &lt;b&gt;" in result.html and "<b>" not in result.html
    assert sanitize_html(result.html) == result.html


def test_internal_failure_returns_escaped_source(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    renderer = Renderer()

    def broken(text: str) -> str:
        raise ValueError("boom")

    md = renderer._markdown()  # noqa: SLF001 - simulate a bug deep in Markdown
    monkeypatch.setattr(md, "convert", broken)
    result = renderer.render("Bonjour <i>\n\nsecond")
    assert result.error == "ValueError: boom"
    assert result.html == (
        '<p class="render-error">Bonjour &lt;i&gt;</p>\n<p class="render-error">second</p>'
    )
    # The next render rebuilds a working instance.
    assert renderer.render("ok").html == "<p>ok</p>"


def test_empty_and_whitespace_documents() -> None:
    assert render_markdown("") == ""
    assert render_markdown("   \n\n  ") == ""
