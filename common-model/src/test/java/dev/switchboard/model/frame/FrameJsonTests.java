package dev.switchboard.model.frame;

import java.util.List;
import java.util.stream.Stream;

import dev.switchboard.model.Events;
import dev.switchboard.model.event.MessageSent;
import dev.switchboard.model.json.SwitchboardJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class FrameJsonTests {

    private final JsonMapper json = SwitchboardJson.newMapper();

    static Stream<ClientFrame> clientFrames() {
        MessageSent sent = Events.messageSent();
        return Stream.of(new ClientFrame.Send("c-1", Events.BOB, "hi"),
                new ClientFrame.Ack(sent.conversationId(), List.of(sent.messageId())),
                new ClientFrame.Read(sent.conversationId(), sent.messageId()), new ClientFrame.Typing(Events.BOB));
    }

    static Stream<ServerFrame> serverFrames() {
        MessageSent sent = Events.messageSent();
        return Stream.of(new ServerFrame.Ready("s-1", Events.ALICE, "gw-1"), ServerFrame.Accepted.of(sent),
                ServerFrame.Message.of(sent), ServerFrame.Receipt.of(Events.delivered()),
                ServerFrame.Receipt.of(Events.read()), ServerFrame.Typing.of(Events.typing()),
                new ServerFrame.Error(ErrorCode.SEND_FAILED, "try again", "c-1"));
    }

    @ParameterizedTest
    @MethodSource("clientFrames")
    void roundTripsClientFrames(ClientFrame frame) {
        String text = this.json.writeValueAsString(frame);

        assertThat(this.json.readValue(text, ClientFrame.class)).isEqualTo(frame);
        assertThat(this.json.readTree(text).get("type").asString()).isEqualTo(frame.typeName());
    }

    @ParameterizedTest
    @MethodSource("serverFrames")
    void roundTripsServerFrames(ServerFrame frame) {
        String text = this.json.writeValueAsString(frame);

        assertThat(this.json.readValue(text, ServerFrame.class)).isEqualTo(frame);
        assertThat(this.json.readTree(text).get("type").asString()).isEqualTo(frame.typeName());
    }

    @Test
    void readsTheSeedsFrameWithItsStringRecipient() {
        SeedFrames.Send seed = this.json.readValue(
                "{\"topic\":\"SEND_MESSAGE\",\"message\":{\"accessToken\":\"t\",\"sendTo\":\"22\",\"msg\":\"hi\"}}",
                SeedFrames.Send.class);

        assertThat(seed.message().sendTo()).isEqualTo(Events.BOB);
        assertThat(seed.message().msg()).isEqualTo("hi");
        assertThat(seed.message().toString()).doesNotContain("accessToken=t");
    }

    @Test
    void writesTheSeedsDeliveryFields() {
        JsonNode node = this.json.readTree(this.json.writeValueAsString(SeedFrames.Delivery.of(Events.messageSent())));

        assertThat(node.get("topic").asString()).isEqualTo("SEND_MESSAGE");
        assertThat(node.get("msg").asString()).isEqualTo("hello");
        assertThat(node.get("senderId").asLong()).isEqualTo(Events.ALICE.value());
    }

    @Test
    void writesErrorCodesInSnakeCase() {
        assertThat(this.json.writeValueAsString(new ServerFrame.Error(ErrorCode.BODY_TOO_LARGE, "x", null)))
            .contains("\"code\":\"body_too_large\"")
            .doesNotContain("clientMessageId");
    }

    @Test
    void refusesASendWhoseTextCannotBeStored() {
        assertThatExceptionOfType(DatabindException.class).isThrownBy(() -> this.json.readValue(
                "{\"type\":\"send\",\"clientMessageId\":\"c-1\",\"to\":22," + "\"body\":\"a\\u0000b\"}",
                ClientFrame.class))
            .withMessageContaining("body holds a NUL character");
        assertThatExceptionOfType(DatabindException.class).isThrownBy(() -> this.json.readValue(
                "{\"type\":\"send\",\"clientMessageId\":\"c-\\udbff\",\"to\":22,\"body\":\"ab\"}", ClientFrame.class))
            .withMessageContaining("clientMessageId holds an unpaired surrogate");
    }

    @Test
    void refusesFramesThatMissAField() {
        assertThatExceptionOfType(DatabindException.class)
            .isThrownBy(() -> this.json.readValue("{\"type\":\"send\",\"to\":22,\"body\":\"hi\"}", ClientFrame.class))
            .withMessageContaining("clientMessageId is required");
        assertThatExceptionOfType(DatabindException.class).isThrownBy(() -> this.json
            .readValue("{\"type\":\"ack\",\"conversationId\":\"dm-11-22\",\"messageIds\":[]}", ClientFrame.class));
    }

}
