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
    void refusesNumbersNoMarketSendsBeforeAnyArithmetic() {
        assertThatThrownBy(() -> Decimal.parse("1e1000000")).isInstanceOf(NumberFormatException.class)
                .hasMessageContaining("out of range");
        assertThatThrownBy(() -> Decimal.parse("1E-61")).isInstanceOf(NumberFormatException.class);
        assertThatThrownBy(() -> Decimal.parse("1".repeat(101))).isInstanceOf(NumberFormatException.class)
                .hasMessageContaining("101 characters");
        char[] huge = ("9".repeat(1_000_000)).toCharArray();
        assertThatThrownBy(() -> Decimal.parse(huge, 0, huge.length)).isInstanceOf(NumberFormatException.class);
        // what is allowed: 60 digits on either side, exponents within that, 100 characters
        assertThat(Decimal.parse("1e59").toBigDecimal()).isEqualByComparingTo(java.math.BigDecimal.TEN.pow(59));
        assertThat(Decimal.parse("0." + "0".repeat(59) + "1").signum()).isEqualTo(1);
        assertThat(Decimal.parse("1".repeat(60)).toBigDecimal().precision()).isEqualTo(60);
        assertThatThrownBy(() -> Decimal.parse("0." + "0".repeat(60) + "1")).as("61 places on the fast path too")
                .isInstanceOf(NumberFormatException.class);
        // what tickgate computes itself is not held to the limits (a candle's volume of odd quantities)
        java.math.BigDecimal sum = java.math.BigDecimal.ONE.add(new java.math.BigDecimal("1e-70"));
        assertThat(Decimal.of(sum).toBigDecimal()).isEqualByComparingTo(sum);
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

    @Test
    void rebuildsCanonicalTextExactlyFromACharBuffer() {
        String[] texts = {"0", "-0", "0.0", "-0.000", "0.35130000", "6195.00000000", "100", "100.10", "-12.50",
            "0.00000001", "123456789012345678", "-12345678901234567.8", "0.00000000000000001", "7", "10.0"};
        char[] out = new char[64];
        for (String text : texts) {
            Decimal d = Decimal.parse(("x" + text).toCharArray(), 1, text.length());
            int n = d.getChars(out, 3);
            assertThat(new String(out, 3, n)).as(text).isEqualTo(text);
            assertThat(d.toString()).isEqualTo(text);
            assertThat(d).isEqualTo(Decimal.parse(text));
        }
        // forms that are not canonical keep their text
        for (String text : new String[] {"+7", "007", "00.5", "-01", ".5", "1e5", "0.0000000000000000001"}) {
            Decimal d = Decimal.parse(text.toCharArray(), 0, text.length());
            assertThat(d.toString()).isEqualTo(text);
            int n = d.getChars(out, 0);
            assertThat(new String(out, 0, n)).isEqualTo(text);
        }
        assertThat(Decimal.parse("0.35130000".toCharArray(), 0, 10).getChars(new char[25], 10))
                .as("too little room: nothing written").isEqualTo(-1);
        Random r = new Random(3);
        for (int i = 0; i < 50_000; i++) {
            int digits = 1 + r.nextInt(18);
            StringBuilder b = new StringBuilder();
            if (r.nextBoolean()) {
                b.append('-');
            }
            int point = r.nextInt(digits + 1); // digits before the point (0: a leading "0.")
            if (point == 0) {
                b.append("0.");
            }
            for (int k = 0; k < digits; k++) {
                if (k == point && point > 0 && k < digits) {
                    b.append('.');
                }
                int c = r.nextInt(10);
                b.append(k == 0 && point > 1 && c == 0 ? 1 : c);
            }
            String text = b.toString();
            if (text.endsWith(".") || text.replaceAll("[^0-9]", "").length() > 18) {
                continue;
            }
            Decimal d = Decimal.parse(text.toCharArray(), 0, text.length());
            assertThat(d.toString()).as(text).isEqualTo(text);
            assertThat(d.toBigDecimal()).as(text).isEqualByComparingTo(new BigDecimal(text));
        }
    }
}
