"""The search index of places: searchable values (PlaceTag) and opening spans (PlaceHours).

Both tables are copies of what a place's own columns say, so that filters and
"open now" run as indexed SQL. Place.save() refreshes them; imports write them
in bulk; `flask --app app reindex-places` rebuilds them all.
"""
from ..db import write_transaction
from ..models.base import split_values
from ..models.places import Place, PlaceHours, PlaceTag
from . import bulk
from .opening import span_rows

# Search facet -> the place's column holding its values.
FACETS = {
    "help": "kinds_of_help",
    "service": "services",
    "public": "publics_specifiquement_adresses",
    "support": "prise_en_charge_specifique",
    "fee": "frais_a_charge",
}


def tag_rows(place_id, values):
    """(place, facet, value) rows of the searchable values of one place."""
    return [
        (place_id, facet, value)
        for facet, column in FACETS.items()
        for value in dict.fromkeys(split_values(values.get(column)))
    ]


def write(place_ids, rows_by_place):
    """Replace the index rows of `place_ids` by `rows_by_place` ({id: (tags, spans)})."""
    ids = list(place_ids)
    for start in range(0, len(ids), 500):
        chunk = ids[start:start + 500]
        PlaceTag.delete().where(PlaceTag.place.in_(chunk)).execute()
        PlaceHours.delete().where(PlaceHours.place.in_(chunk)).execute()
    bulk.insert(PlaceTag, ("place", "facet", "value"),
                [row for tags, _spans in rows_by_place.values() for row in tags])
    bulk.insert(PlaceHours, ("place", "zone", "day", "start", "end"),
                [row for _tags, spans in rows_by_place.values() for row in spans])


def rows_for(place_id, values):
    """The (tags, spans) index rows of one place from its column values."""
    return tag_rows(place_id, values), span_rows(place_id, values.get("horaires"), values.get("timezone"))


def reindex(places):
    """Refresh the index rows of saved places."""
    write([p.id for p in places], {p.id: rows_for(p.id, p.__data__) for p in places})


def reindex_all():
    """Rebuild the whole index (after places were written without Place.save); returns the count."""
    columns = [Place.id, Place.horaires, Place.timezone, *(getattr(Place, c) for c in FACETS.values())]
    with write_transaction():
        rows = {row["id"]: rows_for(row["id"], row) for row in Place.select(*columns).dicts()}
        PlaceTag.delete().execute()
        PlaceHours.delete().execute()
        write([], rows)
    return len(rows)
