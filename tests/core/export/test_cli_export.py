"""The ``export`` and ``check`` commands, on a real library with the sample issue."""

from __future__ import annotations

import argparse
import io
import json
from pathlib import Path

import pytest

from editor.cli_commands import export as export_commands
from editor.cli_commands.context import CliContext, CliError
from editor.core.library import open_library


def run(library_path: Path, *argv: str) -> tuple[int, str, str]:
    parser = argparse.ArgumentParser()
    export_commands.register(parser.add_subparsers(dest="command"))
    args = parser.parse_args(argv)
    out, err = io.StringIO(), io.StringIO()
    ctx = CliContext(library_path=library_path, open_library=open_library, out=out, err=err)
    try:
        code = args.handler(args, ctx)
    finally:
        ctx.close()
    return code, out.getvalue(), err.getvalue()


@pytest.fixture
def sample_library(tmp_path: Path) -> tuple[Path, int]:
    path = tmp_path / "lib.feuillet"
    with open_library(path) as library:
        issue_id = library.services.list_issues()[0].id
    return path, issue_id


def test_export_every_format(tmp_path: Path, sample_library: tuple[Path, int]) -> None:
    path, issue_id = sample_library
    for fmt, name in [("bundle", "b"), ("zip", "b.zip"), ("single", "s.html"),
                      ("email", "e.html"), ("fragment", "f.html")]:  # fmt: skip
        code, out, _ = run(path, "export", str(issue_id), "--format", fmt, "--out",
                           str(tmp_path / name), "--cache-dir", str(tmp_path / "cache"))  # fmt: skip
        assert code == 0 and fmt in out
        assert (tmp_path / name).exists()
    assert (tmp_path / "e.txt").is_file()


def test_existing_target_is_a_cli_error(tmp_path: Path, sample_library: tuple[Path, int]) -> None:
    path, issue_id = sample_library
    argv = [
        "export",
        str(issue_id),
        "--format",
        "single",
        "--out",
        str(tmp_path / "s.html"),
        "--no-cache",
    ]
    assert run(path, *argv)[0] == 0
    with pytest.raises(CliError, match="already exists"):
        run(path, *argv)
    assert run(path, *argv, "--force", "--quiet") == (0, "", "")


def test_unknown_theme_is_a_cli_error(tmp_path: Path, sample_library: tuple[Path, int]) -> None:
    path, issue_id = sample_library
    with pytest.raises(CliError, match="No theme"):
        run(path, "export", str(issue_id), "--format", "bundle", "--out", str(tmp_path / "b"),
            "--theme", "nope", "--no-cache")  # fmt: skip


def test_check_exit_status_and_json(sample_library: tuple[Path, int]) -> None:
    path, issue_id = sample_library
    code, out, _ = run(path, "check", str(issue_id), "--json")
    data = json.loads(out)
    assert data["issue"] == issue_id
    assert code == (1 if data["errors"] else 0)
    with open_library(path) as library:
        library.services.update_issue(issue_id, issue_date=None)
    code, out, _ = run(path, "check", str(issue_id), "--lang", "en")
    assert code == 1 and "issue-no-date" in out and "The issue has no date." in out
