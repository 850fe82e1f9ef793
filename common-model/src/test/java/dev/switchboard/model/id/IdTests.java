package dev.switchboard.model.id;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import dev.switchboard.model.json.SwitchboardJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class IdTests {

    private final JsonMapper json = SwitchboardJson.newMapper();

    @Test
    void readsAUserIdFromANumberOrTheSeedsNumericString() {
        assertThat(this.json.readValue("42", UserId.class)).isEqualTo(new UserId(42));
        assertThat(this.json.readValue("\"42\"", UserId.class)).isEqualTo(new UserId(42));
        assertThat(this.json.writeValueAsString(new UserId(42))).isEqualTo("42");
    }

    @ParameterizedTest
    @ValueSource(strings = { "0", "-1", "\"abc\"", "\"\"", "4.5", "\"12345678901234567890\"", "true" })
    void rejectsMalformedUserIds(String text) {
        assertThatExceptionOfType(DatabindException.class).isThrownBy(() -> this.json.readValue(text, UserId.class));
    }

    @Test
    void derivesTheVersion3UuidOfTheSenderTheConversationAndTheClientMessageId() {
        // Ids are stored and compared across releases: the derivation never changes.
        assertThat(MessageId.derive(new UserId(1), ConversationId.parse("dm-1-2"), "hello-1"))
            .isEqualTo(MessageId.parse("87751bca-22b4-3994-97dd-acd3437230a3"));
        for (long sender = 1; sender <= 1000; sender++) {
            String clientMessageId = UUID.randomUUID().toString();
            ConversationId conversation = ConversationId.direct(new UserId(sender), new UserId(sender + 7));
            byte[] name = ("switchboard/message/" + sender + "/" + conversation + "/" + clientMessageId)
                .getBytes(StandardCharsets.UTF_8);

            assertThat(MessageId.derive(new UserId(sender), conversation, clientMessageId).value())
                .isEqualTo(UUID.nameUUIDFromBytes(name));
        }
    }

    @Test
    void derivesTheSameMessageIdForAResend() {
        UserId alice = new UserId(1);
        ConversationId withBob = ConversationId.direct(alice, new UserId(2));

        assertThat(MessageId.derive(alice, withBob, "c-1")).isEqualTo(MessageId.derive(alice, withBob, "c-1"))
            .isNotEqualTo(MessageId.derive(alice, withBob, "c-2"))
            .isNotEqualTo(MessageId.derive(new UserId(2), withBob, "c-1"));
    }

    @Test
    void scopesAClientMessageIdToItsConversation() {
        UserId alice = new UserId(1);

        assertThat(MessageId.derive(alice, ConversationId.direct(alice, new UserId(2)), "c-1"))
            .isNotEqualTo(MessageId.derive(alice, ConversationId.direct(alice, new UserId(3)), "c-1"));
    }

    @Test
    void namesADirectConversationTheSameFromEitherSide() {
        UserId alice = new UserId(7);
        UserId bob = new UserId(30);
        ConversationId conversation = ConversationId.direct(bob, alice);

        assertThat(conversation).isEqualTo(ConversationId.direct(alice, bob));
        assertThat(conversation.toString()).isEqualTo("dm-7-30");
        assertThat(conversation.peerOf(alice)).isEqualTo(bob);
        assertThat(conversation.peerOf(bob)).isEqualTo(alice);
        assertThat(conversation.hasParticipant(new UserId(8))).isFalse();
    }

    @Test
    void letsAUserWriteToThemself() {
        UserId alice = new UserId(7);

        assertThat(ConversationId.direct(alice, alice).peerOf(alice)).isEqualTo(alice);
    }

    @ParameterizedTest
    @ValueSource(strings = { "dm-30-7", "dm-0-7", "dm-7", "group-1", "dm-7-30-1", "" })
    void rejectsMalformedConversationIds(String text) {
        assertThatIllegalArgumentException().isThrownBy(() -> ConversationId.parse(text));
    }

}
