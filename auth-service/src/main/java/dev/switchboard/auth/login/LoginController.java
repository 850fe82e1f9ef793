package dev.switchboard.auth.login;

import dev.switchboard.auth.token.AccessTokens;
import dev.switchboard.auth.user.UserRepository;
import dev.switchboard.authclient.AuthenticatedUser;
import dev.switchboard.model.auth.CurrentUser;
import dev.switchboard.model.auth.LoginRequest;
import dev.switchboard.model.auth.LoginResponse;
import dev.switchboard.model.auth.WebSocketTicket;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/auth/login}, {@code /logout}, {@code /me} and {@code /ws-ticket}.
 */
@RestController
@RequestMapping(path = "/api/auth", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Login")
class LoginController {

    private final Logins logins;

    private final AccessTokens tokens;

    private final UserRepository users;

    LoginController(Logins logins, AccessTokens tokens, UserRepository users) {
        this.logins = logins;
        this.tokens = tokens;
        this.users = users;
    }

    @PostMapping(path = "/login", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Exchange an activation code for an access token",
            description = "The code is single use; after 5 wrong attempts it is void. The user is created at the "
                    + "first login.")
    LoginResponse login(@RequestBody LoginRequest request) {
        return this.logins.login(request.mobile(), request.activationCode());
    }

    @PostMapping("/logout")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @SecurityRequirement(name = "bearer")
    @Operation(summary = "Revoke the presented token",
            description = "Everywhere: later requests with it get 401, and the WebSockets it opened are closed.")
    void logout(@Parameter(hidden = true) AuthenticatedUser caller) {
        this.tokens.revoke(caller);
    }

    @GetMapping("/me")
    @SecurityRequirement(name = "bearer")
    @Operation(summary = "The caller's own account")
    CurrentUser me(@Parameter(hidden = true) AuthenticatedUser caller) {
        return this.users.findById(caller.userId())
            .map((user) -> new CurrentUser(user.id(), user.mobile().e164(), user.createdAt(), caller.expiresAt()))
            .orElseThrow(() -> new IllegalStateException("A valid token names a user that does not exist"));
    }

    @PostMapping("/ws-ticket")
    @SecurityRequirement(name = "bearer")
    @Operation(summary = "A one-time ticket for opening the WebSocket from a browser",
            description = "Valid once, for at most 60 seconds: /messaging?ticket=...")
    WebSocketTicket webSocketTicket(@Parameter(hidden = true) AuthenticatedUser caller) {
        return this.tokens.issueTicket(caller);
    }

}
