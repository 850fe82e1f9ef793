package dev.switchboard.history.ingest;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import dev.switchboard.history.HistoryApi;
import dev.switchboard.history.HistoryIntegrationTest;
import dev.switchboard.history.Traffic;
import dev.switchboard.model.event.MessageSent;
import dev.switchboard.model.id.UserId;
import dev.switchboard.test.HttpAnswer;
import dev.switchboard.test.TestAuth;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two consumers store messages for the same recipient at the same time, from different
 * partitions, and the first one is slow to commit. A sync cursor must not pass the slow
 * message: the per-user sequence makes the second transaction wait, so entries become
 * visible in sequence order.
 */
@HistoryIntegrationTest
class FeedOrderIntegrationTests {

    @Autowired
    MessageStore store;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    HistoryApi api;

    @Test
    void aCursorNeverSkipsAMessageThatCommitsLate() throws Exception {
        UserId alice = TestAuth.newUser();
        UserId carol = TestAuth.newUser();
        UserId bob = TestAuth.newUser();
        String token = TestAuth.tokenFor(bob);
        String cursor = this.api.sync(token, null, null).expectStatus(200).text("cursor");
        MessageSent slow = Traffic.message(alice, bob, "stored first, committed late");
        MessageSent fast = Traffic.message(carol, bob, "stored second");
        CountDownLatch slowStored = new CountDownLatch(1);
        CountDownLatch commitSlow = new CountDownLatch(1);

        CompletableFuture<Void> slowConsumer = CompletableFuture
            .runAsync(() -> this.transactions.executeWithoutResult((tx) -> {
                this.store.store(List.of(slow));
                slowStored.countDown();
                awaitRelease(commitSlow);
            }));
        assertThat(slowStored.await(10, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<Integer> fastConsumer = CompletableFuture.supplyAsync(() -> this.store.store(List.of(fast)));
        await().atMost(Duration.ofSeconds(10)).until(this::someoneWaitsForALock);

        HttpAnswer during = this.api.sync(token, cursor, null).expectStatus(200);
        assertThat(during.body().get("messages")).as("nothing is visible before the slow one commits").isEmpty();
        assertThat(during.text("cursor")).isEqualTo(cursor);

        commitSlow.countDown();
        slowConsumer.get(10, TimeUnit.SECONDS);
        assertThat(fastConsumer.get(10, TimeUnit.SECONDS)).isEqualTo(1);

        HttpAnswer after = this.api.sync(token, cursor, null).expectStatus(200);
        List<String> bodies = new ArrayList<>();
        after.body().get("messages").forEach((m) -> bodies.add(m.get("body").asString()));
        assertThat(bodies).containsExactly(slow.body(), fast.body());
    }

    private boolean someoneWaitsForALock() {
        return this.jdbc.sql(
                "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE '%user_sequence%'")
            .query(Long.class)
            .single() > 0;
    }

    private static void awaitRelease(CountDownLatch latch) {
        try {
            if (!latch.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("never released");
            }
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

}
