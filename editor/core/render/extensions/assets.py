"""Images: resolve ``asset:<sha256>`` sources, refuse everything else.

Every ``<img>`` in the tree (plain Markdown images and ``::: figure`` images)
passes through here. An ``asset:`` source is given to the caller's
``asset_url`` callback; an image the callback cannot resolve, or any image
from elsewhere (http, data:, a file path), is replaced by
``<span class="image-refused">alt text</span>`` so the words stay and no
remote request can ever be made. The extension records what exporters and
the pre-publish checker need: the hashes referenced, the images without alt
text, the refused sources and the exact URLs produced (the sanitiser keeps
only those).
"""

from __future__ import annotations

import xml.etree.ElementTree as etree

from markdown import Markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

from ..options import AssetUrl
from ..urls import asset_hash, is_acceptable_image_url

PRIORITY = 17  # after inline (20) has turned ![…](…) into <img>


class AssetRecord:
    """What one run saw; reset before every document."""

    def __init__(self) -> None:
        self.referenced: list[str] = []
        self.missing_alt: list[str] = []
        self.refused: list[str] = []
        self.produced: set[str] = set()

    def reset(self) -> None:
        self.__init__()  # type: ignore[misc]


class AssetTreeprocessor(Treeprocessor):
    def __init__(self, md: Markdown, asset_url: AssetUrl | None, record: AssetRecord) -> None:
        super().__init__(md)
        self.asset_url = asset_url
        self.record = record

    def run(self, root: etree.Element) -> None:
        parents = {child: parent for parent in root.iter() for child in parent}
        for img in list(root.iter("img")):
            src = img.get("src", "")
            alt = img.get("alt", "")
            if not alt.strip():
                self.record.missing_alt.append(src)
            url = self._resolve(src)
            if url is not None:
                img.set("src", url)
                self.record.produced.add(url)
                continue
            self.record.refused.append(src)
            parent = parents.get(img)
            if parent is None:
                continue
            replacement = etree.Element("span", {"class": "image-refused"})
            replacement.text = alt
            replacement.tail = img.tail
            parent.insert(list(parent).index(img), replacement)
            parent.remove(img)

    def _resolve(self, src: str) -> str | None:
        sha = asset_hash(src)
        if sha is None:
            return None
        if sha not in self.record.referenced:
            self.record.referenced.append(sha)
        if self.asset_url is None:
            return None
        try:
            url = self.asset_url(sha)
        except Exception:  # noqa: BLE001 - a failing callback only refuses the image
            return None
        if not isinstance(url, str) or not is_acceptable_image_url(url):
            return None
        return url


class AssetExtension(Extension):
    """Resolve library images through ``asset_url`` and record what was seen."""

    def __init__(self, asset_url: AssetUrl | None = None, **kwargs: object) -> None:
        self.asset_url = asset_url
        self.record = AssetRecord()
        super().__init__(**kwargs)

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 (Markdown API)
        md.registerExtension(self)
        md.treeprocessors.register(
            AssetTreeprocessor(md, self.asset_url, self.record), "feuillet_assets", PRIORITY
        )

    def reset(self) -> None:
        self.record.reset()
