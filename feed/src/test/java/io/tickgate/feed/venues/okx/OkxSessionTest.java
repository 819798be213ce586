package io.tickgate.feed.venues.okx;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.buffer.Unpooled;
import io.tickgate.feed.venue.RecordedSessionIo;
import io.tickgate.feed.venue.SessionProtocol;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** How an OKX socket's session answers a venue that refuses, half-refuses, lies about or ignores its requests. */
@Timeout(10)
class OkxSessionTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The socket, reading its control messages as JSON. */
    private static final class Recorded extends RecordedSessionIo {

        JsonNode request(int i) {
            try {
                return JSON.readTree(control.get(i));
            } catch (Exception e) {
                throw new AssertionError(control.get(i), e);
            }
        }

        JsonNode last() {
            return request(control.size() - 1);
        }

        /** "op channel instId" of each argument of each request sent from {@code from} on. */
        List<String> sentSince(int from) {
            List<String> out = new ArrayList<>();
            for (int i = from; i < control.size(); i++) {
                JsonNode n = request(i);
                for (JsonNode a : n.get("args")) {
                    out.add(n.get("op").asText() + " " + a.get("channel").asText() + " " + a.get("instId").asText());
                }
            }
            return out;
        }
    }

    private final Recorded io = new Recorded();

    private SessionProtocol open(List<String> channels, List<String> symbols) {
        SessionProtocol s = new OkxProtocol("ws://127.0.0.1:1/ws/v5/public", channels, 15_000, 30_000).open(io,
                List.of());
        s.onOpen(symbols);
        return s;
    }

    /** Asks a book resubscription; the session sends it at its next tick. */
    private static void resubscribe(SessionProtocol s, String... symbols) {
        for (String symbol : symbols) {
            s.resubscribeBook(symbol);
        }
        s.onTick(System.currentTimeMillis());
    }

    private static void answer(SessionProtocol s, String json) {
        s.onText(Unpooled.copiedBuffer(json, StandardCharsets.UTF_8));
    }

    /** Acks every argument of a request. */
    private static void ack(SessionProtocol s, JsonNode request) {
        for (JsonNode a : request.get("args")) {
            answer(s, "{\"id\":\"" + request.get("id").asText() + "\",\"event\":\"" + request.get("op").asText()
                    + "\",\"arg\":" + a + ",\"connId\":\"c1\"}");
        }
    }

    private static void error(SessionProtocol s, String id, String code, String msg) {
        answer(s, "{" + (id == null ? "" : "\"id\":\"" + id + "\",") + "\"event\":\"error\",\"code\":\"" + code
                + "\",\"msg\":\"" + msg + "\",\"connId\":\"c1\"}");
    }

    @Test
    void unansweredSubscribesAreSentAgainThenTheSocketIsReplacedNotItsSymbolsDropped() {
        SessionProtocol s = open(List.of("trades"), List.of("BTC-USDT"));
        long now = System.currentTimeMillis();
        for (int round = 1; round <= 10; round++) {
            s.onTick(now + round * 11_000L);
        }
        assertThat(io.control).as("the first and two more tries").hasSize(3);
        assertThat(io.notices).singleElement().asString().contains("no answer to 3 subscribe requests");
        assertThat(io.rejected).isEmpty();
    }

    @Test
    void aSocketThatAnswersIsNotReplaced() {
        SessionProtocol s = open(List.of("trades"), List.of("BTC-USDT"));
        long now = System.currentTimeMillis();
        for (int round = 1; round <= 6; round++) {
            s.subscribe(List.of("S" + round + "-USDT"));
            s.onTick(now + round * 11_000L);
            ack(s, io.last()); // late, but answered
        }
        assertThat(io.notices).isEmpty();
    }

    @Test
    void aTooFrequentUnsubscribeHalfOfABookResubscriptionEndsSubscribed() {
        SessionProtocol s = open(List.of("books", "trades"), List.of("BTC-USDT"));
        ack(s, io.last());
        int from = io.control.size();
        resubscribe(s, "BTC-USDT");
        JsonNode unsubscribe = io.request(from);
        JsonNode subscribe = io.request(from + 1);
        error(s, unsubscribe.get("id").asText(), "60014", "Requests too frequent.");
        ack(s, subscribe); // the subscribe half went through: a fresh snapshot came
        s.onTick(System.currentTimeMillis() + 3_000);
        assertThat(io.sentSince(from + 2)).as("the unsubscribe again, then the subscribe again, not the unsubscribe last")
                .containsExactly("unsubscribe books BTC-USDT", "subscribe books BTC-USDT");
    }

    @Test
    void bothHalvesRefusedAreSentAgainOnceEach() {
        SessionProtocol s = open(List.of("books"), List.of("BTC-USDT"));
        ack(s, io.last());
        int from = io.control.size();
        resubscribe(s, "BTC-USDT");
        error(s, io.request(from).get("id").asText(), "60014", "Requests too frequent.");
        error(s, io.request(from + 1).get("id").asText(), "60014", "Requests too frequent.");
        s.onTick(System.currentTimeMillis() + 3_000);
        assertThat(io.sentSince(from + 2)).containsExactly("unsubscribe books BTC-USDT", "subscribe books BTC-USDT");
    }

    @Test
    void aRefusedBatchIsSplitUntilTheBadArgumentIsAloneAndOnlyItsSymbolIsRejected() {
        List<String> symbols = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            symbols.add("S" + i + "-USDT");
        }
        SessionProtocol s = open(List.of("trades"), symbols);
        // the venue refuses every request that carries S13-USDT, without saying which argument it was
        for (int answered = 0; answered < io.control.size() && answered < 100; answered++) {
            JsonNode r = io.request(answered);
            if (r.get("args").toString().contains("S13-USDT")) {
                error(s, r.get("id").asText(), "60012", "Invalid request");
            } else {
                ack(s, r);
            }
        }
        assertThat(io.rejected).containsExactly("S13-USDT");
        assertThat(io.control.size()).as("about two requests per halving").isLessThan(20);
    }

    @Test
    void anErrorThatNamesNoRequestOfOursRejectsNothing() {
        SessionProtocol s = open(List.of("trades"), List.of("BTC-USDT", "ETH-USDT"));
        error(s, null, "60018", "Wrong URL or channel:trades,instId:ETH-USDT doesn't exist");
        error(s, "999", "60018", "Wrong URL or channel:trades,instId:BTC-USDT doesn't exist");
        assertThat(io.rejected).isEmpty();
        error(s, io.last().get("id").asText(), "60018", "Wrong URL or channel:trades,instId:ETH-USDT doesn't exist");
        assertThat(io.rejected).containsExactly("ETH-USDT");
    }

    @Test
    void booksResubscribedWithinOneTickCostOneRequestEachWay() {
        SessionProtocol s = open(List.of("books", "trades"), List.of("BTC-USDT", "ETH-USDT", "SOL-USDT", "XRP-USDT"));
        ack(s, io.last());
        int from = io.control.size();
        s.unsubscribe(List.of("XRP-USDT"), null);
        ack(s, io.last());
        from = io.control.size();
        resubscribe(s, "BTC-USDT", "ETH-USDT", "BTC-USDT", "SOL-USDT", "XRP-USDT");
        assertThat(io.control.size() - from).as("one unsubscribe and one subscribe request").isEqualTo(2);
        assertThat(io.sentSince(from)).containsExactly("unsubscribe books BTC-USDT", "unsubscribe books ETH-USDT",
                "unsubscribe books SOL-USDT", "subscribe books BTC-USDT", "subscribe books ETH-USDT",
                "subscribe books SOL-USDT");
        s.onTick(System.currentTimeMillis());
        assertThat(io.control.size() - from).as("nothing more at the next tick").isEqualTo(2);
    }

    @Test
    void aTickByTickBookIsResubscribedOnItsOwnChannel() {
        SessionProtocol s = open(List.of("books-l2-tbt", "trades"), List.of("BTC-USDT"));
        ack(s, io.last());
        int from = io.control.size();
        resubscribe(s, "BTC-USDT");
        assertThat(io.sentSince(from)).containsExactly("unsubscribe books-l2-tbt BTC-USDT",
                "subscribe books-l2-tbt BTC-USDT");
    }
}
