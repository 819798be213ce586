package io.tickgate.gateway.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Static files served from classpath resources under a root (e.g. {@code tickgate/dashboard/}). Only names made of
 * {@code [A-Za-z0-9._-]} segments with a known extension are looked up, so nothing outside the root (no
 * {@code ..}, no absolute paths, no directories) can be reached. Found files are cached (the set is finite).
 */
public final class StaticResources {

    /** A file to serve. */
    public record Resource(byte[] content, String contentType) {
    }

    private static final Pattern SAFE_PATH = Pattern.compile("(/[A-Za-z0-9_\\-][A-Za-z0-9._\\-]*)+");
    private static final Map<String, String> CONTENT_TYPES = Map.ofEntries(
            Map.entry("html", "text/html; charset=utf-8"),
            Map.entry("js", "text/javascript; charset=utf-8"),
            Map.entry("mjs", "text/javascript; charset=utf-8"),
            Map.entry("css", "text/css; charset=utf-8"),
            Map.entry("map", "application/json; charset=utf-8"),
            Map.entry("json", "application/json; charset=utf-8"),
            Map.entry("svg", "image/svg+xml"),
            Map.entry("png", "image/png"),
            Map.entry("ico", "image/x-icon"),
            Map.entry("txt", "text/plain; charset=utf-8"));

    private final ClassLoader loader;
    private final String root;
    private final Map<String, Resource> cache = new ConcurrentHashMap<>();

    /** @param root a resource folder ending in {@code /}, e.g. {@code tickgate/dashboard/} */
    public StaticResources(ClassLoader loader, String root) {
        this.loader = loader;
        this.root = root.endsWith("/") ? root : root + "/";
    }

    /** The file for a decoded request path ({@code /} means {@code /index.html}), or empty. */
    public Optional<Resource> find(String path) {
        String p = "/".equals(path) ? "/index.html" : path;
        if (!SAFE_PATH.matcher(p).matches() || p.contains("..")) {
            return Optional.empty();
        }
        String type = contentType(p);
        if (type == null) {
            return Optional.empty();
        }
        Resource cached = cache.get(p);
        if (cached != null) {
            return Optional.of(cached);
        }
        try (InputStream in = loader.getResourceAsStream(root + p.substring(1))) {
            if (in == null) {
                return Optional.empty();
            }
            Resource r = new Resource(in.readAllBytes(), type);
            cache.put(p, r);
            return Optional.of(r);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String contentType(String path) {
        int slash = path.lastIndexOf('/');
        int dot = path.lastIndexOf('.');
        if (dot <= slash + 1) {
            return null;
        }
        return CONTENT_TYPES.get(path.substring(dot + 1).toLowerCase(Locale.ROOT));
    }
}
