package io.tickgate.bus.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.protocol.Command;
import io.lettuce.core.protocol.CommandType;
import io.lettuce.core.output.StatusOutput;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Lettuce times out every command of the engine but script calls, which {@link RedisLink} times out itself. */
class ScriptTimeoutsTest {

    @Test
    void scriptCallsAreNeverTimedOutByLettuceEverythingElseIs() {
        TimeoutOptions options = ScriptTimeouts.options(1_500);
        assertThat(options.isTimeoutCommands()).isTrue();
        TimeoutOptions.TimeoutSource source = options.getSource();
        assertThat(source.getTimeUnit()).isEqualTo(TimeUnit.MILLISECONDS);
        assertThat(source.getTimeout(command(CommandType.EVALSHA))).isZero();
        assertThat(source.getTimeout(command(CommandType.EVAL))).isZero();
        assertThat(source.getTimeout(command(CommandType.SADD))).isEqualTo(1_500);
        assertThat(source.getTimeout(command(CommandType.PUBLISH))).isEqualTo(1_500);
        assertThat(source.getTimeout(command(CommandType.PING))).isEqualTo(1_500);
    }

    private static Command<String, String, String> command(CommandType type) {
        return new Command<>(type, new StatusOutput<>(StringCodec.UTF8));
    }
}
