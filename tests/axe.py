"""axe-core (the npm package, pinned) for the browser tests: fetched once
from the npm registry into .cache/, its integrity checked against the
registry's sha512, and run in a page by Playwright (evaluated through the
DevTools protocol, which the pages' Content-Security-Policy does not block)."""

from __future__ import annotations

import base64
import hashlib
import io
import tarfile
import urllib.request
from pathlib import Path

AXE_VERSION = "4.14.1"
AXE_TARBALL = f"https://registry.npmjs.org/axe-core/-/axe-core-{AXE_VERSION}.tgz"
AXE_INTEGRITY = "sha512-FHfa+lmNjQZfJz1q8wKqIDwC6DExcHt/pkjNQb09a3NPjCKg2rhu5qb2S4r76ASyFNNtuFooJpZe37OgudVGtQ=="
CACHE = Path(__file__).resolve().parents[1] / ".cache" / f"axe-core-{AXE_VERSION}.min.js"


def axe_source() -> str:
    """axe.min.js of the pinned version (downloaded and verified on first use)."""
    if CACHE.exists():
        return CACHE.read_text(encoding="utf-8")
    with urllib.request.urlopen(AXE_TARBALL, timeout=60) as r:
        data = r.read()
    digest = "sha512-" + base64.b64encode(hashlib.sha512(data).digest()).decode()
    if digest != AXE_INTEGRITY:
        raise RuntimeError(f"axe-core {AXE_VERSION}: the download does not match the registry's integrity")
    with tarfile.open(fileobj=io.BytesIO(data)) as tar:
        member = tar.extractfile("package/axe.min.js")
        if member is None:
            raise RuntimeError("axe-core tarball without package/axe.min.js")
        source = member.read().decode("utf-8")
    CACHE.parent.mkdir(exist_ok=True)
    CACHE.write_text(source, encoding="utf-8")
    return source


def violations(page) -> list[dict]:
    """axe's violations on the page as it stands (WCAG 2.x A and AA rules
    and axe's best practices), each as {id, impact, help, nodes}."""
    page.evaluate(axe_source())
    found = page.evaluate("""async () => {
        const r = await axe.run(document, {resultTypes: ['violations']});
        return r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                                       nodes: v.nodes.slice(0, 5).map(n => n.target.join(' '))}));
    }""")
    return list(found)
