"""Fallback texts of the import dialog, French and English.

Used when the window's translation catalogue has no ``import.<key>`` entry
(the dialog opened on its own, in tests or scripts).
"""

from __future__ import annotations

# fmt: off
IMPORT_TEXTS = {
    "fr": {
        "title": "Importer des articles", "add_files": "Ajouter des fichiers…",
        "add_folder": "Ajouter un dossier…", "cancel": "Annuler", "close": "Fermer", "file": "Fichier",
        "status": "État", "ok": "prêt", "warning": "avertissement", "failed": "échec",
        "reading": "Lecture {done}/{total} : {name}", "read_done": "{total} fichier(s) lu(s).",
        "cancelled": "Lecture annulée.", "destination": "Destination :",
        "pool": "Brouillons (hors numéro)", "import_n": "Importer {count} article(s)",
        "preview": "Aperçu", "markdown": "Markdown", "warnings": "Avertissements", "images": "Images",
        "tags": "Mots-clés", "date": "Date", "kicker": "Surtitre", "standfirst": "Chapeau",
        "byline": "Signature", "role": "Fonction", "source": "Source", "credit": "Crédit",
        "title_field": "Titre", "no_selection": "Choisissez un fichier.",
        "filter": "Articles ({suffixes})", "pick_files": "Fichiers à importer",
        "pick_folder": "Dossier à importer",
        "report_ok": "{count} article(s) importé(s) dans « {where} ».",
        "report_failed": "{count} fichier(s) non importé(s) :",
        "report_skipped": "{count} fichier(s) décoché(s), non importé(s).",
        "report_error": "Rien n’a été importé : {error}", "report_warnings": "Avertissements :",
    },
    "en": {
        "title": "Import articles", "add_files": "Add files…", "add_folder": "Add a folder…",
        "cancel": "Cancel", "close": "Close", "file": "File", "status": "Status", "ok": "ready",
        "warning": "warning", "failed": "failed", "reading": "Reading {done}/{total}: {name}",
        "read_done": "{total} file(s) read.", "cancelled": "Reading cancelled.",
        "destination": "Destination:", "pool": "Drafts (no issue)",
        "import_n": "Import {count} article(s)", "preview": "Preview", "markdown": "Markdown",
        "warnings": "Warnings", "images": "Pictures", "tags": "Tags", "date": "Date",
        "kicker": "Kicker", "standfirst": "Standfirst", "byline": "Byline", "role": "Role",
        "source": "Source", "credit": "Credit", "title_field": "Title",
        "no_selection": "Choose a file.", "filter": "Articles ({suffixes})",
        "pick_files": "Files to import", "pick_folder": "Folder to import",
        "report_ok": "{count} article(s) imported into “{where}”.",
        "report_failed": "{count} file(s) not imported:",
        "report_skipped": "{count} unchecked file(s) not imported.",
        "report_error": "Nothing was imported: {error}", "report_warnings": "Warnings:",
    },
}
# fmt: on
