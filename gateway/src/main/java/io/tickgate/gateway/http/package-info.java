/**
 * HTTP on the gateway port: health, readiness, Prometheus metrics, JSON API routes and the dashboard's static files
 * ({@link io.tickgate.gateway.http.HttpRequestHandler}, {@link io.tickgate.gateway.http.HttpRoutes},
 * {@link io.tickgate.gateway.http.StaticResources}).
 */
package io.tickgate.gateway.http;
