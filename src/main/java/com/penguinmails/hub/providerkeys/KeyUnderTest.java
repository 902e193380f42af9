package com.penguinmails.hub.providerkeys;

import java.util.Map;
import java.util.UUID;

/** A candidate credential and the integration it is meant for. */
public record KeyUnderTest(UUID tenantId, UUID integrationId, String provider, String field, String value,
                           Map<String, Object> configuration) {

    @Override
    public String toString() {
        return "KeyUnderTest[" + provider + "." + field + " of " + integrationId + "]";
    }
}
