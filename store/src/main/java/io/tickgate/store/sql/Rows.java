package io.tickgate.store.sql;

import io.tickgate.model.decimal.Decimal;
import io.tickgate.model.event.BookSnapshot;
import io.tickgate.model.event.Kline;
import io.tickgate.model.event.Side;
import io.tickgate.model.event.Trade;
import io.tickgate.model.topic.Channel;
import io.tickgate.model.topic.Interval;
import io.tickgate.model.topic.Topic;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Column encodings shared by the backends: a side is one letter, decimals are the venue's text (so a read returns
 * exactly what was published), a trade's source, symbol and kind come from its topic.
 */
public final class Rows {

    /** The trade columns in the order the backends select them. */
    public static final String TRADE_COLUMNS = "ts, trade_id, price, quantity, side";
    /** The candle columns in the order the backends select them. */
    public static final String KLINE_COLUMNS = "open_time, o, h, l, c, volume, trades, event_ts";

    /**
     * How a stored candle is replaced by a later closed version of it (a candle corrected by backfilled trades is
     * published closed again; the last one counts, docs/protocol.md).
     */
    public static final String KLINE_UPSERT = "ON CONFLICT (topic_id, open_time) DO UPDATE SET o = excluded.o,"
            + " h = excluded.h, l = excluded.l, c = excluded.c, volume = excluded.volume, trades = excluded.trades,"
            + " event_ts = excluded.event_ts";

    /** The book snapshot columns in the order the backends select them. */
    public static final String BOOK_COLUMNS = "ts, sequence, bids, asks";

    private Rows() {
    }

    /**
     * The last version of each candle in {@code klines}, in the order of those last versions: one statement may not
     * update a row twice (PostgreSQL), and the last one counts.
     */
    public static List<Kline> lastOfEachCandle(List<Kline> klines) {
        Map<String, Kline> last = new LinkedHashMap<>();
        for (Kline k : klines) {
            String key = k.topic() + "@" + k.openTime();
            last.remove(key);
            last.put(key, k);
        }
        return last.size() == klines.size() ? klines : new ArrayList<>(last.values());
    }

    /** The side's column value: {@code b}, {@code s} or {@code u}. */
    public static String side(Side side) {
        return switch (side) {
            case BUY -> "b";
            case SELL -> "s";
            case UNKNOWN -> "u";
        };
    }

    static Side side(String code) {
        return switch (code) {
            case "b" -> Side.BUY;
            case "s" -> Side.SELL;
            default -> Side.UNKNOWN;
        };
    }

    /** The interval of a kline topic. @throws IllegalArgumentException for any other channel */
    public static Interval interval(Channel channel) {
        if (!channel.isKline()) {
            throw new IllegalArgumentException("not a kline channel: " + channel.wireName());
        }
        return Interval.fromLabel(channel.wireName().substring("kline.".length()));
    }

    static Trade trade(Topic topic, ResultSet rs) throws SQLException {
        return new Trade(topic.source(), topic.symbol(), rs.getString(2), Decimal.parse(rs.getString(3)),
                Decimal.parse(rs.getString(4)), side(rs.getString(5)), rs.getLong(1),
                topic.channel() == Channel.AGG_TRADE);
    }

    static BookSnapshot book(Topic topic, ResultSet rs) throws SQLException {
        return new BookSnapshot(topic.source(), topic.symbol(), BookLevels.decode(rs.getString(3)),
                BookLevels.decode(rs.getString(4)), rs.getLong(2), rs.getLong(1));
    }

    static Kline kline(Topic topic, Interval interval, ResultSet rs) throws SQLException {
        return new Kline(topic.source(), topic.symbol(), interval, rs.getLong(1), Decimal.parse(rs.getString(2)),
                Decimal.parse(rs.getString(3)), Decimal.parse(rs.getString(4)), Decimal.parse(rs.getString(5)),
                Decimal.parse(rs.getString(6)), rs.getLong(7), true, rs.getLong(8));
    }
}
