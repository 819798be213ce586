package io.tickgate.gateway.http;

import java.util.HashMap;
import java.util.Map;

/**
 * A route path such as {@code /api/v1/users/{id}/disconnect}: literal segments must be equal, a {@code {name}}
 * segment matches any one non-empty segment and is captured under {@code name}.
 */
record RouteTemplate(String template, String[] segments) {

    static RouteTemplate of(String template) {
        if (!template.startsWith("/")) {
            throw new IllegalArgumentException("route path must start with /: " + template);
        }
        return new RouteTemplate(template, template.substring(1).split("/", -1));
    }

    /** The captured segments when {@code path} matches, else null. */
    Map<String, String> match(String path) {
        if (!path.startsWith("/")) {
            return null;
        }
        String[] parts = path.substring(1).split("/", -1);
        if (parts.length != segments.length) {
            return null;
        }
        Map<String, String> params = new HashMap<>();
        for (int i = 0; i < parts.length; i++) {
            String s = segments[i];
            if (s.length() > 2 && s.startsWith("{") && s.endsWith("}")) {
                if (parts[i].isEmpty()) {
                    return null;
                }
                params.put(s.substring(1, s.length() - 1), parts[i]);
            } else if (!s.equals(parts[i])) {
                return null;
            }
        }
        return params;
    }
}
