"""Counts in the status bar: words, signes, feuillets, reading time."""

from __future__ import annotations

from editor.ui.status_bar import SIGNES_PER_FEUILLET, FeuilletStatusBar, TextCounts, count_text
from tests.ui.test_autosave import type_text


def test_count_text_basics() -> None:
    counts = count_text("Le maire a dit : « merci ».")
    assert counts.words == 5  # ":" and "«" alone are not words
    assert counts.signes == len("Le maire a dit : « merci ».")
    assert count_text("", "  ") == TextCounts(0, 0)


def test_markdown_markup_is_not_counted() -> None:
    text = "## Titre\n\n**Gras** et [un lien](https://exemple.fr/page).\n\n- un\n- deux"
    counts = count_text(text)
    assert counts.words == 7
    assert counts.signes == len("Titre Gras et un lien. un deux")


def test_figure_fields_are_not_counted() -> None:
    text = "::: figure\nimage: asset:abc\nalt: Vue\ncaption: Légende visible\n:::\nTexte"
    assert count_text(text).words == 4  # "caption:", "Légende", "visible", "Texte"


def test_feuillets_and_reading_time() -> None:
    counts = TextCounts(words=460, signes=3 * SIGNES_PER_FEUILLET)
    assert counts.feuillets == 3.0
    assert counts.reading_minutes(230) == 2
    assert TextCounts(1, 5).reading_minutes() == 1
    assert TextCounts().reading_minutes() == 0


def test_large_article_counts(qapp) -> None:
    text = ("Une phrase de huit mots pour compter vite. " * 2500).strip()
    counts = count_text(text)
    assert counts.words == 20_000
    assert counts.signes == len(text)


def test_status_bar_text_in_french(qtbot, translator) -> None:
    bar = FeuilletStatusBar(translator)
    qtbot.addWidget(bar)
    text = "mot " * 3000
    bar.set_text_source(lambda: (text,))
    assert bar.count_text() == (
        "3\u202f000 mots   ·   11\u202f999 signes   ·   8,0 feuillets   ·   14 min de lecture"
    ).replace("\u202f", translator.locale().groupSeparator())
    bar.set_save_state("error", "disque plein")
    assert bar.save_text() == "Erreur d’enregistrement"
    assert "disque plein" in bar.currentMessage()
    translator.set_language("en")
    assert bar.save_text() == "Save failed"
    assert "3,000 words" in bar.count_text()


def test_window_counts_follow_typing(qtbot, window_factory, library) -> None:
    window = window_factory()
    article_id = library.services.article_ids(1)[0]
    window.library_pane.select_article(article_id, 1)
    before = window.status.counts
    assert before.words > 100
    type_text(window.editor.body_edit(), "Déjà trois mots ")
    qtbot.waitUntil(lambda: window.status.counts.words == before.words + 3, timeout=2000)
    assert "mots" in window.status.count_text()
