package dev.switchboard.system;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import dev.switchboard.model.id.UserId;
import dev.switchboard.test.HttpAnswer;
import tools.jackson.databind.JsonNode;

import static org.awaitility.Awaitility.await;

/**
 * What history-service holds of a conversation, read through the gateway as a client
 * would.
 */
final class History {

    private History() {
    }

    /**
     * Every message of a conversation, oldest first: the order the server accepted them.
     */
    static List<JsonNode> conversation(User viewer, UserId peer) {
        List<JsonNode> newestFirst = new ArrayList<>();
        String cursor = null;
        do {
            HttpAnswer page = viewer.get("/api/history/conversations/" + peer + "/messages?limit=100"
                    + ((cursor != null) ? "&before=" + cursor : ""));
            if (page.status() == 404) {
                return List.of();
            }
            page.expectStatus(200);
            page.body().get("messages").forEach(newestFirst::add);
            JsonNode next = page.body().get("nextCursor");
            cursor = (next == null || next.isNull()) ? null : next.asString();
        }
        while (cursor != null);
        Collections.reverse(newestFirst);
        return newestFirst;
    }

    /**
     * The ids of the viewer's conversations (the most recently active 100).
     */
    static List<String> conversationIds(User viewer) {
        List<String> ids = new ArrayList<>();
        viewer.get("/api/history/conversations?limit=100")
            .expectStatus(200)
            .body()
            .get("conversations")
            .forEach((conversation) -> ids.add(conversation.get("conversationId").asString()));
        return ids;
    }

    /**
     * The bodies of a conversation in accept order, once history holds at least so many
     * (answers such as a 503 while a service recovers are asked again).
     */
    static List<String> bodiesOnceStored(User viewer, UserId peer, int count) {
        List<String> bodies = new ArrayList<>();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).ignoreExceptions().until(() -> {
            bodies.clear();
            conversation(viewer, peer).forEach((message) -> bodies.add(message.get("body").asString()));
            return bodies.size() >= count;
        });
        return bodies;
    }

}
