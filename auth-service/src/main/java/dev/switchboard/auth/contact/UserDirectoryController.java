package dev.switchboard.auth.contact;

import dev.switchboard.auth.user.UserRepository;
import dev.switchboard.model.auth.UserLookup;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /internal/auth/users}: which of some user ids belong to registered users,
 * and whom they block. The gateway asks before it accepts a message for a recipient,
 * history-service before it stores one (auth-client's {@code UserDirectory}, which
 * remembers the answers). Internal: the gateway does not route {@code /internal/**}, and
 * the public API description leaves it out.
 */
@RestController
@Tag(name = "Internal")
class UserDirectoryController {

    private final UserRepository users;

    private final BlockRepository blocks;

    UserDirectoryController(UserRepository users, BlockRepository blocks) {
        this.users = users;
        this.blocks = blocks;
    }

    @PostMapping(path = "/internal/auth/users", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Say which user ids belong to registered users, and whom they block (for other "
            + "Switchboard services)")
    UserLookup.Answer registered(@RequestBody UserLookup lookup) {
        return new UserLookup.Answer(this.users.registered(lookup.ids()), this.blocks.blocksOf(lookup.ids()));
    }

}
