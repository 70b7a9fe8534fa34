"""Find a marked part of a built page with an HTML parser (the override marks it with a data-
attribute), so later steps do not depend on the theme's class names or comments."""
from __future__ import annotations

from html.parser import HTMLParser

_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class _Finder(HTMLParser):
    def __init__(self, marker: str):
        super().__init__(convert_charrefs=False)
        self.marker, self.depth, self.start, self.end = marker, 0, None, None

    def handle_starttag(self, tag, attrs):
        if self.end is not None or tag in _VOID:
            return
        if self.start is None:
            if any(name == self.marker for name, _ in attrs):
                self.start, self.depth = self.getpos(), 1
        else:
            self.depth += 1

    def handle_endtag(self, tag):
        if self.start is None or self.end is not None or tag in _VOID:
            return
        self.depth -= 1
        if self.depth == 0:
            line, column = self.getpos()
            self.end = (line, column + len(f"</{tag}>"))


def marked_element(html: str, marker: str) -> str | None:
    """The outer HTML of the first element that has the attribute ``marker``.

    >>> marked_element('<p>a</p><div class="x" data-k><img src=y><p>b</p></div><p>c</p>', "data-k")
    '<div class="x" data-k><img src=y><p>b</p></div>'
    """
    finder = _Finder(marker)
    finder.feed(html)
    finder.close()
    if finder.start is None or finder.end is None:
        return None
    lines = html.splitlines(keepends=True)
    offsets = [0]
    for text in lines:
        offsets.append(offsets[-1] + len(text))
    begin = offsets[finder.start[0] - 1] + finder.start[1]
    end = offsets[finder.end[0] - 1] + finder.end[1]
    return html[begin:end]
