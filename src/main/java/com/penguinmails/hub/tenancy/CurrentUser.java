package com.penguinmails.hub.tenancy;

import java.util.Optional;
import java.util.UUID;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

import com.penguinmails.hub.platform.web.ApiProblem;

/**
 * The user a request is signed in as.
 *
 * @param staff         whether the user is PenguinMails staff (may read any tenant, audited)
 * @param emailVerified whether the user proved they own their email address
 */
public record CurrentUser(UUID id, String email, String name, boolean staff, String staffRole, boolean emailVerified) {

    public static Optional<CurrentUser> get() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication != null && authentication.getPrincipal() instanceof CurrentUser user) {
            return Optional.of(user);
        }
        return Optional.empty();
    }

    public static CurrentUser require() {
        return get().orElseThrow(() -> ApiProblem.unauthorized("unauthenticated", "Sign in first"));
    }

    /**
     * Refuses with {@code 403 email_not_verified} unless the user verified their email address: an
     * unverified account may sign in, create and configure tenants, but not send email (messages,
     * invitations), create API keys or accept invitations.
     */
    public CurrentUser requireVerifiedEmail() {
        if (!emailVerified) {
            throw notVerified();
        }
        return this;
    }

    static ApiProblem notVerified() {
        return ApiProblem.forbidden("email_not_verified", "Verify your email address first (the link in the "
                + "verification email; POST /api/v1/auth/resend-verification sends a new one)");
    }
}
