package dev.switchboard.history.web;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import dev.switchboard.history.HistoryApi;
import dev.switchboard.history.HistoryIntegrationTest;
import dev.switchboard.test.HttpAnswer;
import dev.switchboard.test.TestAuth;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Per-user limits on sync and on reading conversations (60 a minute each in the test
 * profile): one user cannot take history's capacity, and nobody else notices it trying.
 */
@HistoryIntegrationTest
class RateLimitIntegrationTests {

    @Autowired
    HistoryApi api;

    @Test
    void limitsSyncCallsPerUserWithRetryAfter() {
        String token = TestAuth.tokenFor(TestAuth.newUser());
        for (int i = 0; i < 60; i++) {
            this.api.sync(token, null, null).expectStatus(200);
        }

        HttpAnswer refused = this.api.sync(token, null, null).expectStatus(429);

        assertThat(refused.text("code")).isEqualTo("rate-limited");
        assertThat(Long.parseLong(refused.headers().getFirst("Retry-After"))).isBetween(1L, 60L);
        this.api.conversations(token, null, null).expectStatus(200);
        this.api.sync(TestAuth.tokenFor(TestAuth.newUser()), null, null).expectStatus(200);
    }

    @Test
    void limitsConversationReadsPerUser() {
        String token = TestAuth.tokenFor(TestAuth.newUser());
        for (int i = 0; i < 30; i++) {
            this.api.conversations(token, null, null).expectStatus(200);
            this.api.messages(token, "dm-1-2", null, null).expectStatus(404);
        }

        this.api.conversations(token, null, null).expectStatus(429);
    }

    @Test
    void answersManySyncsAtOnceFromOneSharedFence() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<Callable<Integer>> syncs = new ArrayList<>();
            for (int i = 0; i < 48; i++) {
                String token = TestAuth.tokenFor(TestAuth.newUser());
                syncs.add(() -> this.api.sync(token, null, null).status());
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> answer : pool.invokeAll(syncs)) {
                statuses.add(answer.get());
            }

            assertThat(statuses).containsOnly(200);
        }
        finally {
            pool.shutdownNow();
        }
    }

}
