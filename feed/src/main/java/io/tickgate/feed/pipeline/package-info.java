/**
 * From sockets to the bus: {@link io.tickgate.feed.pipeline.VenueProcessor}, one thread per venue fed by a bounded
 * queue of {@link io.tickgate.feed.pipeline.FeedItem}s, owns every book, candle and trade-id cursor of the venue
 * (one writer), routes data by symbol ownership (per symbol and venue endpoint, the endpoint being part of the socket
 * id: {@link io.tickgate.feed.pipeline.SessionIds}) across reconnects and make-before-break rotations, de-duplicates,
 * and publishes. It also finds stale symbols ({@link io.tickgate.feed.pipeline.StaleRule}: silent far longer than their
 * own rate while their socket delivers others) and asks the pool to resubscribe them or recycle their socket
 * ({@link io.tickgate.feed.pipeline.StaleHandler}).
 */
package io.tickgate.feed.pipeline;
