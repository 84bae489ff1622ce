"""Command-line tasks: `flask --app app <command>`.

Commands meant for cron (send-reminders, purge...) take a database lock so two
runs never overlap, and are idempotent.
"""
import os
import subprocess
import sys

import click
from flask.cli import with_appcontext

from . import PROJECT_ROOT
from .areas import area_modules
from .db import migrate


@click.command("init-db")
@with_appcontext
def init_db_command():
    """Create the database schema, or upgrade an existing one in place."""
    migrate()
    click.echo("Base de données prête.")


@click.command("seed-demo")
@click.option("--password", default=None, help="Password of every demo account.")
@with_appcontext
def seed_demo_command(password):
    """Fill the database with a demo network (idempotent) and print the demo accounts."""
    from .accounts.passwords import password_problem
    from .demo import DEMO_PASSWORD, seed

    password = password or DEMO_PASSWORD
    problem = password_problem(password)
    if problem:
        raise click.BadParameter(str(problem), param_hint="--password")
    migrate()
    summary = seed(password)
    click.echo(
        f"Réseau de démonstration : {summary['places']} lieux, {summary['upcoming_events']} ateliers à venir."
    )
    click.echo("Comptes de démonstration (mot de passe : %s) :" % password)
    for email, role in summary["accounts"]:
        click.echo(f"  {email:28} {role}")


@click.command("create-admin")
@click.argument("email")
@click.option("--password", prompt=True, hide_input=True, confirmation_prompt=True)
@with_appcontext
def create_admin_command(email, password):
    """Create a platform administrator (or give an existing account that role)."""
    from .accounts.auth import normalise_email
    from .accounts.passwords import hash_password, password_problem
    from .models.accounts import ROLE_ADMIN, User
    from .security import audit

    problem = password_problem(password, [email])
    if problem:
        raise click.BadParameter(str(problem), param_hint="--password")
    migrate()
    email = normalise_email(email)
    user = User.get_or_none(User.email == email)
    if user is None:
        user = User.create(email=email, password_hash=hash_password(password), role=ROLE_ADMIN)
    else:
        user.role = ROLE_ADMIN
        user.password_hash = hash_password(password)
        user.save()
    audit("role-changed", "user", user.id, detail="admin", actor=None)
    click.echo(f"Administrateur prêt : {email}")


@click.command("translate")
@click.argument("action", type=click.Choice(["extract", "update", "compile", "init"]))
@click.argument("lang", required=False)
def translate_command(action, lang):
    """Wrap pybabel: extract the strings, update or compile the catalogues, init a language."""
    pot = os.path.join(PROJECT_ROOT, "translations", "messages.pot")
    translations = os.path.join(PROJECT_ROOT, "translations")
    pybabel = [sys.executable, "-m", "babel.messages.frontend"]
    commands = {
        "extract": pybabel + [
            "extract", "-F", "babel.cfg", "-k", "_l", "--no-location", "--sort-output",
            "--omit-header", "--ignore-dirs", ".* __pycache__ node_modules instance bench tests",
            "-o", pot, ".",
        ],
        "update": pybabel + ["update", "-i", pot, "-d", translations, "--no-fuzzy-matching", "--ignore-obsolete"],
        "compile": pybabel + ["compile", "-d", translations, "--statistics"],
    }
    if action == "init":
        if not lang:
            raise click.UsageError("translate init needs a language code, e.g. uk")
        command = pybabel + ["init", "-i", pot, "-d", translations, "-l", lang]
    else:
        command = commands[action]
    if action == "update" and lang:
        command += ["-l", lang]
    result = subprocess.run(command, cwd=PROJECT_ROOT, capture_output=True, text=True)
    if result.returncode != 0:
        click.echo(result.stdout + result.stderr, err=True)
        raise SystemExit(result.returncode)
    if action in ("update", "init"):
        fill_french_catalogue(os.path.join(translations, "fr", "LC_MESSAGES", "messages.po"))
    click.echo(result.stderr.strip() or result.stdout.strip() or "ok")


