"""Hostile content goes through every export and nothing dangerous comes out.

Uses the renderer's corpus (tests/core/render/hostile_corpus.py) when it
exists, plus attacks aimed at what only the export handles: titles, bylines,
footer lines, colours, theme names and original file names.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
import zipfile
from dataclasses import replace
from pathlib import Path

import pytest
from lxml import html as lxml_html

from editor.core.document import ArticleDoc, AssetInfo, IssueDoc, MemoryAssetStore
from editor.core.export import export_issue
from tests.core.export.conftest import add_asset, make_photo

OWN_CORPUS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "<svg onload=alert(1)><circle r=10/></svg>",
    '<iframe src="https://evil.example"></iframe>',
    '<meta http-equiv="refresh" content="0;url=https://evil.example">',
    "<style>body{background:url(https://evil.example/x)}</style>",
    '<div style="background:url(https://evil.example/t.png)">css</div>',
    "[a](javascript:alert(1)) [b](JaVaScRiPt:alert(1)) [c](jav&#x09;ascript:alert(1))",
    "[d](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==) [e](vbscript:x)",
    "[f](//evil.example/x) [g](/\\evil.example)",
    "![h](https://evil.example/pixel.png) ![i](data:image/svg+xml;base64,PHN2Zz4=)",
    '<a href="javascript:alert(1)" onclick="alert(1)">x</a>',
    '<object data="x.swf"></object><embed src="x"><form action="https://evil.example">',
    '<base href="https://evil.example/"><link rel=stylesheet href="https://evil.example/x.css">',
    '"><script>alert(1)</script>',
    '<math><mi xlink:href="javascript:alert(1)">x</mi></math>',
    "<details open ontoggle=alert(1)>",
    '::: figure\nimage: asset:../../etc/passwd\nalt: x" onerror="alert(1)\n:::',
]


def hostile_markdown() -> list[str]:
    try:
        from tests.core.render.hostile_corpus import HOSTILE_HTML, HOSTILE_MARKDOWN
    except ImportError:
        return OWN_CORPUS
    return OWN_CORPUS + list(HOSTILE_MARKDOWN) + list(HOSTILE_HTML)


EVIL_TEXT = "<script>alert('t')</script>\"><img src=x onerror=alert(1)> ../../../etc/passwd"
ALLOWED_IMAGE_PREFIXES = ("assets/", "../assets/", "data:image/jpeg;", "data:image/png;",
                          "https://territoria.example.org/lettre/")  # fmt: skip
FORBIDDEN_TAGS = {"script", "iframe", "object", "embed", "svg", "math", "form", "base", "frame",
                  "frameset", "applet", "template", "input", "button", "textarea"}  # fmt: skip


def _assert_safe_html(text: str, where: str) -> None:
    """Structural check: what a browser would run or fetch, not what text mentions."""
    root = lxml_html.document_fromstring(text) if "<html" in text else lxml_html.fragment_fromstring(
        text, create_parent="div")  # fmt: skip
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        tag = element.tag.lower()
        assert tag not in FORBIDDEN_TAGS, f"{where}: <{tag}>"
        if tag == "meta":
            assert "http-equiv" not in element.attrib, f"{where}: meta http-equiv"
        if tag == "link":
            assert not re.match(r"\s*(https?:)?//", element.get("href", "")), where
        if tag == "style":
            assert not re.search(r"url\(|@import", element.text or "", re.I), f"{where}: style"
        for name, value in element.attrib.items():
            assert not name.lower().startswith("on"), f"{where}: <{tag} {name}>"
            if name == "style":
                assert not re.search(r"url\(|expression|javascript", value, re.I), where
            if name in {"href", "src", "action", "formaction", "xlink:href", "srcset", "poster"}:
                # as a browser reads it: tab/CR/LF removed anywhere, C0 and space trimmed
                clean = re.sub(r"[\t\n\r]", "", value).strip("".join(map(chr, range(33)))).lower()
                assert not clean.startswith(("javascript:", "vbscript:", "data:text")), where
                assert not clean.startswith(("//", "/\\")), f"{where}: {name}={value}"
                if tag == "img" and name == "src":
                    assert value.startswith(ALLOWED_IMAGE_PREFIXES), f"{where}: img {value[:60]}"


@pytest.fixture
def hostile_issue(issue: IssueDoc, assets: MemoryAssetStore) -> IssueDoc:
    sha = add_asset(assets, make_photo(640, 480), "image/jpeg", "../../../../tmp/evil\\..\\x.jpg")
    assets.add(AssetInfo("e" * 64, "image/svg+xml", 10, 10, "../evil.svg", "svg"),
               b"<svg onload=alert(1)></svg>")  # fmt: skip
    articles = [
        ArticleDoc(id=100 + i, title=f"{EVIL_TEXT} {i}", body_markdown=body + f"\n\n![x](asset:{sha})",
                   kicker=EVIL_TEXT, standfirst=EVIL_TEXT, byline_name=EVIL_TEXT,
                   byline_role=EVIL_TEXT, source=EVIL_TEXT, credit=EVIL_TEXT, tags=(EVIL_TEXT,))
        for i, body in enumerate(hostile_markdown())
    ]  # fmt: skip
    articles.append(ArticleDoc(id=999, title="../../../../evil", body_markdown="x"))
    articles.append(ArticleDoc(id=998, title="CON", body_markdown="x"))
    publication = replace(
        issue.publication,
        name=EVIL_TEXT,
        primary_color="red;}</style><script>alert(1)</script>",
        accent_color="url(https://evil.example/x)",
        footer_lines=(EVIL_TEXT,),
        legal_lines=(EVIL_TEXT,),
        language='fr"><script>',
    )
    return replace(issue, title=EVIL_TEXT, label="../../evil", publication=publication,
                   introduction_markdown=OWN_CORPUS[0], sign_off_markdown=OWN_CORPUS[1],
                   articles=tuple(articles))  # fmt: skip


@pytest.mark.parametrize("fmt", ["bundle", "zip", "single", "email", "fragment"])
def test_nothing_dangerous_in_any_output(tmp_path: Path, hostile_issue: IssueDoc,
                                         assets: MemoryAssetStore, fmt: str) -> None:  # fmt: skip
    outdir = tmp_path / "out"
    outdir.mkdir()
    result = export_issue(hostile_issue, assets, fmt, outdir / f"export.{fmt}")
    produced = [p for p in tmp_path.rglob("*") if p.is_file()]
    # nothing outside the output folder
    assert all(p.resolve().is_relative_to(outdir.resolve()) for p in produced)
    assert {p.name for p in tmp_path.iterdir()} == {"out"}
    texts: dict[str, str] = {}
    if fmt == "zip":
        with zipfile.ZipFile(result.path) as archive:
            for name in archive.namelist():
                assert ".." not in name.split("/") and not name.startswith("/")
                if name.endswith((".html", ".xml", ".json", ".css")):
                    texts[name] = archive.read(name).decode("utf-8")
    else:
        for path in produced:
            if path.suffix in {".html", ".xml", ".json", ".css", ".txt", ".bundle", ".single",
                               ".email", ".fragment"} or path.name == "index.html":  # fmt: skip
                texts[str(path)] = path.read_text(encoding="utf-8")
    assert texts
    for where, text in texts.items():
        if where.endswith(".xml"):
            feed = ET.fromstring(text.encode("utf-8"))
            for content in feed.iter("{http://www.w3.org/2005/Atom}content"):
                _assert_safe_html(content.text or "<p></p>", where)
        elif where.endswith(".css"):
            assert not re.search(r"url\(\s*['\"]?(https?:)?//|@import", text, re.I), where
        elif not where.endswith((".json", ".txt")):
            _assert_safe_html(text, where)
    for path in produced:
        assert not path.name.lower().startswith("con.")
        assert not path.name.endswith(".svg")
