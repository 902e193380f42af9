package com.penguinmails.hub.platform.auth;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The scope an API key needs to call this handler. A handler without it refuses API keys
 * (403 {@code insufficient_scope}): default deny. Session users are not affected by scopes.
 * On a controller class it applies to every handler method that does not declare its own.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface RequiredScope {

    Scope value();
}
