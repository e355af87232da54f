"""Fetch the openCypher TCK feature files from Maven Central, once, into ``.cache/tck/``.

The artifact ``org.opencypher:tck`` is a jar (a zip) holding ``features/**/*.feature`` and
``graphs/*/*.cypher``. It is checked against a pinned SHA-256 and unpacked under the
repository's gitignored ``.cache/`` so later runs are offline. Run it as a script from
``scripts/test`` (so CI fetches before pytest starts) or let the test session call
:func:`ensure_tck`.
"""

from __future__ import annotations

import hashlib
import io
import os
import sys
import urllib.request
import zipfile
from pathlib import Path

VERSION = "1.0.0-M20"
#: a Maven mirror can stand in (DOCGRAPH_TCK_URL); the SHA-256 below still has to match
URL = os.environ.get("DOCGRAPH_TCK_URL") or (
    f"https://repo1.maven.org/maven2/org/opencypher/tck/{VERSION}/tck-{VERSION}.jar"
)
SHA256 = "f9b9966b5c71777e91ff9f7a76157b6c19bef3f88c48c5e9f4ae9233f25959b4"
ROOT = Path(__file__).resolve().parents[2]
CACHE = Path(os.environ.get("DOCGRAPH_TCK_CACHE") or ROOT / ".cache" / "tck") / VERSION

__all__ = ["CACHE", "VERSION", "TckUnavailable", "ensure_tck"]


class TckUnavailable(RuntimeError):
    """The TCK could not be fetched or its download was not the pinned artifact."""


def ensure_tck(timeout: float = 60.0) -> Path:
    """The folder holding ``features/`` and ``graphs/``, downloading it on first use."""
    done = CACHE / ".complete"
    if done.exists():
        return CACHE
    try:
        with urllib.request.urlopen(URL, timeout=timeout) as response:  # noqa: S310 - fixed https URL
            payload = response.read()
    except OSError as exc:
        raise TckUnavailable(f"cannot fetch the openCypher TCK from {URL}: {exc}") from exc
    digest = hashlib.sha256(payload).hexdigest()
    if digest != SHA256:
        raise TckUnavailable(f"{URL} has SHA-256 {digest}, expected {SHA256}")
    CACHE.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(io.BytesIO(payload)) as jar:
        for member in jar.namelist():
            if member.startswith(("features/", "graphs/")) and not member.endswith("/"):
                target = CACHE / member
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(jar.read(member))
    done.write_text(f"{URL}\n{digest}\n")
    return CACHE


if __name__ == "__main__":
    try:
        where = ensure_tck()
    except TckUnavailable as exc:
        print(f"error: {exc}", file=sys.stderr)
        sys.exit(1)
    count = sum(1 for _ in (where / "features").rglob("*.feature"))
    print(f"openCypher TCK {VERSION}: {count} feature files in {where}")
