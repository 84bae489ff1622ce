"""Routes of this area."""
from flask import Blueprint

bp = Blueprint("places", __name__, url_prefix="/places")
