"""``export_issue``: one entry point for the five export formats.

- ``bundle``: a folder (index.html, articles/<slug>.html, assets/, feed.xml, manifest.json)
- ``zip``: the same bundle as a deterministic .zip
- ``single``: one self-contained HTML file (CSS in <style>, images as data: URIs)
- ``email``: the e-mail theme, CSS inlined, images by absolute URL, plus a .txt
- ``fragment``: body-only HTML to paste into a blog platform's editor

Everything is built in memory, written into a staging folder beside the
target and moved into place at the end (see ``atomic``).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from editor.core.document import AssetStore, IssueDoc
from editor.core.export import atomic
from editor.core.export.archive import write_zip
from editor.core.export.email import build_email
from editor.core.export.errors import ExportError
from editor.core.export.feed import build_feed
from editor.core.export.images import ImagePipeline
from editor.core.export.manifest import MANIFEST_NAME, build_manifest
from editor.core.export.pages import PageBuilder, stylesheet_for
from editor.core.export.paths import safe_join
from editor.core.export.site import (
    ImageLinker,
    PreparedIssue,
    Steps,
    image_count,
    prepare_issue,
    public_base,
)
from editor.core.export.themes import Theme, find_theme

FORMATS = ("bundle", "zip", "single", "email", "fragment")
STYLESHEET_PATH = "assets/style.css"


@dataclass(frozen=True)
class ExportResult:
    """What an export produced, for the window's report and the CLI."""

    format: str
    path: Path
    files: tuple[str, ...]
    total_bytes: int
    images: int
    cache_hits: int
    seconds: float
    extra_paths: tuple[Path, ...] = ()
    public_url: str = ""
    warnings: tuple[str, ...] = field(default_factory=tuple)


def _web_theme(issue: IssueDoc, name: str | None, themes_dirs: Iterable[Path | str]) -> Theme:
    if name:
        return find_theme(name, kind="web", themes_dirs=themes_dirs)
    preferred = find_theme(issue.publication.theme or "newsletter", themes_dirs=themes_dirs)
    if preferred.kind == "web":
        return preferred
    return find_theme("newsletter", kind="web", themes_dirs=themes_dirs)


def _online_url(issue: IssueDoc, slug: str) -> str:
    try:
        return public_base(issue) + slug + "/"
    except ExportError:
        return ""


def build_bundle_files(
    prepared: PreparedIssue, theme: Theme, steps: Steps, *, online_url: str = ""
) -> dict[str, bytes]:
    """Every file of the bundle, relative path → bytes (the zip packs the same)."""
    content = prepared.content
    builder = PageBuilder(
        theme,
        content,
        logo_src=prepared.logo_token,
        stylesheet_href=STYLESHEET_PATH,
        online_url=online_url,
    )
    linker = ImageLinker(prepared.images, "files")
    files: dict[str, bytes] = {}
    files["index.html"] = linker.rewrite(builder.issue_page(), 0).encode("utf-8")
    steps.advance("Issue page")
    for index, article in enumerate(content.articles):
        page = linker.rewrite(builder.article_page(index), 1)
        files[f"articles/{article.slug}.html"] = page.encode("utf-8")
        steps.advance(f"Article {index + 1}/{len(content.articles)}")
    for image in prepared.images.values():
        for variant in image.variants:
            files[f"assets/{variant.name}"] = variant.data
    files[STYLESHEET_PATH] = stylesheet_for(theme, content.issue).encode("utf-8")
    bodies = [linker.rewrite(str(a.body), 0) for a in content.articles]
    files["feed.xml"] = build_feed(content, bodies, online_url=online_url)
    files[MANIFEST_NAME] = build_manifest(content, files, online_url=online_url)
    steps.advance("Feed and manifest")
    return files


def _write_tree(root: Path, files: dict[str, bytes]) -> None:
    for relative, data in sorted(files.items()):
        path = safe_join(root, relative)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)


