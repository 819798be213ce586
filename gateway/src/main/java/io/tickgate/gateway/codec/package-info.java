/**
 * JSON ↔ protocol messages, apart from session logic: {@link io.tickgate.gateway.codec.ClientMessageDecoder}
 * (inbound frames → {@link io.tickgate.gateway.protocol.ClientMessage}), {@link io.tickgate.gateway.codec.ServerMessageEncoder}
 * (server messages → one shared {@link io.netty.buffer.ByteBuf} each) and
 * {@link io.tickgate.gateway.codec.EventJsonWriter} (the {@code data} shape of each canonical event).
 */
package io.tickgate.gateway.codec;
