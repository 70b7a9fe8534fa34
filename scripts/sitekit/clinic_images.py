"""Check the clinic's logo and favicon: inside the clinic's folder, small, and what they claim
to be (by content). An SVG is a document a browser runs when its own address is opened, so
scripts, event handlers, embedded HTML and references to other files are refused."""
from __future__ import annotations

import xml.parsers.expat
from pathlib import Path
from typing import NoReturn

MAX_BYTES = 512 * 1024
_MAGIC = {".png": b"\x89PNG\r\n\x1a\n", ".ico": b"\x00\x00\x01\x00"}
_SVG_NS = "http://www.w3.org/2000/svg"
_REFUSED_ELEMENTS = {"script", "foreignObject", "iframe", "embed", "object", "handler", "listener"}


class ImageProblem(ValueError):
    """What is wrong with an image, and how to fix it (message, fix)."""

    def __init__(self, message: str, fix: str):
        super().__init__(message)
        self.fix = fix


def read_image(clinic_dir: Path, written: str) -> bytes:
    """The bytes of an image named in the clinic file, once it passed every check.

    >>> import tempfile; d = Path(tempfile.mkdtemp()); _ = (d / "a.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg"><circle r="1"/></svg>')
    >>> len(read_image(d, "a.svg")) > 0
    True
    >>> _ = (d / "b.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg" onload="x()"/>')
    >>> read_image(d, "b.svg")
    Traceback (most recent call last):
    sitekit.clinic_images.ImageProblem: the SVG 'b.svg' has an event handler (onload)
    """  # noqa: E501 - a doctest or script line that cannot be split
    home = clinic_dir.resolve()
    path = (clinic_dir / written).resolve()  # symlinks and .. resolved
    if not path.is_relative_to(home):
        raise ImageProblem(f"'{written}' is outside the clinic file's folder ({path})",
                           f"Copy the image into {home} (e.g. clinic-assets/) and give its path from there.")
    if not path.is_file():
        raise ImageProblem(f"the file '{written}' does not exist next to the clinic file",
                           f"Put the file in {home} (e.g. in clinic-assets/) and give its path.")
    size = path.stat().st_size
    if size > MAX_BYTES:
        raise ImageProblem(f"'{written}' is {size // 1024} KB, more than the {MAX_BYTES // 1024} KB allowed",
                           "Use a smaller image (a logo needs about 200 px across; SVG or an optimised PNG).")
    data = path.read_bytes()
    suffix = Path(written).suffix.lower()
    if suffix in _MAGIC and not data.startswith(_MAGIC[suffix]):
        raise ImageProblem(f"'{written}' is not a {suffix[1:].upper()} file (its content says otherwise)",
                           f"Export the image as {suffix[1:].upper()}, or give the file the extension of its real type.")  # noqa: E501
    if suffix == ".svg":
        _check_svg(data, written)
    return data


def _check_svg(data: bytes, written: str) -> None:
    fix = "Export a plain SVG (no scripts, links or embedded files), e.g. with Inkscape's 'Optimized SVG'."
    found: list[str] = []
    parser = xml.parsers.expat.ParserCreate(namespace_separator=" ")

    def refuse(*_args: object) -> NoReturn:
        raise ImageProblem(f"the SVG '{written}' has a DOCTYPE or entity declarations", fix)

    def start(name: str, attrs: dict[str, str]) -> None:
        namespace, _, local = name.rpartition(" ")
        if not found and (namespace, local) != (_SVG_NS, "svg"):
            raise ImageProblem(f"'{written}' is not an SVG image (its first element is <{local}>)",
                               "Export the image as SVG, or use a PNG.")
        found.append(local)
        if local in _REFUSED_ELEMENTS or namespace not in (_SVG_NS, ""):
            raise ImageProblem(f"the SVG '{written}' has a <{local}> element", fix)
        for attr, value in attrs.items():
            attr_local = attr.rpartition(" ")[2]
            if attr_local.lower().startswith("on"):
                raise ImageProblem(f"the SVG '{written}' has an event handler ({attr_local})", fix)
            if attr_local == "href" and not (value.startswith("#") or value.startswith("data:image/")):
                raise ImageProblem(f"the SVG '{written}' links to another file ({value[:60]})", fix)
            if "url(" in value.replace(" ", "") and "url(#" not in value.replace(" ", ""):
                raise ImageProblem(f"the SVG '{written}' refers to another file in {attr_local}", fix)

    parser.StartDoctypeDeclHandler = refuse
    parser.EntityDeclHandler = refuse
    parser.ExternalEntityRefHandler = refuse
    parser.StartElementHandler = start
    try:
        parser.Parse(data, True)
    except xml.parsers.expat.ExpatError as err:
        raise ImageProblem(f"'{written}' is not an SVG image (not XML: {xml.parsers.expat.errors.messages[err.code]}"
                           f" at line {err.lineno})", "Export the image as SVG, or use a PNG.") from None
    if not found:
        raise ImageProblem(f"'{written}' is not an SVG image", "Export the image as SVG, or use a PNG.")
    if b"@import" in data or b"url(http" in data.replace(b" ", b""):
        raise ImageProblem(f"the SVG '{written}' loads another file from its style", fix)
