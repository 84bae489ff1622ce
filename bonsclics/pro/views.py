"""Routes of this area."""
from flask import Blueprint

bp = Blueprint("pro", __name__, url_prefix="/pro")
