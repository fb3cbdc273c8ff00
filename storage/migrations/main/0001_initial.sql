-- Content database. Anything a person wrote, and anything that identifies them, is a ciphertext
-- (*_enc columns, AES-GCM under the owner's data key). Clear columns hold only what scheduling and
-- anonymous counting need.
CREATE TABLE users (
    id              TEXT PRIMARY KEY,            -- random 128-bit hex, not the Telegram id
    telegram_handle TEXT NOT NULL UNIQUE,        -- HMAC of the Telegram id under the lookup key
    chat_id_enc     BLOB NOT NULL,
    language        TEXT NOT NULL,
    timezone        TEXT NOT NULL,
    status          TEXT NOT NULL DEFAULT 'onboarding',
    created_at      TEXT NOT NULL
);

CREATE TABLE journal_entries (
    id              TEXT PRIMARY KEY,            -- random, so the id can be bound into the AAD
    user_id         TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    created_at      TEXT NOT NULL,
    kind            TEXT NOT NULL,               -- 'journal' or 'reflection'
    body_enc        BLOB NOT NULL,
    for_supervision INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX journal_entries_by_user ON journal_entries(user_id, created_at);
