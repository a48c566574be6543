"""Atomic exports: the previous export survives failures, kills and refusals."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from editor.core.document import IssueDoc, MemoryAssetStore
from editor.core.export import ExportError, export_issue
from editor.core.export import atomic as atomic_module
from editor.core.export import exporter as exporter_module


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()
    }


def test_existing_target_refused_without_force(
    tmp_path: Path, issue: IssueDoc, assets: MemoryAssetStore
) -> None:
    for fmt, name in [("bundle", "out"), ("zip", "o.zip"), ("single", "s.html")]:
        export_issue(issue, assets, fmt, tmp_path / name)
        before = (tmp_path / name).stat().st_mtime_ns
        with pytest.raises(ExportError, match="already exists"):
            export_issue(issue, assets, fmt, tmp_path / name)
        assert (tmp_path / name).stat().st_mtime_ns == before
        export_issue(issue, assets, fmt, tmp_path / name, force=True)


def test_failure_mid_export_keeps_previous(tmp_path: Path, issue: IssueDoc, assets: MemoryAssetStore,
                                           monkeypatch: pytest.MonkeyPatch) -> None:  # fmt: skip
    target = tmp_path / "out"
    export_issue(issue, assets, "bundle", target)
    before = _snapshot(target)

    def explode(*args: object, **kwargs: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(exporter_module, "_write_tree", explode)
    with pytest.raises(ExportError, match="disk full"):
        export_issue(issue, assets, "bundle", target, force=True)
    assert _snapshot(target) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]  # no temp folder left


def test_failure_during_swap_restores_previous(tmp_path: Path, issue: IssueDoc, assets: MemoryAssetStore,
                                               monkeypatch: pytest.MonkeyPatch) -> None:  # fmt: skip
    target = tmp_path / "out"
    export_issue(issue, assets, "bundle", target)
    before = _snapshot(target)
    real_replace = os.replace
    calls = {"n": 0}

    def flaky_replace(src: object, dst: object) -> None:
        calls["n"] += 1
        if calls["n"] == 2:  # old moved aside, moving the new one in fails
            raise OSError("simulated failure")
        real_replace(src, dst)

    monkeypatch.setattr(atomic_module.os, "replace", flaky_replace)
    with pytest.raises(ExportError):
        export_issue(issue, assets, "bundle", target, force=True)
    monkeypatch.setattr(atomic_module.os, "replace", real_replace)
    assert _snapshot(target) == before


def test_kill_between_renames_is_recovered(
    tmp_path: Path, issue: IssueDoc, assets: MemoryAssetStore
) -> None:
    target = tmp_path / "out"
    export_issue(issue, assets, "bundle", target)
    before = _snapshot(target)
    # what a kill right after "rename old aside" leaves behind
    os.replace(target, tmp_path / ".out.feuillet-old-abc123")
    (tmp_path / ".out.feuillet-tmp-xyz").mkdir()
    with pytest.raises(ExportError, match="already exists"):
        export_issue(issue, assets, "bundle", target)  # recovery put it back first
    assert _snapshot(target) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]


def test_force_never_replaces_a_foreign_folder(
    tmp_path: Path, issue: IssueDoc, assets: MemoryAssetStore
) -> None:
    precious = tmp_path / "Documents"
    precious.mkdir()
    (precious / "thesis.odt").write_bytes(b"years of work")
    with pytest.raises(ExportError, match="not a Feuillet export"):
        export_issue(issue, assets, "bundle", precious, force=True)
    assert (precious / "thesis.odt").read_bytes() == b"years of work"


def test_bundle_replaces_file_and_file_replaces_bundle(
    tmp_path: Path, issue: IssueDoc, assets: MemoryAssetStore
) -> None:
    target = tmp_path / "x"
    export_issue(issue, assets, "single", target)
    export_issue(issue, assets, "bundle", target, force=True)
    assert (target / "index.html").is_file()
    export_issue(issue, assets, "zip", target, force=True)
    assert target.is_file()


def test_symlink_target_refused(tmp_path: Path, issue: IssueDoc, assets: MemoryAssetStore) -> None:
    (tmp_path / "real").mkdir()
    (tmp_path / "link").symlink_to(tmp_path / "real")
    with pytest.raises(ExportError, match="symbolic link"):
        export_issue(issue, assets, "bundle", tmp_path / "link", force=True)


def test_bad_image_fails_cleanly(tmp_path: Path, issue: IssueDoc, assets: MemoryAssetStore) -> None:
    from dataclasses import replace

    from tests.core.export.conftest import add_asset, make_photo

    data = make_photo(800, 600)
    sha = add_asset(assets, data, "image/jpeg", "coupée.jpg")
    assets._data[sha] = data[:3000]  # truncated after it was stored
    broken = replace(issue.articles[0], body_markdown=f"![Photo](asset:{sha})")
    bad_issue = replace(issue, articles=(broken,))
    export_issue(issue, assets, "bundle", tmp_path / "out")
    before = _snapshot(tmp_path / "out")
    with pytest.raises(ExportError, match="coupée.jpg"):
        export_issue(bad_issue, assets, "bundle", tmp_path / "out", force=True)
    assert _snapshot(tmp_path / "out") == before
