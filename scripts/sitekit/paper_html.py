"""A small tree of a built page, read with html.parser, for the handout step.

The handout step finds the parts it needs by the data- attributes the overrides and templates put
on them (never by the theme's class names), takes some out, and writes the rest back. Text and
entities are kept exactly as the site wrote them (escaped once there); only a changed start tag is
written again, with its values escaped here.
"""
from __future__ import annotations

import html
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urljoin

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


@dataclass
class Node:
    """An element (``tag`` None for the root); ``children`` are Nodes or raw markup strings."""

    tag: str | None
    attrs: dict[str, str | None] = field(default_factory=dict)
    start: str = ""  # the start tag as written; "" once attrs changed (written again)
    children: list[Node | str] = field(default_factory=list)
    parent: Node | None = field(default=None, repr=False)

    def get(self, name: str) -> str | None:
        return self.attrs.get(name)

    def set(self, name: str, value: str) -> None:
        self.attrs[name] = value
        self.start = ""

    def has(self, name: str) -> bool:
        return name in self.attrs

    def walk(self) -> Iterator[Node]:
        """This node and every element under it, in document order."""
        yield self
        for child in self.children:
            if isinstance(child, Node):
                yield from child.walk()

    def find(self, test: Callable[[Node], bool]) -> Node | None:
        return next((n for n in self.walk() if n.tag and test(n)), None)

    def find_all(self, test: Callable[[Node], bool]) -> list[Node]:
        return [n for n in self.walk() if n.tag and test(n)]

    def remove(self) -> None:
        if self.parent is not None:
            self.parent.children.remove(self)
            self.parent = None

    def next_element(self) -> Node | None:
        """The element after this one under the same parent (text between is skipped)."""
        if self.parent is None:
            return None
        siblings = self.parent.children
        for child in siblings[siblings.index(self) + 1:]:
            if isinstance(child, Node):
                return child
        return None

    def start_tag(self) -> str:
        if self.start:
            return self.start
        parts = "".join(f" {k}" if v is None else f' {k}="{html.escape(v, quote=True)}"'
                        for k, v in self.attrs.items())
        return f"<{self.tag}{parts}>"

    def inner_html(self) -> str:
        return "".join(c if isinstance(c, str) else c.outer_html() for c in self.children)

    def outer_html(self) -> str:
        if self.tag is None:
            return self.inner_html()
        if self.tag in VOID:
            return self.start_tag()
        return f"{self.start_tag()}{self.inner_html()}</{self.tag}>"

    def text(self, skip: Callable[[Node], bool] = lambda n: False) -> str:
        """The words of an inline run (a heading, a title), whitespace folded; elements for which
        ``skip`` is true are left out.

        >>> parse('<h2>Classic <abbr>sciatica</abbr>: L5<a href="#x">#</a></h2>').text(lambda n: n.tag == "a")
        'Classic sciatica: L5'
        """
        words: list[str] = []
        for child in self.children:
            if isinstance(child, str):
                if not child.startswith("<!"):
                    words.append(html.unescape(child))
            elif not skip(child):
                words.append(child.text(skip))
        return " ".join("".join(words).split())


class _TreeBuilder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.root = Node(None)
        self.open: list[Node] = [self.root]

    def _add(self, tag: str, attrs: list[tuple[str, str | None]], empty: bool) -> None:
        node = Node(tag, dict(attrs), self.get_starttag_text() or "", parent=self.open[-1])
        self.open[-1].children.append(node)
        if not empty and tag not in VOID:
            self.open.append(node)

    def handle_starttag(self, tag, attrs):
        self._add(tag, attrs, empty=False)

    def handle_startendtag(self, tag, attrs):
        self._add(tag, attrs, empty=True)

    def handle_endtag(self, tag):
        for depth in range(len(self.open) - 1, 0, -1):  # close up to the matching open element
            if self.open[depth].tag == tag:
                del self.open[depth:]
                return

    def handle_data(self, data):
        self.open[-1].children.append(data)

    def handle_entityref(self, name):
        self.open[-1].children.append(f"&{name};")

    def handle_charref(self, name):
        self.open[-1].children.append(f"&#{name};")

    def handle_comment(self, data):
        self.open[-1].children.append(f"<!--{data}-->")

    def handle_decl(self, decl):
        self.open[-1].children.append(f"<!{decl}>")


def parse(markup: str) -> Node:
    """The tree of ``markup``; written back it gives the same markup (closing tags made explicit).

    >>> parse('<p class="a">x &amp; <b>y</b><br></p>').outer_html()
    '<p class="a">x &amp; <b>y</b><br></p>'
    >>> parse('<div data-k><p>a</div>').find(lambda n: n.has("data-k")).text()
    'a'
    """
    builder = _TreeBuilder()
    builder.feed(markup)
    builder.close()
    return builder.root


def absolute_links(root: Node, base: str) -> None:
    """Every href and src under ``root`` made absolute against ``base`` (#, data:, tel: and mailto:
    stay as they are).

    >>> tree = parse('<a href="../causes/#l4">x</a> <a href="tel:999">y</a>')
    >>> absolute_links(tree, "https://e.org/k/anatomy/"); tree.outer_html()
    '<a href="https://e.org/k/causes/#l4">x</a> <a href="tel:999">y</a>'
    """
    for node in root.walk():
        for name in ("href", "src"):
            value = node.get(name)
            if value is not None and not value.startswith(("data:", "#", "tel:", "mailto:")):
                absolute = urljoin(base, value)
                if absolute != value:
                    node.set(name, absolute)
