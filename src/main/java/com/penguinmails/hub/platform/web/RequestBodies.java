package com.penguinmails.hub.platform.web;

import org.springframework.boot.http.converter.autoconfigure.ServerHttpMessageConvertersCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.converter.json.JacksonJsonHttpMessageConverter;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * How the API reads JSON request bodies: with the application's mapper, but refusing fields the request
 * does not have ({@link ProblemHandler} answers {@code 400 unknown_field} naming them), so that a client
 * sending a feature the API lacks ({@code attachments}, {@code sendAt}) learns it at once instead of the
 * field being dropped. Only request bodies read by Spring MVC are strict: the application's own
 * {@link JsonMapper} bean — which reads provider answers, webhook payloads (those are read from their raw
 * bytes, never through this converter) and stored JSON — still tolerates fields it does not know.
 */
@Configuration(proxyBeanMethods = false)
class RequestBodies {

    /**
     * Replaces Spring MVC's JSON converter where it stands in the list. (A converter bean of its own would be put
     * in front of every default one, and would then also write byte arrays, such as the OpenAPI document, as
     * base64 JSON strings.)
     */
    @Bean
    ServerHttpMessageConvertersCustomizer strictJsonRequestBodies(JsonMapper json) {
        JacksonJsonHttpMessageConverter strict = new JacksonJsonHttpMessageConverter(json.rebuild()
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build());
        return builder -> builder.configureMessageConvertersList(converters -> converters.replaceAll(
                converter -> converter instanceof JacksonJsonHttpMessageConverter ? strict : converter));
    }
}
