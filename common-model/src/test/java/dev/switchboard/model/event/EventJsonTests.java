package dev.switchboard.model.event;

import java.util.stream.Stream;

import dev.switchboard.model.Events;
import dev.switchboard.model.id.UserId;
import dev.switchboard.model.json.SwitchboardJson;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class EventJsonTests {

    private final JsonMapper json = SwitchboardJson.newMapper();

    static Stream<SwitchboardEvent> events() {
        return Stream.of(Events.messageSent(), Events.messageSent().withheldFromRecipient(), Events.delivered(),
                Events.read(), Events.typing(), Events.revoked(),
                new BlocksChanged(new UserId(7), java.time.Instant.parse("2026-11-21T10:15:30.123Z")));
    }

    @ParameterizedTest
    @MethodSource("events")
    void roundTripsEveryEventThroughItsCommonType(SwitchboardEvent event) {
        String text = this.json.writeValueAsString(event);

        assertThat(this.json.readValue(text, SwitchboardEvent.class)).isEqualTo(event);
    }

    @ParameterizedTest
    @MethodSource("events")
    void roundTripsEveryEventInsideADelivery(SwitchboardEvent event) {
        if (event instanceof TokenRevoked) {
            return;
        }
        Delivery delivery = new Delivery(Events.BOB, event);

        assertThat(this.json.readValue(this.json.writeValueAsString(delivery), Delivery.class)).isEqualTo(delivery);
    }

    @Test
    void writesMessageSentInTheDocumentedShape() {
        JsonNode node = this.json.readTree(this.json.writeValueAsString(Events.messageSent()));

        assertThat(node.get("type").asString()).isEqualTo("message.sent");
        assertThat(node.get("senderId").isNumber()).isTrue();
        assertThat(node.get("conversationId").asString()).isEqualTo("dm-11-22");
        assertThat(node.get("sentAt").asString()).isEqualTo("2026-11-21T10:15:30.123Z");
        assertThat(node.get("messageId").asString()).hasSize(36);
    }

    @Test
    void writesWithheldOnlyWhenTrueAndReadsItsAbsenceAsFalse() {
        String plain = this.json.writeValueAsString(Events.messageSent());
        JsonNode withheld = this.json
            .readTree(this.json.writeValueAsString(Events.messageSent().withheldFromRecipient()));

        assertThat(this.json.readTree(plain).has("withheld")).as("records as they were before blocks").isFalse();
        assertThat(((MessageSent) this.json.readValue(plain, SwitchboardEvent.class)).withheld()).isFalse();
        assertThat(withheld.get("withheld").asBoolean()).isTrue();
    }

    @Test
    void ignoresPropertiesItDoesNotKnow() {
        String text = this.json.writeValueAsString(Events.typing()).replace("{", "{\"addedLater\":true,");

        assertThat(this.json.readValue(text, SwitchboardEvent.class)).isEqualTo(Events.typing());
    }

    @Test
    void rejectsAMessageWithoutABody() {
        String text = this.json.writeValueAsString(Events.messageSent()).replace("\"body\":\"hello\",", "");

        assertThatExceptionOfType(DatabindException.class)
            .isThrownBy(() -> this.json.readValue(text, SwitchboardEvent.class))
            .withMessageContaining("body is required");
    }

    @ParameterizedTest
    @ValueSource(strings = { "\"body\":\"hel\\u0000lo\"", "\"body\":\"hel\\ud800lo\"", "\"body\":\"hello\\udc00\"",
            "\"clientMessageId\":\"c-\\u00001\"" })
    void rejectsAMessageWithTextThatCannotBeStored(String field) {
        String name = field.substring(1, field.indexOf('"', 1));
        String text = this.json.writeValueAsString(Events.messageSent())
            .replaceFirst("\"" + name + "\":\"[^\"]*\"", java.util.regex.Matcher.quoteReplacement(field));

        assertThatExceptionOfType(DatabindException.class)
            .isThrownBy(() -> this.json.readValue(text, SwitchboardEvent.class))
            .withMessageContaining(name + " holds");
    }

    @Test
    void acceptsTextWithCharactersOutsideTheBasicPlane() {
        MessageSent message = Events.messageSent(Events.ALICE, Events.BOB, "c-9", "hi \ud83d\ude00 there");

        assertThat(this.json.readValue(this.json.writeValueAsString(message), SwitchboardEvent.class))
            .isEqualTo(message);
    }

    @Test
    void rejectsAMessageWhoseConversationDoesNotMatchItsParticipants() {
        String text = this.json.writeValueAsString(Events.messageSent()).replace("dm-11-22", "dm-11-23");

        assertThatExceptionOfType(DatabindException.class)
            .isThrownBy(() -> this.json.readValue(text, SwitchboardEvent.class))
            .withMessageContaining("does not match");
    }

    @Test
    void countsBodyLengthInUtf8Bytes() {
        assertThat(MessageSent.utf8Length("abc")).isEqualTo(3);
        assertThat(MessageSent.utf8Length("é")).isEqualTo(2);
        assertThat(MessageSent.utf8Length("€")).isEqualTo(3);
        assertThat(MessageSent.utf8Length("😀")).isEqualTo(4);
        assertThat(MessageSent.utf8Length("a😀é€"))
            .isEqualTo("a😀é€".getBytes(java.nio.charset.StandardCharsets.UTF_8).length);
    }

    @Test
    void rejectsABodyOverTheHardLimit() {
        String tooLong = "€".repeat(MessageSent.MAX_BODY_BYTES / 3 + 1);

        org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
            .isThrownBy(() -> Events.messageSent(Events.ALICE, Events.BOB, "c-1", tooLong))
            .withMessageContaining("bytes");
        assertThat(
                Events.messageSent(Events.ALICE, Events.BOB, "c-1", "€".repeat(MessageSent.MAX_BODY_BYTES / 3)).body())
            .hasSize(MessageSent.MAX_BODY_BYTES / 3);
    }

    @Test
    void rejectsAnUnknownEventType() {
        assertThatExceptionOfType(DatabindException.class)
            .isThrownBy(() -> this.json.readValue("{\"type\":\"message.exploded\"}", SwitchboardEvent.class));
    }

}
