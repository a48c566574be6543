"""Find/replace: each match keeps its case pattern; the context column shows the match.

From the QA walkthrough: replacing "agglomération" (not case sensitive, the
default) turned "Agglomération" into lowercase "intercommunalité", and the
results' Context column was cut before the match.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontMetrics

from editor.core.find_replace import FindOptions, match_case
from editor.core.find_replace import plan_replacements as plan_case_preserving
from editor.ui.body_editor import BodyEditor
from editor.ui.find_replace_dialog import FindReplaceDialog
from editor.ui.find_results import PARTS_ROLE, centred_context

TEXT = "Agglomération de Blois. L'agglomération vote.\n| AGGLOMÉRATION | 120 000 € |"


@pytest.mark.parametrize(
    ("found", "expected"),
    [
        ("agglomération", "intercommunalité"),
        ("Agglomération", "Intercommunalité"),
        ("AGGLOMÉRATION", "INTERCOMMUNALITÉ"),
        ("aGGlo", "intercommunalité"),  # no clear pattern: as typed
    ],
)
def test_match_case(found: str, expected: str) -> None:
    assert match_case(found, "intercommunalité") == expected


def test_typed_capitals_are_kept_for_lowercase_matches() -> None:
    assert match_case("cias", "CIAS de Blois") == "CIAS de Blois"
    assert match_case("Ville", "l'agglo") == "L'agglo"


def test_plan_preserves_case_only_without_match_case() -> None:
    items = [(1, "body", TEXT)]
    plan = plan_case_preserving(items, "agglomération", "intercommunalité", FindOptions())
    assert plan.edits[0].new_text == (
        "Intercommunalité de Blois. L'intercommunalité vote.\n| INTERCOMMUNALITÉ | 120 000 € |"
    )
    assert plan.total == 3
    accents = plan_case_preserving(
        items, "agglomeration", "cité", FindOptions(accent_insensitive=True)
    )
    assert accents.edits[0].new_text.startswith("Cité de Blois. L'cité vote.\n| CITÉ |")
    exact = plan_case_preserving(
        items, "agglomération", "intercommunalité", FindOptions(case_sensitive=True)
    )
    assert exact.edits[0].new_text.startswith("Agglomération de Blois. L'intercommunalité")


def test_dialog_replace_keeps_case_in_the_editor(qtbot, library) -> None:
    body = BodyEditor()
    qtbot.addWidget(body)
    body.setPlainText(TEXT)
    dialog = FindReplaceDialog(library.services, None)
    qtbot.addWidget(dialog)
    dialog.set_context(1, 1, body)
    dialog.set_scope("article")
    dialog.find_field.setText("agglomération")
    dialog.replace_field.setText("intercommunalité")
    assert dialog.replace_all() == 3
    assert body.toPlainText().startswith("Intercommunalité de Blois. L'intercommunalité")
    assert "| INTERCOMMUNALITÉ |" in body.toPlainText()


def test_centred_context_keeps_the_match_visible(qapp) -> None:
    font = QFont()
    bold_font = QFont(font)
    bold_font.setBold(True)
    normal, bold = QFontMetrics(font), QFontMetrics(bold_font)
    before = "Les travaux de la piscine commenceront en septembre. Le gouvernement et l'"
    after = " « s'engage » pleinement dans ce projet de rénovation."
    width = bold.horizontalAdvance("agglomération") + normal.horizontalAdvance("x" * 20)
    left, found, right = centred_context((before, "agglomération", after), width, normal, bold)
    assert found == "agglomération"
    assert left.startswith("…") and before.endswith(left[1:])
    assert right.endswith("…") and after.startswith(right[:-1])
    total = normal.horizontalAdvance(left + right) + bold.horizontalAdvance(found)
    assert total <= width
    # Plenty of room: nothing elided.
    assert centred_context(("a ", "b", " c"), 1000, normal, bold) == ("a ", "b", " c")


def test_results_carry_the_parts_and_paint(qtbot, library) -> None:
    services = library.services
    article = services.create_article(
        None, "Piscine", body="Le gouvernement a accordé une subvention, et l'" + "agglomération"
        " « s'engage » pleinement dans la rénovation du bassin intercommunal.",
    )  # fmt: skip
    dialog = FindReplaceDialog(services, None)
    qtbot.addWidget(dialog)
    dialog.set_context(article, None, None)
    dialog.set_scope("library")
    dialog.find_field.setText("agglomération")
    assert dialog.search()
    item = dialog.results.topLevelItem(0)
    left, found, right = item.data(3, PARTS_ROLE)
    assert found.lower() == "agglomération" and left and right
    dialog.results.setColumnWidth(3, 120)  # narrow, as in the walkthrough
    dialog.show()
    qtbot.waitExposed(dialog)
    assert not dialog.results.grab().isNull()  # the delegate paints without error
    assert item.toolTip(3)  # the whole line stays readable in the tooltip
    assert Qt.ItemDataRole.UserRole != PARTS_ROLE
