package io.tickgate.bench.load;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/** Parses the {@code --source-addresses} option: IPv4 addresses and ranges, comma separated. */
public final class SourceAddresses {

    private static final int MAX = 1_024;

    private SourceAddresses() {
    }

    /**
     * {@code "127.0.0.2-127.0.0.9"}, {@code "127.0.0.2,127.0.0.3"}, {@code "127.0.0.2-9"} (last octet); an empty
     * or blank text gives an empty list (the system chooses).
     *
     * @throws IllegalArgumentException on anything else, on a reversed range or on more than 1024 addresses
     */
    public static List<InetAddress> parse(String text) {
        List<InetAddress> out = new ArrayList<>();
        if (text == null || text.isBlank()) {
            return out;
        }
        for (String part : text.split(",")) {
            String p = part.trim();
            int dash = p.indexOf('-');
            if (dash < 0) {
                out.add(address(ipv4(p)));
                continue;
            }
            long from = ipv4(p.substring(0, dash).trim());
            String right = p.substring(dash + 1).trim();
            long to = right.contains(".") ? ipv4(right) : (from & ~0xFFL) | octet(right, p);
            if (to < from) {
                throw new IllegalArgumentException("reversed address range \"" + p + "\"");
            }
            if (to - from + out.size() >= MAX) {
                throw new IllegalArgumentException("more than " + MAX + " source addresses in \"" + text + "\"");
            }
            for (long a = from; a <= to; a++) {
                out.add(address(a));
            }
        }
        return out;
    }

    private static long ipv4(String s) {
        String[] parts = s.split("\\.", -1);
        if (parts.length != 4) {
            throw new IllegalArgumentException("not an IPv4 address: \"" + s + "\"");
        }
        long v = 0;
        for (String o : parts) {
            v = (v << 8) | octet(o, s);
        }
        return v;
    }

    private static int octet(String o, String whole) {
        try {
            int v = Integer.parseInt(o);
            if (v < 0 || v > 255 || o.isEmpty() || !o.chars().allMatch(Character::isDigit)) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not an IPv4 address: \"" + whole + "\"");
        }
    }

    private static InetAddress address(long v) {
        byte[] b = {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v};
        try {
            return InetAddress.getByAddress(b);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e); // cannot happen for 4 bytes
        }
    }
}
