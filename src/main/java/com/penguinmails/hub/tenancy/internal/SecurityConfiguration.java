package com.penguinmails.hub.tenancy.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.web.filter.OncePerRequestFilter;

import com.penguinmails.hub.platform.auth.ApiKeyCaller;
import com.penguinmails.hub.platform.auth.BearerAuthenticator;
import com.penguinmails.hub.platform.database.TenantScope;
import com.penguinmails.hub.platform.web.ProblemResponses;
import com.penguinmails.hub.platform.web.PublicEndpoints;
import com.penguinmails.hub.tenancy.CurrentUser;

/**
 * Everything under {@code /api/} needs a session token or a tenant API key, except the public
 * endpoints modules declare. Both are opaque bearer tokens; no cookies, so no CSRF surface. API keys
 * are authenticated by whichever module issues them, through the {@link BearerAuthenticator} SPI.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    @Bean
    PublicEndpoints accountEndpoints() {
        return PublicEndpoints.of("/api/v1/auth/signup", "/api/v1/auth/signin", "/api/v1/auth/verify-email");
    }

    @Bean
    SecurityFilterChain apiSecurity(HttpSecurity http, SessionAuthentication sessions,
                                    List<BearerAuthenticator> authenticators,
                                    List<PublicEndpoints> publicEndpoints, ProblemResponses problems) throws Exception {
        List<String> open = new ArrayList<>();
        publicEndpoints.forEach(p -> open.addAll(p.patterns()));
        http.csrf(csrf -> csrf.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .httpBasic(basic -> basic.disable())
                .formLogin(form -> form.disable())
                .logout(logout -> logout.disable())
                .requestCache(cache -> cache.disable())
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers(open.toArray(String[]::new)).permitAll()
                        .requestMatchers("/api/**").authenticated()
                        .anyRequest().permitAll())
                .exceptionHandling(e -> e
                        .authenticationEntryPoint((request, response, ex) -> problems.write(response,
                                HttpStatus.UNAUTHORIZED, "unauthenticated",
                                "A valid session token or API key is required (Authorization: Bearer <token>)"))
                        .accessDeniedHandler((request, response, ex) -> problems.write(response,
                                HttpStatus.FORBIDDEN, "forbidden", "You may not do this")))
                .addFilterBefore(new SessionTokenFilter(sessions, authenticators), AnonymousAuthenticationFilter.class);
        return http.build();
    }

    /**
     * Authenticates {@code Authorization: Bearer} tokens: session tokens first (binding the user for
     * RLS), then any other {@link BearerAuthenticator} that recognises the token's format.
     */
    static final class SessionTokenFilter extends OncePerRequestFilter {

        private final SessionAuthentication sessions;
        private final List<BearerAuthenticator> authenticators;

        SessionTokenFilter(SessionAuthentication sessions, List<BearerAuthenticator> authenticators) {
            this.sessions = sessions;
            this.authenticators = List.copyOf(authenticators);
        }

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            Optional<String> token = BearerTokens.from(request);
            Optional<CurrentUser> user = token.flatMap(sessions::authenticate);
            if (user.isEmpty()) {
                token.flatMap(this::otherCaller).ifPresent(caller -> SecurityContextHolder.getContext()
                        .setAuthentication(UsernamePasswordAuthenticationToken.authenticated(caller, null,
                                AuthorityUtils.createAuthorityList("ROLE_API_KEY"))));
                chain.doFilter(request, response);
                return;
            }
            SecurityContextHolder.getContext().setAuthentication(UsernamePasswordAuthenticationToken.authenticated(
                    user.get(), null, AuthorityUtils.createAuthorityList(user.get().staff() ? "ROLE_STAFF" : "ROLE_USER")));
            try (TenantScope.Binding ignored = TenantScope.bindUser(user.get().id())) {
                chain.doFilter(request, response);
            }
        }

        private Optional<ApiKeyCaller> otherCaller(String token) {
            for (BearerAuthenticator authenticator : authenticators) {
                if (authenticator.recognises(token)) {
                    return authenticator.authenticate(token);
                }
            }
            return Optional.empty();
        }
    }
}