def export_issue(
    issue: IssueDoc,
    assets: AssetStore,
    fmt: str,
    out_path: Path | str,
    *,
    force: bool = False,
    progress: Callable[[int, int, str], None] | None = None,
    cancel: Callable[[], bool] | object | None = None,
    cache_dir: Path | str | None = None,
    themes_dirs: Iterable[Path | str] = (),
    theme: str | None = None,
) -> ExportResult:
    """Export ``issue`` as ``fmt`` to ``out_path``; raise ExportError on any failure.

    ``progress(done, total, label)`` is called after each step; ``cancel`` (a
    callable returning True, or a threading.Event) is checked between steps.
    A failure or a cancellation leaves whatever was at ``out_path`` untouched.
    """
    started = time.perf_counter()
    if fmt not in FORMATS:
        raise ExportError(f"Unknown export format {fmt!r} (choose from {', '.join(FORMATS)}).")
    themes_dirs = tuple(themes_dirs)
    steps = Steps(progress, cancel)
    target = atomic.check_target(Path(out_path), force=force)
    extra_target = _text_alternative(target) if fmt == "email" else None
    if extra_target is not None:
        atomic.check_target(extra_target, force=force)
    if fmt == "email":
        chosen = find_theme(theme or "email", kind="email", themes_dirs=themes_dirs)
        public_base(issue)  # fail before any work when the e-mail cannot be made
    else:
        chosen = _web_theme(issue, theme, themes_dirs)
    steps.total = 4 + image_count(issue, assets) + len(issue.articles)
    steps.check()

    pipeline = ImagePipeline(Path(cache_dir) if cache_dir else None)
    staging = atomic.staging_dir(target)
    try:
        prepared = prepare_issue(issue, assets, pipeline, steps)
        content = prepared.content
        online_url = _online_url(issue, content.slug)
        outputs = _build_format(fmt, prepared, chosen, steps, online_url)
        steps.check()
        built = staging / "out"
        if fmt == "bundle":
            built.mkdir()
            _write_tree(built, outputs)
        elif fmt == "zip":
            write_zip(built, outputs, root=content.slug)
        else:
            built.write_bytes(outputs["main"])
        if extra_target is not None:
            (staging / "out.txt").write_bytes(outputs["text"])
        steps.check()  # last chance: after this the target changes
        # The HTML first: a failure in between leaves the new HTML with the old
        # text version rather than a text version without its HTML.
        atomic.publish(built, target)
        if extra_target is not None:
            atomic.publish(staging / "out.txt", extra_target)
    except OSError as exc:
        raise ExportError(f"Could not write the export to {target}: {exc}") from exc
    finally:
        atomic.discard(staging)
    steps.advance("Done")

    names = tuple(sorted(outputs)) if fmt == "bundle" else (target.name,)
    warnings = [
        f"Image {sha[:12]} is referenced but is not in the library; it was left out."
        for sha in sorted(content.missing_assets)
    ]
    if fmt == "email":
        warnings.append(
            f"The e-mail loads its images from {online_url}assets/: publish the bundle there."
        )
    return ExportResult(
        format=fmt,
        path=target,
        files=names,
        total_bytes=target.stat().st_size if fmt == "zip" else sum(map(len, outputs.values())),
        images=len(prepared.images),
        cache_hits=prepared.cache_hits,
        seconds=time.perf_counter() - started,
        extra_paths=(extra_target,) if extra_target else (),
        public_url=online_url,
        warnings=tuple(warnings),
    )


def _build_format(
    fmt: str, prepared: PreparedIssue, theme: Theme, steps: Steps, online_url: str
) -> dict[str, bytes]:
    content = prepared.content
    if fmt in ("bundle", "zip"):
        return build_bundle_files(prepared, theme, steps, online_url=online_url)
    if fmt == "email":
        html, text = build_email(prepared, theme, online_url=online_url)
        steps.advance("E-mail")
        return {"main": html.encode("utf-8"), "text": text.encode("utf-8")}
    builder = PageBuilder(
        theme, content, logo_src=prepared.logo_token, online_url=online_url, has_article_pages=False
    )
    if fmt == "single":
        page = ImageLinker(prepared.images, "data").rewrite(builder.issue_page(), 0)
    else:  # fragment: absolute image URLs when the bundle is published, else embedded
        linker = (
            ImageLinker(prepared.images, "absolute", base_url=online_url)
            if online_url
            else ImageLinker(prepared.images, "data")
        )
        page = linker.rewrite(builder.issue_page(template="fragment.html"), 0)
    steps.advance("Page")
    return {"main": page.encode("utf-8")}


def _text_alternative(target: Path) -> Path:
    """``lettre.html`` → ``lettre.txt``; any other name gets ``.txt`` appended, so
    that the text version can never be the HTML file itself."""
    if target.suffix.lower() in (".html", ".htm"):
        return target.with_suffix(".txt")
    return target.with_name(target.name + ".txt")
