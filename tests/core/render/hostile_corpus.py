"""Hostile inputs for the renderer and the sanitiser, as data, plus one checker.

Written for Feuillet from the techniques catalogued by the OWASP XSS Filter
Evasion Cheat Sheet, DOMPurify's test fixtures and markdown-it's xss/fatal
fixtures (read, not copied). Other suites (export, browser) import it::

    from tests.core.render.hostile_corpus import HOSTILE_MARKDOWN, assert_safe_html
"""

from __future__ import annotations

from html.parser import HTMLParser

# Markdown an author (or a paste from the web) could type into an article.
HOSTILE_MARKDOWN: tuple[str, ...] = (
    # raw tags
    "<script>alert(1)</script>",
    "<SCRIPT SRC=https://example.invalid/x.js></SCRIPT>",
    "<scr<script>ipt>alert(1)</scr</script>ipt>",
    "<<SCRIPT>alert('XSS');//\\<</SCRIPT>",
    "<script/src=//example.invalid/x.js></script>",
    "<IMG SRC=javascript:alert('XSS')>",
    "<img src=x onerror=alert(1)>",
    "<IMG SRC=# onmouseover=\"alert('xxs')\">",
    '<img src="x" ONERROR ="alert(1)">',
    '<IMG """><SCRIPT>alert("XSS")</SCRIPT>">',
    "<svg/onload=alert('XSS')>",
    "<svg><script>alert(1)</script></svg>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    '<iframe src="javascript:alert(1)"></iframe>',
    '<iframe srcdoc="<script>alert(1)</script>">',
    '<object data="data:text/html,<script>alert(1)</script>"></object>',
    '<embed src="//example.invalid/x.swf">',
    '<form action="javascript:alert(1)"><button>Envoyer</button></form>',
    '<input type="image" src="javascript:alert(1)">',
    '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    '<META HTTP-EQUIV="refresh" CONTENT="0; URL=https://example.invalid/">',
    '<base href="https://example.invalid/">',
    '<link rel=stylesheet href="https://example.invalid/x.css">',
    "<style>@import 'https://example.invalid/x.css';</style>",
    '<div style="background:url(javascript:alert(1))">texte</div>',
    '<p style="width: expression(alert(1))">texte</p>',
    "<body onload=alert(1)>",
    '<a href="javascript&colon;alert(1)">clic</a>',
    "<details open ontoggle=alert(1)>",
    "<!--<img src=x onerror=alert(1)>-->",
    "<![CDATA[<script>alert(1)</script>]]>",
    '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
    "<textarea><script>alert(1)</script></textarea>",
    "<template><script>alert(1)</script></template>",
    # Markdown links with dangerous schemes and the usual tricks
    "[clic](javascript:alert(1))",
    "[clic](JAVASCRIPT:alert(1))",
    "[clic](JaVaScRiPt:alert(1))",
    "[clic]( javascript:alert(1))",
    "[clic](<javascript:alert(1)>)",
    "[clic](jav\tascript:alert(1))",
    "[clic](jav&#x09;ascript:alert(1))",
    "[clic](&#106;avascript:alert(1))",
    "[clic](&#x6A;avascript:alert(1))",
    "[clic](javascript&#58;alert(1))",
    "[clic](javas&#99;ript:alert(1))",
    "[clic](\\javascript:alert(1))",
    "[clic](vbscript:msgbox(1))",
    "[clic](VBSCRIPT:msgbox(1))",
    "[clic](livescript:alert(1))",
    "[clic](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "[clic](DATA:text/html,<script>alert(1)</script>)",
    "[clic](file:///etc/passwd)",
    "[clic](//example.invalid/)",
    "[clic](/\\example.invalid/)",
    "[clic](\\\\example.invalid/)",
    '[clic](javascript:alert(1) "titre")',
    "<javascript:alert(1)>",
    "<vbscript:msgbox(1)>",
    "[ref]\n\n[ref]: javascript:alert(1)",
    "[ref][x]\n\n[x]: data:text/html;base64,AAAA",
    '[clic](https://example.org/"onmouseover="alert(1))',
    '[a](https://example.org/ "t" onclick=alert(1))',
    # remote and odd images
    "![photo](https://example.invalid/tracker.png)",
    '![photo](http://example.invalid/a.png "titre")',
    "![photo](//example.invalid/a.png)",
    "![photo](data:image/svg+xml;base64,PHN2Zz48L3N2Zz4=)",
    "![photo](javascript:alert(1))",
    "![photo](file:///etc/passwd)",
    "![photo](asset:../../etc/passwd)",
    '![x" onerror="alert(1)](https://example.invalid/a.png)',
    "![ref]\n\n[ref]: https://example.invalid/a.png",
    # attribute lists are Markdown too: they must not smuggle handlers or styles
    'paragraphe\n{: onclick="alert(1)" style="color:red" }',
    "# Titre {: onmouseover=alert(1) }",
    "[lien](https://example.org){: onclick=alert(1) href=javascript:alert(1) }",
    "![img](asset:abc){: onerror=alert(1) src=javascript:alert(1) }",
    'texte {: #x .a" onclick="alert(1) }',
    # Feuillet blocks fed hostile values
    "::: figure\nimage: https://example.invalid/a.png\nalt: <script>alert(1)</script>\n:::",
    "::: figure\nimage: javascript:alert(1)\ncaption: [x](javascript:alert(1))\n:::",
    "::: a-lire\ntitle: <img src=x onerror=alert(1)>\nurl: javascript:alert(1)\nsource: <b>x</b>\n:::",
    "::: a-lire\ntitle: t\nurl: //example.invalid/\n:::",
    "::: events\n- <script>alert(1)</script> | [x](javascript:alert(1)) | <iframe>\n:::",
    "::: quote\n<svg onload=alert(1)>\n-- <img src=x onerror=alert(1)>\n:::",
    "::: <script>\nalert(1)\n:::",
    # odd characters
    "texte\x00<script>alert(1)</script>",
    "\x02wzxhzdk:0\x03 placeholder forgé",
    "\ufeff[clic](javascript:alert(1))",
    "[clic](java\u0000script:alert(1))",
    "[clic](\u2028javascript:alert(1))",
)

