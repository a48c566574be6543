"""Feuillet's own Python-Markdown extensions, one per module.

``fenced`` holds the machinery the ``::: name`` blocks share; every other module
defines exactly one ``markdown.Extension``.
"""
