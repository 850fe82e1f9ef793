package dev.switchboard.auth.contact;

import java.util.List;

import dev.switchboard.authclient.AuthenticatedUser;
import dev.switchboard.model.id.UserId;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/contacts}: look up numbers, and block or unblock users.
 */
@RestController
@RequestMapping(path = "/api/contacts", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Contacts")
@SecurityRequirement(name = "bearer")
class ContactController {

    private final ContactLookup lookup;

    private final Blocks blocks;

    ContactController(ContactLookup lookup, Blocks blocks) {
        this.lookup = lookup;
        this.blocks = blocks;
    }

    @PostMapping(path = "/lookup", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Which of these phone numbers belong to users",
            description = "Up to 500 numbers, in E.164 or in the national format of the caller's own region. Only "
                    + "registered numbers are answered; an unregistered or unreadable one is simply absent. Every "
                    + "number counts against the caller's hourly and daily limits (429 with Retry-After).")
    LookupResponse lookup(@Parameter(hidden = true) AuthenticatedUser caller, @RequestBody LookupRequest request) {
        return new LookupResponse(this.lookup.lookUp(caller.userId(), request.numbers()));
    }

    @GetMapping("/blocks")
    @Operation(summary = "The users the caller blocks")
    BlockedUsers blocked(@Parameter(hidden = true) AuthenticatedUser caller) {
        return new BlockedUsers(this.blocks.blockedBy(caller.userId()));
    }

    @PutMapping("/blocks/{userId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Block a user",
            description = "Their messages to the caller are accepted for them but never delivered to the caller, "
                    + "stored for the caller or counted as unread; their typing is not shown. Idempotent.")
    void block(@Parameter(hidden = true) AuthenticatedUser caller, @PathVariable long userId) {
        this.blocks.block(caller.userId(), new UserId(userId));
    }

    @DeleteMapping("/blocks/{userId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Unblock a user", description = "Idempotent. What was withheld stays withheld.")
    void unblock(@Parameter(hidden = true) AuthenticatedUser caller, @PathVariable long userId) {
        this.blocks.unblock(caller.userId(), new UserId(userId));
    }

    /**
     * A lookup.
     *
     * @param numbers the phone numbers, 1 to 500
     */
    record LookupRequest(List<String> numbers) {
    }

    /**
     * The registered numbers among those asked about.
     *
     * @param contacts one per registered number, in the order asked
     */
    record LookupResponse(List<ContactLookup.Contact> contacts) {
    }

    /**
     * The users someone blocks.
     *
     * @param blocked their ids, in the order they were blocked
     */
    record BlockedUsers(List<UserId> blocked) {
    }

}
