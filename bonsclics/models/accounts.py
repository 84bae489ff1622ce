"""Networks, structures, helper accounts, memberships and login sessions."""
import hashlib
import secrets

from peewee import (
    BigIntegerField,
    BooleanField,
    CharField,
    DateTimeField,
    ForeignKeyField,
    TextField,
)

from ..db import utcnow
from .base import BaseModel, split_values

# Global roles held on the account; structure roles are held per membership.
ROLE_ADMIN = "admin"
ROLE_COORDINATOR = "coordinator"
ROLE_MEMBER = "member"
ROLE_MANAGER = "manager"
ROLE_PRO = "pro"
ROLE_VOLUNTEER = "volunteer"
STRUCTURE_ROLES = (ROLE_MANAGER, ROLE_PRO, ROLE_VOLUNTEER)
ALL_ROLES = (ROLE_ADMIN, ROLE_COORDINATOR, ROLE_MANAGER, ROLE_PRO, ROLE_VOLUNTEER)
HELPER_ROLES = (ROLE_MANAGER, ROLE_PRO, ROLE_VOLUNTEER)

# What a structure declares it does for the network ("engagement à la carte").
ENGAGEMENTS = ("assistance", "mediation", "nudge", "equipment", "orientation")


# Enough of a browser's User-Agent header to name the browser and the system.
USER_AGENT_LENGTH = 160


def hash_token(token):
    """The stored form of a secret token: its SHA-256, so a leaked table gives no tokens."""
    return hashlib.sha256(token.encode()).hexdigest()


class Network(BaseModel):
    """A network of structures, usually covering one or more départements."""

    name = CharField()
    slug = CharField(unique=True)
    departements = CharField(default="")  # pipe-separated codes: "59|62|80"
    description = TextField(default="")
    created_at = DateTimeField(default=utcnow)

    @property
    def departement_list(self):
        """The département codes as a list."""
        return split_values(self.departements)


class Structure(BaseModel):
    """An organisation (association, social centre, library...) with members and places."""

    network = ForeignKeyField(Network, null=True, backref="structures", on_delete="SET NULL")
    name = CharField()
    siret = CharField(default="")
    kind = CharField(default="")
    email = CharField(default="")
    phone = CharField(default="")
    departement = CharField(default="", index=True)
    engagements = CharField(default="")  # pipe-separated ENGAGEMENTS
    join_requested = ForeignKeyField(Network, null=True, on_delete="SET NULL", backref="join_requests")
    created_at = DateTimeField(default=utcnow)

    @property
    def engagement_list(self):
        """What the structure does for the network, as a list."""
        return split_values(self.engagements)


