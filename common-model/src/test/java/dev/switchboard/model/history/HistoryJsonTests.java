package dev.switchboard.model.history;

import java.time.Instant;
import java.util.List;

import dev.switchboard.model.Events;
import dev.switchboard.model.event.MessageSent;
import dev.switchboard.model.json.SwitchboardJson;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

class HistoryJsonTests {

    private final JsonMapper json = SwitchboardJson.newMapper();

    @Test
    void roundTripsASyncPage() {
        MessageSent sent = Events.messageSent();
        MessageView view = new MessageView(sent.messageId(), sent.clientMessageId(), sent.conversationId(),
                sent.senderId(), sent.recipientId(), sent.body(), sent.sentAt(), 1, null, null);
        ReceiptView receipt = new ReceiptView(ReceiptView.Status.DELIVERED, sent.conversationId(),
                List.of(sent.messageId()), null, sent.recipientId(), Instant.parse("2026-11-21T10:00:00Z"));
        SyncPage page = new SyncPage(List.of(view), List.of(receipt), "Zi4x", false);

        String text = this.json.writeValueAsString(page);

        assertThat(this.json.readValue(text, SyncPage.class)).isEqualTo(page);
        assertThat(text).contains("\"status\":\"delivered\"")
            .doesNotContain("deliveredAt")
            .doesNotContain("upToMessageId");
    }

}
