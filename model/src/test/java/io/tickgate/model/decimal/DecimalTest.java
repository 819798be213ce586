package io.tickgate.model.decimal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DecimalTest {

    @Test
    void keepsTheTextExactly() {
        assertThat(Decimal.parse("0.35130000").toString()).isEqualTo("0.35130000");
        assertThat(Decimal.parse("-12.50").toString()).isEqualTo("-12.50");
    }

    @Test
    void comparesNumerically() {
        assertThat(Decimal.parse("1.50")).isEqualTo(Decimal.parse("1.5"));
        assertThat(Decimal.parse("1.50").hashCode()).isEqualTo(Decimal.parse("1.5").hashCode());
        assertThat(Decimal.parse("0.3513").compareTo(Decimal.parse("0.35130000"))).isZero();
        assertThat(Decimal.parse("10").compareTo(Decimal.parse("9.99999999"))).isPositive();
        assertThat(Decimal.parse("-1").compareTo(Decimal.parse("0"))).isNegative();
        assertThat(Decimal.parse("0.00000000").isZero()).isTrue();
        assertThat(Decimal.parse("0.00000000")).isEqualTo(Decimal.ZERO);
    }

    @Test
    void handlesNumbersBeyondLong() {
        Decimal big = Decimal.parse("123456789012345678901234.5");
        assertThat(big.compareTo(Decimal.parse("123456789012345678901234.4"))).isPositive();
        assertThat(big).isEqualTo(Decimal.parse("123456789012345678901234.50"));
        assertThat(big.toBigDecimal()).isEqualByComparingTo("123456789012345678901234.5");
    }

    @Test
    void agreesWithBigDecimalOnRandomValues() {
        Random r = new Random(42);
        for (int i = 0; i < 20_000; i++) {
            BigDecimal a = BigDecimal.valueOf(r.nextLong() % 10_000_000_000L, r.nextInt(12));
            BigDecimal b = BigDecimal.valueOf(r.nextLong() % 10_000_000_000L, r.nextInt(12));
            Decimal da = Decimal.parse(a.toPlainString());
            Decimal db = Decimal.parse(b.toPlainString());
            assertThat(Integer.signum(da.compareTo(db))).isEqualTo(Integer.signum(a.compareTo(b)));
            assertThat(da.equals(db)).isEqualTo(a.compareTo(b) == 0);
        }
    }

    @Test
    void rejectsGarbage() {
        assertThatThrownBy(() -> Decimal.parse("")).isInstanceOf(NumberFormatException.class);
        assertThatThrownBy(() -> Decimal.parse("abc")).isInstanceOf(NumberFormatException.class);
        assertThatThrownBy(() -> Decimal.parse("1.")).isInstanceOf(NumberFormatException.class);
        assertThatThrownBy(() -> Decimal.parse("-")).isInstanceOf(NumberFormatException.class);
        assertThatThrownBy(() -> Decimal.parse("1.2.3")).isInstanceOf(NumberFormatException.class);
    }
    @Test
    void parsesFromACharBufferLikeFromAString() {
        String[] texts = {"0.35130000", "-12.50", "+7", "0", "-0.000", ".5", "-.5", "6195.00000000", "1e5", "-1.5E-3",
            "123456789012345678", "1234567890123456789", "0.000000000000000000012", "123456789012345678901234.5",
            "99999999999999999.99"};
        for (String text : texts) {
            char[] buf = ("[\"" + text + "\",").toCharArray();
            Decimal fromChars = Decimal.parse(buf, 2, text.length());
            Decimal fromString = Decimal.parse(text);
            assertThat(fromChars.toString()).isEqualTo(text);
            assertThat(fromChars).isEqualTo(fromString);
            assertThat(fromChars.hashCode()).isEqualTo(fromString.hashCode());
            assertThat(fromChars.toBigDecimal()).isEqualByComparingTo(fromString.toBigDecimal());
        }
        assertThat(Decimal.parse("6195.00000000".toCharArray(), 0, 13)).isEqualTo(Decimal.parse("6195"))
                .hasSameHashCodeAs(Decimal.parse("6195.0"));
        assertThat(Decimal.parse("0.35130000").toBigDecimal()).isEqualTo(new BigDecimal("0.3513"));
        assertThat(Decimal.parse("100.10").toBigDecimal()).isEqualTo(new BigDecimal("100.1"));
        assertThat(Decimal.parse("1.00000000000000000").toBigDecimal()).isEqualTo(BigDecimal.ONE);
        Random r = new Random(7);
        for (int i = 0; i < 20_000; i++) {
            String text = BigDecimal.valueOf(r.nextLong() % 100_000_000_000L, r.nextInt(14)).toPlainString();
            Decimal fromChars = Decimal.parse(text.toCharArray(), 0, text.length());
            assertThat(fromChars.toString()).isEqualTo(text);
            assertThat(fromChars).isEqualTo(Decimal.parse(text));
            assertThat(fromChars.compareTo(Decimal.parse(text))).isZero();
        }
        for (String bad : new String[] {"", "abc", "1.", "-", "+", "1.2.3", "1..2", "12345678901234567890.", "0x10"}) {
            assertThatThrownBy(() -> Decimal.parse(("x" + bad + "y").toCharArray(), 1, bad.length()))
                    .as(bad).isInstanceOf(NumberFormatException.class);
            assertThatThrownBy(() -> Decimal.parse(bad)).as(bad).isInstanceOf(NumberFormatException.class);
        }
    }
}
