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

    /**
     * The longest text {@link #parse} accepts (venue prices and sizes are a few dozen characters): a longer one is
     * refused before any arithmetic, as BigDecimal's work on a number grows with the square of its digits. Values
     * tickgate computes itself ({@link #of(BigDecimal)}, e.g. a candle's volume) are not held to it.
     */
    public static final int MAX_TEXT_LENGTH = 100;
    /** Digits allowed on either side of the point (an exponent such as {@code 1e1000000} is refused). */
    public static final int MAX_DIGITS_EACH_SIDE = 60;

    /** The longest text that is not kept: a minus sign, 18 digits and a point. */
    public static final int MAX_CANONICAL_LENGTH = 20;

    private static final long[] POW10 = new long[19];
    /** Zero by fraction digits in its text + 1: {@code ZEROS[0]} is "0", {@code ZEROS[2]} "0.0", ... */
    private static final Decimal[] ZEROS = new Decimal[20];

    static {
        POW10[0] = 1;
        for (int i = 1; i < POW10.length; i++) {
            POW10[i] = POW10[i - 1] * 10;
        }
        for (int i = 0; i < ZEROS.length; i++) {
            ZEROS[i] = new Decimal(null, 0, 0, null, i - 1, false); // index = fraction digits + 1
        }
    }

    /**
     * The text as parsed; null until asked for when the text is canonical (see {@link #parse(char[], int, int)}),
     * then rebuilt once and kept. A benign race: every thread rebuilds the same string.
     */
    private String text;
    /** Unscaled value with trailing fractional zeros stripped; valid when {@code big == null}. */
    private final long unscaled;
    private final int scale;
    private final BigDecimal big;
    /** For a canonical text not kept: its number of fraction digits (-1: no point) and its minus sign. */
    private final int textScale;
    private final boolean minus;

    private Decimal(String text, long unscaled, int scale, BigDecimal big) {
        this(text, unscaled, scale, big, -1, false);
    }

    private Decimal(String text, long unscaled, int scale, BigDecimal big, int textScale, boolean minus) {
        this.text = text;
        this.unscaled = unscaled;
        this.scale = scale;
        this.big = big;
        this.textScale = textScale;
        this.minus = minus;
    }

    /**
     * Parses a plain decimal string ({@code -?digits[.digits]}).
     *
     * @throws NumberFormatException if the text is not a plain decimal number
     */
    public static Decimal parse(String text) {
        checkLength(text.length());
        return parse(text, true);
    }

    /** {@code checked}: held to {@link #MAX_TEXT_LENGTH} and {@link #MAX_DIGITS_EACH_SIDE} (text from outside). */
    private static Decimal parse(String text, boolean checked) {
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
                return parseBig(text, checked);
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
            return parseBig(text, checked);
        }
        if (checked && scale > MAX_DIGITS_EACH_SIDE) {
            throw outOfRange(text);
        }
        return of(text, negative, value, scale, zeros);
    }

    /**
     * Parses a plain decimal from {@code len} characters of {@code buf} starting at {@code offset} (e.g. a JSON
     * parser's text buffer) in one pass. Same rules and result as {@link #parse(String)} on
     * {@code new String(buf, offset, len)}, including the text.
     *
     * <p>Venue text in the canonical form {@code -?(0|[1-9][0-9]*)(\.[0-9]+)?} with at most 18 digits — nearly every
     * price and size — is not kept as a {@code String}: its value and its number of fraction digits determine it
     * exactly, so {@link #toString()} rebuilds it when asked and {@link #getChars} writes it without one. Any other
     * form keeps its text.
     *
     * @throws NumberFormatException if the characters are not a plain decimal number
     */
    public static Decimal parse(char[] buf, int offset, int len) {
        checkLength(len); // before a String is made of it
        int end = offset + len;
        int i = offset;
        boolean negative = len > 0 && buf[i] == '-';
        if (negative) {
            i++;
        }
        int intStart = i;
        long value = 0;
        for (; i < end; i++) {
            int d = buf[i] - '0';
            if (d < 0 || d > 9) {
                break;
            }
            value = value * 10 + d;
        }
        int intDigits = i - intStart;
        int textScale = -1; // digits after the point; -1: no point
        int scale = 0; // the same without the fraction's trailing zeros (the value never has them)
        if (i < end) {
            if (buf[i] != '.' || intDigits == 0 || i == end - 1) {
                return parse(new String(buf, offset, len)); // sign only, '+', '.5', exponent, garbage
            }
            int fractionStart = ++i;
            int last = end - 1;
            while (last >= fractionStart && buf[last] == '0') {
                last--;
            }
            for (; i <= last; i++) {
                int d = buf[i] - '0';
                if (d < 0 || d > 9) {
                    return parse(new String(buf, offset, len));
                }
                value = value * 10 + d;
            }
            textScale = end - fractionStart;
            scale = last + 1 - fractionStart;
        }
        int digits = intDigits + Math.max(textScale, 0);
        if (intDigits == 0 || digits > 18 || (intDigits > 1 && buf[intStart] == '0')) {
            return parse(new String(buf, offset, len)); // empty, long digit strings, leading zeros: keeps the text
        }
        if (value == 0 && !negative) {
            return ZEROS[textScale + 1]; // a removed level: "0", "0.0", ... "0.00000000" are shared
        }
        return new Decimal(null, negative ? -value : value, scale, null, textScale, negative);
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

    private static void checkLength(int length) {
        if (length > MAX_TEXT_LENGTH) {
            throw new NumberFormatException("decimal of " + length + " characters (at most " + MAX_TEXT_LENGTH + ")");
        }
    }

    private static NumberFormatException outOfRange(String text) {
        return new NumberFormatException("decimal out of range (more than " + MAX_DIGITS_EACH_SIDE
                + " digits before or after the point): \"" + text + "\"");
    }

    private static Decimal parseBig(String text, boolean checked) {
        BigDecimal b;
        try {
            b = new BigDecimal(text);
        } catch (NumberFormatException e) {
            throw new NumberFormatException("not a decimal: \"" + text + "\"");
        }
        if (checked && (b.scale() > MAX_DIGITS_EACH_SIDE || b.precision() - b.scale() > MAX_DIGITS_EACH_SIDE)) {
            throw outOfRange(text);
        }
        b = b.signum() == 0 ? BigDecimal.ZERO : b.stripTrailingZeros();
        if (b.precision() <= 18 && b.scale() >= 0 && b.scale() <= 18) {
            return new Decimal(text, b.unscaledValue().longValueExact(), b.scale(), null);
        }
        return new Decimal(text, 0, 0, b);
    }

    /** Makes a decimal from an unscaled value and scale (e.g. 12345, 2 = "123.45"), for generated data. */
    public static Decimal of(long unscaledValue, int scale) {
        return parse(BigDecimal.valueOf(unscaledValue, scale).toPlainString(), false);
    }

    /** Makes a decimal from a BigDecimal, rendered as plain text. */
    public static Decimal of(BigDecimal value) {
        return parse(value.toPlainString(), false);
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
        String t = text;
        if (t == null) {
            char[] c = new char[MAX_CANONICAL_LENGTH];
            t = new String(c, 0, render(c, 0));
            text = t;
        }
        return t;
    }

    /**
     * Writes the text exactly as it was parsed into {@code dst} from {@code offset}, without creating a string when
     * the text was not kept.
     *
     * @return the number of characters written, or -1 (nothing written) when they do not fit
     */
    public int getChars(char[] dst, int offset) {
        String t = text;
        if (t == null) {
            return dst.length - offset >= MAX_CANONICAL_LENGTH ? render(dst, offset) : -1;
        }
        int n = t.length();
        if (n > dst.length - offset) {
            return -1;
        }
        t.getChars(0, n, dst, offset);
        return n;
    }

    /** Rebuilds a canonical text: sign, integer digits (at least one), point and {@code textScale} digits. */
    private int render(char[] dst, int offset) {
        long v = Math.abs(unscaled);
        if (textScale > 0) {
            v *= POW10[textScale - scale];
        }
        int digits = 1;
        while (digits < 19 && v >= POW10[digits]) {
            digits++;
        }
        int width = Math.max(digits, textScale + 1);
        int len = (minus ? 1 : 0) + width + (textScale > 0 ? 1 : 0);
        int p = offset + len;
        for (int k = 0; k < width; k++) {
            if (k == textScale) {
                dst[--p] = '.';
            }
            dst[--p] = (char) ('0' + v % 10);
            v /= 10;
        }
        if (minus) {
            dst[--p] = '-';
        }
        return len;
    }
}
