package io.tickgate.bus.redis;

import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.protocol.CommandType;
import io.lettuce.core.protocol.ProtocolKeyword;
import io.lettuce.core.protocol.RedisCommand;
import java.util.concurrent.TimeUnit;

/**
 * Lettuce's command timeouts for the engine's connections: every command times out after the configured
 * {@code commandTimeoutMillis} except script calls (EVALSHA, EVAL), which Lettuce never times out; {@link RedisLink}
 * times them out on its own side instead. Lettuce starts a command's timeout when the command is queued, and a
 * command that timed out before its connection's I/O thread wrote it is never written: a publish call held up that
 * long vanished, while a later call, queued later and so still in time, was written and ran, and the first call's
 * resend was then taken by the publish script for one already applied (same publisher, lower batch number). Its
 * trades were lost without a seq skip or a gap notice. Untimed by Lettuce, every script call is written in the order
 * it was made; one that timed out on the caller's side still runs, as a written one always did, and its resend is
 * recognized.
 */
final class ScriptTimeouts extends TimeoutOptions.TimeoutSource {

    private final long timeoutMillis;

    private ScriptTimeouts(long timeoutMillis) {
        this.timeoutMillis = timeoutMillis;
    }

    /** Timeout options: {@code timeoutMillis} for every command but script calls. */
    static TimeoutOptions options(long timeoutMillis) {
        return TimeoutOptions.builder().timeoutCommands().timeoutSource(new ScriptTimeouts(timeoutMillis)).build();
    }

    @Override
    public long getTimeout(RedisCommand<?, ?, ?> command) {
        return isScript(command.getType()) ? 0 : timeoutMillis;
    }

    @Override
    public TimeUnit getTimeUnit() {
        return TimeUnit.MILLISECONDS;
    }

    private static boolean isScript(ProtocolKeyword type) {
        return type == CommandType.EVALSHA || type == CommandType.EVAL;
    }
}
