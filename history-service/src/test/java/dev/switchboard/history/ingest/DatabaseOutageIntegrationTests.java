package dev.switchboard.history.ingest;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.LongStream;

import dev.switchboard.history.HistoryIntegrationTest;
import dev.switchboard.history.Traffic;
import dev.switchboard.model.event.MessageSent;
import dev.switchboard.model.id.UserId;
import dev.switchboard.test.TestAuth;
import dev.switchboard.test.TestPostgres;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.client.RestTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The database goes away while messages keep coming: the service stays alive, is not
 * ready, stores nothing and commits no offsets; when the database is back it catches up
 * from Kafka by itself, every message exactly once.
 */
@HistoryIntegrationTest
class DatabaseOutageIntegrationTests {

    @Autowired
    Traffic traffic;

    @Autowired
    RestTestClient client;

    @Autowired
    JdbcClient jdbc;

    @Test
    void catchesUpAfterADatabaseOutageWithoutLosingOrDuplicatingARow() {
        UserId alice = TestAuth.newUser();
        UserId bob = TestAuth.newUser();
        List<MessageSent> during = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            during.add(Traffic.message(alice, bob, "during the outage " + i));
        }

        TestPostgres.refuseConnections();
        try {
            await().atMost(Duration.ofSeconds(30)).until(() -> status("/actuator/health/readiness") == 503);
            assertThat(status("/actuator/health/liveness")).isEqualTo(200);
            this.traffic.send(during.toArray(MessageSent[]::new));
            await().during(Duration.ofSeconds(2))
                .atMost(Duration.ofSeconds(5))
                .until(() -> status("/actuator/health/liveness") == 200);
        }
        finally {
            TestPostgres.acceptConnections();
        }

        this.traffic.awaitStored(during.toArray(MessageSent[]::new));
        await().atMost(Duration.ofSeconds(30)).until(() -> status("/actuator/health/readiness") == 200);
        List<UUID> ids = during.stream().map((m) -> m.messageId().value()).toList();
        assertThat(this.traffic.storedCount(ids)).isEqualTo(50);
        assertThat(this.jdbc.sql("SELECT conversation_seq FROM history.message WHERE conversation_id = :c ORDER BY 1")
            .param("c", during.get(0).conversationId().value())
            .query(Long.class)
            .list()).as("each once, in the order accepted")
            .containsExactlyElementsOf(LongStream.rangeClosed(1, 50).boxed().toList());
        assertThat(this.jdbc.sql("SELECT count(*) FROM history.feed_entry WHERE user_id = :u")
            .param("u", bob.value())
            .query(Long.class)
            .single()).isEqualTo(50);
    }

    private int status(String path) {
        return this.client.get().uri(path).exchange().returnResult(String.class).getStatus().value();
    }

}
