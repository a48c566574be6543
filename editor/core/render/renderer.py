"""The one Markdown → HTML pipeline: preview, exporters and CLI all use it.

A :class:`Renderer` owns one configured ``markdown.Markdown`` instance (which
is not thread-safe: use one renderer per thread or process) and resets it
between documents. ``render`` never raises: on any internal failure it
returns the escaped source with ``error`` set, so the preview always shows
the user's words.
"""

from __future__ import annotations

import html as html_lib
import re
from typing import Any

import markdown
from markdown.extensions.abbr import AbbrExtension
from markdown.extensions.attr_list import AttrListExtension
from markdown.extensions.def_list import DefListExtension
from markdown.extensions.fenced_code import FencedCodeExtension
from markdown.extensions.footnotes import FootnoteExtension
from markdown.extensions.sane_lists import SaneListExtension
from markdown.extensions.tables import TableExtension
from markdown.extensions.toc import TocExtension

from .extensions.a_lire import ALireExtension
from .extensions.assets import AssetExtension
from .extensions.collect import CollectExtension
from .extensions.events import EventsExtension
from .extensions.figure import FigureExtension
from .extensions.pull_quote import PullQuoteExtension
from .extensions.raw_html import EscapeRawHtmlExtension
from .extensions.source_lines import SourceLinesExtension
from .extensions.typography import TypographyExtension
from .limits import complexity_problem
from .options import RenderOptions, RenderResult, TocEntry, labels_for
from .sanitize import sanitize_html
from .typography import TextState, apply_typography

_BLANK_LINES_RE = re.compile(r"\n\s*\n")
_WHITESPACE_RE = re.compile(r"\s+")


class Renderer:
    """Render Markdown documents with fixed options; reuse it for many documents."""

    def __init__(self, options: RenderOptions | None = None) -> None:
        self._options = options or RenderOptions()
        self._md: markdown.Markdown | None = None
        self._assets: AssetExtension | None = None
        self._collect: CollectExtension | None = None

    @property
    def options(self) -> RenderOptions:
        return self._options

    def render(self, text: str) -> RenderResult:
        """Render a whole document to a sanitised HTML fragment and its facts."""
        try:
            return self._render(text)
        except Exception as exc:  # noqa: BLE001 - the preview must always show something
            # The instance may be half-way through a document: rebuild it next time.
            self._md = None
            return error_result(text, f"{type(exc).__name__}: {exc}")

    def render_inline(self, text: str) -> str:
        """Render a one-line field (a title, a byline): typography and escaping only.

        No Markdown and no ``<p>``: titles are shown as typed, so a title
        starting with "1." or "#" stays a title.
        """
        try:
            flat = _WHITESPACE_RE.sub(" ", text).strip()
            if self._options.typography:
                flat = apply_typography(flat, self._options.language, TextState())
            return html_lib.escape(flat, quote=True)  # safe in attributes of user themes too
        except Exception:  # noqa: BLE001 - never raise on user input
            return html_lib.escape(text, quote=True)

    def _render(self, text: str) -> RenderResult:
        problem = complexity_problem(text)
        if problem is not None:
            return error_result(text, problem)
        md = self._markdown()
        md.reset()
        body = md.convert(text)
        assert self._assets is not None and self._collect is not None
        record = self._assets.record
        facts = self._collect.facts
        html = sanitize_html(body, allowed_image_sources=record.produced)
        toc = _toc_entries(getattr(md, "toc_tokens", []), self._options.id_prefix)
        return RenderResult(
            html=html,
            toc=toc,
            headings=tuple(facts.headings),
            links=tuple(facts.links),
            rejected_links=tuple(facts.rejected_links),
            referenced_assets=tuple(record.referenced),
            images_missing_alt=tuple(record.missing_alt),
            refused_images=tuple(record.refused),
            anchors=tuple(facts.anchors),
        )

    def _markdown(self) -> markdown.Markdown:
        if self._md is None:
            self._md = self._build()
        return self._md

    def _build(self) -> markdown.Markdown:
        options = self._options
        language = options.language
        self._assets = AssetExtension(asset_url=options.asset_url)
        self._collect = CollectExtension(id_prefix=options.id_prefix)
        # The parts of "extra" we use, listed one by one: extra's md_in_html
        # only matters for raw HTML blocks, which Feuillet escapes.
        extensions: list[Any] = [
            AbbrExtension(),
            AttrListExtension(),
            DefListExtension(),
            FencedCodeExtension(),
            FootnoteExtension(BACKLINK_TITLE=labels_for(language).footnote_back),
            TableExtension(use_align_attribute=True),
            SaneListExtension(),
            EscapeRawHtmlExtension(),
            FigureExtension(),
            ALireExtension(language=language),
            EventsExtension(language=language),
            PullQuoteExtension(),
            SourceLinesExtension(),
            self._assets,
            self._collect,
        ]
        if options.toc:
            extensions.append(TocExtension(baselevel=max(1, min(6, options.heading_base_level))))
        if options.typography:
            extensions.append(TypographyExtension(language=language))
        return markdown.Markdown(extensions=extensions, output_format="html")


def render_markdown(text: str, options: RenderOptions | None = None) -> str:
    """Render ``text`` and return only the sanitised HTML (convenience)."""
    return Renderer(options).render(text).html


def error_result(text: str, message: str) -> RenderResult:
    """The fallback result: the source, escaped, one paragraph per block."""
    paragraphs = [p.strip("\n") for p in _BLANK_LINES_RE.split(text) if p.strip()]
    body = "\n".join(
        '<p class="render-error">' + html_lib.escape(p, quote=False).replace("\n", "<br>") + "</p>"
        for p in paragraphs
    )
    return RenderResult(html=body, error=message)


def _toc_entries(tokens: list[dict[str, Any]], id_prefix: str) -> tuple[TocEntry, ...]:
    entries = []
    for token in tokens:
        token_id = str(token.get("id", ""))
        if id_prefix and not token_id.startswith(id_prefix):
            token_id = id_prefix + token_id
        entries.append(
            TocEntry(
                level=int(token.get("level", 1)),
                id=token_id,
                name=html_lib.unescape(str(token.get("name", ""))),
                children=_toc_entries(token.get("children", []), id_prefix),
            )
        )
    return tuple(entries)
