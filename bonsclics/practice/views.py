"""Routes of this area."""
from flask import Blueprint

bp = Blueprint("practice", __name__, url_prefix="/practice")
