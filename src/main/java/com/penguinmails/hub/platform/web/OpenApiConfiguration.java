package com.penguinmails.hub.platform.web;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The OpenAPI description served at {@code /v3/api-docs} and rendered by Swagger UI. */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    @Bean
    OpenAPI hubOpenApi() {
        return new OpenAPI()
                .info(new Info().title("PenguinMails Integration Hub API").version("v1")
                        .description("Errors are RFC 9457 problem details (application/problem+json) with a "
                                + "stable `code` member and, for invalid fields, an `errors` list."))
                .components(new Components().addSecuritySchemes("session", new SecurityScheme()
                        .type(SecurityScheme.Type.HTTP).scheme("bearer")
                        .description("The token returned by POST /api/v1/auth/signin, or a tenant API key "
                                + "(pm_live_...) for endpoints that declare a scope")))
                .addSecurityItem(new SecurityRequirement().addList("session"));
    }
}
