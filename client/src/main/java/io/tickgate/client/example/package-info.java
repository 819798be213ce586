/** Example programs using the client: {@link io.tickgate.client.example.MidPriceStrategy}. */
package io.tickgate.client.example;
