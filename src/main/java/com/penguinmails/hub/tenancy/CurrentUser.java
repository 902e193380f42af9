package com.penguinmails.hub.tenancy;

import java.util.Optional;
import java.util.UUID;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

import com.penguinmails.hub.platform.web.ApiProblem;

/**
 * The user a request is signed in as.
 *
 * @param staff whether the user is PenguinMails staff (may read any tenant, audited)
 */
public record CurrentUser(UUID id, String email, String name, boolean staff, String staffRole) {

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
}
