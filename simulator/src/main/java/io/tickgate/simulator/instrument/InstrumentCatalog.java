package io.tickgate.simulator.instrument;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import io.tickgate.model.venue.Venue;
import java.util.List;

/**
 * Derives simulated instruments deterministically from a table of real assets with realistic USD prices. For each
 * venue the instruments are every base against USDT, then against BTC, ETH, EUR and USDC, in table order; the first
 * {@code n} of them are listed, spelled by the venue's {@link SymbolFormat}. Decimals follow the venues' habits: about six significant digits of price (at least
 * two decimals, at most eight) and quantity decimals that make one lot worth cents.
 */
public final class InstrumentCatalog {

    /** Base assets and approximate USD prices (text, exact). */
    private static final String[][] ASSETS = {
        {"BTC", "65000"}, {"ETH", "3400"}, {"BNB", "580"}, {"SOL", "150"}, {"XRP", "0.62"}, {"ADA", "0.45"},
        {"DOGE", "0.15"}, {"TRX", "0.12"}, {"AVAX", "35"}, {"DOT", "7.2"}, {"LINK", "15"}, {"MATIC", "0.7"},
        {"LTC", "85"}, {"BCH", "450"}, {"UNI", "9.5"}, {"ATOM", "8.5"}, {"XLM", "0.11"}, {"ETC", "27"},
        {"FIL", "5.8"}, {"APT", "9"}, {"ARB", "1.1"}, {"OP", "2.4"}, {"NEAR", "6"}, {"ICP", "12"},
        {"HBAR", "0.09"}, {"VET", "0.03"}, {"ALGO", "0.18"}, {"SAND", "0.45"}, {"MANA", "0.42"}, {"AXS", "7.5"},
        {"AAVE", "95"}, {"MKR", "2800"}, {"SNX", "3.1"}, {"CRV", "0.5"}, {"COMP", "55"}, {"YFI", "7500"},
        {"SUSHI", "1.1"}, {"1INCH", "0.42"}, {"GRT", "0.28"}, {"EGLD", "40"}, {"THETA", "2.1"}, {"FTM", "0.7"},
        {"EOS", "0.8"}, {"XTZ", "1"}, {"CHZ", "0.11"}, {"ENJ", "0.3"}, {"ZEC", "25"}, {"DASH", "30"},
        {"NEO", "15"}, {"KSM", "30"}, {"RUNE", "5.5"}, {"INJ", "25"}, {"SUI", "1.1"}, {"SEI", "0.5"},
        {"TIA", "9"}, {"PEPE", "0.0000095"}, {"SHIB", "0.0000245"}, {"WIF", "2.5"}, {"FLOKI", "0.00018"},
        {"BONK", "0.000025"}, {"LDO", "2"}, {"IMX", "2.1"}, {"STX", "2"}, {"RNDR", "7.5"}, {"FET", "1.6"},
        {"GALA", "0.04"}, {"APE", "1.2"}, {"DYDX", "2"}, {"BLUR", "0.3"}, {"WLD", "5"}, {"JUP", "1"},
        {"ORDI", "40"}, {"TON", "6.5"}, {"KAS", "0.15"}, {"HNT", "5"}, {"ROSE", "0.1"}, {"ZIL", "0.02"},
        {"IOTA", "0.22"}, {"QNT", "100"}, {"GMX", "30"},
    };

    /** Quote assets in listing order, with USD prices. */
    private static final String[][] QUOTES = {{"USDT", "1"}, {"BTC", "65000"}, {"ETH", "3400"}, {"EUR", "1.08"},
        {"USDC", "1"}};

    private static final long MIN_START_TICKS = 100;
    private static final BigDecimal TYPICAL_LEVEL_USD = BigDecimal.valueOf(1000);

    private InstrumentCatalog() {
    }

    /** The largest number of instruments one venue can list. */
    public static int maxPerVenue() {
        return all(Venue.of("any"), SymbolFormat.CONCATENATED).size();
    }

    /**
     * The first {@code count} instruments of a venue, spelled the venue's way.
     *
     * @throws IllegalArgumentException if count is not between 1 and {@link #maxPerVenue()}
     */
    public static List<Instrument> forVenue(Venue venue, SymbolFormat format, int count) {
        List<Instrument> all = all(venue, format);
        if (count < 1 || count > all.size()) {
            throw new IllegalArgumentException("symbols per venue must be 1.." + all.size() + ": " + count);
        }
        return List.copyOf(all.subList(0, count));
    }

    private static List<Instrument> all(Venue venue, SymbolFormat format) {
        List<Instrument> out = new ArrayList<>();
        for (String[] quote : QUOTES) {
            BigDecimal quoteUsd = new BigDecimal(quote[1]);
            for (String[] asset : ASSETS) {
                if (asset[0].equals(quote[0])) {
                    continue;
                }
                BigDecimal usd = new BigDecimal(asset[1]);
                BigDecimal price = usd.divide(quoteUsd, MathContext.DECIMAL64).round(new MathContext(8))
                        .stripTrailingZeros();
                int priceScale = priceScale(price);
                long ticks = price.setScale(priceScale, RoundingMode.HALF_UP).unscaledValue().longValueExact();
                if (ticks < MIN_START_TICKS) {
                    continue;
                }
                int quantityScale = quantityScale(usd.stripTrailingZeros());
                long typicalLots = Math.max(1, TYPICAL_LEVEL_USD.movePointRight(quantityScale)
                        .divide(usd, 0, RoundingMode.HALF_UP).longValueExact());
                out.add(new Instrument(venue, format.symbol(asset[0], quote[0]), asset[0], quote[0], priceScale,
                        quantityScale, ticks, typicalLots));
            }
        }
        return out;
    }

    /** About six significant digits: 65000 → 2, 7.2 → 3, 0.62 → 4, 0.0000245 → 8. */
    static int priceScale(BigDecimal price) {
        int intDigits = price.precision() - price.scale();
        if (intDigits > 0) {
            return Math.max(2, Math.min(8, 4 - intDigits));
        }
        return Math.min(8, -intDigits + 4);
    }

    /** One lot worth roughly a cent to a dollar: BTC → 5, ETH → 4, XRP → 0. */
    static int quantityScale(BigDecimal usdPrice) {
        int intDigits = usdPrice.precision() - usdPrice.scale();
        return Math.max(0, Math.min(8, intDigits));
    }
}
