package io.tickgate.gateway.protocol;

/**
 * The optional {@code id} of a client request, echoed in the answers. A JSON string is echoed as a string, an
 * integer as a number.
 */
public record RequestId(String text, boolean numeric) {

    public static RequestId ofString(String text) {
        return new RequestId(text, false);
    }

    public static RequestId ofNumber(long value) {
        return new RequestId(Long.toString(value), true);
    }

    @Override
    public String toString() {
        return text;
    }
}
