package dev.switchboard.history.conversation;

import dev.switchboard.authclient.AuthenticatedUser;
import dev.switchboard.history.web.Paging;
import dev.switchboard.model.history.ConversationPage;
import dev.switchboard.model.history.MessagePage;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/history/conversations} and {@code .../{conversation}/messages}.
 */
@RestController
@RequestMapping(path = "/api/history/conversations", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Conversations")
class ConversationController {

    private final Conversations conversations;

    private final Paging paging;

    ConversationController(Conversations conversations, Paging paging) {
        this.conversations = conversations;
        this.paging = paging;
    }

    @GetMapping
    @Operation(summary = "The caller's conversations, most recently active first",
            description = "Each with its newest message and the caller's unread count.")
    ConversationPage list(@Parameter(hidden = true) AuthenticatedUser caller,
            @Parameter(description = "cursor from the previous page") @RequestParam(required = false) String before,
            @Parameter(description = "page size, 1 to 100 (default 50)") @RequestParam(
                    required = false) Integer limit) {
        return this.conversations.list(caller.userId(), before, this.paging.limit(limit));
    }

    @GetMapping("/{conversation}/messages")
    @Operation(summary = "One conversation's messages, newest first",
            description = "Both directions of the conversation. {conversation} is a conversation id (dm-1-2) or the "
                    + "peer's user id. A conversation the caller is not part of is 404.")
    MessagePage messages(@Parameter(hidden = true) AuthenticatedUser caller, @PathVariable String conversation,
            @Parameter(description = "cursor from the previous page") @RequestParam(required = false) String before,
            @Parameter(description = "page size, 1 to 100 (default 50)") @RequestParam(
                    required = false) Integer limit) {
        return this.conversations.messages(caller.userId(), conversation, before, this.paging.limit(limit));
    }

}
