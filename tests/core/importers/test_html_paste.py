"""Paste cleanup and .html import on realistic clipboard HTML from Word, Google Docs and LibreOffice."""

from __future__ import annotations

import base64
from pathlib import Path

from editor.core.importers.batch import import_bytes
from editor.core.importers.paste import clean_paste, paste_html_to_markdown
from tests.core.importers.fixtures import png_bytes, truncated_png

# What Word 365 puts on the Windows clipboard (CF_HTML), trimmed to one of each construct.
WORD_CLIPBOARD = """Version:0.9
StartHTML:0000000105
EndHTML:0000004000
StartFragment:0000000600
EndFragment:0000003900
<html xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office"
xmlns:w="urn:schemas-microsoft-com:office:word" xmlns="http://www.w3.org/TR/REC-html40">
<head><meta http-equiv=Content-Type content="text/html; charset=utf-8">
<style><!-- p.MsoNormal {margin:0cm; font-family:"Calibri",sans-serif;} --></style>
<!--[if gte mso 9]><xml><w:WordDocument><w:View>Normal</w:View></w:WordDocument></xml><![endif]-->
</head>
<body lang=FR style='tab-interval:35.4pt;word-wrap:break-word'>
<!--StartFragment-->
<h1><span style='mso-fareast-font-family:"Times New Roman";color:#2F5496'>Projet d’administration
<b>mutualisé</b><o:p></o:p></span></h1>
<p class=MsoNormal style='text-align:justify'><span style='font-family:"Calibri",sans-serif;
color:#1F3864;mso-bidi-font-weight:bold'>La démarche participative qui a associé la ville,
<b>Agglopolys</b> et le <i>CIAS</i> a pris plus d'un an.<o:p></o:p></span></p>
<p class=MsoNormal><o:p>&nbsp;</o:p></p>
<p class=MsoListParagraphCxSpFirst style='text-indent:-18.0pt;mso-list:l0 level1 lfo1'><![if !supportLists]><span
style='font-family:Symbol'>·<span style='font:7.0pt "Times New Roman"'>&nbsp;&nbsp;&nbsp;&nbsp; </span></span><![endif]>Premier point<o:p></o:p></p>
<p class=MsoListParagraphCxSpMiddle style='margin-left:72.0pt;mso-list:l0 level2 lfo1'><!--[if !supportLists]--><span
style='font-family:"Courier New"'>o<span style='font:7.0pt "Times New Roman"'>&nbsp;&nbsp; </span></span><!--[endif]-->Sous-point<o:p></o:p></p>
<p class=MsoListParagraphCxSpLast style='mso-list:l0 level1 lfo1'><![if !supportLists]><span>·<span>&nbsp; </span></span><![endif]>Second point<o:p></o:p></p>
<p class=MsoListParagraph style='mso-list:l1 level1 lfo2'><![if !supportLists]><span>1.<span>&nbsp; </span></span><![endif]>Étape un</p>
<p class=MsoListParagraph style='mso-list:l1 level1 lfo2'><![if !supportLists]><span>2.<span>&nbsp; </span></span><![endif]>Étape deux</p>
<p class=MsoNormal>Voir <a href="https://www.lagazettedescommunes.com/">la Gazette</a>,
<a href="#_Toc4711">le sommaire</a> et <a href="javascript:alert(1)">ceci</a><a class=msocomanchor
id="_anchor_1" href="#_msocom_1" name="_msoanchor_1">[JD1]</a>.</p>
<p class=MsoNormal><span style='display:none;mso-hide:all'>texte masqué</span>Visible</p>
<table class=MsoTableGrid border=1 cellspacing=0 style='border-collapse:collapse'>
<tr><td width=200 style='width:150pt'><p class=MsoNormal><b>Date<o:p></o:p></b></p></td>
<td><p class=MsoNormal><b>Lieu<o:p></o:p></b></p></td></tr>
<tr><td><p class=MsoNormal>20 septembre</p></td><td><p class=MsoNormal>Paris</p></td></tr></table>
<p class=MsoNormal><del cite="mailto:Relecteur" datetime="2017-08-07T10:00">supprimé </del><ins
cite="mailto:Relecteur" datetime="2017-08-07T10:00">inséré</ins> fin<img width=20 height=20
src="file:///C:/Users/jd/AppData/Local/Temp/msohtmlclip1/01/clip_image001.png"></p>
<div style='mso-element:comment-list'><hr class=msocomoff align=left size=1 width="33%">
<div style='mso-element:comment'><p class=MsoCommentText>Un commentaire privé</p></div></div>
<!--EndFragment-->
</body>
</html>"""

