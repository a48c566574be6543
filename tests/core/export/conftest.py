"""Fixtures for the export tests: a French issue read off the seed, with real images.

Images are generated with Pillow (a photo with an EXIF orientation, a logo with
transparency) so that the image pipeline is exercised for real.
"""

from __future__ import annotations

import hashlib
import io
from dataclasses import replace
from datetime import date, datetime

import pytest
from PIL import Image, ImageDraw

from editor.core.document import (
    ArticleDoc,
    AssetInfo,
    IssueDoc,
    MemoryAssetStore,
    PublicationDoc,
)


def make_photo(width: int = 1800, height: int = 1200, *, orientation: int | None = None,
               fmt: str = "JPEG", seed: int = 0) -> bytes:  # fmt: skip
    """A photo-like gradient with shapes; ``orientation`` sets the EXIF tag."""
    image = Image.new("RGB", (width, height))
    draw = ImageDraw.Draw(image)
    for y in range(0, height, 8):
        shade = (40 + (y * 160 // height) + seed * 13) % 256
        draw.rectangle([0, y, width, y + 8], fill=(shade, 90 + seed * 7 % 100, 200 - shade // 2))
    draw.ellipse([width // 4, height // 4, width // 2, height // 2], fill=(230, 200, 40))
    buffer = io.BytesIO()
    kwargs: dict[str, object] = {}
    if orientation is not None:
        exif = Image.Exif()
        exif[0x0112] = orientation
        exif[0x010F] = "SecretCamera"  # Make: must not survive the export
        kwargs["exif"] = exif.tobytes()
    if fmt == "JPEG":
        kwargs["quality"] = 85
    image.save(buffer, fmt, **kwargs)
    return buffer.getvalue()


def make_logo() -> bytes:
    image = Image.new("RGBA", (400, 120), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    draw.rounded_rectangle([4, 4, 396, 116], radius=18, fill=(255, 255, 255, 255))
    draw.rectangle([24, 30, 110, 90], fill=(29, 53, 87, 255))
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue()


def add_asset(store: MemoryAssetStore, data: bytes, media_type: str, name: str,
              alt: str = "") -> str:  # fmt: skip
    sha = hashlib.sha256(data).hexdigest()
    with Image.open(io.BytesIO(data)) as probe:
        width, height = probe.size
    store.add(AssetInfo(sha, media_type, width, height, name, alt), data)
    return sha


@pytest.fixture
def assets() -> MemoryAssetStore:
    return MemoryAssetStore()


@pytest.fixture
def publication(assets: MemoryAssetStore) -> PublicationDoc:
    return build_publication(assets)


def build_publication(assets: MemoryAssetStore) -> PublicationDoc:
    logo = add_asset(assets, make_logo(), "image/png", "logo-territoria.png", "Territoria")
    return PublicationDoc(
        id=1,
        name="Territoria Le blog",
        base_url="https://territoria.example.org/lettre",
        language="fr",
        logo_sha256=logo,
        primary_color="#1d3557",
        accent_color="#e63946",
        footer_lines=("Territoria — l'innovation territoriale chaque semaine",),
        legal_lines=("Directeur de la publication : Jean Dupont", "© 2017 Territoria"),
    )


def build_sample_issue(publication: PublicationDoc, assets: MemoryAssetStore) -> IssueDoc:
    photo = add_asset(assets, make_photo(orientation=6), "image/jpeg", "seminaire-blois.jpg")
    banner = add_asset(assets, make_photo(1170, 180, seed=3), "image/jpeg", "banniere.jpg")
    articles = (
        ArticleDoc(
            id=11,
            title="Projet d'administration mutualisé pour 2014-2020",
            kicker="Mutualisation participative",
            standfirst="La ville, Agglopolys et le CIAS ont consulté 1650 agents",
            byline_name="Bruno Gérentes",
            byline_role="DGS de la ville de Blois",
            body_markdown=(
                "La démarche participative qui a associé la ville, Agglopolys et le CIAS a pris "
                "plus d'un an. Les 220 cadres des trois collectivités ont été consultés.\n\n"
                "::: figure\n"
                f"image: asset:{photo}\n"
                "alt: Les cadres des trois collectivités réunis en séminaire\n"
                "caption: Séminaire des cadres mutualisés, à Blois\n"
                "credit: © Ville de Blois\n"
                ":::\n\n"
                "L'objectif était de créer une « culture d'entreprise » partagée.\n\n"
                "# Un suivi régulier\n\n"
                "Le suivi de la mise en œuvre est assuré par l'équipe de Direction générale "
                "mutualisée. Voir [le suivi](#un-suivi-regulier).\n"
            ),
            updated=datetime(2017, 8, 7, 15, 24),
        ),
        ArticleDoc(
            id=12,
            title="L'accès au haut débit : une priorité",
            kicker="Haut débit",
            standfirst="Le gouvernement tiendra ses engagements sur la couverture du territoire",
            body_markdown=(
                "::: quote\nL’accès au numérique est une priorité de ce gouvernement.\n"
                "-- Mounir Mahjoubi, secrétaire d’État au numérique\n:::\n\n"
                "Concrètement, il s’agit d’apporter une vitesse de connexion d’au moins "
                "8 Mbit/s en 2020.\n"
            ),
            credit="Copyright © AFP : « Tous droits de reproduction et de représentation réservés »",
        ),
        ArticleDoc(
            id=13,
            title="Une « task force » au service de la modernisation de l’action publique",
            kicker="Modernisation publique",
            byline_name="Jean-Charles Manrique",
            byline_role="président de Dirigeants grandes collectivités",
            source="Source : La Gazette des communes",
            body_markdown=(
                "Si la modernisation de l’action publique locale constitue un levier…\n\n"
                "# A l’issue du contrat, les comptes seront faits\n\n"
                "Les comptes seront alors faits.\n\n"
                "## Equipe agile et feuille de route\n\n"
                "Une équipe agile serait dotée d’une feuille de route.\n\n"
                f"![Bannière Ruralitic 2017 à Aurillac](asset:{banner})\n"
            ),
        ),
        ArticleDoc(
            id=14,
            title="Formation de fonctionnaires territoriaux à l'innovation publique",
            kicker="Formation",
            body_markdown=(
                "Prérequis :\n\n"
                "- des professionnels de la fonction publique locale de catégorie A ;\n"
                "- des personnes en recherche d'emploi ou des étudiants.\n\n"
                "::: a-lire\n"
                "title: INTERVIEW - Madina Rival analyse le mode de gouvernance du chef de l'État\n"
                "source: Le Figaro\n"
                "url: https://www.lefigaro.fr/politique/2017/08/06/01002-20170806ARTFIG00142\n"
                "Est-ce la première fois qu'un gouvernement est géré comme une entreprise ?\n"
                ":::\n"
            ),
        ),
        ArticleDoc(
            id=15,
            title="Rappel des premiers rendez-vous de septembre",
            body_markdown=(
                "::: events\n"
                "- 20 septembre | Conférence des villes | Paris\n"
                "- 21 et 22 septembre | Assises APVF | Hendaye\n"
                "- 27 et 28 septembre | Congrès des Régions de France | Orléans\n"
                ":::\n"
            ),
        ),
    )
    return IssueDoc(
        id=29,
        title=(
            "Actualité innovante semaine 29 : Mutualisation participative, Haut débit, "
            "Modernisation publique"
        ),
        publication=publication,
        label="Semaine 29",
        date=date(2017, 8, 7),
        introduction_markdown="Cette semaine, trois collectivités montrent la voie.",
        sign_off_markdown="Nous nous retrouverons le 21 août prochain.\n\nBonnes vacances à tous.",
        # Ready to publish: the checker warns about articles still in draft.
        articles=tuple(replace(article, status="ready") for article in articles),
    )


@pytest.fixture
def issue(publication: PublicationDoc, assets: MemoryAssetStore) -> IssueDoc:
    return build_sample_issue(publication, assets)
