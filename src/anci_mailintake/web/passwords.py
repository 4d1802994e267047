"""Password hashing with Argon2id (argon2-cffi): the only module that imports argon2."""

from __future__ import annotations

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

MIN_LENGTH = 10
_hasher = PasswordHasher()  # argon2-cffi's defaults: RFC 9106 low-memory profile
# Verified against when the user is unknown, so a wrong name costs as long as a wrong password.
_DUMMY = _hasher.hash("not a password of anyone")


def hash_password(password: str) -> str:
    """An Argon2id hash; raises ValueError for a password too short to keep."""
    if len(password) < MIN_LENGTH:
        raise ValueError(f"the password must be at least {MIN_LENGTH} characters long")
    return _hasher.hash(password)


def verify(password_hash: str | None, password: str) -> bool:
    """True when `password` matches; a None hash (unknown user) spends the same time and fails."""
    try:
        return _hasher.verify(password_hash or _DUMMY, password) and password_hash is not None
    except (VerificationError, InvalidHashError):
        return False
