"""The documentation stays true: settings, commands, personal data and security claims."""
import ast
import os
import re

from bonsclics import PROJECT_ROOT
from bonsclics.config import DEFAULTS


def _read(*parts):
    with open(os.path.join(PROJECT_ROOT, *parts), encoding="utf-8") as handle:
        return handle.read()


def test_every_setting_is_documented():
    deploy = _read("docs", "deploy.md")
    missing = [key for key in DEFAULTS if f"`{key}`" not in deploy]
    assert missing == [], f"document these settings in docs/deploy.md: {missing}"


def test_every_command_is_documented(app):
    deploy = _read("docs", "deploy.md")
    ours = {name for name in app.cli.list_commands(None) if name not in ("run", "shell", "routes")}
    missing = sorted(name for name in ours if f"`{name}" not in deploy)
    assert missing == [], f"document these commands in docs/deploy.md: {missing}"


def test_readme_gives_the_two_commands_and_ci_runs_the_test_one():
    readme = _read("README.md")
    assert "make run" in readme and "make test" in readme
    assert "make test" in _read(".ci", "run")


# --- docs/personal-data.md: every table about a person, every retention setting ------------

# Columns that hold someone's contact details, whatever the table.
CONTACT_COLUMNS = {
    "email", "phone", "first_name", "pseudonym", "person_name", "contact_email", "contact_phone",
    "telephone", "courriels",
}


def _tables_about_a_person():
    """Table names the privacy doc must cover.

    The person tables themselves (learner record, resume code, helper account),
    every table with a foreign key to one of them (as tests/privacy finds the
    tables the export and erasure must cover), and every table with a contact column.
    """
    from peewee import ForeignKeyField

    from bonsclics.db import all_models
    from bonsclics.models.accounts import User
    from bonsclics.models.learners import Learner, ResumeCode

    people = (Learner, ResumeCode, User)
    found = set()
    for model in all_models():
        fields = model._meta.fields.values()
        if (
            model in people
            or any(isinstance(f, ForeignKeyField) and f.rel_model in people for f in fields)
            or any(f.column_name in CONTACT_COLUMNS for f in fields)
        ):
            found.add(model._meta.table_name)
    return found


def _first_cells(markdown):
    """The backticked names in the first cell of every table row."""
    names = []
    for line in markdown.splitlines():
        if line.startswith("|") and not line.startswith("|---"):
            names += re.findall(r"`([^`]+)`", line.split("|")[1])
    return names


def test_every_table_about_a_person_is_in_the_personal_data_doc():
    doc = _read("docs", "personal-data.md")
    tables = _tables_about_a_person()
    assert {"learner", "resumecode", "user", "booking", "diagnosticresult"} <= tables  # the introspection works
    missing = sorted(t for t in tables if f"`{t}`" not in doc)
    assert missing == [], f"describe these tables in docs/personal-data.md: {missing}"


def test_every_table_the_personal_data_doc_lists_exists():
    from bonsclics.db import all_models

    tables = {model._meta.table_name for model in all_models()}
    listed = [name for name in _first_cells(_read("docs", "personal-data.md")) if re.fullmatch(r"[a-z]+", name)]
    assert len(listed) >= 20
    unknown = sorted(set(listed) - tables)
    assert unknown == [], f"docs/personal-data.md lists tables that do not exist: {unknown}"


def test_every_retention_setting_is_in_the_personal_data_doc():
    doc = _read("docs", "personal-data.md")
    settings = [key for key in DEFAULTS if key.startswith("RETENTION_")]
    assert settings
    missing = [key for key in settings if f"`{key}`" not in doc]
    assert missing == [], f"say what these settings keep in docs/personal-data.md: {missing}"


def test_every_area_retention_and_personal_data_module_is_in_the_personal_data_doc():
    doc = _read("docs", "personal-data.md")
    package = os.path.join(PROJECT_ROOT, "bonsclics")
    missing = []
    for area in sorted(os.listdir(package)):
        for module in ("retention.py", "personal_data.py"):
            if os.path.exists(os.path.join(package, area, module)) and f"{area}/{module}" not in doc:
                missing.append(f"{area}/{module}")
    assert missing == [], f"describe these modules in docs/personal-data.md: {missing}"


# --- docs/security.md: every test, setting and file it names exists ------------------------

TEST_REFERENCE = re.compile(r"(tests/[\w/]+\.py)::(\w+)")
STATUSES = {"Met", "Partly", "Not met", "N/A"}


def _functions_in(path):
    with open(os.path.join(PROJECT_ROOT, path), encoding="utf-8") as handle:
        tree = ast.parse(handle.read())
    return {node.name for node in ast.walk(tree) if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))}


def test_every_test_named_in_the_security_doc_exists():
    references = TEST_REFERENCE.findall(_read("docs", "security.md"))
    assert len(references) >= 50
    missing = []
    for path, name in sorted(set(references)):
        if not os.path.exists(os.path.join(PROJECT_ROOT, path)):
            missing.append(f"{path} (no such file)")
        elif name not in _functions_in(path):
            missing.append(f"{path}::{name}")
    assert missing == [], f"docs/security.md names tests that do not exist: {missing}"


def test_every_setting_named_in_the_security_doc_exists():
    names = set(re.findall(r"`([A-Z][A-Z0-9_]+)`", _read("docs", "security.md")))
    assert names
    unknown = sorted(n for n in names if n not in DEFAULTS and n.removeprefix("FLASK_") not in DEFAULTS)
    assert unknown == [], f"docs/security.md names settings missing from bonsclics/config.py: {unknown}"


def test_every_file_named_in_the_docs_on_data_and_security_exists():
    missing = []
    for doc in ("security.md", "personal-data.md"):
        for path in re.findall(r"`((?:bonsclics|tests|templates|static|docs)/[\w./-]+\.\w+)`", _read("docs", doc)):
            if not os.path.exists(os.path.join(PROJECT_ROOT, path)):
                missing.append(f"{doc}: {path}")
    assert missing == [], f"these files are named but do not exist: {missing}"


def test_every_requirement_row_of_the_security_doc_has_a_status():
    rows = [line.split("|") for line in _read("docs", "security.md").splitlines() if re.match(r"\| V\d+\.\d", line)]
    assert len(rows) >= 100
    bad = [cells[1].strip() for cells in rows if cells[3].strip() not in STATUSES]
    assert bad == [], f"rows without a status ({', '.join(sorted(STATUSES))}): {bad}"
