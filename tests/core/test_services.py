"""Use cases: publications, issues, articles, moves, drafts, assets, search, documents."""

from __future__ import annotations

import io
from datetime import date

import pytest
from PIL import Image

from editor.core.errors import ConflictError, ImageRejected, NotFound, ValidationError
from editor.core.repository import POOL, fts_query


def _png(width: int = 40, height: int = 30) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (width, height), (200, 10, 10)).save(out, "PNG")
    return out.getvalue()


@pytest.fixture
def svc(empty_library):
    return empty_library.services


@pytest.fixture
def issue(svc):
    pub = svc.create_publication("La Lettre", language="fr")
    return svc.create_issue(pub, "Numéro 1", issue_date=date(2026, 9, 1), label="Semaine 36")


def titles(svc, scope) -> list[str]:
    return [r.title for r in svc.list_articles(scope, limit=None)]


def test_sample_library_is_a_real_issue(library) -> None:
    svc = library.services
    [issue] = svc.list_issues()
    assert issue.article_count >= 4 and issue.issue_date is not None
    doc = svc.issue_document(issue.id)
    bodies = "\n".join(a.body_markdown for a in doc.articles)
    for block in ("::: figure", "::: quote", "::: a-lire", "::: events"):
        assert block in bodies
    assert any(a.byline_name for a in doc.articles)
    assert any(a.source or "Source :" in a.body_markdown for a in doc.articles)
    assert doc.sign_off_markdown and doc.publication.footer_lines
    assert svc.count_articles(POOL) >= 1
    sha = bodies.split("image: asset:")[1].split()[0]
    info = svc.asset_store().asset_info(sha)
    assert info is not None and info.alt_text and info.width == 1600


def test_publication_crud(svc) -> None:
    pub = svc.create_publication("  La Lettre  ", base_url="https://x.example")
    assert svc.publication_id_by_name("La Lettre") == pub
    with pytest.raises(ValidationError, match="already exists"):
        svc.create_publication("La Lettre")
    other = svc.create_publication("Le Bulletin")
    with pytest.raises(ValidationError, match="already exists"):
        svc.rename_publication(other, "La Lettre")
    svc.delete_publication(other)
    svc.rename_publication(pub, "La Lettre")  # its own name is fine
    svc.rename_publication(pub, "La Gazette")
    assert [p.name for p in svc.list_publications()] == ["La Gazette"]
    with pytest.raises(ValidationError, match="needs a name"):
        svc.rename_publication(pub, "   ")
    with pytest.raises(ValidationError, match="unknown publication field"):
        svc.update_publication(pub, colour="red")
    svc.delete_publication(pub)
    assert svc.list_publications() == []
    with pytest.raises(NotFound):
        svc.delete_publication(pub)


def test_issue_crud_and_deleting_an_issue_keeps_its_articles(svc, issue) -> None:
    a = svc.create_article(issue, "Premier")
    svc.update_issue(issue, title="Numéro un", sign_off="À bientôt")
    assert svc.get_issue(issue).title == "Numéro un"
    with pytest.raises(ValidationError, match="unknown status"):
        svc.set_issue_status(issue, "lost")
    svc.set_issue_status(issue, "ready")
    svc.delete_issue(issue)
    assert svc.list_issues() == []
    assert titles(svc, POOL) == ["Premier"]
    assert svc.get_article(a).issue_id is None


def test_articles_are_appended_in_order_and_can_be_reordered(svc, issue) -> None:
    ids = [svc.create_article(issue, t) for t in ("A", "B", "C")]
    assert titles(svc, issue) == ["A", "B", "C"]
    svc.reorder_articles(issue, [ids[2], ids[0], ids[1]])
    assert titles(svc, issue) == ["C", "A", "B"]
    with pytest.raises(ValidationError, match="exactly"):
        svc.reorder_articles(issue, ids[:2])


