"""Who may change which places: structure managers, network coordinators, admins."""
from flask_babel import gettext as _

from ..models.accounts import ROLE_MANAGER, Network, Structure
from ..models.places import Place


def can_edit(user, place):
    """Admins edit every place; a coordinator their network's; a manager their structures'."""
    if user.is_admin:
        return True
    if user.is_coordinator and user.network_id:
        if place.network_id == user.network_id:
            return True
        if place.structure_id and Structure.select().where(
            Structure.id == place.structure_id, Structure.network == user.network_id
        ).exists():
            return True
    return bool(place.structure_id) and place.structure_id in user.structure_ids((ROLE_MANAGER,))


def editable(user):
    """The query of the places `user` may edit."""
    if user.is_admin:
        return Place.select()
    condition = None
    if user.is_coordinator and user.network_id:
        network_structures = Structure.select(Structure.id).where(Structure.network == user.network_id)
        condition = (Place.network == user.network_id) | Place.structure.in_(network_structures)
    managed = user.structure_ids((ROLE_MANAGER,))
    if managed:
        mine = Place.structure.in_(managed)
        condition = mine if condition is None else condition | mine
    if condition is None:
        return Place.select().where(Place.id.is_null(True))
    return Place.select().where(condition)


def can_import(user):
    """Coordinators (into their network) and admins import files."""
    return user.is_admin or bool(user.is_coordinator and user.network_id)


def owner_choices(user, for_import=False):
    """Where a place may belong, as (value, label): "n<id>" a network, "s<id>" a structure.

    Imports go into a network: `for_import` leaves out structures outside any network.
    """
    choices = []
    if user.is_admin:
        networks = list(Network.select().order_by(Network.name))
    elif user.is_coordinator and user.network_id:
        networks = list(Network.select().where(Network.id == user.network_id))
    else:
        networks = []
    for network in networks:
        choices.append((f"n{network.id}", _("%(network)s (réseau, sans structure)", network=network.name)))
        for structure in Structure.select().where(Structure.network == network).order_by(Structure.name):
            choices.append((f"s{structure.id}", f"{structure.name} — {network.name}"))
    if for_import:
        return choices
    if user.is_admin:
        loose = Structure.select().where(Structure.network.is_null(True)).order_by(Structure.name)
        choices += [(f"s{s.id}", s.name) for s in loose]
    else:
        taken = {value for value, _label in choices}
        managed = Structure.select().where(Structure.id.in_(user.structure_ids((ROLE_MANAGER,)))).order_by(Structure.name)
        choices += [(f"s{s.id}", s.name) for s in managed if f"s{s.id}" not in taken]
    return choices


def owner_of(value):
    """(network, structure) for an owner choice value; (None, None) when unknown."""
    kind, number = (value or " ")[0], (value or "")[1:]
    if not number.isdecimal():
        return None, None
    if kind == "n":
        return Network.get_or_none(Network.id == int(number)), None
    if kind == "s":
        structure = Structure.get_or_none(Structure.id == int(number))
        return (structure.network if structure else None), structure
    return None, None


def owner_value(place):
    """The owner choice value of a place."""
    if place.structure_id:
        return f"s{place.structure_id}"
    return f"n{place.network_id}" if place.network_id else ""
