package io.tickgate.simulator.venue.binance;

import io.tickgate.simulator.instrument.Instrument;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The stream names the simulated Binance server knows, and the symbols behind them. */
final class BinanceStreams {

    private static final Pattern STREAM = Pattern.compile(
            "([a-z0-9]+)@(trade|aggTrade|kline_1s|kline_1m|bookTicker|ticker|depth(?:5|10|20)?(?:@100ms|@1000ms)?)");

    private final Map<String, String> symbolByLowercase = new HashMap<>();

    BinanceStreams(List<Instrument> instruments) {
        for (Instrument i : instruments) {
            symbolByLowercase.put(i.symbol().toLowerCase(Locale.ROOT), i.symbol());
        }
    }

    /** The venue symbol ({@code BTCUSDT}) for a lowercase one, or null. */
    String symbol(String lowercase) {
        return symbolByLowercase.get(lowercase);
    }

    /** Null if the stream name is valid, otherwise why not. */
    String validate(String stream) {
        Matcher m = STREAM.matcher(stream);
        if (!m.matches()) {
            return "Invalid request: unknown stream `" + stream + "`";
        }
        if (!symbolByLowercase.containsKey(m.group(1))) {
            return "Invalid request: unknown symbol in stream `" + stream + "`";
        }
        return null;
    }
}
