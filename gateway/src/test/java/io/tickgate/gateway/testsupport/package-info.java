/** Test support: a Netty WebSocket test client, a broker-fed gateway fixture, canonical test events. */
package io.tickgate.gateway.testsupport;
