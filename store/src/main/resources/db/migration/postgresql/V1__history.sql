-- tickgate history store, PostgreSQL (docs/architecture.md, "History store").
-- Times are epoch milliseconds; prices and quantities are the venue's text, returned unchanged.
-- Both tables are partitioned by time (trades by UTC day, candles by UTC month); the writer creates partitions as
-- rows arrive and retention drops whole partitions. The primary keys make writes idempotent and serve the
-- topic + time range queries.

CREATE TABLE topics (
    id   integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name text NOT NULL UNIQUE
);

CREATE TABLE trades (
    topic_id integer  NOT NULL,
    ts       bigint   NOT NULL,
    trade_id text     COLLATE "C" NOT NULL,  -- byte order, as SQLite's: the same page boundaries on both
    price    text     NOT NULL,
    quantity text     NOT NULL,
    side     char(1)  NOT NULL,
    PRIMARY KEY (topic_id, ts, trade_id)
) PARTITION BY RANGE (ts);

CREATE TABLE klines (
    topic_id  integer NOT NULL,
    open_time bigint  NOT NULL,
    o         text    NOT NULL,
    h         text    NOT NULL,
    l         text    NOT NULL,
    c         text    NOT NULL,
    volume    text    NOT NULL,
    trades    bigint  NOT NULL,
    event_ts  bigint  NOT NULL,
    PRIMARY KEY (topic_id, open_time)
) PARTITION BY RANGE (open_time);
