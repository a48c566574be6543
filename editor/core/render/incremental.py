"""Incremental rendering for the live preview: render only the blocks that changed.

``split_blocks`` cuts a document into top-level blocks the way Python-Markdown
would group them, conservatively: it keeps together anything whose rendering
depends on a neighbour (adjacent blockquotes and lists, indented
continuations, fenced code with blank lines, tables, ``::: …`` blocks). Each
block is rendered on its own and cached by the hash of its text, so a
one-character edit re-renders one block, and the preview patches only the
blocks whose id is new. The renderer keeps the document's lines and its
blocks (:class:`~.splitter.IncrementalSplitter`): an edit re-cuts only the
groups around the edited lines and hashes only those; :meth:`IncrementalRenderer.apply_edit`
takes the edited line range directly (the preview worker's delta protocol),
:meth:`IncrementalRenderer.render` finds it by comparing lines. Measured here at
20k words: ~1 ms per one-character edit plus the changed block's render (was
~10 ms when every edit split and hashed the whole text), against ~200–400 ms
for a full render. The document-level ``html`` and ``result`` of an update are
built only when asked for.

Some Markdown needs the whole document: footnotes, reference-style link
definitions, abbreviations and the ``[TOC]`` marker, and heading ids that
must be unique across the document. For those documents the renderer falls
back to one full render (``full=True``); per-block output would differ.
"""

from __future__ import annotations

import hashlib
from collections import OrderedDict
from dataclasses import dataclass, field
from functools import cached_property

from markdown.extensions.toc import nest_toc_tokens

from .options import RenderOptions, RenderResult, TocEntry
from .renderer import Renderer
from .splitter import Block, IncrementalSplitter

__all__ = ["BlockCache", "IncrementalRenderer", "IncrementalResult", "RenderedBlock"]


@dataclass(frozen=True)
class RenderedBlock:
    id: str
    start_line: int
    end_line: int
    html: str


@dataclass(frozen=True)
class IncrementalResult:
    """One preview update.

    ``changed_ids`` are the blocks the page does not have yet (new or edited),
    ``removed_ids`` those it must drop; ``full`` asks for a whole-page
    replacement (first render, or a document that needs a full pass).
    ``html`` and ``result`` (the document-level result) are computed on first use.
    """

    blocks: tuple[RenderedBlock, ...]
    changed_ids: tuple[str, ...]
    removed_ids: tuple[str, ...]
    full: bool
    parts: tuple[RenderResult, ...] = field(repr=False, default=())
    whole: RenderResult | None = field(repr=False, default=None)

    @cached_property
    def html(self) -> str:
        return "\n".join(r.html for r in self.blocks if r.html)

    @cached_property
    def result(self) -> RenderResult:
        return self.whole if self.whole is not None else _merge(list(self.parts))


class BlockCache:
    """A bounded LRU cache of rendered blocks, keyed by the digest of their text."""

    def __init__(self, max_entries: int = 4096) -> None:
        self._entries: OrderedDict[str, RenderResult] = OrderedDict()
        self._max = max_entries

    def get(self, key: str) -> RenderResult | None:
        result = self._entries.get(key)
        if result is not None:
            self._entries.move_to_end(key)
        return result

    def put(self, key: str, result: RenderResult) -> None:
        self._entries[key] = result
        self._entries.move_to_end(key)
        while len(self._entries) > self._max:
            self._entries.popitem(last=False)

    def clear(self) -> None:
        self._entries.clear()

    def __len__(self) -> int:
        return len(self._entries)


