package com.penguinmails.hub.tenancy.internal;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

/**
 * A language code: an ISO 639 language known to the JDK, optionally with an ISO 3166 region
 * ({@code en}, {@code pt-BR}).
 */
@Target({ElementType.FIELD, ElementType.RECORD_COMPONENT, ElementType.PARAMETER})
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = LanguageCode.Validator.class)
@interface LanguageCode {
    String message() default "must be a known language code such as en or pt-BR";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<LanguageCode, String> {
        private static final Pattern SHAPE = Pattern.compile("([a-z]{2,3})(-([A-Z]{2}))?");
        private static final Set<String> LANGUAGES = Set.of(Locale.getISOLanguages());
        private static final Set<String> REGIONS = Set.of(Locale.getISOCountries());

        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            if (value == null) {
                return true;
            }
            var matcher = SHAPE.matcher(value);
            return matcher.matches() && LANGUAGES.contains(matcher.group(1))
                    && (matcher.group(3) == null || REGIONS.contains(matcher.group(3)));
        }
    }
}