class User(BaseModel):
    """A helper's account (learners never need one)."""

    email = CharField(unique=True)
    name = CharField(default="")
    password_hash = CharField()
    role = CharField(default=ROLE_MEMBER)  # admin, coordinator or member
    network = ForeignKeyField(Network, null=True, backref="coordinators", on_delete="SET NULL")
    locale = CharField(default="")
    is_active = BooleanField(default=True)
    created_at = DateTimeField(default=utcnow)
    last_login_at = DateTimeField(null=True)
    password_changed_at = DateTimeField(default=utcnow)
    # Second factor (RFC 6238): the base32 seed, in clear like any TOTP seed, and the
    # last time step accepted, so a code is never accepted twice.
    totp_secret = CharField(null=True)
    totp_last_step = BigIntegerField(null=True)

    # Flask-Login: the id in the cookie is the login session's token, not the user id,
    # so ending the session server-side makes any copy of the cookie worthless.
    session_token = None
    is_authenticated = True
    is_anonymous = False

    def get_id(self):
        """The login session token Flask-Login keeps in the signed cookie."""
        return self.session_token

    @property
    def display_name(self):
        """The name to show, falling back to the email."""
        return self.name or self.email

    @property
    def has_second_factor(self):
        """True when signing in asks for a one-time code after the password."""
        return bool(self.totp_secret)

    @property
    def is_admin(self):
        """Platform administrator."""
        return self.role == ROLE_ADMIN

    @property
    def is_coordinator(self):
        """Coordinator of a network."""
        return self.role == ROLE_COORDINATOR

    def memberships_list(self):
        """This user's memberships with their structures (one query)."""
        if not hasattr(self, "_memberships"):
            self._memberships = list(
                Membership.select(Membership, Structure)
                .join(Structure)
                .where(Membership.user == self)
                .order_by(Structure.name)
            )
        return self._memberships

    @property
    def roles(self):
        """Every role this user holds: the global one and those of each membership."""
        roles = {m.role for m in self.memberships_list()}
        if self.role in (ROLE_ADMIN, ROLE_COORDINATOR):
            roles.add(self.role)
        return roles

    def structure_ids(self, roles=STRUCTURE_ROLES):
        """Ids of the structures where this user holds one of `roles`."""
        return [m.structure_id for m in self.memberships_list() if m.role in roles]

    def network_ids(self):
        """Networks this user works in: as coordinator or through a structure."""
        ids = {m.structure.network_id for m in self.memberships_list() if m.structure.network_id}
        if self.is_coordinator and self.network_id:
            ids.add(self.network_id)
        return ids

    def can_manage_structure(self, structure):
        """Admins, the coordinator of its network and its managers manage a structure."""
        if self.is_admin:
            return True
        if self.is_coordinator and structure.network_id and structure.network_id == self.network_id:
            return True
        return structure.id in self.structure_ids((ROLE_MANAGER,))

    def works_in(self, structure_id):
        """True when this user is a member of the structure."""
        return structure_id in self.structure_ids()


class Membership(BaseModel):
    """A user's role in one structure."""

    user = ForeignKeyField(User, backref="memberships", on_delete="CASCADE")
    structure = ForeignKeyField(Structure, backref="memberships", on_delete="CASCADE")
    role = CharField(default=ROLE_PRO)  # manager, pro or volunteer
    created_at = DateTimeField(default=utcnow)

    class Meta:
        indexes = ((("user", "structure"), True),)


class LoginSession(BaseModel):
    """A server-side login session; deleting it logs the browser out for good."""

    token_hash = CharField(unique=True)
    user = ForeignKeyField(User, backref="login_sessions", on_delete="CASCADE")
    created_at = DateTimeField(default=utcnow)
    last_seen_at = DateTimeField(default=utcnow)
    user_agent = CharField(default="", max_length=USER_AGENT_LENGTH)  # truncated, to name the device

    @classmethod
    def open(cls, user, user_agent=""):
        """Start a session for `user` and return its secret token."""
        token = secrets.token_urlsafe(32)
        cls.create(token_hash=hash_token(token), user=user, user_agent=(user_agent or "")[:USER_AGENT_LENGTH])
        return token

    @staticmethod
    def hash_of_current(user):
        """The stored hash of the session this request came with, or "" when there is none."""
        token = getattr(user, "session_token", None)
        return hash_token(token) if token else ""

    @classmethod
    def end_all(cls, user, keep_token_hash=""):
        """End every session of `user` (password change, removal, deactivation), except the one kept; returns how many."""
        return cls.delete().where(cls.user == user, cls.token_hash != keep_token_hash).execute()

    @classmethod
    def end_everyone(cls, keep_token_hash=""):
        """End every session of every account, except the one kept (after a suspected leak); returns how many."""
        return cls.delete().where(cls.token_hash != keep_token_hash).execute()


class PasswordReset(BaseModel):
    """A single-use link to choose a new password."""

    token_hash = CharField(unique=True)
    user = ForeignKeyField(User, backref="password_resets", on_delete="CASCADE")
    created_at = DateTimeField(default=utcnow)
    expires_at = DateTimeField()
    used_at = DateTimeField(null=True)


class RecoveryCode(BaseModel):
    """A one-time code that replaces the second factor once (a lost phone); only its hash is kept."""

    user = ForeignKeyField(User, backref="recovery_codes", on_delete="CASCADE")
    code_hash = CharField(unique=True)
    created_at = DateTimeField(default=utcnow)
    used_at = DateTimeField(null=True)


MODELS = [Network, Structure, User, Membership, LoginSession, PasswordReset, RecoveryCode]
