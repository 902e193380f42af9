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

import com.penguinmails.hub.platform.database.TenantScope;
import com.penguinmails.hub.platform.web.ProblemResponses;
import com.penguinmails.hub.platform.web.PublicEndpoints;
import com.penguinmails.hub.tenancy.CurrentUser;

/**
 * Everything under {@code /api/} needs a session token, except the public endpoints modules
 * declare. Sessions are opaque bearer tokens; no cookies, so no CSRF surface.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    @Bean
    PublicEndpoints accountEndpoints() {
        return PublicEndpoints.of("/api/v1/auth/signup", "/api/v1/auth/signin", "/api/v1/auth/verify-email");
    }

    @Bean
    SecurityFilterChain apiSecurity(HttpSecurity http, SessionAuthentication sessions,
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
                                "A valid session token is required (Authorization: Bearer <token>)"))
                        .accessDeniedHandler((request, response, ex) -> problems.write(response,
                                HttpStatus.FORBIDDEN, "forbidden", "You may not do this")))
                .addFilterBefore(new SessionTokenFilter(sessions), AnonymousAuthenticationFilter.class);
        return http.build();
    }

    /** Authenticates {@code Authorization: Bearer} session tokens and binds the user for RLS. */
    static final class SessionTokenFilter extends OncePerRequestFilter {

        private final SessionAuthentication sessions;

        SessionTokenFilter(SessionAuthentication sessions) {
            this.sessions = sessions;
        }

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            Optional<CurrentUser> user = BearerTokens.from(request).flatMap(sessions::authenticate);
            if (user.isEmpty()) {
                chain.doFilter(request, response);
                return;
            }
            SecurityContextHolder.getContext().setAuthentication(UsernamePasswordAuthenticationToken.authenticated(
                    user.get(), null, AuthorityUtils.createAuthorityList(user.get().staff() ? "ROLE_STAFF" : "ROLE_USER")));
            try (TenantScope.Binding ignored = TenantScope.bindUser(user.get().id())) {
                chain.doFilter(request, response);
            }
        }
    }
}
