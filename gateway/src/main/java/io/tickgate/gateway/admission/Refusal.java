package io.tickgate.gateway.admission;

/** Why a connection was refused at admission: the HTTP status it is answered with and its metric tag. */
public enum Refusal {
    /** Too many open connections from the client's address. */
    IP_LIMIT(429, "ip_limit", "too many connections from your address"),
    /** Connections opened too fast from the client's address. */
    IP_RATE(429, "ip_rate", "connecting too fast from your address"),
    /** The gateway's global connection limit is reached. */
    GLOBAL_LIMIT(503, "global_limit", "server at its connection limit"),
    /** Far past the global limit: closed at once, without an answer (keeps descriptors free). */
    GLOBAL_OVERFLOW(0, "global_overflow", "");

    private final int status;
    private final String reason;
    private final String message;

    Refusal(int status, String reason, String message) {
        this.status = status;
        this.reason = reason;
        this.message = message;
    }

    /** HTTP status of the answer; 0 = closed without one. */
    public int status() {
        return status;
    }

    /** Metric tag ({@code tickgate_gateway_edge_refusals_total{reason=..}}). */
    public String reason() {
        return reason;
    }

    public String message() {
        return message;
    }
}
