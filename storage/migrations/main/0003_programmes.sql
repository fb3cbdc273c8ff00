-- Programmes, roles and what leads may see. A person can belong to several programmes and be
-- both a participant and a lead; aggregates count only participant memberships.
CREATE TABLE programmes (
    name       TEXT PRIMARY KEY,
    timezone   TEXT NOT NULL,                -- weekly windows are calendar weeks in this zone
    created_at TEXT NOT NULL
);

CREATE TABLE memberships (
    user_id   TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    programme TEXT NOT NULL REFERENCES programmes(name),
    role      TEXT NOT NULL CHECK (role IN ('participant', 'lead')),
    digest    INTEGER NOT NULL DEFAULT 0,    -- leads only: weekly digest opted in
    joined_at TEXT NOT NULL,
    PRIMARY KEY (user_id, programme, role)
);
CREATE INDEX memberships_by_programme ON memberships(programme, role);

-- Earlier builds kept one programme and role on the user row.
INSERT OR IGNORE INTO programmes(name, timezone, created_at)
    SELECT programme, min(timezone), min(created_at) FROM users
    WHERE programme IS NOT NULL GROUP BY programme;
INSERT OR IGNORE INTO programmes(name, timezone, created_at)
    SELECT programme, 'UTC', min(created_at) FROM invites GROUP BY programme;
INSERT OR IGNORE INTO memberships(user_id, programme, role, joined_at)
    SELECT id, programme, CASE WHEN role = 'lead' THEN 'lead' ELSE 'participant' END, created_at
    FROM users WHERE programme IS NOT NULL;
ALTER TABLE users DROP COLUMN programme;
ALTER TABLE users DROP COLUMN role;

-- A week's figures, frozen the first time anyone looks at them after the week has ended, so a
-- later change (an account deleted, a late answer) cannot be learnt by comparing two views.
-- Numbers and contributor counts only.
CREATE TABLE weekly_aggregates (
    programme    TEXT NOT NULL REFERENCES programmes(name),
    week_start   TEXT NOT NULL,              -- local Monday
    figures_json TEXT NOT NULL,
    computed_at  TEXT NOT NULL,
    PRIMARY KEY (programme, week_start)
);

-- One row per lead, programme and week, written before the digest is sent: never twice.
CREATE TABLE digest_dispatches (
    user_id    TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    programme  TEXT NOT NULL,
    week_start TEXT NOT NULL,
    status     TEXT NOT NULL,                -- 'sending', 'sent', 'failed'
    created_at TEXT NOT NULL,
    PRIMARY KEY (user_id, programme, week_start)
);

-- Who looked at which programme's trends, when. No figures. `actor` is Kindred's random user id
-- (or 'operator' for the CLI), never a Telegram id.
CREATE TABLE audit_log (
    id        INTEGER PRIMARY KEY,
    at        TEXT NOT NULL,
    actor     TEXT NOT NULL,
    programme TEXT NOT NULL,
    view      TEXT NOT NULL                  -- 'trends', 'digest' (leads); 'csv', 'summary' (CLI)
);