class IncrementalRenderer:
    """Render a document block by block, reusing the blocks that did not change.

    Not thread-safe (it owns a :class:`Renderer`); keep one per preview worker.
    ``render(text).html`` equals ``Renderer(options).render(text).html``.
    """

    def __init__(self, options: RenderOptions | None = None, *, cache_size: int = 4096) -> None:
        self._renderer = Renderer(options)
        self._cache = BlockCache(cache_size)
        self._previous_ids: tuple[str, ...] = ()
        self._splitter = IncrementalSplitter()
        self._last_blocks: tuple[RenderedBlock, ...] = ()
        self._last_split: list[Block] = []  # the blocks of the last render, as cut
        self._last_parts: list[RenderResult] = []  # and their renderings
        self._line_count = 0

    @property
    def cache(self) -> BlockCache:
        return self._cache

    @property
    def lines(self) -> list[str]:
        """The document's lines as last rendered (do not modify)."""
        return self._splitter.lines

    @property
    def block_ids(self) -> tuple[str, ...]:
        """The ids the page has after the last render, in order."""
        return self._previous_ids

    @property
    def last_blocks(self) -> tuple[RenderedBlock, ...]:
        """The blocks of the last render, in order."""
        return self._last_blocks

    @property
    def splitter(self) -> IncrementalSplitter:
        return self._splitter

    def reset(self) -> None:
        """Forget the page state (the next render is a full one) and the cache."""
        self._cache.clear()
        self._previous_ids = ()
        self._last_blocks = ()
        self._splitter.reset()
        self._last_split, self._last_parts, self._line_count = [], [], 0

    def render(self, text: str) -> IncrementalResult:
        lines = text.split("\n")
        if "\r" in text:
            # Line ends other than "\n" are normalised by the cut: no line diff.
            self._splitter.reset()
            lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
        self._splitter.split(lines)
        return self._update(lines, text)

    def apply_edit(self, start: int, end: int, new_lines: list[str]) -> IncrementalResult:
        """Replace lines ``start:end`` of the last rendered document with ``new_lines``
        (none containing a line break) and render the result."""
        self._splitter.edit(start, end, new_lines)
        return self._update(self._splitter.lines)

    def _update(self, lines: list[str], text: str | None = None) -> IncrementalResult:
        previous = self._previous_ids
        if self._splitter.needs_whole_document:
            return self._full("\n".join(lines) if text is None else text, previous)
        blocks = self._splitter.blocks
        old_blocks, old_parts, old_rendered = self._last_split, self._last_parts, self._last_blocks
        if not old_blocks:
            old_rendered = ()  # nothing to keep after a full render
        # The unchanged blocks before and after the edit keep their rendering and
        # their id: only the blocks between are looked up (and rendered if new).
        shift = len(lines) - self._line_count
        limit = min(len(blocks), len(old_blocks))
        head = 0
        while head < limit and _same(blocks[head], old_blocks[head], 0):
            head += 1
        tail = 0
        while tail < limit - head and _same(blocks[-1 - tail], old_blocks[-1 - tail], shift):
            tail += 1
        middle = blocks[head : len(blocks) - tail]
        reuse = (
            {b.digest: part for b, part in zip(old_blocks, old_parts, strict=True)}
            if len(middle) > 32
            else {}
        )
        middle_parts = [reuse.get(b.digest) or self._render_block(b) for b in middle]
        kept_tail = len(old_blocks) - tail
        results = old_parts[:head] + middle_parts + old_parts[kept_tail:]
        if _has_duplicate_ids(results):
            # toc numbers repeated heading ids across the document: full pass.
            return self._full("\n".join(lines) if text is None else text, previous)
        # Ids: the kept blocks keep theirs (even when an identical block was edited
        # before them, which renumbers split_blocks' ids); new ones take their
        # content id, numbered only if that is taken.
        used = set(previous[:head])
        used.update(previous[kept_tail:])
        fresh = []
        for block, part in zip(middle, middle_parts, strict=True):
            block_id = _free_id(block.digest, used)
            fresh.append(RenderedBlock(block_id, block.start_line, block.end_line, part.html))
        tail_blocks = old_rendered[kept_tail:]
        if shift:
            tail_blocks = tuple(
                RenderedBlock(r.id, r.start_line + shift, r.end_line + shift, r.html)
                for r in tail_blocks
            )
        rendered = (*old_rendered[:head], *fresh, *tail_blocks)
        ids = tuple(r.id for r in rendered)
        self._previous_ids, self._last_blocks = ids, rendered
        self._last_split, self._last_parts, self._line_count = list(blocks), results, len(lines)
        removed = set(previous[head:kept_tail])
        inserted = {r.id for r in fresh}
        return IncrementalResult(
            blocks=rendered,
            changed_ids=tuple(r.id for r in fresh if r.id not in removed or not previous),
            removed_ids=tuple(i for i in previous[head:kept_tail] if i not in inserted),
            full=not previous,
            parts=tuple(results),
        )

    def _render_block(self, block: Block) -> RenderResult:
        cached = self._cache.get(block.digest)
        if cached is None:
            cached = self._renderer.render(block.text)
            self._cache.put(block.digest, cached)
        return cached

    def _full(self, text: str, previous: tuple[str, ...]) -> IncrementalResult:
        result = self._renderer.render(text)
        digest = hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=8).hexdigest()
        block_id = f"full{digest}"
        line_count = text.count("\n") + 1
        self._previous_ids = (block_id,)
        self._last_blocks = (RenderedBlock(block_id, 0, line_count, result.html),)
        self._last_split, self._last_parts, self._line_count = [], [], line_count
        return IncrementalResult(
            blocks=self._last_blocks,
            changed_ids=(block_id,),
            removed_ids=tuple(i for i in previous if i != block_id),
            full=True,
            whole=result,
        )


