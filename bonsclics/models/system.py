"""Tables that keep the platform itself running: migrations, locks, rate limits, audit."""
from peewee import AutoField, CharField, DateTimeField, IntegerField, TextField

from .base import BaseModel


class SchemaMigration(BaseModel):
    """A column migration already applied to this database."""

    name = CharField(primary_key=True)
    applied_at = DateTimeField()


class CommandLock(BaseModel):
    """A named lock held by one run of a cron command."""

    name = CharField(primary_key=True)
    holder = CharField()
    expires_at = DateTimeField()


class RateLimitHit(BaseModel):
    """One counted request for a rate-limited action (shared by every worker)."""

    key = CharField(index=True)
    at = DateTimeField(index=True)


class LoginThrottle(BaseModel):
    """Failed logins for one email or address, and until when new tries must wait."""

    key = CharField(unique=True)
    failures = IntegerField(default=0)
    last_failure_at = DateTimeField(null=True)
    blocked_until = DateTimeField(null=True)


class AuditLog(BaseModel):
    """Append-only journal of access to and changes of personal data and permissions.

    Holds ids, never names or contents: it must not become a copy of the data.
    """

    id = AutoField()
    at = DateTimeField(index=True)
    actor_id = IntegerField(null=True, index=True)
    action = CharField()
    object_type = CharField()
    object_id = CharField(null=True)
    detail = TextField(default="")
    request_id = CharField(default="")

    def save(self, *args, **kwargs):
        """Only inserts: an existing entry is never changed."""
        if self._pk is not None and not kwargs.get("force_insert"):
            raise PermissionError("the audit log is append-only")
        return super().save(*args, **kwargs)

    def delete_instance(self, *args, **kwargs):
        """Entries are never deleted one by one."""
        raise PermissionError("the audit log is append-only")


class SigningKey(BaseModel):
    """When this platform first used a secret key, known by its fingerprint only (never the key)."""

    fingerprint = CharField(unique=True)
    first_seen = DateTimeField()


MODELS = [SchemaMigration, CommandLock, RateLimitHit, LoginThrottle, AuditLog, SigningKey]
