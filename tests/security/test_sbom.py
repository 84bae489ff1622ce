"""The software bill of materials lists every third-party component the app runs with (V15.1.2)."""
import json
import re
from importlib import metadata


def _bom(app):
    result = app.test_cli_runner().invoke(args=["sbom"])
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def _key(name):
    return re.sub(r"[-_.]+", "-", name).lower()


def test_every_runtime_requirement_and_theirs_are_listed_with_their_installed_version(app):
    bom = _bom(app)
    assert bom["bomFormat"] == "CycloneDX" and bom["metadata"]["component"]["name"] == "bonsclics"
    python = {c["purl"].split("/")[1].split("@")[0]: c for c in bom["components"] if c["purl"].startswith("pkg:pypi/")}
    direct = {_key(re.match(r"[A-Za-z0-9._-]+", text).group(0))
              for text in metadata.distribution("bonsclics").requires if "extra ==" not in text}
    assert direct and direct <= set(python)  # flask, peewee, argon2-cffi...
    # Requirements of requirements too: Flask brings Werkzeug and Jinja2, argon2-cffi its C bindings.
    assert {"werkzeug", "jinja2", "markupsafe", "argon2-cffi-bindings", "psycopg2-binary"} <= set(python)
    assert not {"pytest", "hypothesis", "playwright"} & set(python)  # test tools are not shipped
    for key, component in python.items():
        assert component["version"] == metadata.version(key), key
    assert python["flask"]["licenses"][0]["license"]["name"]


def test_front_end_files_are_listed_with_their_pinned_hash(app):
    from bonsclics import PROJECT_ROOT

    lock = json.load(open(f"{PROJECT_ROOT}/package-lock.json", encoding="utf-8"))
    npm = {c["name"]: c for c in _bom(app)["components"] if c["purl"].startswith("pkg:npm/")}
    htmx = npm["htmx.org"]
    assert htmx["version"] == lock["packages"]["node_modules/htmx.org"]["version"] and htmx["scope"] == "required"
    assert htmx["hashes"][0]["alg"] == "SHA-512" and len(htmx["hashes"][0]["content"]) == 128
    assert npm["axe-core"]["scope"] == "excluded"  # used by the tests only