# HTML handed straight to sanitize_html (an import, a theme snippet).
HOSTILE_HTML: tuple[str, ...] = (
    "<script>alert(1)</script>texte",
    '<img src="https://example.invalid/t.png" alt="x">',
    '<img src="//example.invalid/t.png">',
    '<img src="jav&#x09;ascript:alert(1)">',
    '<img src="data:image/svg+xml,<svg onload=alert(1)>">',
    '<a href="//example.invalid">x</a>',
    '<a href=" javascript:alert(1)">x</a>',
    '<a href="jav&#x0A;ascript:alert(1)">x</a>',
    '<a href="&#14;javascript:alert(1)">x</a>',
    '<a href="data:text/html;base64,PHNjcmlwdD4=">x</a>',
    '<a href="vbscript:msgbox(1)">x</a>',
    '<a href="file:///etc/passwd">x</a>',
    '<a href="https://example.org" target="_blank" rel="opener">x</a>',
    '<a href="https://example.org" onclick="alert(1)">x</a>',
    '<p style="color:red" onmouseover="alert(1)">x</p>',
    '<svg><a xlink:href="javascript:alert(1)"><text>x</text></a></svg>',
    '<math><maction actiontype="statusline" xlink:href="javascript:alert(1)">x</maction></math>',
    '<iframe src="https://example.invalid"></iframe>',
    '<object data="x.swf"></object><embed src="x.swf">',
    '<form><input name="q"><button formaction="javascript:alert(1)">x</button></form>',
    '<meta http-equiv="refresh" content="0;url=https://example.invalid">',
    '<base href="https://example.invalid/"><a href="x">x</a>',
    "<style>*{background:url(https://example.invalid/t.png)}</style>",
    "<div><style><img src=x onerror=alert(1)></style></div>",
    '<table background="javascript:alert(1)"><tr><td>x</td></tr></table>',
    '<td align="left" style="x">x</td>',
    '<p class="ok &quot;><script>" id="a b">x</p>',
    '<a href="#fn:1" class="footnote-ref">1</a>',
    '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
    "<xmp><script>alert(1)</script></xmp>",
)

FORBIDDEN_TAGS = frozenset(
    {
        "script", "style", "iframe", "frame", "frameset", "object", "embed", "applet",
        "svg", "math", "form", "input", "button", "textarea", "select", "meta", "link",
        "base", "noscript", "template", "body", "html", "head", "title",
    }
)  # fmt: skip
_BAD_SCHEMES = ("javascript:", "vbscript:", "livescript:", "data:", "file:")


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, attrs))

    handle_startendtag = handle_starttag


def assert_safe_html(html: str, allowed_image_sources: tuple[str, ...] | set[str] = ()) -> None:
    """Fail unless ``html`` is free of scripts, handlers, styles and remote loads."""
    collector = _Collector()
    collector.feed(html)
    collector.close()
    for tag, attrs in collector.tags:
        assert tag not in FORBIDDEN_TAGS, (tag, html)
        for name, value in attrs:
            value = value or ""
            # What a browser's URL parser looks at: tabs and newlines removed,
            # leading and trailing controls and spaces ignored.
            squeezed = "".join(c for c in value if c not in "\t\n\r")
            squeezed = squeezed.strip("".join(chr(i) for i in range(33))).lower()
            assert not name.startswith("on"), (name, html)
            assert name not in {"style", "srcdoc", "formaction", "background"}, (name, html)
            if name == "href":
                assert not squeezed.startswith(_BAD_SCHEMES), (value, html)
                assert "\\" not in squeezed and not squeezed.startswith("//"), (value, html)
            if name == "src":
                assert tag == "img" and value in allowed_image_sources, (value, html)
