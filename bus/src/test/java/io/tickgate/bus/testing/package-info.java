/**
 * Test-owned Redis servers, started and stopped by the tests themselves: {@link io.tickgate.bus.testing.RedisServer}
 * (one {@code redis-server} on a free loopback port, no persistence, that a test can kill and start again empty),
 * {@link io.tickgate.bus.testing.RedisClusterServers} (a Redis Cluster of 3 masters) and the JUnit 5 extension
 * {@link io.tickgate.bus.testing.RedisExtension} that owns either for a test class. Every process runs under a
 * watchdog that kills it when this JVM goes away, so a crashed or killed test run leaves no {@code redis-server}
 * behind; the machine's own Redis on 6379 is never used. Also {@link io.tickgate.bus.testing.LeakWatch}, Netty's leak
 * detector at PARANOID with its reports captured (the feed's and the gateway's fuzz tests). Shared with other
 * modules' tests through the bus test-jar.
 */
package io.tickgate.bus.testing;