def fill_french_catalogue(path):
    """French is the source language: its catalogue repeats each source string."""
    from babel.messages.pofile import read_po, write_po

    if not os.path.exists(path):
        return
    with open(path, "rb") as handle:
        catalogue = read_po(handle, locale="fr")
    for message in catalogue:
        if not message.id:
            continue
        if isinstance(message.id, tuple):
            message.string = tuple(message.id[min(i, 1)] for i in range(catalogue.num_plurals))
        else:
            message.string = message.id
        message.flags.discard("fuzzy")
    with open(path, "wb") as handle:
        write_po(handle, catalogue, omit_header=False, sort_output=True, width=0)


@click.command("fetch-assets")
@click.option("--dev", is_flag=True, help="Also fetch what the tests need (axe-core).")
def fetch_assets_command(dev):
    """Download the pinned front-end files (htmx) from the npm registry, checking their hash."""
    from .vendor import fetch

    for path in fetch(PROJECT_ROOT, include_dev=dev, log=click.echo):
        click.echo(f"ok {os.path.relpath(path, PROJECT_ROOT)}")


@click.command("backup")
@click.argument("path")
@with_appcontext
def backup_command(path):
    """Copy the live database to PATH, consistently, while the app runs (checked afterwards)."""
    from .maintenance import MaintenanceError, backup

    try:
        taken_at = backup(path)
    except MaintenanceError as error:
        raise click.ClickException(str(error)) from None
    click.echo(f"Sauvegarde faite ({taken_at:%Y-%m-%d %H:%M} UTC) : {path}")


@click.command("restore")
@click.argument("path")
@with_appcontext
def restore_command(path):
    """Put the backup at PATH back in place, then erase again what was erased since."""
    from .maintenance import MaintenanceError, restore

    try:
        reapplied = restore(path)
    except MaintenanceError as error:
        raise click.ClickException(str(error)) from None
    click.echo(f"Sauvegarde remise en place ; effacements ré-appliqués : {reapplied}")


@click.command("purge")
@with_appcontext
def purge_command():
    """Delete or anonymise data kept past its retention period (for cron; safe to re-run)."""
    from .db import command_lock
    from .maintenance import purge

    with command_lock("purge") as taken:
        if not taken:
            click.echo("Une autre purge est en cours : rien à faire.")
            return
        for label, count in sorted(purge().items()):
            click.echo(f"{label}: {count}")
    from . import key_age

    for warning in key_age.warnings():
        click.echo(f"ATTENTION : {warning}", err=True)  # cron mails what a command writes


@click.command("sbom")
@with_appcontext
def sbom_command():
    """Print the software bill of materials (CycloneDX JSON): every third-party package, version and licence."""
    import json

    from .sbom import bill_of_materials

    click.echo(json.dumps(bill_of_materials(), indent=2, ensure_ascii=False))


@click.command("migrate-to")
@click.argument("url")
@with_appcontext
def migrate_to_command(url):
    """Copy this SQLite database into an empty PostgreSQL database (URL), verified by checksums."""
    from .maintenance import MaintenanceError, migrate_to

    try:
        copied = migrate_to(url, log=click.echo)
    except MaintenanceError as error:
        raise click.ClickException(str(error)) from None
    click.echo(f"Copie vérifiée : {sum(copied.values())} lignes dans {len(copied)} tables.")
    click.echo("Réglez maintenant FLASK_DATABASE_URL sur la nouvelle base et redémarrez.")


def init_app(app):
    """Register the app's commands and each area's (`<area>/commands.py` lists them in COMMANDS)."""
    for command in (
        init_db_command, seed_demo_command, sbom_command, create_admin_command, translate_command, fetch_assets_command,
        backup_command, restore_command, purge_command, migrate_to_command,
    ):
        app.cli.add_command(command)
    for module in area_modules("commands"):
        for command in module.COMMANDS:
            app.cli.add_command(command)
