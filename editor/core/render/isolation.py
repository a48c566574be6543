"""Render untrusted or huge input in a separate process, with a deadline.

Some inputs make Markdown parsers slow (thousands of nested ``>`` or ``[``).
``render_with_timeout`` runs the renderer in a fresh ``spawn`` process and
returns an error result, with the source escaped, when it does not finish in
time or dies; the caller never hangs. Spawn (not fork) because the GUI
process has Qt threads, and forking a threaded process is unsafe.

The asset callback usually cannot be pickled (a bound method of a store, a
lambda), so the assets the text references are resolved here, in the
caller's process, and the child gets a plain lookup table.
"""

from __future__ import annotations

import dataclasses
import multiprocessing
import re
from multiprocessing.connection import Connection

from .options import RenderOptions, RenderResult
from .renderer import Renderer, error_result

_ASSET_REF_RE = re.compile(r"asset:([0-9a-fA-F]{1,128})")
_JOIN_SECONDS = 2.0


class AssetTable:
    """A picklable ``asset_url`` callback backed by a dict."""

    def __init__(self, urls: dict[str, str | None]) -> None:
        self.urls = dict(urls)

    def __call__(self, sha256: str) -> str | None:
        return self.urls.get(sha256)


def _portable_options(text: str, options: RenderOptions) -> RenderOptions:
    callback = options.asset_url
    if callback is None or isinstance(callback, AssetTable):
        return options
    urls: dict[str, str | None] = {}
    for sha in {m.group(1).lower() for m in _ASSET_REF_RE.finditer(text)}:
        try:
            urls[sha] = callback(sha)
        except Exception:  # noqa: BLE001 - a failing callback refuses the image
            urls[sha] = None
    return dataclasses.replace(options, asset_url=AssetTable(urls))


def _child_main(connection: Connection, text: str, options: RenderOptions) -> None:
    """Entry point of the child process: render and send the result back."""
    try:
        connection.send(Renderer(options).render(text))
    finally:
        connection.close()


def render_with_timeout(
    text: str, options: RenderOptions | None = None, seconds: float = 10.0
) -> RenderResult:
    """Render ``text`` in a child process; give up after ``seconds``.

    Never raises and never blocks much longer than ``seconds``: a timeout, a
    crash of the child or a failure to start it all yield an error result
    whose HTML is the escaped source.
    """
    options = options or RenderOptions()
    try:
        portable = _portable_options(text, options)
        context = multiprocessing.get_context("spawn")
        receiver, sender = context.Pipe(duplex=False)
        process = context.Process(target=_child_main, args=(sender, text, portable), daemon=True)
        process.start()
    except Exception as exc:  # noqa: BLE001 - report, don't raise
        return error_result(text, f"could not start the render process: {exc}")
    sender.close()
    try:
        if receiver.poll(seconds):
            result = receiver.recv()
            if isinstance(result, RenderResult):
                return result
            return error_result(text, "render process returned nothing usable")
        return error_result(text, f"rendering took longer than {seconds:g} s")
    except (EOFError, OSError) as exc:
        return error_result(text, f"render process failed: {exc or 'no result'}")
    finally:
        receiver.close()
        _stop(process)


def _stop(process: multiprocessing.process.BaseProcess) -> None:
    process.join(timeout=0.05)
    if process.is_alive():
        process.terminate()
        process.join(timeout=_JOIN_SECONDS)
    if process.is_alive():
        process.kill()
        process.join(timeout=_JOIN_SECONDS)
    process.close()
