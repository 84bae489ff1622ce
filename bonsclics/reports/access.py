"""Who reads which report: the coordinator their network, members their structure, admins all.

A report someone may not read answers 404, as if it did not exist (ids cannot be probed).
"""
from flask import abort

from ..models.accounts import Network, Structure


def network_or_404(user, network_id):
    """The network if `user` coordinates it (or is an admin)."""
    network = Network.get_or_none(Network.id == network_id)
    if network is None or not (user.is_admin or (user.is_coordinator and user.network_id == network.id)):
        abort(404)
    return network


def structure_or_404(user, structure_id):
    """The structure if `user` works in it, coordinates its network, or is an admin."""
    structure = Structure.get_or_none(Structure.id == structure_id)
    if structure is None:
        abort(404)
    if user.is_admin or user.works_in(structure.id):
        return structure
    if user.is_coordinator and structure.network_id and structure.network_id == user.network_id:
        return structure
    abort(404)


def readable(user):
    """(networks, structures) whose reports `user` may read, for the reports' home page."""
    if user.is_admin:
        return list(Network.select().order_by(Network.name)), []
    networks = []
    structures = {m.structure.id: m.structure for m in user.memberships_list()}
    if user.is_coordinator and user.network_id:
        networks = list(Network.select().where(Network.id == user.network_id))
        for structure in Structure.select().where(Structure.network == user.network_id):
            structures.setdefault(structure.id, structure)
    return networks, sorted(structures.values(), key=lambda s: s.name.lower())
