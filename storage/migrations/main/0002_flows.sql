-- Flows: onboarding state, schedules, check-ins, reflections, flag feedback, enrolment codes.
-- Clear columns are numbers, dates and settings that scheduling and anonymous counting need;
-- anything a person wrote stays in *_enc columns.
ALTER TABLE users ADD COLUMN schedule_json TEXT NOT NULL DEFAULT '{"mode": "daily", "time": "19:00"}';
ALTER TABLE users ADD COLUMN quiet_start TEXT NOT NULL DEFAULT '22:00';
ALTER TABLE users ADD COLUMN quiet_end TEXT NOT NULL DEFAULT '08:00';
ALTER TABLE users ADD COLUMN paused_until TEXT;          -- local date, inclusive
ALTER TABLE users ADD COLUMN snoozed_until TEXT;         -- UTC instant
ALTER TABLE users ADD COLUMN reachable INTEGER NOT NULL DEFAULT 1;  -- 0 once the bot is blocked
ALTER TABLE users ADD COLUMN programme TEXT;
ALTER TABLE users ADD COLUMN role TEXT NOT NULL DEFAULT 'participant';
ALTER TABLE users ADD COLUMN hebrew_notice_shown INTEGER NOT NULL DEFAULT 0;

-- Where a person is in a conversation, so it resumes after a restart (encrypted JSON).
CREATE TABLE conversation_state (
    user_id    TEXT PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
    state_enc  BLOB NOT NULL,
    updated_at TEXT NOT NULL
);

CREATE TABLE checkins (
    user_id    TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    local_date TEXT NOT NULL,
    rating     INTEGER CHECK (rating BETWEEN 1 AND 5),
    difficult  INTEGER NOT NULL DEFAULT 0,
    day_off    INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL,
    PRIMARY KEY (user_id, local_date)
);

-- One row per check-in prompt, written before the send and marked after: never sent twice.
CREATE TABLE checkin_dispatches (
    user_id    TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    local_date TEXT NOT NULL,
    slot       TEXT NOT NULL,
    status     TEXT NOT NULL,                -- 'sending', 'sent', 'skipped', 'failed'
    created_at TEXT NOT NULL,
    PRIMARY KEY (user_id, local_date, slot)
);

CREATE TABLE reflections (
    id         TEXT PRIMARY KEY,
    user_id    TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    started_at TEXT NOT NULL,
    local_date TEXT NOT NULL,
    pre        INTEGER CHECK (pre BETWEEN 1 AND 5),
    post       INTEGER CHECK (post BETWEEN 1 AND 5),
    flagged    INTEGER NOT NULL DEFAULT 0,
    completed  INTEGER NOT NULL DEFAULT 0,
    entry_id   TEXT                         -- the journal entry holding the answers
);
CREATE INDEX reflections_by_user ON reflections(user_id, local_date);

CREATE TABLE flag_feedback (
    id         TEXT PRIMARY KEY,
    user_id    TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    created_at TEXT NOT NULL,
    note_enc   BLOB NOT NULL
);

CREATE TABLE invites (
    code_hash  TEXT PRIMARY KEY,             -- SHA-256 of the code; the code itself is not kept
    programme  TEXT NOT NULL,
    role       TEXT NOT NULL,
    uses_left  INTEGER NOT NULL,
    expires_at TEXT,
    created_at TEXT NOT NULL
);
