package com.penguinmails.hub.tenancy.internal;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import com.penguinmails.hub.tenancy.CurrentUser;
import com.penguinmails.hub.tenancy.internal.TenancyApi.SessionView;
import com.penguinmails.hub.tenancy.internal.TenancyApi.SignInRequest;
import com.penguinmails.hub.tenancy.internal.TenancyApi.SignUpRequest;
import com.penguinmails.hub.tenancy.internal.TenancyApi.UserView;
import com.penguinmails.hub.tenancy.internal.TenancyApi.VerifyEmailRequest;

@RestController
@RequestMapping("/api/v1/auth")
@Tag(name = "Accounts", description = "Sign-up, email verification, sign-in and sessions")
class AuthController {

    private final SigningUp signingUp;
    private final VerifyingEmail verifyingEmail;
    private final SigningIn signingIn;
    private final SessionAuthentication sessions;
    private final ResendingVerification resending;

    AuthController(SigningUp signingUp, VerifyingEmail verifyingEmail, SigningIn signingIn,
                   SessionAuthentication sessions, ResendingVerification resending) {
        this.signingUp = signingUp;
        this.verifyingEmail = verifyingEmail;
        this.signingIn = signingIn;
        this.sessions = sessions;
        this.resending = resending;
    }

    @PostMapping("/signup")
    @ApiResponse(responseCode = "201", description = "Created; a verification email is queued")
    @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(mediaType = "application/json", examples = {
            @ExampleObject(name = "ada", summary = "An account with optional profile data",
                    value = """
                        {
                          "email": "ada@example.com",
                          "password": "correct horse battery staple",
                          "name": "Ada Lovelace",
                          "data": {
                            "company": "Analytical Engines",
                            "title": "Founder"
                          }
                        }""")}))
    @Operation(operationId = "signUp", summary = "Create an account; a verification email is queued")
    ResponseEntity<UserView> signUp(@Valid @RequestBody SignUpRequest body, HttpServletRequest request) {
        UserAccount user = signingUp.signUp(body.email(), body.password(), body.name(), body.data(),
                request.getRemoteAddr());
        return ResponseEntity.status(HttpStatus.CREATED).body(UserView.of(user));
    }

    @PostMapping("/verify-email")
    @Operation(operationId = "verifyEmail", summary = "Spend a single-use verification token")
    UserView verifyEmail(@Valid @RequestBody VerifyEmailRequest body) {
        return UserView.of(verifyingEmail.verify(body.token()));
    }

    /** When the new link expires. */
    record ResentView(java.time.Instant expiresAt) {
    }

    @PostMapping("/resend-verification")
    @ApiResponse(responseCode = "202", description = "Queued")
    @Operation(operationId = "resendVerification", summary = "Send the signed-in user another verification email (at most one a minute, five a day)")
    ResponseEntity<ResentView> resendVerification() {
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(new ResentView(resending.resend(CurrentUser.require())));
    }

    @PostMapping("/signin")
    @Operation(operationId = "signIn", summary = "Exchange email and password for a bearer session token")
    SessionView signIn(@Valid @RequestBody SignInRequest body, HttpServletRequest request) {
        SigningIn.SignedIn signedIn = signingIn.signIn(body.email(), body.password(), request.getRemoteAddr(),
                request.getHeader(HttpHeaders.USER_AGENT));
        return new SessionView(signedIn.token(), "Bearer", signedIn.expiresAt(), UserView.of(signedIn.user()));
    }

    @PostMapping("/signout")
    @ApiResponse(responseCode = "204", description = "Signed out")
    @Operation(operationId = "signOut", summary = "End this session")
    ResponseEntity<Void> signOut(HttpServletRequest request) {
        CurrentUser.require();
        BearerTokens.from(request).ifPresent(sessions::signOut);
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/signout-all")
    @ApiResponse(responseCode = "204", description = "Signed out everywhere")
    @Operation(operationId = "signOutEverywhere", summary = "End every session of the signed-in user")
    ResponseEntity<Void> signOutEverywhere() {
        sessions.signOutEverywhere(CurrentUser.require());
        return ResponseEntity.noContent().build();
    }
}
