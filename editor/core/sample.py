"""The sample publication and issue a new library starts with.

Written in the spirit of a real weekly newsletter of a French agglomeration:
several articles with bylines, sources and credits, a photo with caption and
credit, a pull quote, an « À lire » box, an events list and a sign-off. It shows
a new user every feature on real-looking content, and it is what the README
screenshots and the end-to-end tests use.
"""

from __future__ import annotations

import io
from datetime import date

from PIL import Image, ImageDraw

from editor.core.services import LibraryService

PUBLICATION_NAME = "Territoires en action"


def sample_photo() -> bytes:
    """A deterministic landscape "photo" (sky, hills, river), as JPEG bytes."""
    width, height = 1600, 900
    image = Image.new("RGB", (width, height))
    draw = ImageDraw.Draw(image)
    for y in range(height):
        shade = y / height
        draw.line(
            [(0, y), (width, y)],
            fill=(int(120 + 100 * shade), int(170 + 60 * shade), int(230 - 40 * shade)),
        )
    draw.ellipse([1180, 120, 1340, 280], fill=(255, 226, 140))
    draw.polygon(
        [(0, 620), (380, 430), (760, 600), (1120, 410), (1600, 640), (1600, 900), (0, 900)],
        fill=(78, 128, 82),
    )
    draw.polygon(
        [(0, 760), (520, 640), (1000, 740), (1600, 650), (1600, 900), (0, 900)], fill=(52, 98, 60)
    )
    draw.polygon([(620, 900), (760, 700), (860, 700), (1060, 900)], fill=(92, 150, 200))
    for x in range(180, 560, 60):
        draw.rectangle([x, 560, x + 36, 640], fill=(236, 228, 212))
        draw.polygon([(x - 6, 560), (x + 18, 532), (x + 42, 560)], fill=(170, 72, 60))
    out = io.BytesIO()
    image.save(out, "JPEG", quality=82, optimize=True)
    return out.getvalue()


ARTICLE_MUTUALISATION = """\
La démarche participative qui associe la ville, l’agglomération et le centre \
intercommunal d’action sociale a pris plus d’un an. Les 220 cadres et les 1 650 \
agents des trois collectivités ont été consultés pour proposer des améliorations \
concrètes du fonctionnement quotidien.

::: figure
image: asset:{photo}
alt: Vue des coteaux de la Loire et des toits de Vernolles au printemps
caption: Les trois collectivités partagent désormais une direction générale.
credit: © Ville de Vernolles / service communication
:::

## Des propositions venues du terrain

Les 117 propositions du projet ne viennent pas « d’en haut » : elles ont été \
écrites par les 750 agents et cadres qui ont travaillé sur des choses aussi \
simples que **dire merci et bonjour**, mais aussi sur des démarches plus \
complexes :

- l’harmonisation des procédures budgétaires ;
- la déconcentration des bons de commande ;
- les circuits de délégation de signatures ;
- le télétravail.

La mise en œuvre se fait de façon graduelle depuis 2015 et devrait se terminer \
en 2020. Dix groupes de travail déclinent les actions opérationnelles.
"""

ARTICLE_HAUT_DEBIT = """\
Le secrétaire d’État chargé du numérique a rappelé devant le Sénat que les \
engagements pris envers les collectivités seraient tenus, alors que les élus \
locaux doivent encore lancer des réseaux d’initiative publique.

::: quote
L’accès au numérique est une priorité. Nous ne remettons pas en cause les \
engagements passés : au contraire, nous allons plus vite.
-- Le secrétaire d’État chargé du numérique
:::

Concrètement, il s’agit d’apporter au moins 8 Mbit/s à tous les foyers en 2020, \
étape intermédiaire avant les 30 Mbit/s promis par le *Plan très haut débit* en \
2022.

| Échéance | Objectif |
| --- | --- |
| 2020 | « Bon débit » pour tous (8 Mbit/s) |
| 2022 | Très haut débit pour tous (30 Mbit/s) |
| 2025 | 100 Mbit/s pour les particuliers |

Copyright © Agence Centre Presse : tous droits de reproduction réservés.
"""

