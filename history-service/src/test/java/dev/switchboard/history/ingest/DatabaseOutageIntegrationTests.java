package dev.switchboard.history.ingest;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.LongStream;

import dev.switchboard.history.HistoryIntegrationTest;
import dev.switchboard.history.Traffic;
import dev.switchboard.model.Topics;
import dev.switchboard.model.event.MessageSent;
import dev.switchboard.model.id.UserId;
import dev.switchboard.test.TestAuth;
import dev.switchboard.test.TestPostgres;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
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

    @Autowired
    MeterRegistry meters;

    @Test
    void catchesUpAfterADatabaseOutageWithoutLosingOrDuplicatingARow() throws Exception {
        UserId alice = TestAuth.newUser();
        UserId bob = TestAuth.newUser();
        List<MessageSent> during = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            during.add(Traffic.message(alice, bob, "around the outage " + i));
        }
        double deadLettersBefore = count("switchboard.kafka.dead.letters");
        double retriesBefore = count("switchboard.kafka.retries");

        // Messages keep coming while the database goes away, so that the outage can
        // catch a batch mid-transaction (the failed rollback on a dead connection).
        CountDownLatch halfSent = new CountDownLatch(1);
        CompletableFuture<Void> sending = CompletableFuture.runAsync(() -> {
            for (int i = 0; i < during.size(); i++) {
                this.traffic.send(during.get(i));
                if (i == during.size() / 2) {
                    halfSent.countDown();
                }
                LockSupport.parkNanos(Duration.ofMillis(5).toNanos());
            }
        });
        assertThat(halfSent.await(30, TimeUnit.SECONDS)).isTrue();
        TestPostgres.refuseConnections();
        try {
            await().atMost(Duration.ofSeconds(30)).until(() -> status("/actuator/health/readiness") == 503);
            assertThat(status("/actuator/health/liveness")).isEqualTo(200);
            sending.get(30, TimeUnit.SECONDS);
            await().atMost(Duration.ofSeconds(30))
                .alias("the consumer met the outage and retries")
                .until(() -> count("switchboard.kafka.retries") >= retriesBefore + 3);
            assertThat(status("/actuator/health/liveness")).isEqualTo(200);
        }
        finally {
            TestPostgres.acceptConnections();
        }

        this.traffic.awaitStored(during.toArray(MessageSent[]::new));
        assertThat(count("switchboard.kafka.dead.letters")).as("nothing dead-lettered because the database was away")
            .isEqualTo(deadLettersBefore);
        await().atMost(Duration.ofSeconds(30)).until(() -> status("/actuator/health/readiness") == 200);
        List<UUID> ids = during.stream().map((m) -> m.messageId().value()).toList();
        assertThat(this.traffic.storedCount(ids)).isEqualTo(100);
        assertThat(this.jdbc.sql("SELECT conversation_seq FROM history.message WHERE conversation_id = :c ORDER BY 1")
            .param("c", during.get(0).conversationId().value())
            .query(Long.class)
            .list()).as("each once, in the order accepted")
            .containsExactlyElementsOf(LongStream.rangeClosed(1, 100).boxed().toList());
        assertThat(this.jdbc.sql("SELECT count(*) FROM history.feed_entry WHERE user_id = :u")
            .param("u", bob.value())
            .query(Long.class)
            .single()).isEqualTo(100);
    }

    private double count(String counterName) {
        Counter counter = this.meters.find(counterName).tag("topic", Topics.SEND_MESSAGE).counter();
        return (counter != null) ? counter.count() : 0;
    }

    private int status(String path) {
        return this.client.get().uri(path).exchange().returnResult(String.class).getStatus().value();
    }

}
