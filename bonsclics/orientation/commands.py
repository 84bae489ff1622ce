"""Commands for cron: `flask --app app orientations-timers`."""
import click
from flask import current_app
from flask.cli import with_appcontext

from ..db import command_lock, utcnow


@click.command("orientations-timers")
@with_appcontext
def orientations_timers_command():
    """Remind places, expire unanswered orientations, anonymise old ones (idempotent, for cron)."""
    from .actions import run_timers

    with command_lock("orientations-timers") as taken:
        if not taken:
            click.echo("Un autre passage est en cours : rien à faire.")
            return
        # Emails need a request context: their language and their links' paths.
        with current_app.test_request_context("/"):
            counts = run_timers(utcnow(), current_app.config)
    for label, count in sorted(counts.items()):
        click.echo(f"{label}: {count}")


COMMANDS = [orientations_timers_command]
