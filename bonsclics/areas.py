"""The areas of the app and the optional modules each may provide (see docs/architecture.md)."""
import importlib
import importlib.util


def area_modules(module_name):
    """The `<area>.<module_name>` modules that exist, in the order of BLUEPRINTS."""
    from . import BLUEPRINTS

    modules = []
    for area in BLUEPRINTS:
        if importlib.util.find_spec(f"bonsclics.{area}.{module_name}") is not None:
            modules.append(importlib.import_module(f"bonsclics.{area}.{module_name}"))
    return modules
