/**
 * What the two SQL backends share: the range queries and row mapping ({@link io.tickgate.store.sql.JdbcHistoryStore}),
 * the topic id table's cache ({@link io.tickgate.store.sql.TopicIds}) and the column encodings
 * ({@link io.tickgate.store.sql.Rows}). Each backend supplies only how it inserts a batch and how it drops old data.
 */
package io.tickgate.store.sql;
