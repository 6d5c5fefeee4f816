"""User accounts with argon2id password hashes and hashed API tokens."""

from __future__ import annotations

import builtins
import hashlib
import secrets
from dataclasses import dataclass

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from ..errors import InputError
from ..models import stable_id, utcnow
from ..store import Store
from ..vocab import Tlp

#: Roles from least to most privileged.
ROLES: tuple[str, ...] = ("viewer", "analyst", "admin")
#: What each role may do beyond reading (reading and exporting are open to every role).
PERMISSIONS: dict[str, frozenset[str]] = {
    "viewer": frozenset({"read", "export"}),
    "analyst": frozenset({"read", "export", "own_tokens"}),
    "admin": frozenset({"read", "export", "own_tokens", "users", "audit"}),
}
TOKEN_PREFIX = "swt_"
MIN_PASSWORD = 10

_hasher = PasswordHasher()  # argon2id with the library's RFC 9106 "low memory" defaults
_DUMMY_HASH = _hasher.hash("steppewatch-dummy-password")


@dataclass(frozen=True)
class User:
    id: str
    username: str
    role: str
    max_marking: Tlp
    organisation: str = ""
    created_at: str = ""
    disabled: bool = False
    anonymous: bool = False

    def can(self, permission: str) -> bool:
        return permission in PERMISSIONS.get(self.role, frozenset())

    def cleared_for(self, marking: Tlp | str) -> bool:
        return self.max_marking.allows(marking)

    def to_dict(self) -> dict[str, object]:
        return {"username": self.username, "role": self.role, "max_marking": self.max_marking.value,
                "max_marking_label": self.max_marking.label, "organisation": self.organisation,
                "anonymous": self.anonymous}


#: The local user of a fresh install with no accounts: loopback only, cleared to TLP:GREEN.
ANONYMOUS = User(id="", username="anonymous", role="viewer", max_marking=Tlp.GREEN, anonymous=True)

_COLUMNS = "id, username, role, max_marking, organisation, created_at, disabled"


def _user(row: tuple[object, ...]) -> User:
    return User(id=str(row[0]), username=str(row[1]), role=str(row[2]), max_marking=Tlp.parse(str(row[3])),
                organisation=str(row[4] or ""), created_at=str(row[5]), disabled=bool(row[6]))


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


class UserStore:
    """Accounts and tokens kept in the ``users`` and ``api_tokens`` tables."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def count(self) -> int:
        return int(self.store.query("SELECT COUNT(*) FROM users WHERE disabled = 0")[0][0])

    def add(self, username: str, password: str, *, role: str = "viewer", max_marking: Tlp | str = Tlp.GREEN,
            organisation: str = "") -> User:
        username = username.strip()
        if not username or len(username) > 64 or not all(c.isalnum() or c in "._-@" for c in username):
            raise InputError("use 1-64 letters, digits or . _ - @", input="username")
        if role not in ROLES:
            raise InputError(f"unknown role {role!r}; use one of: {', '.join(ROLES)}", input="role")
        try:
            marking = Tlp.parse(max_marking)
        except ValueError as exc:
            raise InputError(str(exc), input="max_marking") from None
        if len(password) < MIN_PASSWORD:
            raise InputError(f"must have at least {MIN_PASSWORD} characters", input="password")
        if self.by_name(username) is not None:
            raise InputError(f"user {username!r} already exists", input="username")
        user = User(id=stable_id("user", username), username=username, role=role, max_marking=marking,
                    organisation=organisation.strip(), created_at=utcnow().isoformat())
        self.store.execute(
            f"INSERT INTO users ({_COLUMNS}, password_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (user.id, user.username, user.role, marking.value, user.organisation, user.created_at, 0,
             _hasher.hash(password)),
        )
        return user

    def get(self, user_id: str) -> User | None:
        rows = self.store.query(f"SELECT {_COLUMNS} FROM users WHERE id = ?", (user_id,))
        return _user(rows[0]) if rows else None

    def by_name(self, username: str) -> User | None:
        rows = self.store.query(f"SELECT {_COLUMNS} FROM users WHERE username = ?", (username.strip(),))
        return _user(rows[0]) if rows else None

    def list(self) -> builtins.list[User]:
        return [_user(r) for r in self.store.query(f"SELECT {_COLUMNS} FROM users ORDER BY username")]

    def set_password(self, username: str, password: str) -> None:
        if len(password) < MIN_PASSWORD:
            raise InputError(f"must have at least {MIN_PASSWORD} characters", input="password")
        if not self.store.execute("UPDATE users SET password_hash = ? WHERE username = ?",
                                  (_hasher.hash(password), username)):
            raise InputError(f"no user {username!r}", input="username")

    def set_disabled(self, username: str, disabled: bool) -> None:
        if not self.store.execute("UPDATE users SET disabled = ? WHERE username = ?", (int(disabled), username)):
            raise InputError(f"no user {username!r}", input="username")

    def authenticate(self, username: str, password: str) -> User | None:
        """The user when the password matches and the account is enabled; else None."""
        rows = self.store.query(f"SELECT {_COLUMNS}, password_hash FROM users WHERE username = ?",
                                (username.strip(),))
        if not rows:
            _verify(_DUMMY_HASH, password)  # spend the same time whether or not the user exists
            return None
        user, stored = _user(rows[0]), str(rows[0][7])
        if not _verify(stored, password) or user.disabled:
            return None
        if _hasher.check_needs_rehash(stored):
            self.store.execute("UPDATE users SET password_hash = ? WHERE id = ?", (_hasher.hash(password), user.id))
        return user

    # --- API tokens ------------------------------------------------------------------------
    def create_token(self, username: str, name: str = "api") -> str:
        """A new API token for ``username``; only its hash is stored, so show it once."""
        user = self.by_name(username)
        if user is None:
            raise InputError(f"no user {username!r}", input="username")
        token = TOKEN_PREFIX + secrets.token_urlsafe(32)
        self.store.execute(
            "INSERT INTO api_tokens (token_hash, user_id, name, prefix, created_at) VALUES (?, ?, ?, ?, ?)",
            (token_hash(token), user.id, name, token[:10], utcnow().isoformat()),
        )
        return token

    def user_for_token(self, token: str) -> User | None:
        if not token.startswith(TOKEN_PREFIX):
            return None
        rows = self.store.query(
            f"SELECT {', '.join('u.' + c.strip() for c in _COLUMNS.split(','))} FROM api_tokens t "
            "JOIN users u ON u.id = t.user_id WHERE t.token_hash = ?",
            (token_hash(token),),
        )
        if not rows:
            return None
        user = _user(rows[0])
        return None if user.disabled else user

    def tokens(self, username: str) -> builtins.list[dict[str, str | None]]:
        rows = self.store.query(
            "SELECT t.name, t.prefix, t.created_at, t.last_used_at FROM api_tokens t JOIN users u "
            "ON u.id = t.user_id WHERE u.username = ? ORDER BY t.created_at", (username,))
        return [{"name": r[0], "prefix": r[1], "created_at": r[2], "last_used_at": r[3]} for r in rows]

    def revoke_tokens(self, username: str) -> int:
        user = self.by_name(username)
        if user is None:
            raise InputError(f"no user {username!r}", input="username")
        return self.store.execute("DELETE FROM api_tokens WHERE user_id = ?", (user.id,))


def _verify(stored: str, password: str) -> bool:
    try:
        return _hasher.verify(stored, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False
