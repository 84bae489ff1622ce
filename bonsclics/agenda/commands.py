"""Commands of the agenda, for cron."""
import click
from flask.cli import with_appcontext


@click.command("send-reminders")
@with_appcontext
def send_reminders_command():
    """Send the workshop reminders that are due (safe to run every few minutes)."""
    from ..db import command_lock
    from .reminders import send_due

    with command_lock("send-reminders") as taken:
        if not taken:
            click.echo("Un autre envoi de rappels est en cours : rien à faire.")
            return
        click.echo(f"Rappels envoyés : {send_due()}")


COMMANDS = [send_reminders_command]
