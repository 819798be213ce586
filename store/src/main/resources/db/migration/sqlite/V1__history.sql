-- tickgate history store, embedded SQLite (docs/architecture.md, "History store"): the schema of the PostgreSQL
-- backend without partitions (retention deletes rows). WITHOUT ROWID tables are clustered on their primary key,
-- so a topic + time range is one contiguous read and no separate index is stored.

CREATE TABLE topics (
    id   INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE
);

CREATE TABLE trades (
    topic_id INTEGER NOT NULL,
    ts       INTEGER NOT NULL,
    trade_id TEXT    NOT NULL,
    price    TEXT    NOT NULL,
    quantity TEXT    NOT NULL,
    side     TEXT    NOT NULL,
    PRIMARY KEY (topic_id, ts, trade_id)
) WITHOUT ROWID;

CREATE TABLE klines (
    topic_id  INTEGER NOT NULL,
    open_time INTEGER NOT NULL,
    o         TEXT    NOT NULL,
    h         TEXT    NOT NULL,
    l         TEXT    NOT NULL,
    c         TEXT    NOT NULL,
    volume    TEXT    NOT NULL,
    trades    INTEGER NOT NULL,
    event_ts  INTEGER NOT NULL,
    PRIMARY KEY (topic_id, open_time)
) WITHOUT ROWID;
