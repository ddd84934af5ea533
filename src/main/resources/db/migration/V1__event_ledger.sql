-- The event ledger and the watchers' state. Portable SQL: the same script runs on H2 (the embedded
-- default) and on PostgreSQL.

-- Append-only. Ids are handed out under the lock of ledger_head, so they grow in commit order and a
-- reader paging with "id > last seen" never skips an event committed late.
CREATE TABLE event (
    id          BIGINT                   NOT NULL PRIMARY KEY,
    type        VARCHAR(100)             NOT NULL,
    subject     VARCHAR(1000)            NOT NULL,
    source      VARCHAR(200)             NOT NULL,
    observed_at TIMESTAMP WITH TIME ZONE NOT NULL,
    payload     TEXT                     NOT NULL
);
CREATE INDEX event_type ON event (type, id);
CREATE INDEX event_subject ON event (subject, id);
CREATE INDEX event_observed_at ON event (observed_at);

CREATE TABLE ledger_head (
    id            INT    NOT NULL PRIMARY KEY,
    last_event_id BIGINT NOT NULL
);
INSERT INTO ledger_head (id, last_event_id) VALUES (1, 0);

-- Where a watcher stands in one scope (a project, a queue). version moves by one on every commit;
-- a commit that expected another version lost a race and is rolled back.
CREATE TABLE watch_cursor (
    scope      VARCHAR(500)             NOT NULL PRIMARY KEY,
    position   TEXT                     NOT NULL,
    version    BIGINT                   NOT NULL,
    updated_at TIMESTAMP WITH TIME ZONE NOT NULL
);

-- What a watcher last saw of each thing in a scope (a run, a sweep, a queue item), to diff against.
CREATE TABLE watch_snapshot (
    scope   VARCHAR(500)  NOT NULL,
    subject VARCHAR(1000) NOT NULL,
    data    TEXT          NOT NULL,
    PRIMARY KEY (scope, subject)
);
