"""Rendering in a separate process with a deadline, and inputs that make parsers crawl."""

from __future__ import annotations

import time

import pytest

from editor.core.render import Renderer, RenderOptions, render_with_timeout

SHA = "12" * 32

# Shapes that are quadratic or worse in Python-Markdown (sizes kept small
# enough that the guards, not the parser, decide how long they take).
FATAL_INPUTS = [
    ">" * 10_000 + " x",
    "[" * 10_000 + "x",
    "[a](" * 5_000,
    "[x](" + "(" * 10_000,
    "\n".join("  " * i + "- x" for i in range(1_000)),
    "`" * 20_000,
    "_" * 20_000 + "a",
    "<" * 20_000,
    "::: figure\n\n" * 3_000,
    "foo <!--- " + "x" * 5_000 + " ->",
    "foo <![CDATA[ " + "x" * 5_000 + " ]>",
    "[foo](<&#x25;test>) [foo](%C3) [foo](&#xD800;)",
]


@pytest.mark.parametrize("text", FATAL_INPUTS, ids=range(len(FATAL_INPUTS)))
def test_fatal_inputs_are_bounded(text: str) -> None:
    start = time.perf_counter()
    result = Renderer().render(text)
    elapsed = time.perf_counter() - start
    assert isinstance(result.html, str)
    # Generous bound: the point is "not minutes", not a benchmark.
    assert elapsed < 3.0


def test_render_with_timeout_returns_the_child_result() -> None:
    result = render_with_timeout(
        f"Bonjour ![photo](asset:{SHA}) !",
        RenderOptions(asset_url=lambda sha: f"feuillet-asset:{sha}"),
        seconds=30,
    )
    assert result.ok
    assert f'src="feuillet-asset:{SHA}"' in result.html
    assert result.referenced_assets == (SHA,)
    assert "\u202f!" in result.html


def test_render_with_timeout_gives_up_in_time() -> None:
    # Slow but below the guards' thresholds: 1,500 nested brackets in
    # separate paragraphs would take the parser many seconds.
    slow = "\n\n".join("[" * 90 + "x" for _ in range(3_000))
    start = time.perf_counter()
    result = render_with_timeout(slow, seconds=0.5)
    elapsed = time.perf_counter() - start
    assert result.error is not None and "longer than" in result.error
    assert elapsed < 10
    assert "[[[" in result.html
