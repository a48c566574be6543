"""Every export format, from the sample French issue."""

from __future__ import annotations

import hashlib
import io
import json
import re
import threading
import xml.etree.ElementTree as ET
import zipfile
from dataclasses import replace
from pathlib import Path

import pytest
from PIL import Image

import editor
from editor.core.document import IssueDoc, MemoryAssetStore
from editor.core.export import ExportCancelled, ExportError, export_issue

ATOM = "{http://www.w3.org/2005/Atom}"


def test_bundle_layout(tmp_path: Path, issue: IssueDoc, assets: MemoryAssetStore) -> None:
    result = export_issue(issue, assets, "bundle", tmp_path / "out")
    out = result.path
    assert (out / "index.html").is_file() and (out / "feed.xml").is_file()
    pages = sorted(p.name for p in (out / "articles").iterdir())
    assert len(pages) == len(issue.articles)
    assert "projet-d-administration-mutualise-pour-2014-2020.html" in pages
    assert (out / "assets" / "style.css").is_file()
    index = (out / "index.html").read_text()
    assert 'srcset="assets/' in index and "sizes=" in index
    article = (out / "articles" / pages[0]).read_text()
    assert 'href="../index.html"' in article and 'href="../assets/style.css"' in article
    # every local reference resolves to a file of the bundle
    for page in [out / "index.html", *(out / "articles").iterdir()]:
        for ref in re.findall(r'(?:src|href)="([^"#:]+)"', page.read_text()):
            assert (page.parent / ref).resolve().is_file(), (page.name, ref)


def test_manifest_lists_every_file(
    tmp_path: Path, issue: IssueDoc, assets: MemoryAssetStore
) -> None:
    out = export_issue(issue, assets, "bundle", tmp_path / "out").path
    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["generator"] == {"name": "Feuillet", "version": editor.__version__}
    assert manifest["issue"]["date"] == "2017-08-07" and manifest["issue"]["id"] == 29
    listed = {f["path"]: f for f in manifest["files"]}
    on_disk = {p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file()}
    assert set(listed) == on_disk - {"manifest.json"}
    for path, entry in listed.items():
        data = (out / path).read_bytes()
        assert entry["size"] == len(data) and entry["sha256"] == hashlib.sha256(data).hexdigest()


def test_feed_is_valid_atom(tmp_path: Path, issue: IssueDoc, assets: MemoryAssetStore) -> None:
    out = export_issue(issue, assets, "bundle", tmp_path / "out").path
    root = ET.fromstring((out / "feed.xml").read_bytes())
    assert root.tag == f"{ATOM}feed"
    for tag in ("id", "title", "updated", "author"):
        assert root.find(f"{ATOM}{tag}") is not None
    entries = root.findall(f"{ATOM}entry")
    assert len(entries) == len(issue.articles)
    ids = set()
    for entry in entries:
        for tag in ("id", "title", "updated", "content"):
            assert entry.find(f"{ATOM}{tag}") is not None
        assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", entry.find(f"{ATOM}updated").text)
        ids.add(entry.find(f"{ATOM}id").text)
        href = entry.find(f"{ATOM}link").get("href")
        assert (out / href).is_file()
    assert len(ids) == len(entries)


def test_zip_is_byte_identical_across_exports(
    tmp_path: Path, issue: IssueDoc, assets: MemoryAssetStore
) -> None:
    one = export_issue(issue, assets, "zip", tmp_path / "one.zip", cache_dir=tmp_path / "c").path
    two = export_issue(issue, assets, "zip", tmp_path / "two.zip").path  # no cache: recomputed
    assert one.read_bytes() == two.read_bytes()
    with zipfile.ZipFile(one) as archive:
        names = archive.namelist()
        assert names == sorted(names)
        assert "semaine-29/index.html" in names and "semaine-29/manifest.json" in names
        assert all(not n.startswith(("/", "..")) and "\\" not in n for n in names)


def test_single_file_is_self_contained(
    tmp_path: Path, issue: IssueDoc, assets: MemoryAssetStore
) -> None:
    page = export_issue(issue, assets, "single", tmp_path / "issue.html").path.read_text()
    assert "<style>" in page and "<link" not in page
    sources = re.findall(r'<img [^>]*src="([^"]+)"', page)
    assert sources and all(s.startswith("data:image/") for s in sources)
    assert "articles/" not in page  # no link to pages that do not exist
    assert "srcset" not in page


