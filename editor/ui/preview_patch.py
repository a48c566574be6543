"""Patching the preview page block by block, instead of reloading it.

The live region of a preview page (the article body, or the issue's
introduction) is a run of top-level blocks, each framed by comments::

    <!--feuillet-live--> <!--b:ID--> …block html… <!--/b--> … <!--/feuillet-live-->

Comments rather than wrapper elements, so that the DOM (and every theme
selector such as ``.introduction > :first-child``) is exactly the export's.
After an edit the pane computes which ids left and which arrived
(:func:`plan_patch`, or the worker's splice applied by :class:`LiveRegion`)
and runs one small script in the application world (:func:`patch_script`):
1–2.5 ms instead of a 300 ms ``setHtml`` that also loses the scroll position.
Page scripts stay disabled; the application world is not the page's.
"""

from __future__ import annotations

import bisect
import json
from dataclasses import dataclass, field
from typing import Any

LIVE_START = "feuillet-live"
LIVE_END = "/feuillet-live"


def block_markup(block_id: str, html: str) -> str:
    """One block as it sits in the page: framed by its comments."""
    return f"<!--b:{block_id}-->{html}<!--/b-->"


def live_region_markup(blocks: list[tuple[str, str]]) -> str:
    body = "".join(block_markup(block_id, html) for block_id, html in blocks)
    return f"<!--{LIVE_START}-->\n{body}\n<!--{LIVE_END}-->"


@dataclass(frozen=True)
class Patch:
    """Remove these ids, then insert these (in order) before ``before`` (None: at the end)."""

    remove: tuple[str, ...] = ()
    insert: tuple[str, ...] = ()
    before: str | None = None
    extra: dict[str, str] = field(default_factory=dict)

    @property
    def empty(self) -> bool:
        return not self.remove and not self.insert


def plan_patch(old: list[str], new: list[str]) -> Patch:
    """The smallest prefix/suffix-preserving change from ``old`` to ``new`` ids.

    An edit touches one place of the document, so keeping the common head and
    tail and replacing the middle is as small as a general diff in practice,
    and linear.
    """
    head = 0
    limit = min(len(old), len(new))
    while head < limit and old[head] == new[head]:
        head += 1
    tail = 0
    while tail < limit - head and old[-1 - tail] == new[-1 - tail]:
        tail += 1
    removed = old[head : len(old) - tail]
    inserted = new[head : len(new) - tail]
    before = old[len(old) - tail] if tail else None
    return Patch(tuple(removed), tuple(inserted), before)


def changed_lines(old: list[str], new: list[str]) -> tuple[int, int, int]:
    """``(start, old_end, new_end)``: ``old[start:old_end]`` became ``new[start:new_end]``."""
    limit = min(len(old), len(new))
    head = 0
    while head < limit and old[head] == new[head]:
        head += 1
    tail = 0
    while tail < limit - head and old[-1 - tail] == new[-1 - tail]:
        tail += 1
    return head, len(old) - tail, len(new) - tail


class LiveRegion:
    """What the page's live region holds: blocks in order, their source lines, their
    HTML, and the version of the text they show. Updated from the worker's
    replies, each update giving the :class:`Patch` that brings the page along."""

    def __init__(self) -> None:
        self.order: list[str] = []
        self.lines: list[tuple[str, int, int]] = []  # (id, start_line, end_line)
        self.starts: list[int] = []
        self.html: dict[str, str] = {}
        self.version: Any = None

    def load(self, order: list[list[Any]], html: dict[str, str], version: Any) -> None:
        """A new page: these blocks, all of them in it."""
        self.html = dict(html)
        self._set(order)
        self.version = version

    def replace(self, order: list[list[Any]], html: dict[str, str], version: Any) -> Patch:
        """The whole block order (``html``: the blocks the page did not have)."""
        self.html.update(html)
        new_order = [b[0] for b in order]
        patch = plan_patch(self.order, new_order)
        self._set(order)
        self.html = {block_id: self.html[block_id] for block_id in new_order}
        self.version = version
        return patch

    def splice(self, reply: dict[str, Any]) -> Patch:
        """Keep ``head`` and ``tail`` blocks (the latter moved by ``shift`` lines),
        replace those between; O(changed blocks) unless lines were added or removed."""
        head, tail, shift = int(reply["head"]), int(reply["tail"]), int(reply["shift"])
        stop = len(self.order) - tail
        middle = [(b[0], int(b[1]), int(b[2])) for b in reply["blocks"]]
        removed = self.order[head:stop]
        patch = Patch(
            tuple(removed), tuple(b[0] for b in middle), self.order[stop] if tail else None
        )
        for block_id in removed:
            self.html.pop(block_id, None)
        self.html.update(reply["html"])
        self.order[head:stop] = [b[0] for b in middle]
        self.lines[head:stop] = middle
        self.starts[head:stop] = [b[1] for b in middle]
        if shift:
            after = head + len(middle)
            self.lines[after:] = [(i, s + shift, e + shift) for i, s, e in self.lines[after:]]
            self.starts[after:] = [s + shift for s in self.starts[after:]]
        self.version = reply.get("version")
        return patch

    def block_at(self, line: float) -> tuple[str, int, int]:
        """The block holding source ``line`` (the last one starting at or before it)."""
        return self.lines[max(0, bisect.bisect_right(self.starts, line) - 1)]

    def _set(self, order: list[list[Any]]) -> None:
        self.order = [b[0] for b in order]
        self.lines = [(b[0], int(b[1]), int(b[2])) for b in order]
        self.starts = [b[1] for b in self.lines]


