package io.tickgate.feed.json;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TextCacheTest {

    @Test
    void returnsTheSameStringForTheSameCharacters() {
        TextCache cache = new TextCache(16);
        char[] a = "xxBTCUSDTyy".toCharArray();
        char[] b = "BTCUSDT".toCharArray();
        String first = cache.get(a, 2, 7);
        assertThat(first).isEqualTo("BTCUSDT");
        assertThat(cache.get(b, 0, 7)).isSameAs(first);
        assertThat(cache.get(b, 0, 3)).isEqualTo("BTC");
        assertThat(cache.get(new char[0], 0, 0)).isEmpty();
    }

    @Test
    void staysCorrectWhenSlotsCollideAndForLongValues() {
        TextCache cache = new TextCache(16);
        for (int i = 0; i < 1_000; i++) {
            String s = "SYM" + i;
            assertThat(cache.get(s.toCharArray(), 0, s.length())).isEqualTo(s);
            String again = "SYM" + (i / 2);
            assertThat(cache.get(again.toCharArray(), 0, again.length())).isEqualTo(again);
        }
        String longText = "x".repeat(TextCache.MAX_LENGTH + 1);
        assertThat(cache.get(longText.toCharArray(), 0, longText.length())).isEqualTo(longText);
    }
}
