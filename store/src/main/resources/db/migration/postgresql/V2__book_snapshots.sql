-- Periodic book snapshots (docs/architecture.md, "History store"): the top N levels of a book topic every T ms,
-- when store.books.intervalMillis > 0. Levels are the venue's text, "price:size" joined by ",", best first.
-- Partitioned by UTC day like trades; retention drops them with the trades (store.tradesRetentionMillis).

CREATE TABLE books (
    topic_id integer NOT NULL,
    ts       bigint  NOT NULL,
    sequence bigint  NOT NULL,
    bids     text    NOT NULL,
    asks     text    NOT NULL,
    PRIMARY KEY (topic_id, ts)
) PARTITION BY RANGE (ts);
