/** Tests of the hot standby's buffer and takeover catch-up. */
package io.tickgate.feed.standby;
