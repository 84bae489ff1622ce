"""The resume code: how a person without an account finds their diagnostic and progress again.

The code lives in a signed cookie on this device (so progress follows the
person without any account) and can be typed on any other device. On a shared
device, "Forget me on this device" removes the cookie.
"""
from flask import after_this_request, current_app, g, request
from itsdangerous import BadSignature

from .db import utcnow
from .models.learners import ResumeCode, normalise_code
from .security import cookie_name, signer, too_many

COOKIE = "bc_resume"
MAX_AGE = 180 * 24 * 3600
LOOKUP_LIMIT = (20, 3600)  # typed-code lookups per address and hour: guessing is hopeless


def _signer():
    """Signs the cookie so nobody can forge someone else's code into it."""
    return signer("resume-code")


def _cookie_name():
    """The cookie's name on this installation (`__Host-` prefixed over HTTPS)."""
    return cookie_name(COOKIE)


def current():
    """The ResumeCode of this browser, or None."""
    if "resume_code" in g:
        return g.resume_code
    found = None
    raw = request.cookies.get(_cookie_name())
    if raw:
        try:
            found = ResumeCode.get_or_none(ResumeCode.code == _signer().loads(raw))
        except BadSignature:
            found = None
    g.resume_code = found
    return found


def remember(resume_code):
    """Keep `resume_code` in this browser's cookie (set on the response)."""
    g.resume_code = resume_code
    value = _signer().dumps(resume_code.code)

    @after_this_request
    def _set(response):
        response.set_cookie(
            _cookie_name(), value, max_age=MAX_AGE, httponly=True, samesite="Lax",
            secure=current_app.config["SERVED_OVER_HTTPS"], path="/",
        )
        return response

    ResumeCode.update(last_seen_at=utcnow()).where(ResumeCode.id == resume_code.id).execute()
    return resume_code


def ensure():
    """This browser's ResumeCode, created (and remembered) if it has none yet."""
    return current() or remember(ResumeCode.issue())


def forget():
    """Remove the code from this browser (shared computers); the data stays with the code."""
    g.resume_code = None

    @after_this_request
    def _delete(response):
        response.delete_cookie(_cookie_name(), path="/", secure=current_app.config["SERVED_OVER_HTTPS"],
                               httponly=True, samesite="Lax")
        return response


class TooManyLookups(Exception):
    """More typed codes than a person would ever try: someone may be guessing."""


def lookup(typed):
    """The ResumeCode for a typed code (case, spaces and dashes ignored), or None.

    Raises TooManyLookups past the limit, counted in the database for every worker.
    """
    if too_many("resume-lookup", *LOOKUP_LIMIT):
        raise TooManyLookups()
    code = normalise_code(typed)
    if not code:
        return None
    return ResumeCode.get_or_none(ResumeCode.code == code)
