package com.penguinmails.hub.platform.web;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Filters that touch the database before Spring MVC (session and API-key authentication) fail
 * outside {@link ProblemHandler}'s reach: while the database is down their failure becomes
 * {@code 503 database_unavailable} with {@code Retry-After} here, instead of the container's 500.
 * Runs right after {@link RequestIdFilter}, so the answer still carries the request id.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
class DatabaseUnavailableFilter extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(DatabaseUnavailableFilter.class);

    private final ProblemResponses problems;

    DatabaseUnavailableFilter(ProblemResponses problems) {
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try {
            chain.doFilter(request, response);
        } catch (RuntimeException | ServletException e) {
            if (!DatabaseUnavailable.causedBy(e) || response.isCommitted()) {
                throw e;
            }
            log.warn("Database unavailable while handling {} {}: {}", request.getMethod(), request.getRequestURI(),
                    rootMessage(e));
            problems.write(response, HttpStatus.SERVICE_UNAVAILABLE, DatabaseUnavailable.CODE, DatabaseUnavailable.DETAIL,
                    DatabaseUnavailable.RETRY_AFTER_SECONDS);
        }
    }

    static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }
}
