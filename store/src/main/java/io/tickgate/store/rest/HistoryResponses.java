package io.tickgate.store.rest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.tickgate.gateway.codec.EventJsonWriter;
import io.tickgate.gateway.http.ApiRequest;
import io.tickgate.gateway.http.ApiResponse;
import io.tickgate.model.event.MarketEvent;
import io.tickgate.model.topic.Topic;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

/**
 * History answers: {@code {"topic": .., "<field>": [..], "next": ..}} with each row in the live topic's JSON
 * ({@link EventJsonWriter}, decimals as the venue's strings). A closed range (one that can no longer change) gets a
 * strong ETag and {@code Cache-Control: public, max-age=3600} and answers a matching {@code If-None-Match} with 304;
 * an open one {@code no-cache}. Bodies of 1 KiB and more are gzipped when the client accepts it.
 */
final class HistoryResponses {

    private static final JsonFactory JSON = new JsonFactory();
    private static final int GZIP_MIN_BYTES = 1024;

    private HistoryResponses() {
    }

    static ApiResponse rows(ApiRequest req, Topic topic, String field, List<? extends MarketEvent> rows, String next,
                            boolean closedRange) {
        byte[] body = json(topic, field, rows, next);
        ApiResponse res = new ApiResponse(200, body, Map.of(
                HttpHeaderNames.CONTENT_TYPE.toString(), "application/json",
                HttpHeaderNames.VARY.toString(), "Accept-Encoding"));
        if (closedRange) {
            String etag = etag(body);
            res = res.withHeader(HttpHeaderNames.ETAG.toString(), etag)
                    .withHeader(HttpHeaderNames.CACHE_CONTROL.toString(), "public, max-age=3600");
            if (etag.equals(req.header(HttpHeaderNames.IF_NONE_MATCH))) {
                return new ApiResponse(304, new byte[0], res.headers());
            }
        } else {
            res = res.withHeader(HttpHeaderNames.CACHE_CONTROL.toString(), "no-cache");
        }
        String accept = req.header(HttpHeaderNames.ACCEPT_ENCODING);
        if (body.length >= GZIP_MIN_BYTES && accept != null && accept.contains("gzip")) {
            res = new ApiResponse(200, gzip(body), res.headers())
                    .withHeader(HttpHeaderNames.CONTENT_ENCODING.toString(), "gzip");
        }
        return res;
    }

    private static byte[] json(Topic topic, String field, List<? extends MarketEvent> rows, String next) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256 + rows.size() * 128);
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("topic", topic.toString());
            g.writeArrayFieldStart(field);
            for (MarketEvent e : rows) {
                EventJsonWriter.write(g, e);
            }
            g.writeEndArray();
            if (next != null) {
                g.writeStringField("next", next);
            } else {
                g.writeNullField("next");
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static String etag(byte[] body) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(body);
            return "\"" + HexFormat.of().formatHex(d, 0, 16) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] gzip(byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(body.length / 4 + 64);
        try (GZIPOutputStream z = new GZIPOutputStream(out)) {
            z.write(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
