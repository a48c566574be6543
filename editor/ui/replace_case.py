"""Replacing without "Match case": keep the case pattern of each match, as word processors do.

Searching "agglomération" without "Match case" finds "Agglomération" and
"AGGLOMÉRATION" too; replacing them all with the lowercase text typed in the
dialog would break every sentence start and every heading in capitals. Each
match therefore gets the replacement in its own case pattern: all capitals →
all capitals, a capital first letter → a capital first letter, anything else →
as typed. Regular expressions keep the core's plain replacement (the template
says exactly what to write, groups included).

The core's :func:`~editor.core.find_replace.plan_replacements` writes one
template for every match, so the plan is built here from the core's matches.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from editor.core.find_replace import (
    DocumentMatch,
    FieldEdit,
    FieldItem,
    FindOptions,
    ReplacementPlan,
    plan_replacements,
    search_documents,
)

NO_LIMIT = 1 << 62


def match_case(found: str, replacement: str) -> str:
    """``replacement`` in the case pattern of ``found``."""
    letters = [c for c in found if c.isalpha()]
    if not letters or not replacement:
        return replacement
    if len(letters) > 1 and all(c.isupper() for c in letters):
        return replacement.upper()
    if letters[0].isupper():
        index = next((i for i, c in enumerate(replacement) if c.isalpha()), None)
        if index is None:
            return replacement
        return replacement[:index] + replacement[index].upper() + replacement[index + 1 :]
    return replacement


def plan_case_preserving(
    items: Iterable[FieldItem],
    query: str,
    replacement: str,
    options: FindOptions,
    accept: Callable[[DocumentMatch], bool] | None = None,
) -> ReplacementPlan:
    """The core's plan, but each match replaced in its own case (see the module doc)."""
    items = list(items)
    if options.case_sensitive or options.regex:
        return plan_replacements(items, query, replacement, options, accept=accept)
    texts = {(doc_id, field): text for doc_id, field, text in items}
    by_field: dict[tuple[object, str], list[DocumentMatch]] = {}
    for found in search_documents(items, query, options, limit=NO_LIMIT):
        if accept is None or accept(found):
            by_field.setdefault((found.doc_id, found.field), []).append(found)
    edits: list[FieldEdit] = []
    for (doc_id, field), matches in by_field.items():
        text = texts[(doc_id, field)]
        pieces: list[str] = []
        position = 0
        for found in matches:
            start, end = found.match.start, found.match.end
            pieces += [text[position:start], match_case(text[start:end], replacement)]
            position = end
        pieces.append(text[position:])
        new_text = "".join(pieces)
        if new_text != text:
            edits.append(FieldEdit(doc_id, field, text, new_text, len(matches)))
    return ReplacementPlan(tuple(edits))
