"""Routes of this area."""
from flask import Blueprint

bp = Blueprint("orientation", __name__, url_prefix="/orientations")
