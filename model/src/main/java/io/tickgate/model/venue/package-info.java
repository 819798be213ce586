/** {@link io.tickgate.model.venue.Venue}: the identity of an upstream venue, shared by every module. */
package io.tickgate.model.venue;
