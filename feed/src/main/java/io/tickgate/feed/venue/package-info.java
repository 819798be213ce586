/**
 * The venue plug-in contract. A venue registers one {@link io.tickgate.feed.venue.VenueAdapter} (found by
 * {@link io.tickgate.feed.venue.Venues} through {@code META-INF/services}) that supplies its
 * {@link io.tickgate.feed.venue.VenueDefaults} (with its {@link io.tickgate.feed.venue.Endpoint}s and which endpoint
 * each channel lives on), its connection rules ({@link io.tickgate.feed.venue.VenueProtocol},
 * one {@link io.tickgate.feed.venue.SessionProtocol} per socket: subscribe, verify, heartbeats, decode), its REST
 * snapshot client, its {@link io.tickgate.processing.book.BookSync}, a {@link io.tickgate.feed.venue.VenueDecoder}
 * for replay and the topics its channels publish on. Implementations live in {@code io.tickgate.feed.venues.*}.
 */
package io.tickgate.feed.venue;
