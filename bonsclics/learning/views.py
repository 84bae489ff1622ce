"""Routes of this area."""
from flask import Blueprint

bp = Blueprint("learning", __name__, url_prefix="/learning")
