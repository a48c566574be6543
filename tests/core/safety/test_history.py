"""Revision policy (coalescing) and readable word-level diffs."""

from __future__ import annotations

import time

from editor.core.safety.history import (
    RESTORABLE_FIELDS,
    Chunk,
    RevisionPolicy,
    article_fields,
    diff_fields,
    diff_html,
    diff_stats,
    fields_for_restore,
    revision_fields,
    word_diff,
)


def _sides(chunks: list[Chunk]) -> tuple[str, str]:
    old = "".join(c.text for c in chunks if c.op != "insert")
    new = "".join(c.text for c in chunks if c.op != "delete")
    return old, new


def test_word_diff_is_word_level_and_lossless() -> None:
    old = "Le conseil municipal a voté le budget.\nDeuxième paragraphe inchangé.\n"
    new = "Le conseil communautaire a adopté le budget 2026.\nDeuxième paragraphe inchangé.\n"
    chunks = word_diff(old, new)
    assert _sides(chunks) == (old, new)
    deleted = [c.text for c in chunks if c.op == "delete"]
    inserted = [c.text for c in chunks if c.op == "insert"]
    assert deleted == ["municipal", "voté"]
    assert inserted == ["communautaire", "adopté", " 2026"]
    assert diff_stats(chunks) == (3, 2)


def test_word_diff_edge_cases() -> None:
    assert word_diff("", "") == []
    assert word_diff("", "nouveau") == [Chunk("insert", "nouveau")]
    assert word_diff("ancien", "") == [Chunk("delete", "ancien")]
    for old, new in [
        ("émoji 👩‍💻 ici", "émoji 🎉 ici"),
        ("مرحبا بكم", "مرحبا جميعا"),
        ("a\r\nb", "a\nb"),
    ]:
        assert _sides(word_diff(old, new)) == (old, new)


def test_word_diff_of_a_long_article_is_fast() -> None:
    paragraphs = [f"Paragraphe {n} : " + "des mots comme les autres " * 40 for n in range(500)]
    old = "\n\n".join(paragraphs)  # ~100k words
    edited = list(paragraphs)
    edited[250] = edited[250].replace("mots", "phrases", 3)
    new = "\n\n".join(edited)
    start = time.perf_counter()
    chunks = word_diff(old, new)
    elapsed = time.perf_counter() - start
    assert _sides(chunks) == (old, new)
    assert [c.text for c in chunks if c.op == "insert"] == ["phrases"] * 3
    assert elapsed < 2.0  # generous for CI; about 0.05 s here


def test_diff_html_is_escaped_and_coloured() -> None:
    diffs = diff_fields(
        {"title": "A <b>", "body": "un deux"}, {"title": "A <b>", "body": "un trois"}
    )
    html = diff_html(diffs)
    assert "&lt;b&gt;" in html and "<b>" not in html
    assert "line-through" in html and "underline" in html
    assert "Texte" in html
    assert "Chapeau" not in html  # empty on both sides
    assert "Titre" not in diff_html(diffs, only_changed=True)


def test_revisions_and_restore_fields(library) -> None:
    services = library.services
    services.save_draft(1, {"body": "première version", "kicker": "Agenda"})
    revision_id = services.record_revision(1, "manual")
    services.save_draft(1, {"body": "seconde version", "kicker": "Culture", "status": "published"})
    (revision,) = [r for r in services.list_revisions(1) if r.id == revision_id]
    fields = revision_fields(revision)
    assert set(fields) == set(RESTORABLE_FIELDS)
    assert fields["body"] == "première version" and fields["kicker"] == "Agenda"
    current = article_fields(services.get_article(1))
    changed = {d.name for d in diff_fields(fields, current) if d.changed}
    assert changed == {"body", "kicker"}
    restore = fields_for_restore(revision)
    assert "status" not in restore  # restoring text never unpublishes
    version = services.get_article(1).version
    services.save_draft(1, restore, version)
    article = services.get_article(1)
    assert article.body == "première version" and article.status == "published"


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_policy_records_at_most_one_revision_per_five_minutes(library) -> None:
    services = library.services
    clock = FakeClock()
    policy = RevisionPolicy(services, clock=clock)
    version = services.get_article(1).version
    original = services.get_article(1).body
    recorded = []
    for minute in range(12):  # a keystroke-rate autosave for 12 minutes
        for second in range(0, 60, 2):
            clock.now = 1000.0 + minute * 60 + second
            revision = policy.before_save(1)
            if revision is not None:
                recorded.append(revision)
            version = services.save_draft(
                1, {"body": f"{original} {minute}:{second}"}, version
            ).version
    assert len(recorded) == 3  # at 0, 5 and 10 minutes
    oldest = services.list_revisions(1)[-1]
    assert oldest.body == original  # the state before the session is kept
    # Checkpoints always record (publish, export).
    assert policy.checkpoint(1, "publish")
    assert services.list_revisions(1)[0].reason == "publish"
    # No duplicate when nothing changed since the last revision.
    clock.now += 600
    assert policy.before_save(1) is None