def test_move_between_issue_and_pool_renumbers_both(svc, issue) -> None:
    ids = [svc.create_article(issue, t) for t in ("A", "B", "C")]
    draft = svc.create_article(None, "Brouillon")
    svc.move_article(ids[1], None)
    assert titles(svc, issue) == ["A", "C"]
    assert titles(svc, POOL) == ["Brouillon", "B"]
    svc.move_article(draft, issue, position=0)
    assert titles(svc, issue) == ["Brouillon", "A", "C"]
    positions = [r.position for r in svc.list_articles(issue)]
    assert positions == [0, 1, 2]
    svc.move_article(ids[0], issue, position=99)  # clamped to the end
    assert titles(svc, issue) == ["Brouillon", "C", "A"]
    with pytest.raises(NotFound):
        svc.move_article(ids[0], 12345)


def test_save_draft_checks_the_row_version(svc, issue) -> None:
    a = svc.create_article(issue, "Titre")
    saved = svc.save_draft(a, {"body": "Premier jet", "tags": ["a", " b "]}, expected_version=1)
    assert saved.version == 2
    article = svc.get_article(a)
    assert article.body == "Premier jet" and article.tag_list == ["a", "b"]
    with pytest.raises(ConflictError, match="changed elsewhere"):
        svc.save_draft(a, {"body": "Écrasement"}, expected_version=1)
    assert svc.get_article(a).body == "Premier jet"
    with pytest.raises(NotFound):
        svc.save_draft(999, {"body": "x"})
    with pytest.raises(ValidationError, match="needs a title"):
        svc.save_draft(a, {"title": ""})
    with pytest.raises(ValidationError, match="unknown article field"):
        svc.save_draft(a, {"bodyy": "x"})


def test_duplicate_and_delete(svc, issue) -> None:
    a = svc.create_article(issue, "Original", body="Texte", status="ready")
    copy = svc.duplicate_article(a)
    article = svc.get_article(copy)
    assert article.title == "Original (copie)" and article.body == "Texte"
    assert article.status == "draft"
    svc.delete_article(a)
    assert titles(svc, issue) == ["Original (copie)"]


def test_search_ignores_accents_and_matches_prefixes(svc, issue) -> None:
    a = svc.create_article(issue, "Accueil des réfugiés", body="La mairie organise l’accueil.")
    b = svc.create_article(None, "Haut débit", standfirst="La fibre arrive à Blois")
    assert [r.id for r in svc.search("refugies")] == [a]
    assert [r.id for r in svc.search("REFUG")] == [a]
    assert [r.id for r in svc.search("fibre blois")] == [b]
    assert svc.search('"') == [] and svc.search("") == []
    assert svc.search("NEAR( AND OR *") == []  # FTS syntax is neutralised


def test_search_index_follows_every_change(svc, issue) -> None:
    a = svc.create_article(issue, "Titre", body="ancien mot")
    svc.save_draft(a, {"body": "nouveau texte"})
    assert svc.search("ancien") == []
    assert [r.id for r in svc.search("nouveau")] == [a]
    svc.move_article(a, None)  # position/issue changes keep the index
    assert [r.id for r in svc.search("nouveau")] == [a]
    svc.delete_article(a)
    assert svc.search("nouveau") == []


def test_fts_query_quotes_every_token() -> None:
    assert fts_query('l\'école "du" village') == '"l"* "école"* "du"* "village"*'


