package dev.switchboard.history.sync;

import dev.switchboard.authclient.AuthenticatedUser;
import dev.switchboard.history.web.Paging;
import dev.switchboard.model.history.SyncPage;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/history/sync}.
 */
@RestController
@RequestMapping(path = "/api/history", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Sync")
class SyncController {

    private final Sync sync;

    private final Paging paging;

    SyncController(Sync sync, Paging paging) {
        this.sync = sync;
        this.paging = paging;
    }

    @GetMapping("/sync")
    @Operation(summary = "Everything that changed for the caller after a cursor",
            description = "Messages received and messages sent from any of the caller's devices, and receipt changes, "
                    + "oldest first. Start without a cursor; pass the answer's cursor as 'after' next time; ask again "
                    + "at once while hasMore is true. Answers 503 (Retry-After) while history is still storing messages "
                    + "that were accepted before the request, so an answer never misses one.")
    SyncPage sync(@Parameter(hidden = true) AuthenticatedUser caller,
            @Parameter(description = "cursor from the previous sync") @RequestParam(required = false) String after,
            @Parameter(description = "page size, 1 to 100 (default 50)") @RequestParam(
                    required = false) Integer limit) {
        return this.sync.changesAfter(caller.userId(), after, this.paging.limit(limit));
    }

}
