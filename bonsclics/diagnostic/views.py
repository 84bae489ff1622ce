"""Routes of this area."""
from flask import Blueprint

bp = Blueprint("diagnostic", __name__, url_prefix="/diagnostic")
