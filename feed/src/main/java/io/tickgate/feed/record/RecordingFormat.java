package io.tickgate.feed.record;

import java.util.Collection;

/**
 * The text format of a recording (what {@code tickgate record} writes and {@code tickgate replay} reads), UTF-8, one
 * record per line. It is a superset of cryptofeed's capture format, so its captures replay too:
 *
 * <pre>
 * &lt;venue&gt;.frames
 *   # tickgate recording v1 venue=binance ...     a comment (also cryptofeed's "&lt;url&gt; &lt;-&gt; &lt;seconds&gt;" line): skipped
 *   &#64;own 3 BTCUSDT,ETHUSDT                       socket 3 now owns these symbols (a new socket: their books start over)
 *   &#64;candidate 4 BTCUSDT                         socket 4 subscribes them make-before-break (its data is held)
 *   &#64;handoff 3 4 BTCUSDT                         socket 3 delivered its last data for them; 4 takes over (-1: any)
 *   &#64;socket 3                                    the frames below came from socket 3 (until the next &#64;socket)
 *   1700000000.123: {"stream":...}              a text frame as received, with its receive time (unix seconds)
 * &lt;venue&gt;.rest (venues with REST depth snapshots)
 *   rest:binance?symbol=BTCUSDT -&gt; 1700000000.456: {"lastUpdateId":...}    a snapshot as the venue sent it, when it
 *                                                                          returned (cryptofeed: the request URL)
 * </pre>
 *
 * A frame's line breaks (JSON allows them only as whitespace) are written as spaces. A file without {@code @} lines
 * (a cryptofeed capture) is one socket, 1, which owns every symbol from its first frame on.
 */
public final class RecordingFormat {

    /** The extension of a venue's frames file in a recording directory. */
    public static final String FRAMES = ".frames";
    /** The extension of a venue's REST snapshot file in a recording directory. */
    public static final String REST = ".rest";

    private RecordingFormat() {
    }

    /** Epoch milliseconds as unix seconds with three decimals ({@code 1700000000.123}). */
    public static String seconds(long millis) {
        long s = Math.floorDiv(millis, 1000);
        long ms = Math.floorMod(millis, 1000);
        return s + "." + (ms < 100 ? (ms < 10 ? "00" : "0") : "") + ms;
    }

    /** A frame line. */
    static String frame(long millis, String text) {
        String oneLine = text.indexOf('\n') < 0 && text.indexOf('\r') < 0 ? text
                : text.replace('\n', ' ').replace('\r', ' ');
        return seconds(millis) + ": " + oneLine;
    }

    /** A REST snapshot line. */
    static String rest(String venue, String symbol, long millis, String body) {
        return "rest:" + venue + "?symbol=" + symbol + " -> " + seconds(millis) + ": " + body;
    }

    static String symbols(Collection<String> symbols) {
        return String.join(",", symbols);
    }
}
