package dev.switchboard.gateway.session;

import java.time.Instant;
import java.util.List;

import dev.switchboard.model.frame.ClientFrame;
import dev.switchboard.model.frame.ErrorCode;
import dev.switchboard.model.frame.ServerFrame;
import dev.switchboard.model.id.ConversationId;
import dev.switchboard.model.id.MessageId;
import dev.switchboard.model.id.UserId;
import org.junit.jupiter.api.Test;

import org.springframework.messaging.simp.stomp.StompCommand;

import static org.assertj.core.api.Assertions.assertThat;

class StompWireTests {

    private static final UserId ALICE = new UserId(7);

    private static final UserId BOB = new UserId(30);

    private final StompCodec stomp = new StompCodec();

    private final FrameCodec json = new FrameCodec();

    private final StompWire wire = new StompWire(this.stomp, this.json);

    @Test
    void answersConnectWithConnectedForTheHandshakesUserWhateverTheLoginSays() {
        StompWire.Step step = read("CONNECT\naccept-version:1.1,1.2\nlogin:" + BOB + "\npasscode:x\n\n\u0000");

        StompCodec.Frame connected = frameOf(((StompWire.Step.Reply) step).text());
        assertThat(connected.command()).isEqualTo(StompCommand.CONNECTED);
        assertThat(connected.header("version")).isEqualTo("1.2");
        assertThat(connected.header("user-name")).isEqualTo(ALICE.toString());
        assertThat(connected.header("heart-beat")).isEqualTo("25000,25000");
    }

    @Test
    void refusesAnythingBeforeConnectAndOlderVersions() {
        assertError(read("SUBSCRIBE\nid:0\ndestination:" + StompWire.MESSAGES + "\n\n\u0000"), "CONNECT");
        assertError(new StompWire(this.stomp, this.json).read("CONNECT\naccept-version:1.0,1.1\n\n\u0000", ALICE, "s-1",
                25_000), "1.2");
    }

    @Test
    void turnsASendToAppMessagesIntoTheSessionsSendAndItsAcceptanceIntoTheReceipt() {
        connect();
        StompWire.Step step = read("SEND\ndestination:/app/messages\nreceipt:r-9\n\n"
                + "{\"clientMessageId\":\"c-1\",\"to\":30,\"body\":\"hi\",\"from\":99}\u0000");

        ClientFrame frame = ((StompWire.Step.Handle) step).frame();
        assertThat(frame).isEqualTo(new ClientFrame.Send("c-1", BOB, "hi"));
        assertThat(((StompWire.Step.Handle) step).reply()).as("not before Kafka has it").isNull();

        ServerFrame.Accepted accepted = new ServerFrame.Accepted("c-1",
                MessageId.derive(ALICE, ConversationId.direct(ALICE, BOB), "c-1"), ConversationId.direct(ALICE, BOB),
                Instant.EPOCH);
        StompCodec.Frame receipt = frameOf(this.wire.write(accepted, this.json.encode(accepted)));
        assertThat(receipt.command()).isEqualTo(StompCommand.RECEIPT);
        assertThat(receipt.header("receipt-id")).isEqualTo("r-9");
        assertThat(receipt.header("message-id")).isEqualTo(accepted.messageId().toString());
        assertThat(receipt.header("conversation-id")).isEqualTo("dm-7-30");
        assertThat(receipt.header("sent-at")).isEqualTo("1970-01-01T00:00:00Z");
        assertThat(this.wire.write(accepted, this.json.encode(accepted))).as("answered once").isNull();
    }

    @Test
    void answersAFailedSendWithAnErrorThatEndsTheSession() {
        connect();
        read("SEND\ndestination:/app/messages\nreceipt:r-2\n\n{\"clientMessageId\":\"c-2\",\"to\":30,\"body\":\"x\"}"
                + "\u0000");
        ServerFrame.Error failed = new ServerFrame.Error(ErrorCode.SEND_FAILED, "Kafka did not take it.", "c-2");

        StompCodec.Frame error = frameOf(this.wire.write(failed, this.json.encode(failed)));

        assertThat(error.command()).isEqualTo(StompCommand.ERROR);
        assertThat(error.header("receipt-id")).isEqualTo("r-2");
        assertThat(error.header("message")).startsWith("send_failed");
        assertThat(error.body()).contains("\"code\":\"send_failed\"");
        assertThat(this.wire.closesAfter(failed)).isTrue();
    }