WORD_EXPECTED = """\
# Projet d’administration mutualisé

La démarche participative qui a associé la ville, **Agglopolys** et le *CIAS* a pris plus d'un an.

- Premier point
    - Sous-point
- Second point

1. Étape un
2. Étape deux

Voir [la Gazette](https://www.lagazettedescommunes.com/), le sommaire et ceci.

Visible

| **Date** | **Lieu** |
| --- | --- |
| 20 septembre | Paris |

inséré fin
"""

GOOGLE_DOCS = (
    '<meta charset="utf-8"><b style="font-weight:normal;" id="docs-internal-guid-6f1c2a3b-7fff-1234-abcd">'
    '<h2 dir="ltr" style="line-height:1.38;margin-top:18pt"><span style="font-size:16pt;font-family:Arial;'
    'color:#000000;font-weight:400;font-style:normal">L’accès au haut débit</span></h2>'
    '<p dir="ltr" style="line-height:1.38"><span style="font-size:11pt;font-family:Arial;color:#000000;'
    'background-color:transparent;font-weight:400;font-style:normal;vertical-align:baseline">Le </span>'
    '<span style="font-size:11pt;font-weight:700;font-style:normal">gouvernement</span>'
    '<span style="font-size:11pt;font-weight:400;font-style:normal"> tiendra ses </span>'
    '<span style="font-size:11pt;font-weight:400;font-style:italic">engagements</span>'
    '<span style="font-weight:400"> (</span><a href="https://www.senat.fr/" style="text-decoration:none">'
    '<span style="color:#1155cc;text-decoration:underline">Sénat</span></a><span>).</span></p><br>'
    '<ul style="margin-top:0;margin-bottom:0"><li dir="ltr" style="list-style-type:disc">'
    '<p dir="ltr" role="presentation"><span>8 Mbit/s en 2020</span></p></li>'
    '<li dir="ltr"><p dir="ltr" role="presentation"><span>30 Mbit/s en 2022</span></p></li></ul></b>'
)

LIBREOFFICE = """<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.0 Transitional//EN">
<html><head><meta http-equiv="content-type" content="text/html; charset=utf-8"/>
<title></title><meta name="generator" content="LibreOffice 7.4.7.2 (Linux)"/>
<style type="text/css">p { line-height: 115%; margin-bottom: 0.25cm; background: transparent }</style>
</head><body lang="fr-FR" link="#000080" vlink="#800000" dir="ltr">
<h3 class="western">Une force mobilisatrice</h3>
<p style="line-height: 100%; margin-bottom: 0cm"><font face="Liberation Serif, serif"><font size="3" style="font-size: 12pt">
Une « <b>task force</b> » au service de la <i>modernisation</i> de l’action publique.</font></font></p>
<p style="line-height: 100%; margin-bottom: 0cm"><br/></p>
<ol><li><p style="margin-bottom: 0cm">Premier</p></li><li><p style="margin-bottom: 0cm">Second</p></li></ol>
<p><span style="font-weight: bold">Gras en CSS</span> et <span style="font-style: italic">italique</span></p>
<script>alert("x")</script>
</body></html>"""


def test_word_clipboard() -> None:
    assert paste_html_to_markdown(WORD_CLIPBOARD) == WORD_EXPECTED


def test_google_docs_clipboard() -> None:
    assert paste_html_to_markdown(GOOGLE_DOCS) == (
        "## L’accès au haut débit\n\n"
        "Le **gouvernement** tiendra ses *engagements* ([Sénat](https://www.senat.fr/)).\n\n"
        "- 8 Mbit/s en 2020\n- 30 Mbit/s en 2022\n"
    )


