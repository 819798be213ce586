package io.tickgate.gateway.admission;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** An address range: {@code 10.0.0.0/8}, {@code fd00::/8}, or one address ({@code 127.0.0.1}, {@code ::1}). */
public final class CidrRange {

    private final byte[] network;
    private final int prefixBits;

    private CidrRange(byte[] network, int prefixBits) {
        this.network = network;
        this.prefixBits = prefixBits;
    }

    /**
     * Parses a literal address with an optional {@code /bits} suffix (never resolves a host name).
     *
     * @throws IllegalArgumentException when it is not an IPv4/IPv6 literal or the prefix is out of range
     */
    public static CidrRange parse(String text) {
        String s = text.trim();
        int slash = s.indexOf('/');
        String addr = slash < 0 ? s : s.substring(0, slash);
        byte[] bytes = literal(addr, text);
        int bits = bytes.length * 8;
        if (slash >= 0) {
            try {
                bits = Integer.parseInt(s.substring(slash + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("bad prefix length in \"" + text + "\"");
            }
            if (bits < 0 || bits > bytes.length * 8) {
                throw new IllegalArgumentException("prefix length out of range in \"" + text + "\"");
            }
        }
        return new CidrRange(bytes, bits);
    }

    /** An IP literal (IPv4 dotted quad or IPv6 hex), or null when {@code text} is not one. Never resolves names. */
    public static InetAddress parseLiteral(String text) {
        try {
            return InetAddress.getByAddress(literal(text.trim(), text));
        } catch (IllegalArgumentException | UnknownHostException e) {
            return null;
        }
    }

    private static byte[] literal(String addr, String original) {
        String a = addr.startsWith("[") && addr.endsWith("]") ? addr.substring(1, addr.length() - 1) : addr;
        boolean v4 = a.matches("\\d{1,3}(\\.\\d{1,3}){3}");
        boolean v6 = a.indexOf(':') >= 0 && a.matches("[0-9A-Fa-f:.]+");
        if (v4) {
            for (String octet : a.split("\\.")) {
                v4 &= Integer.parseInt(octet) <= 255;
            }
        }
        if (!v4 && !v6) {
            throw new IllegalArgumentException("not an IP address or CIDR: \"" + original + "\"");
        }
        try {
            return InetAddress.getByName(a).getAddress(); // a literal: no name lookup
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an IP address or CIDR: \"" + original + "\"");
        }
    }

    /** True when {@code address} is in this range (IPv4 and IPv6 never match each other). */
    public boolean contains(InetAddress address) {
        byte[] a = address.getAddress();
        if (a.length != network.length) {
            return false;
        }
        int full = prefixBits / 8;
        for (int i = 0; i < full; i++) {
            if (a[i] != network[i]) {
                return false;
            }
        }
        int rest = prefixBits % 8;
        if (rest == 0) {
            return true;
        }
        int mask = 0xFF << (8 - rest) & 0xFF;
        return (a[full] & mask) == (network[full] & mask);
    }
}
