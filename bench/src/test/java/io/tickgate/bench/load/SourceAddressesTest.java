package io.tickgate.bench.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;

class SourceAddressesTest {

    @Test
    void parsesRangesListsAndShortRanges() {
        assertThat(SourceAddresses.parse("127.0.0.2-127.0.0.9")).hasSize(8)
                .first().extracting(InetAddress::getHostAddress).isEqualTo("127.0.0.2");
        assertThat(SourceAddresses.parse("127.0.0.2-4, 127.0.1.1")).extracting(InetAddress::getHostAddress)
                .containsExactly("127.0.0.2", "127.0.0.3", "127.0.0.4", "127.0.1.1");
        assertThat(SourceAddresses.parse(" ")).isEmpty();
    }

    @Test
    void rejectsWhatIsNotAnAddressOrRange() {
        for (String bad : new String[] {"localhost", "127.0.0", "127.0.0.256", "127.0.0.9-127.0.0.2", "1.2.3.4-x",
                "127.0.0.-1", "10.0.0.0-10.0.255.255"}) {
            assertThatThrownBy(() -> SourceAddresses.parse(bad)).as(bad)
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }
}
