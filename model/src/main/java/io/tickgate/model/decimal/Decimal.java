package io.tickgate.model.decimal;

import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * An exact decimal that remembers the text it was parsed from.
 *
 * <p>Venues send prices and quantities as strings ({@code "0.35130000"}); tickgate keeps that text for output, so a
 * client sees exactly what the venue sent, and compares values exactly. Values whose digits fit in a {@code long}
 * (the overwhelming majority of market data) are compared without allocation; larger ones fall back to
 * {@link BigDecimal}. Equality and ordering are numeric: {@code "1.50"} equals {@code "1.5"}.
 */
public final class Decimal implements Comparable<Decimal> {

    public static final Decimal ZERO = new Decimal("0", 0, 0, null);

    private static final long[] POW10 = new long[19];

    static {
        POW10[0] = 1;
        for (int i = 1; i < POW10.length; i++) {
            POW10[i] = POW10[i - 1] * 10;
        }
    }

    private final String text;
    /** Unscaled value with trailing fractional zeros stripped; valid when {@code big == null}. */
    private final long unscaled;
    private final int scale;
    private final BigDecimal big;

    private Decimal(String text, long unscaled, int scale, BigDecimal big) {
        this.text = text;
        this.unscaled = unscaled;
        this.scale = scale;
        this.big = big;
    }

    /**
     * Parses a plain decimal string ({@code -?digits[.digits]}).
     *
     * @throws NumberFormatException if the text is not a plain decimal number
     */
    public static Decimal parse(String text) {
        int n = text.length();
        if (n == 0) {
            throw new NumberFormatException("empty decimal");
        }
        int i = 0;
        boolean negative = false;
        if (text.charAt(0) == '-') {
            negative = true;
            i = 1;
        } else if (text.charAt(0) == '+') {
            i = 1;
        }
        if (i == n) {
            throw new NumberFormatException("not a decimal: \"" + text + "\"");
        }
        long value = 0;
        int digits = 0;
        int scale = -1;
        int zeros = 0; // trailing zeros of the fraction so far
        boolean overflow = false;
        for (; i < n; i++) {
            char c = text.charAt(i);
            if (c == '.') {
                if (scale >= 0 || i == n - 1) {
                    throw new NumberFormatException("not a decimal: \"" + text + "\"");
                }
                scale = 0;
                continue;
            }
            if (c < '0' || c > '9') {
                return parseBig(text);
            }
            if (scale >= 0) {
                scale++;
                zeros = c == '0' ? zeros + 1 : 0;
            }
            if (digits < 18) {
                value = value * 10 + (c - '0');
                if (value != 0) {
                    digits++;
                }
            } else {
                overflow = true;
            }
        }
        if (overflow) {
            return parseBig(text);
        }
        return of(text, negative, value, scale, zeros);
    }

    /**
     * Parses a plain decimal from {@code len} characters of {@code buf} starting at {@code offset} (e.g. a JSON
     * parser's text buffer), in one pass, creating the text {@code String} once. Same rules and result as
     * {@link #parse(String)} on {@code new String(buf, offset, len)}.
     *
     * @throws NumberFormatException if the characters are not a plain decimal number
     */
    public static Decimal parse(char[] buf, int offset, int len) {
        if (len == 0) {
            throw new NumberFormatException("empty decimal");
        }
        int i = offset;
        int end = offset + len;
        boolean negative = false;
        char first = buf[i];
        if (first == '-') {
            negative = true;
            i++;
        } else if (first == '+') {
            i++;
        }
        long value = 0;
        int digits = 0;
        int scale = -1;
        int zeros = 0; // trailing zeros of the fraction so far
        boolean plain = i < end;
        for (; i < end && plain; i++) {
            char c = buf[i];
            if (c == '.') {
                if (scale >= 0 || i == end - 1) {
                    throw new NumberFormatException("not a decimal: \"" + new String(buf, offset, len) + "\"");
                }
                scale = 0;
                continue;
            }
            if (c < '0' || c > '9' || digits >= 18) {
                plain = false; // exponent, garbage or more than 18 significant digits: BigDecimal decides
                break;
            }
            if (scale >= 0) {
                scale++;
                zeros = c == '0' ? zeros + 1 : 0;
            }
            value = value * 10 + (c - '0');
            if (value != 0) {
                digits++;
            }
        }
        String text = new String(buf, offset, len);
        if (!plain) {
            return parse(text); // the rare paths (sign only, exponent, long digit strings, garbage) in one place
        }
        return of(text, negative, value, scale, zeros);
    }

