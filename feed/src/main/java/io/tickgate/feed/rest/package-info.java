/**
 * A small non-blocking REST client over Netty for venue requests (depth snapshots, trade history): one short-lived
 * HTTP/1.1 connection per request, the venue's rate-limit answers turned into
 * {@link io.tickgate.processing.book.SnapshotPacer.RateLimited} so the venue's pacer holds and slows down.
 */
package io.tickgate.feed.rest;
