"""The catalogues are in step with the code, and complete in every language."""
import os
import re
import subprocess
import sys

import pytest
from babel.messages.pofile import read_po

from bonsclics import PROJECT_ROOT
from bonsclics.i18n import LANGUAGE_CODES

PLACEHOLDER = re.compile(r"%\([a-z_]+\)[sd]|%[sd]")


def _messages(path, locale=None):
    with open(path, "rb") as handle:
        return read_po(handle, locale=locale)


def test_catalogue_template_is_in_step_with_the_sources(tmp_path):
    fresh = tmp_path / "messages.pot"
    subprocess.run(
        [sys.executable, "-m", "babel.messages.frontend", "extract", "-F", "babel.cfg", "-k", "_l",
         "--no-location", "--sort-output", "--omit-header", "--ignore-dirs", ".* __pycache__ node_modules instance bench tests",
         "-o", str(fresh), "."],
        cwd=PROJECT_ROOT, check=True, capture_output=True,
    )
    committed = {m.id for m in _messages(os.path.join(PROJECT_ROOT, "translations", "messages.pot")) if m.id}
    current = {m.id for m in _messages(fresh) if m.id}
    missing = sorted(str(m) for m in current - committed)[:10]
    stale = sorted(str(m) for m in committed - current)[:10]
    assert not missing and not stale, (
        f"Run `flask --app app translate extract` then `update`. New strings: {missing}; gone: {stale}"
    )


@pytest.mark.parametrize("code", LANGUAGE_CODES)
def test_every_language_translates_every_string(code):
    template = {m.id for m in _messages(os.path.join(PROJECT_ROOT, "translations", "messages.pot")) if m.id}
    path = os.path.join(PROJECT_ROOT, "translations", code, "LC_MESSAGES", "messages.po")
    assert os.path.exists(path), f"no catalogue for {code}"
    catalogue = _messages(path, locale=code)
    problems = []
    seen = set()
    for message in catalogue:
        if not message.id:
            continue
        seen.add(message.id)
        if message.fuzzy:
            problems.append(f"fuzzy: {message.id!r}")
        sources = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if isinstance(message.id, tuple) and len(strings) != catalogue.num_plurals:
            problems.append(f"{len(strings)} plural forms, {code} needs {catalogue.num_plurals}: {message.id!r}")
        for string in strings:
            if not string.strip():
                problems.append(f"empty: {message.id!r}")
            elif set(PLACEHOLDER.findall(string)) - set(PLACEHOLDER.findall(" ".join(sources))):
                problems.append(f"placeholder not in source: {string!r}")
            elif set(PLACEHOLDER.findall(sources[0])) - set(PLACEHOLDER.findall(string)) and not isinstance(message.id, tuple):
                problems.append(f"placeholder missing: {string!r}")
    missing = template - seen
    if missing:
        problems.append(f"{len(missing)} strings not in the catalogue, e.g. {sorted(map(str, missing))[:3]}")
    assert not problems, f"{code}: " + "\n".join(problems[:20])
