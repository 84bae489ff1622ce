"""The documentation stays true: every setting and every command is documented."""
import os

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
