"""The software bill of materials: every third-party component the app runs with, as CycloneDX JSON.

Python packages are read from what is installed (the app's requirements and
theirs, with their versions and licences), front-end files from
`package-lock.json` (version and SHA-512). Both come from the public registries
only: PyPI and npm.
"""
import base64
import json
import os
import re
import uuid
from importlib import metadata

from . import PROJECT_ROOT
from .db import utcnow


_NAME = re.compile(r"^\s*([A-Za-z0-9][A-Za-z0-9._-]*)")
_EXTRA = re.compile(r"""extra\s*==\s*['"]([^'"]+)['"]""")


def _key(name):
    """A distribution name in its normal form (PEP 503): "Flask_WTF" -> "flask-wtf"."""
    return re.sub(r"[-_.]+", "-", name).lower()


def _requirements(distribution, extras=()):
    """The names a distribution requires, leaving out those of extras not asked for.

    Other markers (Python version, platform) are not evaluated: a requirement that does
    not apply here is simply not installed, and is skipped by the caller.
    """
    names = []
    for text in distribution.requires or []:
        requirement, _, marker = text.partition(";")
        extra = _EXTRA.search(marker)
        if extra and extra.group(1) not in extras:
            continue
        names.append(_NAME.match(requirement).group(1))
    return names


def python_components(root="bonsclics", extras=("postgres",)):
    """The installed distributions `root` needs to run (its `extras` included), normal name -> Distribution."""
    found = {}
    todo = _requirements(metadata.distribution(root), extras)
    while todo:
        name = todo.pop()
        if _key(name) in found:
            continue
        try:
            distribution = metadata.distribution(name)
        except metadata.PackageNotFoundError:
            continue  # optional, and not installed here
        found[_key(name)] = distribution
        todo += _requirements(distribution)
    return found


def _licence(distribution):
    """The licence a distribution declares (SPDX expression, or the classifier's words), or ""."""
    meta = distribution.metadata
    expression = meta.get("License-Expression") or ""
    if expression:
        return expression
    classifiers = [c.rsplit(" :: ", 1)[1] for c in meta.get_all("Classifier") or [] if c.startswith("License ::")]
    if classifiers:
        return classifiers[0]
    text = (meta.get("License") or "").strip()
    return text if text and "\n" not in text and len(text) < 80 else ""


def _python_entry(key, distribution):
    entry = {"type": "library", "name": distribution.metadata["Name"], "version": distribution.version,
             "purl": f"pkg:pypi/{key}@{distribution.version}"}
    licence = _licence(distribution)
    if licence:
        entry["licenses"] = [{"license": {"name": licence}}]
    return entry


def front_end_components():
    """The packages pinned in `package-lock.json`, with their SHA-512 from the lock file."""
    with open(os.path.join(PROJECT_ROOT, "package-lock.json"), encoding="utf-8") as handle:
        lock = json.load(handle)
    entries = []
    for path, package in sorted(lock["packages"].items()):
        if not path.startswith("node_modules/"):
            continue
        name = path.removeprefix("node_modules/")
        algorithm, _, digest = package["integrity"].partition("-")
        entry = {"type": "library", "name": name, "version": package["version"],
                 "purl": f"pkg:npm/{name}@{package['version']}",
                 "hashes": [{"alg": algorithm.upper().replace("SHA", "SHA-"), "content": base64.b64decode(digest).hex()}],
                 "scope": "excluded" if package.get("dev") else "required"}
        if package.get("license"):
            entry["licenses"] = [{"license": {"id": package["license"]}}]
        entries.append(entry)
    return entries


def bill_of_materials():
    """The CycloneDX 1.5 document, as a dict."""
    own = metadata.distribution("bonsclics")
    python = [_python_entry(key, d) for key, d in sorted(python_components().items())]
    return {
        "bomFormat": "CycloneDX",
        "specVersion": "1.5",
        "serialNumber": f"urn:uuid:{uuid.uuid4()}",
        "version": 1,
        "metadata": {
            "timestamp": utcnow().isoformat(timespec="seconds") + "Z",
            "component": {"type": "application", "name": "bonsclics", "version": own.version},
        },
        "components": python + front_end_components(),
    }