    /** Strips the fraction's trailing zeros with one division (at most 17 of them: 18 digits fit the fast path). */
    private static Decimal of(String text, boolean negative, long value, int scale, int trailingZeros) {
        if (value == 0 || scale < 0) {
            scale = 0;
        } else if (trailingZeros > 0) {
            value /= POW10[trailingZeros];
            scale -= trailingZeros;
        }
        return new Decimal(text, negative ? -value : value, scale, null);
    }

    private static Decimal parseBig(String text) {
        BigDecimal b;
        try {
            b = new BigDecimal(text);
        } catch (NumberFormatException e) {
            throw new NumberFormatException("not a decimal: \"" + text + "\"");
        }
        b = b.signum() == 0 ? BigDecimal.ZERO : b.stripTrailingZeros();
        if (b.precision() <= 18 && b.scale() >= 0 && b.scale() <= 18) {
            return new Decimal(text, b.unscaledValue().longValueExact(), b.scale(), null);
        }
        return new Decimal(text, 0, 0, b);
    }

    /** Makes a decimal from an unscaled value and scale (e.g. 12345, 2 = "123.45"), for generated data. */
    public static Decimal of(long unscaledValue, int scale) {
        return parse(BigDecimal.valueOf(unscaledValue, scale).toPlainString());
    }

    /** Makes a decimal from a BigDecimal, rendered as plain text. */
    public static Decimal of(BigDecimal value) {
        return parse(value.toPlainString());
    }

    public boolean isZero() {
        return big == null ? unscaled == 0 : big.signum() == 0;
    }

    public int signum() {
        return big == null ? Long.signum(unscaled) : big.signum();
    }

    public BigDecimal toBigDecimal() {
        return big != null ? big : BigDecimal.valueOf(unscaled, scale);
    }

    @Override
    public int compareTo(Decimal o) {
        if (big == null && o.big == null) {
            if (scale == o.scale) {
                return Long.compare(unscaled, o.unscaled);
            }
            int diff = Math.abs(scale - o.scale);
            if (diff < POW10.length) {
                long a = unscaled;
                long b = o.unscaled;
                long m = POW10[diff];
                if (scale < o.scale) {
                    long r = a * m;
                    if (Math.abs(a) < Long.MAX_VALUE / m) {
                        return Long.compare(r, b);
                    }
                } else {
                    long r = b * m;
                    if (Math.abs(b) < Long.MAX_VALUE / m) {
                        return Long.compare(a, r);
                    }
                }
            }
        }
        return toBigDecimal().compareTo(o.toBigDecimal());
    }

    @Override
    public boolean equals(Object other) {
        if (this == other) {
            return true;
        }
        if (!(other instanceof Decimal)) {
            return false;
        }
        Decimal o = (Decimal) other;
        if (big == null && o.big == null) {
            return unscaled == o.unscaled && scale == o.scale;
        }
        return compareTo(o) == 0;
    }

    @Override
    public int hashCode() {
        if (big == null) {
            return Long.hashCode(unscaled) * 31 + scale;
        }
        BigInteger u = big.unscaledValue();
        return u.bitLength() < 63 ? Long.hashCode(u.longValue()) * 31 + big.scale() : big.hashCode();
    }

    /** The text exactly as it was parsed. */
    @Override
    public String toString() {
        return text;
    }
}
