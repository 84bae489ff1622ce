"""The practice paths: loaded once from `content/practice/<id>.yaml`."""
import functools

from .. import content


@functools.lru_cache(maxsize=None)
def all_paths():
    """Every practice path, keyed by id, in file order."""
    paths = [content.load_yaml(path) for path in content.list_files("practice")]
    return {path["id"]: path for path in paths}


def path(path_id):
    """One practice path by id, or None."""
    return all_paths().get(path_id)


def paths_for_needs(needs):
    """The paths answering any of the diagnostic's stated needs, most matches first."""
    wanted = set(needs or ())
    scored = [(len(wanted & set(p.get("needs", []))), p) for p in all_paths().values()]
    return [p for score, p in sorted(scored, key=lambda item: -item[0]) if score]
