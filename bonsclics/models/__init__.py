"""Every model of the app, one module per area.

Each module lists its tables in `MODELS`; `ALL_MODELS` puts them in dependency
order for schema creation.
"""
from . import accounts, agenda, diagnostic, learners, learning, orientation, places, practice, pro, reports, system

ALL_MODELS = [
    *system.MODELS,
    *accounts.MODELS,
    *places.MODELS,
    *learners.MODELS,
    *agenda.MODELS,
    *diagnostic.MODELS,
    *learning.MODELS,
    *practice.MODELS,
    *orientation.MODELS,
    *pro.MODELS,
    *reports.MODELS,
]
