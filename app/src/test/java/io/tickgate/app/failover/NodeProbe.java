package io.tickgate.app.failover;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tickgate.app.DemoProcess;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** HTTP looks at a running tickgate process: readiness, its trade topics, a counter's total. */
final class NodeProbe {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private NodeProbe() {
    }

    static HttpResponse<String> get(DemoProcess node, String path) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(node.baseUrl() + path.substring(1)))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(path + " of " + node.baseUrl() + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    static int ready(DemoProcess node) {
        return get(node, "/ready").statusCode();
    }

    /** The sum of every series of a counter on {@code /metrics} (Prometheus text), 0 when absent. */
    static double counter(DemoProcess node, String name) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(name) + "(\\{[^}]*})? ([0-9.eE+-]+)$")
                .matcher(get(node, "/metrics").body());
        double sum = 0;
        while (m.find()) {
            sum += Double.parseDouble(m.group(2));
        }
        return sum;
    }

    /**
     * {@code n} trade topics of the node: those of {@code preferred} it has, then others spread over its sorted names
     * (one venue after the other).
     */
    static List<String> tradeTopics(DemoProcess node, int n, String... preferred) throws IOException {
        JsonNode root = MAPPER.readTree(get(node, "/api/v1/topics").body());
        List<String> names = new ArrayList<>();
        for (JsonNode t : root.isArray() ? root : root.path("topics")) {
            String name = t.path("topic").asText();
            if (name.endsWith(".trade")) {
                names.add(name);
            }
        }
        names.sort(null);
        List<String> picked = new ArrayList<>();
        for (String p : preferred) {
            if (picked.size() < n && names.contains(p)) {
                picked.add(p);
            }
        }
        for (int i = 0; picked.size() < n && i < names.size(); i += Math.max(1, names.size() / n)) {
            if (!picked.contains(names.get(i))) {
                picked.add(names.get(i));
            }
        }
        return picked;
    }
}
