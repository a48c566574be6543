"""The command line: output, --json, exit codes and one-line errors."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from editor.cli import main
from editor.core.paths import LIBRARY_ENV, resolve_library_path


@pytest.fixture(autouse=True)
def _existing_library(library_path: Path) -> None:
    """Read commands need an existing library given with --library."""
    from editor.core.library import open_library

    open_library(library_path).close()


def run(capsys, library_path: Path, *args: str) -> tuple[int, str, str]:
    code = main(["--library", str(library_path), *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_list_issues_and_articles(capsys, library_path: Path) -> None:
    code, out, _ = run(capsys, library_path, "list", "issues")
    assert code == 0 and "Semaine 29" in out
    code, out, _ = run(capsys, library_path, "list", "issues", "--json")
    [issue] = json.loads(out)
    assert issue["articles"] == 4 and issue["date"] == "2017-08-07"
    code, out, _ = run(
        capsys, library_path, "list", "articles", "--issue", str(issue["id"]), "--json"
    )
    rows = json.loads(out)
    assert [r["position"] for r in rows] == [0, 1, 2, 3]
    assert rows[1]["title"] == "L’accès au haut débit, une priorité"
    code, out, _ = run(capsys, library_path, "list", "articles", "--pool")
    assert "Idée : une carte des chantiers" in out


def test_new_issue_prints_its_id(capsys, library_path: Path) -> None:
    code, out, _ = run(
        capsys,
        library_path,
        "new-issue",
        "--publication",
        "Territoires en action",
        "--title",
        "Semaine 30",
        "--date",
        "2017-08-21",
    )
    assert code == 0
    new_id = int(out.strip())
    code, out, _ = run(capsys, library_path, "list", "issues", "--json")
    assert {i["id"]: i["date"] for i in json.loads(out)}[new_id] == "2017-08-21"


def test_search_finds_without_accents(capsys, library_path: Path) -> None:
    code, out, _ = run(capsys, library_path, "search", "acces numerique", "--json")
    assert code == 0
    assert [r["title"] for r in json.loads(out)] == ["L’accès au haut débit, une priorité"]
    code, out, _ = run(capsys, library_path, "search", "zzzz")
    assert code == 0 and out == ""


def test_show_prints_the_fields_and_body(capsys, library_path: Path) -> None:
    code, out, _ = run(capsys, library_path, "show", "1")
    assert code == 0
    assert "Claire Dumontet, directrice générale" in out and "::: figure" in out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ("new-issue", "--publication", "Inconnue", "--title", "X"),
            "no publication named 'Inconnue'",
        ),
        (("list", "articles", "--issue", "99"), "no issue with id 99"),
        (("show", "99"), "no article with id 99"),
        (("list", "articles", "--issue", "1", "--pool"), "cannot be used together"),
    ],
)
def test_failures_exit_1_with_one_line(capsys, library_path: Path, args, message) -> None:
    code, out, err = run(capsys, library_path, *args)
    assert code == 1 and out == ""
    assert err.count("\n") == 1 and message in err and err.startswith("feuillet: error:")


def test_usage_errors_exit_2(capsys, library_path: Path) -> None:
    with pytest.raises(SystemExit) as exc:
        main(
            [
                "--library",
                str(library_path),
                "new-issue",
                "--title",
                "X",
                "--publication",
                "P",
                "--date",
                "07/08/2017",
            ]
        )
    assert exc.value.code == 2
    assert "YYYY-MM-DD" in capsys.readouterr().err
    with pytest.raises(SystemExit) as exc:
        main(["frobnicate"])
    assert exc.value.code == 2


def test_a_non_library_file_is_a_clear_error(capsys, tmp_path: Path) -> None:
    bogus = tmp_path / "photo.jpg"
    bogus.write_bytes(b"\xff\xd8\xff\xe0 not a database")
    code, _, err = run(capsys, bogus, "list", "issues")
    assert code == 1 and "not a Feuillet library" in err
    assert bogus.read_bytes() == b"\xff\xd8\xff\xe0 not a database"


def test_library_path_precedence(tmp_path: Path) -> None:
    env = {LIBRARY_ENV: str(tmp_path / "env.feuillet")}
    assert resolve_library_path("given.feuillet", env) == Path("given.feuillet")
    assert resolve_library_path(None, env) == tmp_path / "env.feuillet"
    default = resolve_library_path(None, {})
    assert default.name == "library.feuillet" and "Feuillet" in str(default)


def test_console_entry_point_and_environment_variable(tmp_path: Path) -> None:
    env = {**os.environ, LIBRARY_ENV: str(tmp_path / "env.feuillet")}
    done = subprocess.run(
        [sys.executable, "-m", "editor", "list", "issues", "--json"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)[0]["articles"] == 4
    assert (tmp_path / "env.feuillet").exists()


def test_read_commands_refuse_a_missing_library_and_create_nothing(capsys, tmp_path: Path) -> None:
    typo = tmp_path / "lettre-typo.feuillet"
    code, out, err = run(capsys, typo, "list", "issues")
    assert code == 1 and "no library at" in err and not typo.exists()
    code, out, err = run(
        capsys, typo, "new-issue", "--publication", "Territoires en action", "--title", "Nouvelle"
    )
    assert code == 0 and typo.exists()  # a command that writes creates it


def test_export_on_a_new_library_exports_the_sample_issue(capsys, tmp_path: Path) -> None:
    fresh = tmp_path / "essai.feuillet"
    out = tmp_path / "essai.html"
    code, _, err = run(capsys, fresh, "export", "1", "--format", "single", "--out", str(out))
    assert code == 0, err
    assert fresh.exists() and "Territoires en action" in out.read_text(encoding="utf-8")
