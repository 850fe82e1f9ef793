package dev.switchboard.auth.code;

import dev.switchboard.auth.AuthProperties;
import dev.switchboard.model.auth.ActivationCodeRequest;
import dev.switchboard.model.auth.ActivationCodeResponse;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/auth/getcode}: the seed design's path and fields.
 */
@RestController
@RequestMapping("/api/auth")
@Tag(name = "Activation")
class ActivationCodeController {

    private final MobileNumbers mobileNumbers;

    private final ActivationCodes codes;

    private final boolean exposeCode;

    ActivationCodeController(MobileNumbers mobileNumbers, ActivationCodes codes, AuthProperties properties) {
        this.mobileNumbers = mobileNumbers;
        this.codes = codes;
        this.exposeCode = properties.exposeCode();
    }

    @PostMapping(path = "/getcode", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.ACCEPTED)
    @Operation(summary = "Send an activation code to a mobile number",
            description = "Replaces any earlier code for the number. The code itself is in the answer only where "
                    + "the service exposes codes (local runs).")
    ActivationCodeResponse getCode(@RequestBody ActivationCodeRequest request) {
        MobileNumber mobile = this.mobileNumbers.parse(request.mobile());
        ActivationCodes.IssuedCode issued = this.codes.issue(mobile);
        return new ActivationCodeResponse(mobile.e164(), issued.ttl().toSeconds(),
                this.exposeCode ? issued.code() : null);
    }

}
