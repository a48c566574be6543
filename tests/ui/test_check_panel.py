"""The check panel: problems of the sample issue, icons, languages, the article signal."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt

from editor.ui.check_panel import ARTICLE_ROLE, CODE_ROLE, CheckPanel


@pytest.fixture
def broken_issue(library: Any) -> tuple[int, int, int]:
    """The sample issue with one error (an empty article) and one warning (a vague link)."""
    services = library.services
    issue_id = services.list_issues()[0].id
    empty = services.create_article(issue_id, "Brouillon vide", body="", status="ready")
    vague = services.article_ids(issue_id)[0]
    body = services.get_article(vague).body
    services.save_draft(vague, {"body": body + "\n\n[cliquez ici](https://example.org)"})
    return issue_id, empty, vague


def _panel(qtbot: Any, translator: Any) -> CheckPanel:
    panel = CheckPanel(translator)
    qtbot.addWidget(panel)
    panel.resize(500, 300)
    panel.show()
    return panel


def test_lists_problems_errors_first_with_icons(
    qtbot: Any, library: Any, translator: Any, broken_issue: tuple[int, int, int]
) -> None:
    issue_id, empty, vague = broken_issue
    panel = _panel(qtbot, translator)
    with qtbot.waitSignal(panel.sig_checked, timeout=10_000) as checked:
        panel.set_issue(library.services, issue_id)
    assert [p.code for p in checked.args[0]] == ["article-empty", "link-generic-text"]
    rows = panel.problem_list
    assert rows.count() == 2
    first, second = rows.item(0), rows.item(1)
    assert first.data(CODE_ROLE) == "article-empty"
    assert first.data(ARTICLE_ROLE) == empty
    assert second.data(ARTICLE_ROLE) == vague
    assert first.text() == "L’article « Brouillon vide » est vide."
    assert not first.icon().isNull() and not second.icon().isNull()
    assert panel.summary.text() == "1 erreur(s), 1 avertissement(s)"
    assert panel.error_count() == 1

    translator.set_language("en")
    assert panel.problem_list.item(0).text() == "The article “Brouillon vide” is empty."
    assert panel.summary.text() == "1 error(s), 1 warning(s)"
    assert panel.recheck_button.text() == "Re-check"


def test_double_click_announces_the_article(
    qtbot: Any, library: Any, translator: Any, broken_issue: tuple[int, int, int]
) -> None:
    issue_id, empty, _vague = broken_issue
    panel = _panel(qtbot, translator)
    with qtbot.waitSignal(panel.sig_checked, timeout=10_000):
        panel.set_issue(library.services, issue_id)
    item = panel.problem_list.item(0)
    rect = panel.problem_list.visualItemRect(item)
    # a real double-click is press, release, then the double-click event
    qtbot.mouseClick(panel.problem_list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    with qtbot.waitSignal(panel.sig_article_activated, timeout=2000) as activated:
        qtbot.mouseDClick(
            panel.problem_list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center()
        )
    assert activated.args == [empty]


def test_recheck_after_a_fix_and_a_clean_sample(
    qtbot: Any, library: Any, translator: Any, broken_issue: tuple[int, int, int]
) -> None:
    issue_id, empty, vague = broken_issue
    services = library.services
    panel = _panel(qtbot, translator)
    with qtbot.waitSignal(panel.sig_checked, timeout=10_000):
        panel.set_issue(services, issue_id)
    services.delete_article(empty)
    body = services.get_article(vague).body.replace("[cliquez ici]", "[le dossier complet]")
    services.save_draft(vague, {"body": body})
    with qtbot.waitSignal(panel.sig_checked, timeout=10_000) as checked:
        qtbot.mouseClick(panel.recheck_button, Qt.MouseButton.LeftButton)
    assert checked.args[0] == []
    assert panel.problem_list.count() == 0
    assert panel.summary.text() == "Aucun problème : prêt à publier."
    panel.set_issue(services, None)
    assert panel.summary.text() == "Aucun numéro sélectionné."


def test_a_newer_request_wins(qtbot: Any, library: Any, translator: Any) -> None:
    services = library.services
    issue_id = services.list_issues()[0].id
    other = services.create_issue(services.list_publications()[0].id, "Sans date")
    panel = _panel(qtbot, translator)
    panel.set_issue(services, issue_id)
    panel.set_issue(services, other)  # while the first check still runs
    qtbot.waitUntil(lambda: not panel.is_checking() and panel.issue_id == other, timeout=10_000)
    qtbot.waitUntil(lambda: "issue-no-date" in {p.code for p in panel.problems}, timeout=10_000)
    panel.shutdown()