# One self-contained function; OPS is a JSON object. It indexes the block
# comments once per document (kept on the application world's window) and
# returns the number of blocks now in the region, or -1 when there is none.
_PATCH_JS = r"""
(function (ops) {
  var F = window.__feuillet || (window.__feuillet = {});
  if (!F.start || !F.start.isConnected) {
    F.marks = new Map(); F.start = null; F.end = null;
    var it = document.createNodeIterator(document.body || document, NodeFilter.SHOW_COMMENT);
    var n;
    while ((n = it.nextNode())) {
      var d = n.data;
      if (d === 'feuillet-live') F.start = n;
      else if (d === '/feuillet-live') F.end = n;
      else if (d.slice(0, 2) === 'b:') F.marks.set(d.slice(2), n);
    }
  }
  if (!F.start || !F.end) return -1;
  (ops.remove || []).forEach(function (id) {
    var node = F.marks.get(id);
    if (!node) return;
    F.marks.delete(id);
    while (node) {
      var next = node.nextSibling;
      var last = node.nodeType === 8 && node.data === '/b';
      node.parentNode.removeChild(node);
      if (last) break;
      node = next;
    }
  });
  var anchor = (ops.before && F.marks.get(ops.before)) || F.end;
  (ops.insert || []).forEach(function (pair) {
    var tpl = document.createElement('template');
    tpl.innerHTML = pair[1];
    var open = document.createComment('b:' + pair[0]);
    anchor.parentNode.insertBefore(open, anchor);
    anchor.parentNode.insertBefore(tpl.content, anchor);
    anchor.parentNode.insertBefore(document.createComment('/b'), anchor);
    F.marks.set(pair[0], open);
  });
  return F.marks.size;
})(%s)
"""

# Scrolls so that the block ``id`` (at ``frac`` of its height) is at the top.
_SCROLL_JS = r"""
(function (id, frac) {
  var F = window.__feuillet || {};
  var node = F.marks && F.marks.get(id);
  if (!node) {
    var it = document.createNodeIterator(document.body, NodeFilter.SHOW_COMMENT);
    var n;
    while ((n = it.nextNode())) { if (n.data === 'b:' + id) { node = n; break; } }
  }
  if (!node) return false;
  var top = null, bottom = null;
  for (var el = node.nextSibling; el && !(el.nodeType === 8 && el.data === '/b'); el = el.nextSibling) {
    if (el.nodeType !== 1) continue;
    var r = el.getBoundingClientRect();
    if (top === null || r.top < top) top = r.top;
    if (bottom === null || r.bottom > bottom) bottom = r.bottom;
  }
  if (top === null) return false;
  var y = window.scrollY + top + (bottom - top) * frac - 12;
  window.scrollTo(0, Math.max(0, y));
  return true;
})(%s, %s)
"""


def patch_script(patch: Patch, html: dict[str, str]) -> str:
    """The script applying ``patch``; ``html`` gives the markup of inserted ids."""
    ops = {
        "remove": list(patch.remove),
        "insert": [[block_id, html[block_id]] for block_id in patch.insert],
        "before": patch.before,
    }
    return _PATCH_JS % json.dumps(ops, ensure_ascii=False)


def scroll_script(block_id: str, fraction: float) -> str:
    return _SCROLL_JS % (json.dumps(block_id), json.dumps(max(0.0, min(1.0, fraction))))


def scroll_fraction_script(fraction: float) -> str:
    """Plain proportional scroll, when the page has no live region."""
    f = json.dumps(max(0.0, min(1.0, fraction)))
    return (
        "window.scrollTo(0, Math.max(0, (document.documentElement.scrollHeight"
        f" - window.innerHeight) * {f}));"
    )
