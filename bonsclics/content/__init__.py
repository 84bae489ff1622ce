"""Versioned content files (YAML) and the helpers that read their multilingual texts.

The data files live beside this module; `docs/content.md` describes their format.
"""
import functools
import os
import re
from collections import namedtuple

import yaml
from markupsafe import Markup, escape

CONTENT_DIR = os.path.dirname(os.path.abspath(__file__))
TEXT_LANGUAGES = ("fr", "falc", "en", "ar", "uk", "fa_AF", "ps", "ru", "ti")

LocalText = namedtuple("LocalText", "text lang fallback")
# libyaml's parser when PyYAML was built with it: several times faster on the long content files.
SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@functools.lru_cache(maxsize=None)
def load_yaml(relative_path):
    """Parse a content file (cached: content changes only with a new release)."""
    with open(os.path.join(CONTENT_DIR, relative_path), encoding="utf-8") as handle:
        return yaml.load(handle, Loader=SAFE_LOADER)  # noqa: S506 (a safe loader)


def list_files(folder, suffix=".yaml"):
    """Relative paths of the content files in `folder`, sorted, recursively."""
    base = os.path.join(CONTENT_DIR, folder)
    found = []
    for root, _dirs, files in os.walk(base):
        for name in files:
            if name.endswith(suffix):
                found.append(os.path.relpath(os.path.join(root, name), CONTENT_DIR))
    return sorted(found)


def pick(value, locale="fr", easy_read=False):
    """The text of `value` for `locale`, falling back to French (and saying so).

    `value` is a plain French string or a mapping of language codes to texts.
    In easy-to-read mode, French readers get the `falc` version when it exists.
    """
    if value is None:
        return LocalText("", "fr", False)
    if isinstance(value, str):
        return LocalText(value, "fr", locale != "fr")
    if locale == "fr" and easy_read and value.get("falc"):
        return LocalText(value["falc"], "fr", False)
    if value.get(locale):
        return LocalText(value[locale], locale, False)
    return LocalText(value.get("fr", ""), "fr", locale != "fr")


_BOLD = re.compile(r"\*\*(.+?)\*\*")


def render_rich(text):
    """Render the content markup: paragraphs, "- " bullet lists and **bold**, all escaped."""
    blocks = []
    for block in re.split(r"\n\s*\n", (text or "").strip()):
        lines = [line.strip() for line in block.splitlines() if line.strip()]
        if not lines:
            continue
        if all(line.startswith("- ") for line in lines):
            items = "".join(f"<li>{_inline(line[2:])}</li>" for line in lines)
            blocks.append(f"<ul>{items}</ul>")
        else:
            paragraph = []
            for line in lines:
                if line.startswith("- "):
                    if paragraph:
                        blocks.append(f"<p>{'<br>'.join(paragraph)}</p>")
                        paragraph = []
                    blocks.append(f"<ul><li>{_inline(line[2:])}</li></ul>")
                else:
                    paragraph.append(_inline(line))
            if paragraph:
                blocks.append(f"<p>{' '.join(paragraph)}</p>")
    return Markup("".join(blocks).replace("</ul><ul>", ""))


def _inline(text):
    """Escape a line and apply **bold**."""
    return _BOLD.sub(r"<strong>\1</strong>", str(escape(text)))


@functools.lru_cache(maxsize=None)
def pictograms():
    """The pictogram set: name -> inner SVG markup."""
    return load_yaml("pictograms.yaml")


@functools.lru_cache(maxsize=None)
def illustration(name):
    """The SVG markup of an illustration file, or None when it does not exist."""
    if not re.fullmatch(r"[a-z0-9-]+", name or ""):
        return None
    path = os.path.join(CONTENT_DIR, "illustrations", f"{name}.svg")
    if not os.path.exists(path):
        return None
    with open(path, encoding="utf-8") as handle:
        return handle.read().strip()


@functools.lru_cache(maxsize=None)
def competences():
    """The five competences, in order: a list of mappings (id, title, description, can_do)."""
    return load_yaml("competences.yaml")["competences"]


def competence(competence_id):
    """One competence by id, or None."""
    return next((c for c in competences() if c["id"] == competence_id), None)
