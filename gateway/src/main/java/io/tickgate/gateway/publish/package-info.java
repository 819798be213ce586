/**
 * Publishing by applications: custom messages on {@code custom.<group>.<name>} and {@code user.<id>.inbox} topics,
 * from a permitted client ({@code {"type":"publish"}}) or the server API ({@code POST /api/v1/publish}, API key),
 * checked in one place ({@link io.tickgate.gateway.publish.Publishing}) and sent through the broker so every node's
 * subscribers get them, sequenced like market data. Also the API keys ({@link io.tickgate.gateway.publish.ApiConfig},
 * {@link io.tickgate.gateway.publish.ApiKeys}) guarding the API's admin actions.
 */
package io.tickgate.gateway.publish;
