"""Archive and output path validation; deterministic zip archives."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from editor.core.export.archive import write_zip
from editor.core.export.errors import ExportError
from editor.core.export.paths import safe_join, validate_relative_path

UNSAFE = [
    "../evil.txt",
    "a/../../evil.txt",
    "/etc/passwd",
    "C:\\Windows\\x",
    "assets\\x.png",
    "a//b",
    "./a",
    "a/./b",
    "",
    "a/",
    "CON/x.html",
    "x\x00y",
    "dir/aux.txt",
]


@pytest.mark.parametrize("name", UNSAFE)
def test_unsafe_relative_paths_are_refused(name: str) -> None:
    with pytest.raises(ExportError):
        validate_relative_path(name)


@pytest.mark.parametrize("name", ["index.html", "articles/edito.html", "assets/ab-480.jpg"])
def test_safe_relative_paths(name: str) -> None:
    assert validate_relative_path(name) == name


def test_safe_join_refuses_symlink_escape(tmp_path: Path) -> None:
    root = tmp_path / "root"
    root.mkdir()
    (root / "link").symlink_to(tmp_path)
    with pytest.raises(ExportError):
        safe_join(root, "link/escaped.txt")
    assert safe_join(root, "a/b.txt") == root.resolve() / "a" / "b.txt"


@pytest.mark.parametrize("name", UNSAFE)
def test_zip_refuses_unsafe_member_names(tmp_path: Path, name: str) -> None:
    with pytest.raises(ExportError):
        write_zip(tmp_path / "x.zip", {"ok.txt": b"1", name: b"2"})


def test_zip_is_deterministic_and_normalised(tmp_path: Path) -> None:
    files = {"b.txt": b"bbb" * 100, "a/c.jpg": b"\xff\xd8jpeg", "index.html": b"<p>x</p>"}
    write_zip(tmp_path / "one.zip", files, root="issue")
    write_zip(tmp_path / "two.zip", dict(reversed(list(files.items()))), root="issue")
    assert (tmp_path / "one.zip").read_bytes() == (tmp_path / "two.zip").read_bytes()
    with zipfile.ZipFile(tmp_path / "one.zip") as archive:
        infos = archive.infolist()
        assert [i.filename for i in infos] == ["issue/a/c.jpg", "issue/b.txt", "issue/index.html"]
        for info in infos:
            assert info.date_time == (1980, 1, 1, 0, 0, 0)
            assert (info.external_attr >> 16) & 0o777 == 0o644
        assert archive.getinfo("issue/a/c.jpg").compress_type == zipfile.ZIP_STORED
        assert archive.read("issue/b.txt") == b"bbb" * 100