def _same(block: Block, old: Block, shift: int) -> bool:
    """``block`` is ``old`` moved by ``shift`` lines (same text)."""
    return block is old or (
        block.digest == old.digest and block.start_line == old.start_line + shift
    )


def _free_id(digest: str, used: set[str]) -> str:
    """The content id of a block, numbered when an identical block already has it."""
    block_id, count = f"b{digest[:16]}", 0
    while block_id in used:
        count += 1
        block_id = f"b{digest[:16]}-{count}"
    used.add(block_id)
    return block_id


def _has_duplicate_ids(results: list[RenderResult]) -> bool:
    seen: set[str] = set()
    for result in results:
        for anchor in result.anchors:
            if anchor in seen:
                return True
            seen.add(anchor)
    return False


def _merge(results: list[RenderResult]) -> RenderResult:
    """One document-level result from the per-block ones."""
    assets: dict[str, None] = {}
    for result in results:
        assets.update(dict.fromkeys(result.referenced_assets))
    flat = [
        {"level": e.level, "id": e.id, "name": e.name}
        for result in results
        for e in _flatten(result.toc)
    ]
    errors = [r.error for r in results if r.error]
    return RenderResult(
        html="\n".join(r.html for r in results if r.html),
        toc=_to_entries(nest_toc_tokens(flat)),
        headings=tuple(h for r in results for h in r.headings),
        links=tuple(link for r in results for link in r.links),
        rejected_links=tuple(link for r in results for link in r.rejected_links),
        referenced_assets=tuple(assets),
        images_missing_alt=tuple(i for r in results for i in r.images_missing_alt),
        refused_images=tuple(i for r in results for i in r.refused_images),
        anchors=tuple(a for r in results for a in r.anchors),
        error=errors[0] if errors else None,
    )


def _flatten(entries: tuple[TocEntry, ...]) -> list[TocEntry]:
    flat: list[TocEntry] = []
    for entry in entries:
        flat.append(entry)
        flat.extend(_flatten(entry.children))
    return flat


def _to_entries(tokens: list[dict[str, object]]) -> tuple[TocEntry, ...]:
    return tuple(
        TocEntry(
            level=int(str(t["level"])),
            id=str(t["id"]),
            name=str(t["name"]),
            children=_to_entries(t.get("children", [])),  # type: ignore[arg-type]
        )
        for t in tokens
    )