def test_assets_are_stored_once_and_verified(svc) -> None:
    data = _png()
    sha = svc.add_asset(data, "photo.png", alt_text="Une photo")
    assert svc.add_asset(data, "autre-nom.png") == sha
    store = svc.asset_store()
    assert store.asset_bytes(sha) == data
    info = store.asset_info(sha)
    assert info.alt_text == "Une photo" and (info.width, info.height) == (40, 30)
    assert info.media_type == "image/png"
    with pytest.raises(ImageRejected, match="not an image"):
        svc.add_asset(b"<svg onload=alert(1)>", "x.svg")
    with pytest.raises(ImageRejected, match="damaged or truncated"):
        svc.add_asset(data[: len(data) // 2], "cut.png")
    assert store.asset_info("0" * 64) is None
    with pytest.raises(KeyError):
        store.asset_bytes("0" * 64)


def test_revisions_snapshot_an_article(svc, issue) -> None:
    a = svc.create_article(issue, "Titre", body="v1", byline_name="Anne")
    first = svc.record_revision(a, "publish")
    svc.save_draft(a, {"body": "v2"})
    svc.record_revision(a)
    revisions = svc.list_revisions(a)
    assert [r.body for r in revisions] == ["v2", "v1"]
    assert revisions[-1].id == first and '"byline_name": "Anne"' in revisions[-1].fields_json


def test_settings_and_bulk_text_changes(svc, issue) -> None:
    assert svc.get_setting("dictionnaire", "vide") == "vide"
    svc.set_setting("dictionnaire", "Vernolles")
    svc.set_setting("dictionnaire", "Vernolles\nAgglopolys")
    assert svc.get_setting("dictionnaire").splitlines() == ["Vernolles", "Agglopolys"]
    a = svc.create_article(issue, "Titre", body="un texte")
    b = svc.create_article(issue, "Autre", body="un autre texte")
    assert svc.apply_text_changes([(a, "body", "une phrase"), (b, "body", "une autre")]) == 2
    with pytest.raises(ValidationError):
        svc.apply_text_changes([(a, "body", "ok"), (b, "nope", "x")])
    assert svc.get_article(a).body == "une phrase"  # the failed batch changed nothing


def test_issue_document_is_a_detached_snapshot(svc, issue) -> None:
    svc.create_article(issue, "Deux")
    first = svc.create_article(issue, "Un", kicker="Rubrique", tags="x, y")
    svc.move_article(first, issue, position=0)
    doc = svc.issue_document(issue)
    assert [a.title for a in doc.articles] == ["Un", "Deux"]
    assert doc.articles[0].tags == ("x", "y") and doc.label == "Semaine 36"
    assert doc.publication.name == "La Lettre" and doc.date == date(2026, 9, 1)
    svc.save_draft(first, {"title": "Changé"})
    assert doc.articles[0].title == "Un"
    assert svc.article_document(first).title == "Changé"


def test_search_ranks_title_matches_first(svc, issue) -> None:
    body_only = svc.create_article(issue, "Conseil", body="La fibre arrive. " * 3)
    in_title = svc.create_article(issue, "La fibre optique", body="Travaux en cours.")
    assert [r.id for r in svc.search("fibre")] == [in_title, body_only]


def test_control_characters_never_reach_the_file(svc, issue) -> None:
    a = svc.create_article(issue, "Titre\x00 propre\x1b", body="ligne 1\r\nligne 2\x0c\tfin \ud800")
    article = svc.get_article(a)
    assert article.title == "Titre propre"
    assert article.body == "ligne 1\nligne 2\tfin \ufffd"
    rtl = "مرحبا 👩‍💻 שלום"
    svc.save_draft(a, {"title": rtl})
    assert svc.get_article(a).title == rtl


def test_latest_revision(svc, issue) -> None:
    a = svc.create_article(issue, "Titre", body="v1")
    assert svc.latest_revision(a) is None
    svc.record_revision(a)
    svc.save_draft(a, {"body": "v2"})
    svc.record_revision(a)
    assert svc.latest_revision(a).body == "v2"


def test_bulk_text_changes_refuse_stale_plans_whole(svc, issue) -> None:
    a = svc.create_article(issue, "Un", body="le vieux texte")
    b = svc.create_article(issue, "Deux", body="encore le vieux texte")
    texts = svc.article_texts([a, b])
    assert texts[a]["body"] == "le vieux texte" and texts[b]["title"] == "Deux"
    svc.save_draft(b, {"body": "changé entre-temps"})
    with pytest.raises(ConflictError, match="Deux"):
        svc.apply_text_changes(
            [(a, "body", "le neuf texte", texts[a]["body"]), (b, "body", "x", texts[b]["body"])]
        )
    assert svc.get_article(a).body == "le vieux texte"  # all or nothing
    assert svc.apply_text_changes([(a, "body", "le neuf texte", "le vieux texte")]) == 1
    with pytest.raises(ValidationError, match="non-text"):
        svc.apply_text_changes([(a, "status", "ready")])


def test_delete_setting(svc) -> None:
    svc.set_setting("target.article.1", "{}")
    svc.delete_setting("target.article.1")
    svc.delete_setting("absent")
    assert svc.get_setting("target.article.1", "none") == "none"
