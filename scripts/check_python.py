"""Stop early, with a clear message, on a Python older than the site needs."""
import sys

if sys.version_info < (3, 11):  # noqa: UP036 - this file runs on any Python, to say so
    sys.exit(
        f"This site needs Python 3.11 or newer; {sys.executable} is "
        f"{sys.version.split()[0]}. Install a newer Python, or run make with PYTHON=python3.11."
    )
