"""Shared steps of every export: render the issue, process its images, link them.

The renderer is given ``assets/<sha256>`` tokens as image URLs; once the
images are processed, :class:`ImageLinker` rewrites each ``<img>`` for the
target: relative responsive files (bundle), data: URIs (single file) or
absolute URLs under the publication's base URL (e-mail).
"""

from __future__ import annotations

import base64
import os
import threading
from collections.abc import Callable
from concurrent.futures import FIRST_COMPLETED, ThreadPoolExecutor, wait
from dataclasses import dataclass
from urllib.parse import urlsplit

from editor.core.document import AssetStore, IssueDoc
from editor.core.export.errors import ExportCancelled, ExportError
from editor.core.export.htmltools import rewrite_tags
from editor.core.export.images import ImagePipeline, ProcessedImage
from editor.core.export.pages import IssueContent, asset_token, build_content, token_sha

Progress = Callable[[int, int, str], None]
DEFAULT_SIZES = "(min-width: 48em) 42rem, calc(100vw - 2.5rem)"


class Steps:
    """Progress reporting and cancellation checks, shared by every step of an export."""

    def __init__(self, progress: Progress | None, cancel: object | None) -> None:
        self._progress = progress
        self._cancel = cancel
        self.done = 0
        self.total = 1

    def cancelled(self) -> bool:
        cancel = self._cancel
        if cancel is None:
            return False
        if isinstance(cancel, threading.Event):
            return cancel.is_set()
        if callable(cancel):
            return bool(cancel())
        raise TypeError("cancel must be a callable or a threading.Event")

    def check(self) -> None:
        if self.cancelled():
            raise ExportCancelled()

    def advance(self, label: str, count: int = 1) -> None:
        self.check()
        self.done = min(self.total, self.done + count)
        if self._progress is not None:
            self._progress(self.done, self.total, label)


def public_base(issue: IssueDoc) -> str:
    """The publication's base URL ending in "/", or ExportError saying how to set it."""
    base = (issue.publication.base_url or "").strip()
    parts = urlsplit(base)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ExportError(
            f"Publication {issue.publication.name!r} has no valid base URL (got {base!r}). "
            "Set it in the publication settings (for example https://www.example.org/lettre/): "
            "e-mails load their images from the published bundle at that address."
        )
    return base if base.endswith("/") else base + "/"


@dataclass(frozen=True)
class PreparedIssue:
    """An issue rendered once, with its images processed."""

    content: IssueContent
    images: dict[str, ProcessedImage]
    logo_token: str | None
    cache_hits: int


def image_count(issue: IssueDoc, assets: AssetStore) -> int:
    """A cheap upper bound for progress totals (the logo plus every asset reference)."""
    texts = [issue.introduction_markdown, issue.sign_off_markdown] + [
        a.body_markdown for a in issue.articles
    ]
    return sum(text.count("asset:") for text in texts) + (1 if issue.publication.logo_sha256 else 0)


def prepare_issue(
    issue: IssueDoc, assets: AssetStore, pipeline: ImagePipeline, steps: Steps
) -> PreparedIssue:
    """Render the Markdown, then verify and resize every referenced image in parallel."""
    content = build_content(issue, assets, asset_token)
    steps.advance("Rendering articles")
    wanted = set(content.referenced_assets)
    logo = issue.publication.logo_sha256
    logo_token = None
    if logo and assets.asset_info(logo) is not None:
        wanted.add(logo)
        logo_token = asset_token(logo)
    images: dict[str, ProcessedImage] = {}
    if wanted:
        images = _process_all(sorted(wanted), assets, pipeline, steps)
    return PreparedIssue(content, images, logo_token, pipeline.cache_hits)


def _process_all(
    shas: list[str], assets: AssetStore, pipeline: ImagePipeline, steps: Steps
) -> dict[str, ProcessedImage]:
    def work(sha: str) -> ProcessedImage:
        info = assets.asset_info(sha)
        label = info.original_name if info else ""
        return pipeline.process(sha, lambda: assets.asset_bytes(sha), label)

    results: dict[str, ProcessedImage] = {}
    workers = max(1, min(4, os.cpu_count() or 1, len(shas)))
    with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="export-image") as pool:
        pending = {pool.submit(work, sha): sha for sha in shas}
        try:
            while pending:
                finished, _ = wait(pending, timeout=0.1, return_when=FIRST_COMPLETED)
                steps.check()  # also while a long image is being decoded
                for future in finished:
                    sha = pending.pop(future)
                    results[sha] = future.result()
                    steps.advance(f"Image {len(results)}/{len(shas)}")
        except BaseException:
            for future in pending:
                future.cancel()
            raise
    return results


class ImageLinker:
    """Rewrites the export's image tokens in a page for one target."""

    def __init__(
        self,
        images: dict[str, ProcessedImage],
        mode: str,
        *,
        base_url: str = "",
        display_width: int = 960,
        max_attr_width: int | None = None,
        sizes: str = DEFAULT_SIZES,
    ) -> None:
        if mode not in ("files", "data", "absolute"):
            raise ValueError(mode)
        self._images = images
        self._mode = mode
        self._base_url = base_url
        self._display_width = display_width
        self._max_attr_width = max_attr_width
        self._sizes = sizes

    def rewrite(self, page: str, depth: int = 0) -> str:
        up = "../" * depth

        def attributes_for(attributes: dict[str, str]) -> dict[str, str] | None:
            sha = token_sha(attributes.get("src", ""))
            if sha is None:
                return None
            attributes.setdefault("alt", "")  # an <img> without alt is invalid HTML
            image = self._images.get(sha)
            if image is None:
                attributes.pop("src", None)
                return attributes
            variant = image.best_for(self._display_width)
            width, height = variant.width, variant.height
            if self._max_attr_width and width > self._max_attr_width:
                width, height = self._max_attr_width, round(height * self._max_attr_width / width)
            if "width" in attributes:  # the theme asked for a display width (logo)
                requested = int(attributes["width"]) if attributes["width"].isdigit() else width
                height = round(variant.height * requested / variant.width)
                width = requested
            attributes["width"], attributes["height"] = str(width), str(height)
            if self._mode == "files":
                attributes["src"] = f"{up}assets/{variant.name}"
                if len(image.variants) > 1:
                    attributes["srcset"] = image.srcset(f"{up}assets/")
                    attributes["sizes"] = attributes.get("sizes") or self._sizes
                else:
                    attributes.pop("sizes", None)
                attributes.setdefault("loading", "lazy")
                attributes.setdefault("decoding", "async")
            elif self._mode == "data":
                encoded = base64.b64encode(variant.data).decode("ascii")
                attributes["src"] = f"data:{variant.media_type};base64,{encoded}"
                attributes.pop("sizes", None)
            else:
                attributes["src"] = f"{self._base_url}assets/{variant.name}"
                attributes.pop("sizes", None)
            return attributes

        return rewrite_tags(page, "img", attributes_for)
