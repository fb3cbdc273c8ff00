-- Key store (attached as schema "keys"). Never part of a content backup.
CREATE TABLE keys.meta (
    name  TEXT PRIMARY KEY,
    value BLOB NOT NULL
);

CREATE TABLE keys.data_keys (
    user_id    TEXT PRIMARY KEY,
    wrapped    BLOB NOT NULL,                    -- the user's data key, AES-GCM under the master key
    created_at TEXT NOT NULL
);
