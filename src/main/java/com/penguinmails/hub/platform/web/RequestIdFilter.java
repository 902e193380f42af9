package com.penguinmails.hub.platform.web;

import java.io.IOException;
import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.MDC;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Gives every request an id: the client's {@code X-Request-Id} when it is a sane token, otherwise a
 * new UUID. The id is echoed in the response, put in the log context ({@code requestId}) and exposed
 * with the client address and user agent through {@link RequestMetadata#current()}. Runs first, so
 * even refusals by later filters carry it.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class RequestIdFilter extends OncePerRequestFilter {

    private static final Pattern SANE_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");
    private static final int MAX_USER_AGENT = 512;

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String sent = request.getHeader(RequestMetadata.HEADER);
        String id = sent != null && SANE_ID.matcher(sent).matches() ? sent : UUID.randomUUID().toString();
        String agent = request.getHeader(HttpHeaders.USER_AGENT);
        if (agent != null && agent.length() > MAX_USER_AGENT) {
            agent = agent.substring(0, MAX_USER_AGENT);
        }
        if (agent != null && !StoredTextModule.isStorable(agent)) {
            agent = null;
        }
        response.setHeader(RequestMetadata.HEADER, id);
        RequestMetadata.set(new RequestMetadata(id, request.getRemoteAddr(), agent));
        MDC.put("requestId", id);
        try {
            chain.doFilter(request, response);
        } finally {
            MDC.remove("requestId");
            RequestMetadata.clear();
        }
    }
}
