/**
 * TLS on the gateway port ({@code wss://}, {@code https://}): {@link io.tickgate.gateway.tls.TlsConfig} names the
 * PEM certificate chain and private key; {@link io.tickgate.gateway.tls.ReloadingSslContext} builds Netty's
 * {@code SslContext} from them and rebuilds it when the files change, for new connections.
 */
package io.tickgate.gateway.tls;