def test_email(tmp_path: Path, issue: IssueDoc, assets: MemoryAssetStore) -> None:
    result = export_issue(issue, assets, "email", tmp_path / "lettre.html")
    html = result.path.read_text()
    text = (tmp_path / "lettre.txt").read_text()
    assert result.extra_paths == (tmp_path / "lettre.txt",)
    assert 'role="presentation"' in html and "max-width: 600px" in html
    assert "var(--" not in html  # custom properties resolved for mail clients
    sources = re.findall(r'<img [^>]*src="([^"]+)"', html)
    assert sources
    assert all(
        s.startswith("https://territoria.example.org/lettre/semaine-29/assets/") for s in sources
    )
    assert 'style="' in html and "<link" not in html
    assert "Projet d’administration mutualisé" in text and "7 août 2017" in text
    assert "https://territoria.example.org/lettre/semaine-29/index.html" in text
    assert "<" not in text.replace("<<", "")


def test_email_text_labels_source_and_credit_once(
    tmp_path: Path, issue: IssueDoc, assets: MemoryAssetStore
) -> None:
    first = replace(issue.articles[0], source="La Gazette des communes", credit="© AFP")
    issue = replace(issue, articles=(first, *issue.articles[1:]))
    export_issue(issue, assets, "email", tmp_path / "lettre.html")
    text = (tmp_path / "lettre.txt").read_text()
    assert "Source\u202f: La Gazette des communes" in text
    assert "Crédit\u202f: © AFP" in text
    assert "Source\u202f: Source" not in text  # a typed label is not doubled


def test_email_without_base_url_is_a_clear_error(
    tmp_path: Path, issue: IssueDoc, assets: MemoryAssetStore
) -> None:
    issue = replace(issue, publication=replace(issue.publication, base_url=""))
    with pytest.raises(ExportError, match="base URL"):
        export_issue(issue, assets, "email", tmp_path / "lettre.html")
    assert list(tmp_path.iterdir()) == []


def test_fragment_is_body_only(tmp_path: Path, issue: IssueDoc, assets: MemoryAssetStore) -> None:
    fragment = export_issue(issue, assets, "fragment", tmp_path / "f.html").path.read_text()
    for tag in ("<html", "<head", "<body", "<style", "<script", "<link"):
        assert tag not in fragment
    assert "<h2>" in fragment and "Bonnes vacances" in fragment
    no_base = replace(issue, publication=replace(issue.publication, base_url=""))
    embedded = export_issue(no_base, assets, "fragment", tmp_path / "g.html").path.read_text()
    assert 'src="data:image/' in embedded


def test_unknown_format(tmp_path: Path, issue: IssueDoc, assets: MemoryAssetStore) -> None:
    with pytest.raises(ExportError, match="Unknown export format"):
        export_issue(issue, assets, "pdf", tmp_path / "x")


def test_progress_reaches_total(tmp_path: Path, issue: IssueDoc, assets: MemoryAssetStore) -> None:
    calls: list[tuple[int, int, str]] = []
    export_issue(issue, assets, "bundle", tmp_path / "out", progress=lambda *a: calls.append(a))
    assert calls[-1][0] == calls[-1][1]
    assert [c[0] for c in calls] == sorted(c[0] for c in calls)


@pytest.mark.parametrize("kind", ["event", "callable"])
def test_cancellation_leaves_nothing(
    tmp_path: Path, issue: IssueDoc, assets: MemoryAssetStore, kind: str
) -> None:
    event = threading.Event()
    cancel = event if kind == "event" else event.is_set
    with pytest.raises(ExportCancelled):
        export_issue(issue, assets, "bundle", tmp_path / "out", cancel=cancel,
                     progress=lambda done, total, label: event.set())  # fmt: skip
    assert list(tmp_path.iterdir()) == []


def test_reexport_uses_the_cache(tmp_path: Path, issue: IssueDoc, assets: MemoryAssetStore) -> None:
    first = export_issue(issue, assets, "bundle", tmp_path / "a", cache_dir=tmp_path / "c")
    second = export_issue(issue, assets, "bundle", tmp_path / "b", cache_dir=tmp_path / "c")
    assert first.cache_hits == 0 and second.cache_hits == second.images == first.images
    for name in first.files:
        assert (first.path / name).read_bytes() == (second.path / name).read_bytes()


def test_exported_images_are_clean(
    tmp_path: Path, issue: IssueDoc, assets: MemoryAssetStore
) -> None:
    out = export_issue(issue, assets, "bundle", tmp_path / "out").path
    for path in (out / "assets").glob("*.jpg"):
        with Image.open(io.BytesIO(path.read_bytes())) as image:
            assert not image.getexif()
            assert b"SecretCamera" not in path.read_bytes()


def test_email_text_version_never_replaces_the_html(
    tmp_path: Path, issue: IssueDoc, assets: MemoryAssetStore
) -> None:
    export_issue(issue, assets, "email", tmp_path / "mail.txt")
    assert (tmp_path / "mail.txt").read_text().startswith("<!DOCTYPE html>")
    assert "Projet d’administration" in (tmp_path / "mail.txt.txt").read_text()
    export_issue(issue, assets, "email", tmp_path / "lettre.v2")
    assert (tmp_path / "lettre.v2.txt").exists() and not (tmp_path / "lettre.txt").exists()
