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


def find_screen(path, screen_id):
    """(index, screen) of a path's screen by id, or (None, None)."""
    for index, screen in enumerate(path["screens"]):
        if screen["id"] == screen_id:
            return index, screen
    return None, None


def problems():
    """Every content problem of every path, as {path id: [problems]} (empty when all is well)."""
    from .. import content
    from .logic import validate_path

    found = {}
    for path_id, path in all_paths().items():
        issues = validate_path(path, content.pictograms(), lambda name: content.illustration(name) is not None)
        if issues:
            found[path_id] = issues
    return found
