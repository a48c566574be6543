"""The length target gauge: parsing targets, storing them per article, counting."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QStatusBar

from editor.ui.target_gauge import Target, TargetDialog, TargetGauge, load_target, parse_target


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2 feuillets", Target("feuillets", 2)),
        ("1,5 feuillet", Target("feuillets", 1.5)),
        ("3 000 signes", Target("signes", 3000)),
        ("3\u202f000 signes", Target("signes", 3000)),
        ("3,000 words", Target("words", 3000)),
        ("800 mots", Target("words", 800)),
        ("800", Target("words", 800)),
        ("2f", Target("feuillets", 2)),
        ("4500 caractères", Target("signes", 4500)),
        ("", None),
    ],
)
def test_parse_target(text: str, expected: Target | None) -> None:
    assert parse_target(text) == expected


@pytest.mark.parametrize("text", ["deux feuillets", "2 lignes", "0 mots", "-3 signes", "2 3 4"])
def test_parse_target_refuses(text: str) -> None:
    with pytest.raises(ValueError):
        parse_target(text)


@pytest.fixture
def gauge(qtbot, library):
    fields = {"title": "Titre", "standfirst": "", "body": ""}
    bar = QStatusBar()
    qtbot.addWidget(bar)
    widget = TargetGauge.attach(bar, library.services, lambda: dict(fields))
    widget.fields = fields  # the test edits the "editor" through this dict
    widget.status_bar = bar  # keeps the bar (and so the gauge) alive
    bar.show()
    return widget


def test_two_feuillets_and_counts_that_follow_typing(qtbot, gauge, library) -> None:
    assert not gauge.isVisible()
    gauge.follow(("article", 1))
    assert gauge.isVisible() and gauge.text() == "Objectif…"
    gauge.set_target_text("2 feuillets")
    assert load_target(library.services, 1) == Target("feuillets", 2)
    assert gauge.text() == "0,0 / 2,0 feuillets"

    gauge.fields["body"] = "x" * 1494  # + "Titre" and the space between them: 1,500 signes
    gauge.text_changed()
    assert gauge.text() == "0,0 / 2,0 feuillets"  # not yet: the count waits for a pause
    qtbot.waitUntil(lambda: gauge.text() == "1,0 / 2,0 feuillets", timeout=2000)
    assert gauge.bar.value() == 500 and not gauge.is_over()

    gauge.fields["body"] = "x" * 3200
    gauge.recount()
    assert gauge.text().startswith("2,1 / 2,0") and gauge.is_over()


def test_targets_are_per_article_and_survive_reopening(qtbot, gauge, library) -> None:
    gauge.follow(("article", 1))
    gauge.set_target_text("800 mots")
    gauge.follow(("article", 2))
    assert gauge.target() is None
    gauge.set_target_text("3 000 signes")
    gauge.follow(("issue", 1))
    assert not gauge.isVisible()
    gauge.follow(("article", 1))
    assert gauge.target() == Target("words", 800)
    gauge.fields["body"] = "un deux trois"
    gauge.recount()
    assert gauge.text() == "4 / 800 mots"  # the title counts too, as in the status bar
    gauge.set_target(None)
    assert load_target(library.services, 1) is None and gauge.text() == "Objectif…"


def test_click_asks_for_the_target(qtbot, gauge) -> None:
    gauge.follow(("article", 1))
    asked: list[str] = []
    gauge.ask_target = lambda current: asked.append(current) or Target("feuillets", 1.5)
    gauge.edit_target()
    assert asked == [""] and gauge.target() == Target("feuillets", 1.5)
    gauge.ask_target = lambda current: asked.append(current) or False  # cancelled
    gauge.edit_target()
    assert asked[-1] == "1,5 feuillets" and gauge.target() == Target("feuillets", 1.5)


def test_dialog_refuses_unreadable_text_in_place(qtbot) -> None:
    from editor.ui.i18n import Texts

    dialog = TargetDialog(Texts(None, "target."), "")
    qtbot.addWidget(dialog)
    dialog.field.setText("beaucoup")
    dialog.accept()
    assert dialog.isVisible() is False and dialog.result() == 0
    assert dialog.error.text().startswith("Écrivez un nombre")
    dialog.field.setText("2 feuillets")
    dialog.accept()
    assert dialog.result() == 1 and dialog.target == Target("feuillets", 2)


def test_english(qtbot, library) -> None:
    from editor.ui.i18n import Translator

    bar = QStatusBar()
    qtbot.addWidget(bar)
    translator = Translator("en")
    gauge = TargetGauge.attach(bar, library.services, lambda: {"body": "one two"}, translator)
    gauge.follow(("article", 3))
    gauge.set_target_text("3,000 words")
    assert gauge.text() == "2 / 3,000 words"
