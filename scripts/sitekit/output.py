"""Write generated files: only those whose content changed, so `mkdocs serve` does not loop."""
from __future__ import annotations

import os
import tempfile
from pathlib import Path


def write_changed(outputs: dict[str, str | bytes], root: Path, managed: list[str]) -> list[str]:
    """Write each changed file under ``root``; remove files in the ``managed`` folders that are
    no longer generated; return the paths that changed."""
    changed = []
    for name, text in sorted(outputs.items()):
        target = root / name
        data = text.encode("utf-8") if isinstance(text, str) else text
        if target.is_file() and target.read_bytes() == data:
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        _replace(target, data)
        changed.append(name)
    for folder in managed:
        for stale in sorted(p for p in (root / folder).rglob("*") if p.is_file()):
            name = stale.relative_to(root).as_posix()
            if name not in outputs:
                stale.unlink()
                changed.append(name)
    return changed


def _replace(target: Path, data: bytes) -> None:
    # Write beside the target and rename, so a reader never sees half a file.
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.")
    with os.fdopen(fd, "wb") as handle:
        handle.write(data)
    os.chmod(tmp, 0o644)
    os.replace(tmp, target)
