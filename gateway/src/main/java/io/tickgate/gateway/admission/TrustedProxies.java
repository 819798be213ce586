package io.tickgate.gateway.admission;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * The proxies whose {@code X-Forwarded-For} is believed. The client is the right-most address in the header chain
 * that is not itself a trusted proxy (entries left of it could be forged by the client, so they are never used).
 */
public final class TrustedProxies {

    private final List<CidrRange> ranges = new ArrayList<>();

    /** @param entries addresses or CIDRs; invalid ones throw {@link IllegalArgumentException} */
    public TrustedProxies(List<String> entries) {
        for (String e : entries) {
            ranges.add(CidrRange.parse(e));
        }
    }

    public boolean isEmpty() {
        return ranges.isEmpty();
    }

    public boolean trusts(InetAddress address) {
        for (CidrRange r : ranges) {
            if (r.contains(address)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The client's address for a connection from {@code peer}: the peer itself unless it is trusted; else the
     * right-most untrusted address of the {@code X-Forwarded-For} values (comma-separated, in header order), the
     * left-most one when all are trusted, the peer when the header is missing or a value is not an IP literal.
     */
    public InetAddress clientAddress(InetAddress peer, List<String> forwardedFor) {
        if (!trusts(peer) || forwardedFor.isEmpty()) {
            return peer;
        }
        List<String> hops = new ArrayList<>();
        for (String value : forwardedFor) {
            for (String hop : value.split(",")) {
                if (!hop.isBlank()) {
                    hops.add(hop.trim());
                }
            }
        }
        InetAddress client = peer;
        for (int i = hops.size() - 1; i >= 0; i--) {
            InetAddress hop = CidrRange.parseLiteral(stripPort(hops.get(i)));
            if (hop == null) {
                return client; // garbage: stop at the last address a trusted hop vouched for
            }
            client = hop;
            if (!trusts(hop)) {
                return hop;
            }
        }
        return client;
    }

    /** {@code 1.2.3.4:5678} → {@code 1.2.3.4}; {@code [::1]:80} → {@code ::1}; bare IPv6 unchanged. */
    private static String stripPort(String hop) {
        if (hop.startsWith("[")) {
            int end = hop.indexOf(']');
            return end < 0 ? hop : hop.substring(1, end);
        }
        int colon = hop.indexOf(':');
        if (colon > 0 && colon == hop.lastIndexOf(':')) {
            return hop.substring(0, colon);
        }
        return hop;
    }
}
