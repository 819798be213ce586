package io.tickgate.gateway.cluster;

import io.netty.handler.codec.http.HttpMethod;
import io.tickgate.bus.presence.ConnectionEntry;
import io.tickgate.bus.presence.ControlCommand;
import io.tickgate.bus.presence.NodeStatus;
import io.tickgate.bus.presence.TopicPresence;
import io.tickgate.gateway.http.ApiRequest;
import io.tickgate.gateway.http.ApiResponse;
import io.tickgate.gateway.http.HttpRoutes;
import io.tickgate.gateway.publish.ApiKeys;
import io.tickgate.model.topic.InvalidTopicException;
import io.tickgate.model.topic.Topic;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The cluster endpoints, answered from the registry (every node's view, not just this one's):
 * <ul>
 *   <li>{@code GET /api/v1/nodes}: the live nodes (ops endpoint: loopback or the ops token);</li>
 *   <li>{@code GET /api/v1/presence?topic=T} (subscribers per node) or {@code ?user=U} (the user's connections) (ops
 *       endpoint);</li>
 *   <li>{@code POST /api/v1/users/{id}/disconnect[?reason=..]} (API key; reason at most 100 bytes): closes the
 *       user's connections on every node, with close code 4010.</li>
 * </ul>
 * A registry that does not answer (Redis unreachable) gives 503.
 */
public final class ClusterApi {

    /** A close frame's reason holds 123 bytes; a little room is kept. */
    static final int MAX_REASON_BYTES = 100;

    private final ClusterNode node;
    private final ApiKeys keys;

    public ClusterApi(ClusterNode node, ApiKeys keys) {
        this.node = node;
        this.keys = keys;
    }

    /** Adds the routes. */
    public void register(HttpRoutes routes) {
        routes.addRoute(HttpMethod.GET, "/api/v1/nodes", r -> nodes());
        routes.addRoute(HttpMethod.GET, "/api/v1/presence", this::presence);
        routes.addRoute(HttpMethod.POST, "/api/v1/users/{id}/disconnect", this::disconnect);
    }

    private CompletionStage<ApiResponse> nodes() {
        String self = node.nodeId();
        return answer(node.presence().nodes().thenApply(list -> {
            List<Map<String, Object>> out = new ArrayList<>();
            for (NodeStatus s : list) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("id", s.id());
                m.put("address", s.address());
                m.put("startedAt", s.startedAt());
                m.put("lastHeartbeat", s.lastHeartbeat());
                m.put("connections", s.connections());
                m.put("self", s.id().equals(self));
                out.add(m);
            }
            return ApiResponse.ok(out);
        }));
    }

    private CompletionStage<ApiResponse> presence(ApiRequest r) {
        String topic = r.param("topic");
        String user = r.param("user");
        if ((topic == null) == (user == null)) {
            throw new IllegalArgumentException("give exactly one of ?topic=<topic> and ?user=<user id>");
        }
        if (user != null) {
            return answer(node.presence().userConnections(user).thenApply(list -> ApiResponse.ok(userView(user,
                    list))));
        }
        Topic t;
        try {
            t = Topic.parse(topic);
        } catch (InvalidTopicException e) {
            throw new IllegalArgumentException("topic: " + e.getMessage());
        }
        return answer(node.presence().topic(t).thenApply(p -> ApiResponse.ok(topicView(p))));
    }

    private CompletionStage<ApiResponse> disconnect(ApiRequest r) {
        ApiResponse refused = keys.refusal(r);
        if (refused != null) {
            return CompletableFuture.completedFuture(refused);
        }
        String user = r.pathParam("id");
        String reason = r.param("reason") == null ? "disconnected by the server" : r.param("reason");
        if (reason.getBytes(StandardCharsets.UTF_8).length > MAX_REASON_BYTES) {
            throw new IllegalArgumentException("reason: at most " + MAX_REASON_BYTES + " bytes of UTF-8 (it goes into "
                    + "the close frame)");
        }
        return answer(node.presence().userConnections(user).thenCompose(before -> node.presence()
                .send(ControlCommand.disconnectUser(user, reason)).thenApply(reached -> {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("user", user);
                    m.put("connections", before.size());
                    m.put("nodesReached", reached);
                    return ApiResponse.ok(m);
                })));
    }

    private static Map<String, Object> userView(String user, List<ConnectionEntry> list) {
        List<Map<String, Object>> conns = new ArrayList<>();
        for (ConnectionEntry c : list) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("connectionId", c.connectionId());
            m.put("node", c.nodeId());
            m.put("address", c.address());
            m.put("openedAt", c.openedAt());
            conns.add(m);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("user", user);
        out.put("connections", conns);
        return out;
    }

    private static Map<String, Object> topicView(TopicPresence p) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("topic", p.topic().toString());
        out.put("subscribers", p.subscribers());
        out.put("nodes", p.byNode());
        return out;
    }

    /** 503 with the cause when the registry does not answer. */
    private static CompletionStage<ApiResponse> answer(CompletableFuture<ApiResponse> f) {
        return f.exceptionally(e -> ApiResponse.error(503, "cluster registry unavailable: "
                + (e.getCause() != null ? e.getCause().getMessage() : e.getMessage())));
    }
}