def test_libreoffice_clipboard() -> None:
    assert paste_html_to_markdown(LIBREOFFICE) == (
        "### Une force mobilisatrice\n\n"
        "Une « **task force** » au service de la *modernisation* de l’action publique.\n\n"
        "1. Premier\n2. Second\n\n"
        "**Gras en CSS** et *italique*\n"
    )


def test_text_that_looks_like_markdown_or_html_stays_text() -> None:
    html = (
        "<p>&lt;script&gt;alert(1)&lt;/script&gt; &amp;nbsp; 5 * 3 [lien](x) a|b _x_ snake_case</p>"
        "<p># pas un titre</p><p>2017. pas une liste</p><p>- pas une puce</p><p>&gt; pas une citation</p>"
    )
    assert paste_html_to_markdown(html) == (
        "&lt;script>alert(1)&lt;/script> &amp;nbsp; 5 \\* 3 \\[lien\\](x) a\\|b \\_x\\_ snake_case\n\n"
        "\\# pas un titre\n\n2017\\. pas une liste\n\n\\- pas une puce\n\n\\> pas une citation\n"
    )


def test_inline_pictures_become_assets_remote_ones_are_dropped() -> None:
    good = base64.b64encode(png_bytes()).decode()
    bad = base64.b64encode(truncated_png()).decode()
    html = (
        f'<p>A<img alt="Logo" src="data:image/png;base64,{good}"></p>'
        f'<p>B<img src="data:image/png;base64,{bad}"></p>'
        '<p>C<img src="https://tracker.example/pixel.gif"></p>'
    )
    result = clean_paste(html)
    assert len(result.images) == 1
    assert f"A![Logo]({result.images[0].asset_ref})" in result.markdown
    assert "B" in result.markdown and "tracker" not in result.markdown
    assert len(result.warnings) == 1
    assert "asset:" not in paste_html_to_markdown(html)


def test_empty_and_garbage_input() -> None:
    assert paste_html_to_markdown("") == ""
    assert paste_html_to_markdown("<!-- only a comment -->") == ""
    assert paste_html_to_markdown("<p>&nbsp;</p><p><o:p></o:p></p>") == ""
    assert paste_html_to_markdown("plain <b>text") == "plain **text**\n"
    deep = "<div><blockquote>" * 100 + "profond" + "</blockquote></div>" * 100
    assert "profond" in paste_html_to_markdown(deep)


def test_big_word_paste_converts_every_paragraph() -> None:
    # Timings belong to benchmarks/, not to tests: ~2 MB here only proves the
    # pipeline has no quadratic step hiding (it would then take minutes).
    start = WORD_CLIPBOARD.index("<!--StartFragment-->")
    end = WORD_CLIPBOARD.index("<!--EndFragment-->")
    fragment = WORD_CLIPBOARD[start + 20 : end]
    copies = 2_000_000 // len(fragment)
    markdown = paste_html_to_markdown("<html><body>" + fragment * copies + "</body></html>")
    assert markdown.count("- Premier point\n    - Sous-point\n- Second point") == copies
    assert "mso" not in markdown and "<" not in markdown


def test_html_file_import_reads_pictures_beside_it(tmp_path: Path) -> None:
    folder = tmp_path / "page_files"
    folder.mkdir()
    (folder / "image001.png").write_bytes(png_bytes())
    (tmp_path / "secret.png").write_bytes(png_bytes(3, 3))
    page = (
        "<html><head><meta charset=windows-1252><title>Titre de la page</title></head><body>"
        "<p>Caf\xe9 <img src='page_files/image001.png' alt='Photo'> <img src='../secret.png'>"
        "<img src='page_files/absent.png'><img src='http://example.com/x.png'></p></body></html>"
    ).encode("cp1252")
    (tmp_path / "page.htm").write_bytes(page)
    article = import_bytes(page, tmp_path / "page.htm")
    assert article.title == "Titre de la page"
    assert len(article.images) == 1 and article.images[0].original_name == "image001.png"
    assert article.body_markdown.startswith("Café ![Photo](asset:")
    assert len(article.warnings) == 3


def test_html_detected_by_content_and_first_heading_is_title() -> None:
    article = import_bytes(
        b"<!DOCTYPE html><html><body><h2>Titre</h2><p>Texte</p></body></html>", Path("x.md")
    )
    assert article.title == "Titre" and article.body_markdown == "Texte\n"
