"""HTML to text: guards against hostile pages, trafilatura for articles, a plain fallback.

A page is refused before parsing when it is larger than the byte limit or nests elements
deeper than :data:`MAX_DEPTH` (an "HTML bomb" that would make a parser recurse or swell).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..errors import Rejected

#: Deepest element nesting accepted. Real article pages stay well under 100 levels;
#: libxml2 itself refuses more than 256 unless told otherwise.
MAX_DEPTH = 256
#: Most elements accepted in one page.
MAX_TAGS = 200_000

_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9:-]*)[^>]*?(/?)>")
_VOID = frozenset(
    "area base br col embed hr img input link meta param source track wbr basefont frame isindex "
    "keygen command".split()
)
# elements whose end tag may be left out (HTML spec "optional tags"); not counted for depth
_OPTIONAL_END = frozenset("p li dt dd tr td th option optgroup thead tbody tfoot colgroup rb rt rp".split())
_FULL_PAGE = re.compile(r"<(html|body|head)[\s>]", re.I)
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_.:-]+)""", re.I)


@dataclass(frozen=True)
class Extracted:
    text: str
    title: str | None
    method: str
    version: str


def check_html(html: str, *, key: str, max_chars: int) -> None:
    """Raise :class:`Rejected` when the page is too large or too deeply nested to parse safely."""
    if len(html) > max_chars:
        raise Rejected(f"HTML is {len(html):,} characters, over the limit of {max_chars:,}", key=key)
    depth = deepest = tags = 0
    for m in _TAG.finditer(html):
        tags += 1
        if tags > MAX_TAGS:
            raise Rejected(f"HTML has more than {MAX_TAGS:,} elements", key=key)
        name = m[2].lower()
        if name in _VOID or name in _OPTIONAL_END or m[3]:
            continue
        if m[1]:
            depth = max(0, depth - 1)
        else:
            depth += 1
            if depth > deepest:
                deepest = depth
                if deepest > MAX_DEPTH:
                    raise Rejected(f"HTML nests elements more than {MAX_DEPTH} levels deep", key=key)


def declared_charset(data: bytes) -> str | None:
    """The charset a page declares in a ``<meta>`` tag within its first 4 KB."""
    m = _CHARSET.search(data[:4096])
    return m[1].decode("ascii").lower() if m else None


def extract_html(html: str, *, url: str | None = None, key: str, max_chars: int) -> Extracted:
    """Main text of a page with trafilatura; falls back to all visible text for fragments."""
    import trafilatura

    check_html(html, key=key, max_chars=max_chars)
    title = None
    text = None
    doc = html if _FULL_PAGE.search(html[:4096]) else f"<html><body><article>{html}</article></body></html>"
    try:
        text = trafilatura.extract(
            doc, url=url, include_comments=False, include_tables=True, favor_precision=False,
            deduplicate=False, with_metadata=False,
        )
        meta = trafilatura.extract_metadata(doc)
        title = meta.title if meta is not None else None
    except Exception:  # noqa: BLE001 - a parser failure falls through to the plain extractor
        text = None
    if text and text.strip():
        return Extracted(text, title, "trafilatura", trafilatura.__version__)
    plain, plain_title = _plain_text(html)
    return Extracted(plain, title or plain_title, "lxml-text", _lxml_version())


def _plain_text(html: str) -> tuple[str, str | None]:
    from lxml import etree
    from lxml import html as lxml_html

    try:
        root = lxml_html.fromstring(html)
    except (etree.ParserError, ValueError):
        return "", None
    for bad in root.xpath("//script|//style|//noscript|//template"):
        bad.drop_tree()
    title_el = root.find(".//title")
    title = title_el.text_content().strip() if title_el is not None else None
    if title_el is not None:
        title_el.drop_tree()
    blocks = root.xpath("//p|//li|//h1|//h2|//h3|//h4|//blockquote|//pre|//td")
    parts = [b.text_content().strip() for b in blocks] if blocks else [root.text_content()]
    return "\n\n".join(p for p in parts if p), title or None


def _lxml_version() -> str:
    from lxml import etree

    return ".".join(str(v) for v in etree.LXML_VERSION[:3])