    @Test
    void refusesUnknownDestinationsAndBadBodiesWithAnError() {
        connect();
        assertError(read("SUBSCRIBE\nid:0\ndestination:/topic/everyone\n\n\u0000"), "Subscribe");
        assertError(read("SEND\ndestination:/queue/other\n\n{}\u0000"), "Send to");
        assertError(read("SEND\ndestination:/app/messages\n\n{not json\u0000"), "bad_json");
        assertError(read("SEND\ndestination:/app/messages\n\n{\"to\":30,\"body\":\"no id\"}\u0000"), "invalid_frame");
        assertError(read("BEGIN\ntransaction:t\n\n\u0000"), "not supported");
        assertError(read("not stomp at all"), "invalid_frame");
    }

    @Test
    void writesMessagesForTheSubscriptionWithTheAckThatComesBackAsTheSessionsAck() {
        connect();
        assertThat(read("SUBSCRIBE\nid:sub-1\ndestination:" + StompWire.MESSAGES
                + "\nack:client-individual\nreceipt:s\n\n\u0000"))
            .isInstanceOf(StompWire.Step.Reply.class);
        ConversationId conversation = ConversationId.direct(ALICE, BOB);
        MessageId id = MessageId.derive(BOB, conversation, "b-1");
        ServerFrame.Message message = new ServerFrame.Message(id, "b-1", conversation, BOB, ALICE, "hello",
                Instant.EPOCH);

        StompCodec.Frame written = frameOf(this.wire.write(message, this.json.encode(message)));

        assertThat(written.command()).isEqualTo(StompCommand.MESSAGE);
        assertThat(written.header("subscription")).isEqualTo("sub-1");
        assertThat(written.header("destination")).isEqualTo(StompWire.MESSAGES);
        assertThat(written.header("message-id")).isEqualTo(id.toString());
        assertThat(written.body()).isEqualTo(this.json.encode(message));
        StompWire.Step ack = read("ACK\nid:" + written.header("ack") + "\n\n\u0000");
        assertThat(((StompWire.Step.Handle) ack).frame()).isEqualTo(new ClientFrame.Ack(conversation, List.of(id)));
    }

    @Test
    void turnsASendToAppAckIntoOneAckForManyMessagesOfAConversation() {
        connect();
        ConversationId conversation = ConversationId.direct(ALICE, BOB);
        MessageId first = MessageId.derive(BOB, conversation, "b-1");
        MessageId second = MessageId.derive(BOB, conversation, "b-2");

        StompWire.Step step = read("SEND\ndestination:/app/ack\nreceipt:a-1\n\n{\"conversationId\":\"dm-7-30\","
                + "\"messageIds\":[\"" + first + "\",\"" + second + "\"]}\u0000");

        assertThat(((StompWire.Step.Handle) step).frame())
            .isEqualTo(new ClientFrame.Ack(conversation, List.of(first, second)));
        assertThat(frameOf(((StompWire.Step.Handle) step).reply()).header("receipt-id")).isEqualTo("a-1");
        assertError(read("SEND\ndestination:/app/ack\n\n{\"conversationId\":\"dm-7-30\",\"messageIds\":[]}\u0000"),
                "invalid_frame");
    }

    @Test
    void writesNothingForAQueueNobodySubscribed() {
        connect();
        ServerFrame.Typing typing = new ServerFrame.Typing(ConversationId.direct(ALICE, BOB), BOB);

        assertThat(this.wire.write(typing, this.json.encode(typing))).isNull();
        read("SUBSCRIBE\nid:t\ndestination:" + StompWire.TYPING + "\n\n\u0000");
        assertThat(frameOf(this.wire.write(typing, this.json.encode(typing))).header("subscription")).isEqualTo("t");
    }

    @Test
    void endsTheSessionOnDisconnectWithItsReceipt() {
        connect();
        StompWire.Step step = read("DISCONNECT\nreceipt:bye\n\n\u0000");

        assertThat(frameOf(((StompWire.Step.Close) step).text()).header("receipt-id")).isEqualTo("bye");
        assertThat(read(StompCodec.HEART_BEAT)).isEqualTo(StompWire.Step.NOTHING);
    }

    private void connect() {
        assertThat(read("CONNECT\naccept-version:1.2\nhost:localhost\n\n\u0000"))
            .isInstanceOf(StompWire.Step.Reply.class);
    }

    private StompWire.Step read(String text) {
        return this.wire.read(text, ALICE, "s-1", 25_000);
    }

    private StompCodec.Frame frameOf(String text) {
        return this.stomp.decode(text);
    }

    private void assertError(StompWire.Step step, String saying) {
        assertThat(step).isInstanceOf(StompWire.Step.Close.class);
        StompCodec.Frame error = frameOf(((StompWire.Step.Close) step).text());
        assertThat(error.command()).isEqualTo(StompCommand.ERROR);
        assertThat(error.header("message") + " " + error.body()).contains(saying);
    }

}
