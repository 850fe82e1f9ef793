package dev.switchboard.gateway.session;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.switchboard.model.frame.ErrorCode;
import org.junit.jupiter.api.Test;

import org.springframework.messaging.simp.stomp.StompCommand;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StompCodecTests {

    private final StompCodec codec = new StompCodec();

    @Test
    void readsAConnectFrameAsStompJsSendsIt() {
        StompCodec.Frame frame = this.codec
            .decode("CONNECT\naccept-version:1.2,1.1,1.0\nheart-beat:10000,10000\nhost:localhost\n\n\u0000");

        assertThat(frame.command()).isEqualTo(StompCommand.CONNECT);
        assertThat(frame.header("accept-version")).isEqualTo("1.2,1.1,1.0");
        assertThat(frame.header("heart-beat")).isEqualTo("10000,10000");
        assertThat(frame.body()).isEmpty();
    }

    @Test
    void readsASendWithItsBodyAndHeaders() {
        String body = "{\"clientMessageId\":\"c-1\",\"to\":7,\"body\":\"héllo\\nthere\"}";
        StompCodec.Frame frame = this.codec.decode(
                "SEND\ndestination:/app/messages\nreceipt:r-1\ncontent-type:application/json\n\n" + body + "\u0000\n");

        assertThat(frame.command()).isEqualTo(StompCommand.SEND);
        assertThat(frame.header("destination")).isEqualTo("/app/messages");
        assertThat(frame.header("receipt")).isEqualTo("r-1");
        assertThat(frame.body()).isEqualTo(body);
    }

    @Test
    void keepsTheFirstOfRepeatedHeadersAndUnescapesValues() {
        StompCodec.Frame frame = this.codec
            .decode("SEND\ndestination:/app/messages\ndestination:/app/other\nx-note:a\\cb\\nc\n\n\u0000");

        assertThat(frame.header("destination")).isEqualTo("/app/messages");
        assertThat(frame.header("x-note")).isEqualTo("a:b\nc");
    }

    @Test
    void readsAHeartBeatAsNoFrame() {
        assertThat(this.codec.decode(StompCodec.HEART_BEAT)).isNull();
        assertThat(this.codec.decode("\r\n")).isNull();
    }

    @Test
    void refusesWhatIsNotExactlyOneFrame() {
        assertThatThrownBy(() -> this.codec.decode("SEND\ndestination:/app/messages\n\nno terminator"))
            .isInstanceOfSatisfying(FrameException.class,
                    (ex) -> assertThat(ex.code()).isEqualTo(ErrorCode.INVALID_FRAME));
        assertThatThrownBy(() -> this.codec
            .decode("SUBSCRIBE\nid:1\ndestination:/a\n\n\u0000SUBSCRIBE\nid:2\n" + "destination:/b\n\n\u0000"))
            .isInstanceOfSatisfying(FrameException.class,
                    (ex) -> assertThat(ex.getMessage()).contains("One STOMP frame"));
        assertThatThrownBy(() -> this.codec.decode("EXPLODE\n\n\u0000")).isInstanceOf(FrameException.class);
        assertThatThrownBy(() -> this.codec.decode("{\"type\":\"send\"}")).isInstanceOf(FrameException.class);
    }

    @Test
    void writesAMessageWithEscapedHeadersAndItsContentLength() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("subscription", "sub-0");
        headers.put("message-id", "m:1\nx");
        headers.put("destination", "/user/queue/messages");
        String body = "{\"body\":\"héllo\"}";

        String text = this.codec.encode(StompCommand.MESSAGE, headers, body);

        assertThat(text).startsWith("MESSAGE\n").endsWith(body + "\u0000");
        assertThat(text).contains("subscription:sub-0\n", "message-id:m\\c1\\nx\n",
                "destination:/user/queue/messages\n", "content-length:17\n");
        StompCodec.Frame back = this.codec.decode(text);
        assertThat(back.header("message-id")).isEqualTo("m:1\nx");
        assertThat(back.body()).isEqualTo(body);
    }

    @Test
    void writesAConnectedFrameWithoutABody() {
        String text = this.codec.encode(StompCommand.CONNECTED, Map.of("version", "1.2"), "");

        assertThat(text).isEqualTo("CONNECTED\nversion:1.2\n\n\u0000");
    }

}
