-- Periodic book snapshots: the PostgreSQL backend's books table without partitions (retention deletes rows).

CREATE TABLE books (
    topic_id INTEGER NOT NULL,
    ts       INTEGER NOT NULL,
    sequence INTEGER NOT NULL,
    bids     TEXT    NOT NULL,
    asks     TEXT    NOT NULL,
    PRIMARY KEY (topic_id, ts)
) WITHOUT ROWID;
