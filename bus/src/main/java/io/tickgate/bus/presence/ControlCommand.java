package io.tickgate.bus.presence;

import java.util.Objects;

/**
 * A command every node receives through the control channel ({@link Presence#send}). One kind today:
 * {@link #DISCONNECT_USER} (close every connection of {@code user}, with {@code reason}). A node ignores kinds it
 * does not know, so a newer node may send new ones to a mixed cluster.
 *
 * @param kind   what to do
 * @param user   whom it concerns
 * @param reason said to the affected clients (may be empty)
 */
public record ControlCommand(String kind, String user, String reason) {

    /** Close every connection of the user. */
    public static final String DISCONNECT_USER = "disconnect-user";

    public ControlCommand {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(user, "user");
        reason = reason == null ? "" : reason;
    }

    /** Close every connection of {@code user} on every node. */
    public static ControlCommand disconnectUser(String user, String reason) {
        return new ControlCommand(DISCONNECT_USER, user, reason);
    }
}
