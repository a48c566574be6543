"""Fallback texts of the find/replace dialog, French and English.

Used when the window's translation catalogue has no ``find.<key>`` entry
(the dialog opened on its own, in tests or scripts).
"""

from __future__ import annotations

# fmt: off
FIND_REPLACE_TEXTS = {
    "fr": {
        "title": "Rechercher et remplacer", "find": "Rechercher :", "replace": "Remplacer par :",
        "scope": "Où :", "article": "Cet article (texte)", "issue": "Ce numéro",
        "library": "Toute la bibliothèque", "whole_word": "Mot entier", "case": "Respecter la casse",
        "regex": "Expression régulière", "accents": "Ignorer les accents", "search": "Rechercher",
        "replace_all": "Tout remplacer", "close": "Fermer", "col_article": "Article",
        "col_field": "Champ", "col_line": "Ligne", "col_context": "Contexte",
        "found": "{count} résultat(s) dans {docs} article(s).", "none": "Aucun résultat.",
        "replaced": "{count} remplacement(s) dans {docs} article(s).",
        "stale": "Refusé : {count} champ(s) ont changé depuis la recherche. Relancez-la.",
        "empty_title": "Refusé : un titre deviendrait vide.", "no_article": "Aucun article ouvert.",
        "no_issue": "Aucun numéro ouvert.", "undo_text": "Remplacer « {query} »", "title_f": "titre",
        "kicker_f": "surtitre", "standfirst_f": "chapeau", "byline_name_f": "signature",
        "byline_role_f": "fonction", "source_f": "source", "credit_f": "crédit", "body_f": "texte",
    },
    "en": {
        "title": "Find and replace", "find": "Find:", "replace": "Replace with:", "scope": "In:",
        "article": "This article (text)", "issue": "This issue", "library": "Whole library",
        "whole_word": "Whole word", "case": "Match case", "regex": "Regular expression",
        "accents": "Ignore accents", "search": "Find", "replace_all": "Replace all", "close": "Close",
        "col_article": "Article", "col_field": "Field", "col_line": "Line", "col_context": "Context",
        "found": "{count} match(es) in {docs} article(s).", "none": "No match.",
        "replaced": "{count} replacement(s) in {docs} article(s).",
        "stale": "Refused: {count} field(s) changed since the search. Search again.",
        "empty_title": "Refused: a title would become empty.", "no_article": "No article open.",
        "no_issue": "No issue open.", "undo_text": "Replace “{query}”", "title_f": "title",
        "kicker_f": "kicker", "standfirst_f": "standfirst", "byline_name_f": "byline",
        "byline_role_f": "role", "source_f": "source", "credit_f": "credit", "body_f": "text",
    },
}
# fmt: on
