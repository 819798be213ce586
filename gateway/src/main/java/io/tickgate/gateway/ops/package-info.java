/**
 * Access to the operations endpoints ({@code /metrics}, {@code /api/v1/feeds}, {@code /admin/*}):
 * {@link io.tickgate.gateway.ops.OpsConfig} (a separate port and/or an admin token),
 * {@link io.tickgate.gateway.ops.OpsAccessHandler} (the check) and {@link io.tickgate.gateway.ops.OpsListener}
 * (the separate port's listener).
 */
package io.tickgate.gateway.ops;
