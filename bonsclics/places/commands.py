"""Commands of the places area: importing a big file, rebuilding the search index."""
import click
from flask import current_app
from flask.cli import with_appcontext

from ..db import migrate


@click.command("import-places")
@click.argument("path", type=click.Path(exists=True, dir_okay=False))
@click.option("--network", "slug", required=True, help="Slug of the network the places go into.")
@click.option("--dry-run", is_flag=True, help="Check every row, write nothing.")
@with_appcontext
def import_places_command(path, slug, dry_run):
    """Import a CSV or JSON file in the national standard (all rows or none), for files too big to upload."""
    from ..models.accounts import Network
    from ..security import audit
    from .importer import FileProblem, import_file

    migrate()
    network = Network.get_or_none(Network.slug == slug)
    if network is None:
        raise click.BadParameter(f"no network with slug {slug!r}", param_hint="--network")
    with open(path, "rb") as handle:
        data = handle.read()
    # The messages are written in French, as for a request without a language preference.
    with current_app.test_request_context():
        try:
            report = import_file(path, data, network, dry_run=dry_run)
        except FileProblem as error:
            raise click.ClickException(str(error)) from None
    for position, name, value, message in report.rejections:
        click.echo(f"{position}\t{name}\t{value[:60]}\t{message}", err=True)
    if report.rejections:
        raise click.ClickException(f"{report.rejected_rows} of {report.rows} rows rejected: nothing imported.")
    if dry_run:
        click.echo(f"{report.rows} rows valid (dry run: nothing written).")
        return
    audit("places-imported", "network", network.id,
          detail=f"created={report.created} updated={report.updated} unchanged={report.unchanged}")
    click.echo(f"{report.created} created, {report.updated} updated, {report.unchanged} unchanged.")


@click.command("reindex-places")
@with_appcontext
def reindex_places_command():
    """Rebuild the search index of places (after places were written outside the app)."""
    from .index import reindex_all

    click.echo(f"{reindex_all()} places indexed.")


COMMANDS = [import_places_command, reindex_places_command]
