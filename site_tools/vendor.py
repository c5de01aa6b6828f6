"""Files from npm packages that the tooling needs, fetched once into .cache/ and checked.

The diagram renderer (tools/render_diagrams.py) draws with mermaid's browser bundle, and the browser
tests check every page with axe-core. Neither is served to readers. Each file is taken from its
package's tarball on the npm registry (``npm pack``, which honours the user's registry and proxy,
else plain HTTPS), checked against the sha512 that the registry publishes for that version, and kept
in .cache/ (gitignored), so that later runs need no network.
"""

from __future__ import annotations

import base64
import hashlib
import io
import shutil
import subprocess
import tarfile
import tempfile
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from site_tools.paths import ROOT

CACHE = ROOT / ".cache"


@dataclass(frozen=True)
class NpmFile:
    package: str
    version: str
    integrity: str  # the registry's dist.integrity of the tarball
    member: str  # path inside the tarball

    @property
    def cached_name(self) -> str:
        return f"{self.package}-{self.version}-{Path(self.member).name}"


MERMAID = NpmFile(
    "mermaid",
    "11.17.2",
    "sha512-V6K3C8EBdEsPFZXSKMJe6ppQOENxuHARr9GvHX4hh47lAbhMRD9qf4oEK7LoaRQxULMa80/qt5gHO73aCleBBg==",
    "package/dist/mermaid.min.js",
)
AXE = NpmFile(
    "axe-core",
    "4.14.1",
    "sha512-FHfa+lmNjQZfJz1q8wKqIDwC6DExcHt/pkjNQb09a3NPjCKg2rhu5qb2S4r76ASyFNNtuFooJpZe37OgudVGtQ==",
    "package/axe.min.js",
)


class VendorError(RuntimeError):
    pass


def _integrity(data: bytes) -> str:
    return "sha512-" + base64.b64encode(hashlib.sha512(data).digest()).decode()


def _download_tarball(file: NpmFile) -> bytes:
    npm = shutil.which("npm")
    if npm:
        with tempfile.TemporaryDirectory() as tmp:
            result = subprocess.run(
                [
                    npm,
                    "pack",
                    f"{file.package}@{file.version}",
                    "--silent",
                    "--pack-destination",
                    tmp,
                ],
                capture_output=True,
                text=True,
                timeout=300,
            )
            tarballs = list(Path(tmp).glob("*.tgz"))
            if result.returncode == 0 and tarballs:
                return tarballs[0].read_bytes()
    url = f"https://registry.npmjs.org/{file.package}/-/{file.package}-{file.version}.tgz"
    with urllib.request.urlopen(url, timeout=120) as response:
        return response.read()


def npm_file(file: NpmFile, cache_dir: Path = CACHE) -> Path:
    """The path of ``file`` in ``cache_dir``, fetched and checked the first time."""
    target = cache_dir / file.cached_name
    if target.is_file():
        return target
    try:
        tarball = _download_tarball(file)
    except OSError as error:
        raise VendorError(
            f"{file.package} {file.version} could not be fetched from the npm registry ({error}). "
            f"Connect once, or put {file.member.removeprefix('package/')} from the npm package "
            f"{file.package}@{file.version} at {target}."
        ) from error
    if _integrity(tarball) != file.integrity:
        raise VendorError(
            f"the {file.package} {file.version} tarball does not match its published sha512"
        )
    with tarfile.open(fileobj=io.BytesIO(tarball)) as archive:
        member = archive.extractfile(file.member)
        if member is None:
            raise VendorError(f"{file.member} is missing from {file.package} {file.version}")
        data = member.read()
    cache_dir.mkdir(parents=True, exist_ok=True)
    partial = target.with_suffix(".partial")
    partial.write_bytes(data)
    partial.replace(target)
    return target
