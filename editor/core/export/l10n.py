"""Dates and theme labels in the publication's language (French and English).

Themes print "7 août 2017" for a French publication and "7 August 2017" for an
English one; Babel would be a large dependency for twelve month names, so the
two catalogues live here. An unknown language falls back to English labels and
an ISO date, which is never wrong.
"""

from __future__ import annotations

from datetime import date

_MONTHS = {
    "fr": (
        "janvier",
        "février",
        "mars",
        "avril",
        "mai",
        "juin",
        "juillet",
        "août",
        "septembre",
        "octobre",
        "novembre",
        "décembre",
    ),
    "en": (
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ),
}

_LABELS = {
    "fr": {
        "skip_link": "Aller au contenu",
        "contents": "Sommaire",
        "introduction": "Introduction",
        "issue": "Numéro",
        "previous": "Article précédent",
        "next": "Article suivant",
        "back_to_issue": "Retour au numéro",
        "permalink": "Lien permanent vers cet article",
        "read_online": "Lire ce numéro en ligne",
        "articles_nav": "Navigation entre les articles",
        "contents_nav": "Sommaire du numéro",
        "footer": "Pied de page",
        "logo_of": "Logo de",
        "top": "Haut de page",
    },
    "en": {
        "skip_link": "Skip to content",
        "contents": "Contents",
        "introduction": "Introduction",
        "issue": "Issue",
        "previous": "Previous article",
        "next": "Next article",
        "back_to_issue": "Back to the issue",
        "permalink": "Permanent link to this article",
        "read_online": "Read this issue online",
        "articles_nav": "Article navigation",
        "contents_nav": "Issue contents",
        "footer": "Footer",
        "logo_of": "Logo of",
        "top": "Back to top",
    },
}


def base_language(language: str) -> str:
    """``fr-CA`` → ``fr``; anything unusable → ``en``."""
    code = (language or "").strip().lower().replace("_", "-").split("-")[0]
    return code if code.isalpha() and 2 <= len(code) <= 3 else "en"


def html_lang(language: str) -> str:
    """A value safe for the ``lang`` attribute (BCP 47 letters, digits, hyphens)."""
    cleaned = (language or "").strip().replace("_", "-")
    if cleaned and all(part.isalnum() and part.isascii() for part in cleaned.split("-")):
        return cleaned
    return "fr"


def format_date(value: date | None, language: str) -> str:
    """A long date as readers expect it: "1er août 2017", "7 August 2017"."""
    if value is None:
        return ""
    lang = base_language(language)
    months = _MONTHS.get(lang)
    if months is None:
        return value.isoformat()
    month = months[value.month - 1]
    if lang == "fr":
        day = "1er" if value.day == 1 else str(value.day)
        return f"{day} {month} {value.year}"
    return f"{value.day} {month} {value.year}"


def labels(language: str) -> dict[str, str]:
    """The theme's fixed labels in the publication's language."""
    return dict(_LABELS.get(base_language(language), _LABELS["en"]))
