"""Envelope encryption for everything Kindred stores about a person.

Layout of the keys:

* The **master key** (32 random bytes) lives outside the database: in ``KINDRED_MASTER_KEY`` or
  a key file. From it HKDF derives a *wrapping key* (encrypts data keys) and a *check key* (lets
  us tell a wrong master key apart from a damaged database before anything is written).
* Each user has a random 256-bit **data key**, stored only wrapped (AES-GCM under the wrapping key)
  in the key store. All of that user's ciphertexts use it.
* A random **lookup key**, also stored wrapped, keys the HMAC that turns a Telegram id into the
  opaque handle we search by. It is separate from the master key so that rotating the master key
  does not change any handle (we could not recompute them: raw ids are never stored).

Every ciphertext carries associated data naming its table, column, owner and row, so a ciphertext
copied into another row or another user's record fails to decrypt instead of being shown.
"""

from __future__ import annotations

import base64
import binascii
import hmac
import os
import secrets
from dataclasses import dataclass
from hashlib import sha256

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

KEY_BYTES = 32
NONCE_BYTES = 12
FORMAT_VERSION = b"\x01"


class CryptoError(Exception):
    """A ciphertext could not be opened: wrong key, wrong owner/row, or tampering."""


class InvalidMasterKey(ValueError):
    """The configured master key is malformed (not 32 bytes of base64)."""


def generate_key() -> bytes:
    return secrets.token_bytes(KEY_BYTES)


def encode_key(key: bytes) -> str:
    return base64.urlsafe_b64encode(key).decode("ascii")


def decode_key(text: str) -> bytes:
    cleaned = text.strip()
    try:
        raw = base64.urlsafe_b64decode(cleaned + "=" * (-len(cleaned) % 4))
    except (binascii.Error, ValueError) as exc:
        raise InvalidMasterKey("the master key is not valid base64") from exc
    if len(raw) != KEY_BYTES:
        raise InvalidMasterKey(f"the master key must be {KEY_BYTES} bytes, found {len(raw)}")
    return raw


def _hkdf(master: bytes, purpose: bytes) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=KEY_BYTES, salt=None, info=purpose).derive(master)


def seal(key: bytes, plaintext: bytes, aad: bytes) -> bytes:
    nonce = os.urandom(NONCE_BYTES)
    return FORMAT_VERSION + nonce + AESGCM(key).encrypt(nonce, plaintext, aad)


def open_sealed(key: bytes, blob: bytes, aad: bytes) -> bytes:
    if len(blob) < 1 + NONCE_BYTES + 16 or blob[:1] != FORMAT_VERSION:
        raise CryptoError("not a Kindred ciphertext")
    nonce = blob[1 : 1 + NONCE_BYTES]
    try:
        return AESGCM(key).decrypt(nonce, blob[1 + NONCE_BYTES :], aad)
    except InvalidTag as exc:
        raise CryptoError("ciphertext does not open with this key and context") from exc


def field_aad(table: str, column: str, owner_id: str, row_id: str) -> bytes:
    """Associated data binding a ciphertext to exactly one cell."""
    return f"kindred:v1:{table}:{column}:{owner_id}:{row_id}".encode()


@dataclass(frozen=True)
class MasterKey:
    """The operator's master key and the subkeys derived from it."""

    raw: bytes

    def __post_init__(self) -> None:
        if len(self.raw) != KEY_BYTES:
            raise InvalidMasterKey(f"the master key must be {KEY_BYTES} bytes")

    @property
    def wrapping_key(self) -> bytes:
        return _hkdf(self.raw, b"kindred data-key wrapping v1")

    def check_value(self) -> bytes:
        """A value stored in the key store to recognise this key (reveals nothing about it)."""
        return hmac.new(
            _hkdf(self.raw, b"kindred key check v1"), b"kindred-master-key", sha256
        ).digest()

    def matches(self, stored_check: bytes) -> bool:
        return hmac.compare_digest(self.check_value(), stored_check)

    def wrap(self, secret: bytes, label: str) -> bytes:
        return seal(self.wrapping_key, secret, f"kindred:wrap:{label}".encode())

    def unwrap(self, wrapped: bytes, label: str) -> bytes:
        return open_sealed(self.wrapping_key, wrapped, f"kindred:wrap:{label}".encode())


def utf8(text: str) -> bytes:
    """UTF-8 bytes of any str. A lone surrogate (JSON can carry one, UTF-8 cannot) becomes
    U+FFFD instead of failing, so a malformed message is still saved rather than lost."""
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError:
        repaired = text.encode("utf-16", "surrogatepass").decode("utf-16", "replace")
        return repaired.encode("utf-8", "replace")


def telegram_handle(lookup_key: bytes, telegram_id: int) -> str:
    """The opaque, stable handle a Telegram id is stored and searched under."""
    return hmac.new(lookup_key, f"telegram:{telegram_id}".encode(), sha256).hexdigest()


class DataKeyCipher:
    """Encrypts and decrypts one user's fields with their data key."""

    def __init__(self, user_id: str, data_key: bytes) -> None:
        self._user_id = user_id
        self._data_key = data_key

    @property
    def user_id(self) -> str:
        return self._user_id

    def encrypt(self, table: str, column: str, row_id: str, plaintext: str) -> bytes:
        aad = field_aad(table, column, self._user_id, row_id)
        return seal(self._data_key, utf8(plaintext), aad)

    def decrypt(self, table: str, column: str, row_id: str, blob: bytes) -> str:
        aad = field_aad(table, column, self._user_id, row_id)
        return open_sealed(self._data_key, blob, aad).decode("utf-8")
