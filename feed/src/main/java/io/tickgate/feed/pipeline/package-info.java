/**
 * From sockets to the bus: {@link io.tickgate.feed.pipeline.VenueProcessor}, one thread per venue fed by a bounded
 * queue of {@link io.tickgate.feed.pipeline.FeedItem}s, owns every book, candle and trade-id cursor of the venue
 * (one writer), routes data by symbol ownership (per symbol and venue endpoint, the endpoint being part of the socket
 * id: {@link io.tickgate.feed.pipeline.SessionIds}) across reconnects and make-before-break rotations, de-duplicates,
 * and publishes.
 */
package io.tickgate.feed.pipeline;
