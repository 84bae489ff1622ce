"""Front-end packages from the npm registry, pinned and checked, without needing Node.js.

`package-lock.json` pins each package's version and sha512; `fetch` downloads
the tarball from the registry, checks the hash and copies the one file the app
(or the tests) use. Nothing third-party is committed to the repository.
"""
import base64
import hashlib
import io
import json
import os
import shutil
import subprocess
import tarfile
import urllib.request

# package -> (file inside the tarball, where it goes, needed only for tests)
FILES = {
    "htmx.org": ("package/dist/htmx.min.js", "static/vendor/htmx.min.js", False),
    "axe-core": ("package/axe.min.js", "node_modules/axe-core/axe.min.js", True),
}


def registry():
    """The npm registry to use (npm's own setting when npm is installed)."""
    if os.environ.get("NPM_CONFIG_REGISTRY"):
        return os.environ["NPM_CONFIG_REGISTRY"].rstrip("/")
    if shutil.which("npm"):
        result = subprocess.run(["npm", "config", "get", "registry"], capture_output=True, text=True)
        if result.returncode == 0 and result.stdout.strip().startswith("http"):
            return result.stdout.strip().rstrip("/")
    return "https://registry.npmjs.org"


def _verify(data, integrity):
    """Check a tarball against the lock file's `sha512-...` integrity string."""
    algorithm, _, expected = integrity.partition("-")
    digest = base64.b64encode(hashlib.new(algorithm, data).digest()).decode()
    if digest != expected:
        raise RuntimeError(f"integrity check failed ({algorithm}): expected {expected}, got {digest}")


def fetch(root, include_dev=False, log=print):
    """Install the pinned files under `root`; returns the paths written."""
    with open(os.path.join(root, "package-lock.json"), encoding="utf-8") as handle:
        packages = json.load(handle)["packages"]
    written = []
    for name, (member, destination, dev_only) in FILES.items():
        if dev_only and not include_dev:
            continue
        locked = packages[f"node_modules/{name}"]
        target = os.path.join(root, destination)
        stamp = target + ".version"
        if os.path.exists(target) and os.path.exists(stamp) and open(stamp).read() == locked["integrity"]:
            written.append(target)
            continue
        url = f"{registry()}/{name}/-/{name.split('/')[-1]}-{locked['version']}.tgz"
        log(f"fetching {name} {locked['version']}")
        with urllib.request.urlopen(url, timeout=60) as response:
            data = response.read()
        _verify(data, locked["integrity"])
        with tarfile.open(fileobj=io.BytesIO(data), mode="r:gz") as archive:
            content = archive.extractfile(member).read()
        os.makedirs(os.path.dirname(target), exist_ok=True)
        with open(target, "wb") as handle:
            handle.write(content)
        with open(stamp, "w") as handle:
            handle.write(locked["integrity"])
        written.append(target)
    return written
