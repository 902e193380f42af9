package com.penguinmails.hub.gateway.internal;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.protocol.HttpClientContext;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.util.Timeout;

import com.penguinmails.hub.platform.net.OutboundAddressPolicy;
import com.penguinmails.hub.platform.net.PinnedHttpClients;

/**
 * The gateway's one HTTP exchange: the hub's pinned Apache HttpClient 5 ({@link PinnedHttpClients}:
 * pooled, no redirects, no automatic retries, names resolved through the {@link OutboundAddressPolicy},
 * so a name that re-resolves to a private address between the check and the connect is refused too),
 * without transparent decompression. Providers describe their requests as JDK {@link HttpRequest}s; this sends one and answers its
 * status, headers and body. It replaced the JDK client, whose asynchronous machinery (executor
 * hand-offs, selector thread) took a third of the CPU of each email send (docs/DECISIONS.md).
 *
 * <p>A timeout answers as the JDK client's would: {@link java.net.http.HttpConnectTimeoutException}
 * when no connection could be opened in time, {@link java.net.http.HttpTimeoutException} when the
 * provider did not answer in time, so that {@link ErrorClassification} reads them the same.
 */
final class ProviderHttp implements AutoCloseable {

    /** A provider's answer. */
    record Answer(int status, HttpHeaders headers, byte[] body) {
    }

    private final CloseableHttpClient http;
    private final Duration requestTimeout;

    ProviderHttp(GatewayProperties properties, OutboundAddressPolicy addresses) {
        this.requestTimeout = properties.requestTimeout();
        this.http = PinnedHttpClients.builder(addresses, properties.connectTimeout(), properties.requestTimeout(),
                        properties.maxConnections(), properties.maxConnections())
                .setDefaultRequestConfig(RequestConfig.custom().setRedirectsEnabled(false)
                        .setConnectionRequestTimeout(Timeout.of(properties.connectTimeout())).build())
                .disableContentCompression().setUserAgent("PenguinMails-Hub/1")
                .build();
    }

    Answer send(HttpRequest request) throws IOException, InterruptedException {
        HttpUriRequestBase outgoing = new HttpUriRequestBase(request.method(), request.uri());
        request.headers().map().forEach((name, values) -> values.forEach(value -> outgoing.addHeader(name, value)));
        if (request.bodyPublisher().isPresent()) {
            byte[] body = bytesOf(request.bodyPublisher().get());
            if (body.length > 0 || !"GET".equals(request.method())) {
                outgoing.setEntity(new ByteArrayEntity(body, contentType(request)));
            }
        }
        Timeout timeout = Timeout.of(request.timeout().orElse(requestTimeout));
        HttpClientContext context = HttpClientContext.create();
        context.setRequestConfig(RequestConfig.custom().setRedirectsEnabled(false).setResponseTimeout(timeout)
                .setConnectionRequestTimeout(timeout).build());
        try {
            return http.execute(outgoing, context, response -> {
                Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
                for (Header header : response.getHeaders()) {
                    headers.computeIfAbsent(header.getName(), n -> new ArrayList<>()).add(header.getValue());
                }
                byte[] body = response.getEntity() == null ? new byte[0] : EntityUtils.toByteArray(response.getEntity());
                return new Answer(response.getCode(), HttpHeaders.of(headers, (n, v) -> true), body);
            });
        } catch (ConnectTimeoutException e) {
            throw withCause(new java.net.http.HttpConnectTimeoutException("connect timed out: " + e.getMessage()), e);
        } catch (SocketTimeoutException e) {
            throw withCause(new java.net.http.HttpTimeoutException("request timed out"), e);
        } catch (InterruptedIOException e) {
            if (Thread.currentThread().isInterrupted()) {
                throw new InterruptedException("interrupted while waiting for the provider");
            }
            throw withCause(new java.net.http.HttpTimeoutException("request timed out"), e);
        }
    }

    private static <T extends IOException> T withCause(T e, Throwable cause) {
        e.initCause(cause);
        return e;
    }

    private static ContentType contentType(HttpRequest request) {
        return request.headers().firstValue("Content-Type").map(ContentType::parseLenient).orElse(null);
    }

    /** The bytes of a JDK body publisher (the standard ones publish from memory at once). */
    private static byte[] bytesOf(HttpRequest.BodyPublisher publisher) throws IOException, InterruptedException {
        CompletableFuture<byte[]> bytes = new CompletableFuture<>();
        publisher.subscribe(new Flow.Subscriber<ByteBuffer>() {
            private final java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(
                    (int) Math.max(0, Math.min(publisher.contentLength(), 1 << 20)));

            @Override
            public void onSubscribe(Flow.Subscription subscription) {
                subscription.request(Long.MAX_VALUE);
            }

            @Override
            public void onNext(ByteBuffer item) {
                byte[] chunk = new byte[item.remaining()];
                item.get(chunk);
                out.writeBytes(chunk);
            }

            @Override
            public void onError(Throwable throwable) {
                bytes.completeExceptionally(throwable);
            }

            @Override
            public void onComplete() {
                bytes.complete(out.toByteArray());
            }
        });
        try {
            return bytes.get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof IOException io ? io : new IOException("could not read the request body", e.getCause());
        } catch (TimeoutException e) {
            throw new IOException("the request body was not produced in time", e);
        }
    }

    @Override
    public void close() throws IOException {
        http.close();
    }
}
