/** REST clients of the venues over Netty: Binance depth snapshots ({@code GET /api/v3/depth}) for the book sync. */
package io.tickgate.feed.rest;
