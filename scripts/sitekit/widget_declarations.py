"""What each widget is, as its folder declares it (scripts/sitekit/widgets/<name>/widget.yml): what
it renders and from what, its templates, and the style and script it loads, on every page or only
on the pages that name it (front matter ``widgets: [name]``: ``per_page``).

The site stylesheet, the widget files the site serves, the pages' ``widgets:`` check, the theme's
per-page assets (config.extra.widgets) and the template lookup (``<widget>/<template>``) all read
these declarations: adding a widget is adding its folder (and naming it on the pages that use it).
A declaration is read when asked for, never at import; a mistake in one is an InputError naming
the file, line and key.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import yamlsource
from .problems import InputError, Problem

WIDGETS = Path(__file__).parent / "widgets"
DECLARATION = "widget.yml"
_KEYS = ("renders", "from", "templates", "styles", "scripts", "per_page")
_FILES = (("templates", ".j2"), ("styles", ".css"), ("scripts", ".js"))


@dataclass(frozen=True)
class Widget:
    name: str             # its folder's name, e.g. "checker"
    folder: Path
    renders: str          # what it shows, in words
    from_: str            # what it is made from
    templates: tuple[str, ...]  # its Jinja templates, looked up as "<name>/<template>"
    styles: tuple[str, ...]     # its CSS files
    scripts: tuple[str, ...]    # its JavaScript files
    per_page: bool        # its style and script load only on the pages that name it


def read_widgets(folder: Path = WIDGETS) -> tuple[Widget, ...]:
    """Every widget under ``folder``, by name; one InputError lists every problem in their
    declarations (a folder without one, a key missing or wrong, a file not named or not there).

    >>> import tempfile; d = Path(tempfile.mkdtemp())
    >>> (d / "box").mkdir(); (d / "bare").mkdir(); _ = (d / "box" / "box.css").write_text(".b{}")
    >>> _ = (d / "box" / DECLARATION).write_text("renders: a box\\nfrom: the clinic\\ntemplates: []\\n"
    ...                                          "styles: []\\nscripts: []\\nper_page: often\\n")
    >>> read_widgets(d)
    Traceback (most recent call last):
    sitekit.problems.InputError: 3 problems found; nothing was written:
      scripts/sitekit/widgets/bare/widget.yml:1:1: is missing. Fix: Every widget folder says what it is: copy another widget's widget.yml and edit it (the README says how to add a widget).
      scripts/sitekit/widgets/box/widget.yml:6:1: per_page: should be true or false. Fix: Write true (its style and script load only on the pages that name it) or false (on every page).
      scripts/sitekit/widgets/box/widget.yml:4:1: styles: lists [], the folder has ['box.css']. Fix: Name each of the folder's files once.
    """  # noqa: E501 - a doctest line that cannot be split
    widgets, problems = [], []
    for path in sorted(p for p in folder.iterdir() if p.is_dir() and p.name[0] not in "._"):
        try:
            widgets.append(_read(path))
        except InputError as err:
            problems += err.problems
    if problems:
        raise InputError(problems)
    return tuple(widgets)


def page_widgets(widgets: tuple[Widget, ...]) -> tuple[str, ...]:
    """The widgets a page names in its front matter to load their style and script."""
    return tuple(w.name for w in widgets if w.per_page)


def _read(folder: Path) -> Widget:
    path = folder / DECLARATION
    where = f"scripts/sitekit/widgets/{folder.name}/{DECLARATION}"
    if not path.is_file():
        raise InputError([Problem(where, 1, 1, "", "is missing",
                                  f"Every widget folder says what it is: copy another widget's {DECLARATION} "
                                  "and edit it (the README says how to add a widget).")])
    source = yamlsource.load(path, where)
    data: Any = source.data
    if not isinstance(data, dict):
        raise InputError([source.problem((), "is not a set of keys", f"Write these keys: {', '.join(_KEYS)}.")])
    problems = [source.problem((key,), "unknown key", f"Check the spelling, or remove it. Keys: {', '.join(_KEYS)}.")
                for key in data if key not in _KEYS]
    problems += [source.problem((), f"'{key}' is missing", f"Add '{key}:' (keys: {', '.join(_KEYS)}).")
                 for key in _KEYS if key not in data]
    if problems:
        raise InputError(problems)
    for key in ("renders", "from"):
        if not isinstance(data[key], str) or not data[key].strip():
            problems.append(source.problem((key,), "should be text", "Say it in words."))
    if not isinstance(data["per_page"], bool):
        problems.append(source.problem(("per_page",), "should be true or false",
                                       "Write true (its style and script load only on the pages that name "
                                       "it) or false (on every page)."))
    files: dict[str, tuple[str, ...]] = {}
    for key, suffix in _FILES:
        names = data[key]
        present = sorted(p.name for p in folder.glob(f"*{suffix}") if ".test." not in p.name)
        if not isinstance(names, list) or not all(isinstance(n, str) and n.endswith(suffix) for n in names):
            problems.append(source.problem((key,), f"should be a list of the folder's {suffix} files",
                                           f"Write a list such as [{', '.join(present) or 'a' + suffix}]."))
        elif sorted(names) != present:
            problems.append(source.problem((key,), f"lists {sorted(names)}, the folder has {present}",
                                           "Name each of the folder's files once."))
        else:
            files[key] = tuple(names)
    if problems:
        raise InputError(problems)
    return Widget(folder.name, folder, data["renders"].strip(), data["from"].strip(), files["templates"],
                  files["styles"], files["scripts"], data["per_page"])


def page_assets(widgets: tuple[Widget, ...]) -> list[dict[str, Any]]:
    """Each per-page widget's style and script, as the site serves them (the generated config's
    extra.widgets: overrides/main.html loads them on the pages that name the widget). A list, not
    a map: Zensical's templates cannot walk a map's items.

    >>> [packet] = page_assets((Widget("packet", WIDGETS, "r", "f", (), ("packet.css",), ("packet.js",), True),))
    >>> packet["name"], packet["styles"], packet["scripts"]
    ('packet', ['generated/widgets/packet/packet.css'], ['generated/widgets/packet/packet.js'])
    """
    return [{"name": w.name, "styles": [f"generated/widgets/{w.name}/{name}" for name in w.styles],
             "scripts": [f"generated/widgets/{w.name}/{name}" for name in w.scripts]}
            for w in widgets if w.per_page]