ARTICLE_INNOVATION = """\
Un certificat de spécialisation « Innovation publique dans les territoires » \
s’adresse aux cadres de catégorie A qui souhaitent s’adapter aux changements, \
voire en tirer des occasions d’agir, ainsi qu’aux étudiants qui préparent les \
concours de la fonction publique territoriale.

### Conditions d’accès

1. Un niveau bac + 4 est recommandé.
2. Avec un bac + 3, trois ans d’expérience dans un des métiers visés sont demandés.

Source : catalogue des formations de l’institut régional d’administration

::: a-lire
title: Gouverner comme une entreprise ? Entretien avec une chercheuse en innovation publique
source: La Revue des collectivités
url: https://www.example.org/2017/08/06/gouverner-comme-une-entreprise
Les méthodes de management venues de l’entreprise sont-elles adaptées au service public ?
:::
"""

ARTICLE_AGENDA = """\
La rentrée sera chargée : voici les premiers rendez-vous à noter.

::: events
- 20 septembre | Conférence des villes | Paris
- 21 et 22 septembre | Assises des petites villes | Hendaye
- 21 au 23 septembre | Congrès des directeurs généraux | Clermont-Ferrand
- 27 et 28 septembre | Congrès des Régions | Orléans
:::

Inscriptions auprès du service communication avant le 10 septembre.
"""


def create_sample(services: LibraryService) -> int:
    """Create the sample publication and issue; returns the issue id."""
    photo = services.add_asset(
        sample_photo(),
        "coteaux-vernolles.jpg",
        alt_text="Vue des coteaux de la Loire et des toits de Vernolles au printemps",
        caption="Les trois collectivités partagent désormais une direction générale.",
        credit="© Ville de Vernolles",
    )
    publication = services.create_publication(
        PUBLICATION_NAME,
        base_url="https://territoires.example.org/lettre",
        language="fr",
        primary_color="#1f3a5f",
        accent_color="#c8553d",
        footer_lines="Territoires en action, la lettre hebdomadaire de l’agglomération de Vernolles\n"
        "Service communication, 2 place de la Mairie, 41000 Vernolles",
        legal_lines="Directeur de la publication : le président de l’agglomération\n"
        "Pour vous désabonner, répondez à ce message.",
    )
    issue = services.create_issue(
        publication,
        "Semaine 29 : mutualisation participative, haut débit, modernisation publique",
        label="Semaine 29",
        issue_date=date(2017, 8, 7),
        status="review",
        introduction="Cette semaine, trois sujets qui font bouger nos collectivités : "
        "un projet d’administration écrit avec les agents, le haut débit pour tous, "
        "et une formation à l’innovation publique.",
        sign_off="Nous nous retrouverons le 21 août prochain.\n\nBonnes vacances à tous !",
    )
    services.create_article(
        issue,
        "Un projet d’administration écrit avec les agents",
        kicker="Mutualisation",
        standfirst="La ville, l’agglomération et le CIAS ont bâti ensemble leur projet "
        "d’administration pour 2014-2020.",
        byline_name="Claire Dumontet",
        byline_role="directrice générale des services de la ville de Vernolles",
        source="La Lettre des territoires",
        body=ARTICLE_MUTUALISATION.format(photo=photo),
        status="ready",
        tags="mutualisation, management",
    )
    services.create_article(
        issue,
        "L’accès au haut débit, une priorité",
        kicker="Haut débit",
        standfirst="Le gouvernement tiendra ses engagements sur la couverture du territoire.",
        body=ARTICLE_HAUT_DEBIT,
        status="ready",
        tags="numérique",
    )
    services.create_article(
        issue,
        "Former les fonctionnaires territoriaux à l’innovation publique",
        kicker="Formation",
        standfirst="Un certificat court pour les cadres, les étudiants et les personnes "
        "en recherche d’emploi.",
        byline_name="Marc Lestrade",
        byline_role="chargé de mission innovation",
        body=ARTICLE_INNOVATION,
        status="review",
        tags="formation, innovation",
    )
    services.create_article(
        issue,
        "Rappel des premiers rendez-vous de septembre",
        kicker="Agenda",
        body=ARTICLE_AGENDA,
        status="ready",
        tags="agenda",
    )
    services.create_article(
        None,
        "Idée : une carte des chantiers en cours",
        standfirst="Brouillon à compléter pour un prochain numéro.",
        body="Recenser les chantiers de voirie et les afficher sur une carte…\n",
    )
    return issue
