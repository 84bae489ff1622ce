"""Every model of the app; `ALL_MODELS` lists them in dependency order for schema creation."""
from .accounts import LoginSession, Membership, Network, PasswordReset, Structure, User
from .agenda import Event
from .learners import Learner, LearnerNote, ResumeCode
from .places import Place
from .system import AuditLog, CommandLock, LoginThrottle, RateLimitHit, SchemaMigration

ALL_MODELS = [
    SchemaMigration,
    CommandLock,
    RateLimitHit,
    LoginThrottle,
    AuditLog,
    Network,
    Structure,
    User,
    Membership,
    LoginSession,
    PasswordReset,
    Place,
    Learner,
    LearnerNote,
    ResumeCode,
    Event,
]
