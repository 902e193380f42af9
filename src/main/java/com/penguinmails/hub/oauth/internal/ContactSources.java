package com.penguinmails.hub.oauth.internal;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import com.penguinmails.hub.gateway.ProviderResponse;
import com.penguinmails.hub.gateway.Urgency;

/**
 * Reads a connected account's contacts one page at a time, following the provider's own cursor,
 * and incrementally where the provider allows it:
 * <ul>
 * <li>Google People {@code people/me/connections} ({@code pageToken}; {@code syncToken} for changes
 * since the last run, a full read again when Google answers 410 for an expired one);</li>
 * <li>Microsoft Graph {@code me/contacts} ({@code @odata.nextLink}; {@code lastModifiedDateTime ge}
 * the last run's start);</li>
 * <li>HubSpot CRM {@code objects/contacts} ({@code paging.next.after}; the search API with
 * {@code lastmodifieddate GTE} the last run's start).</li>
 * </ul>
 */
@Component
class ContactSources {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    /**
     * One page: its contacts, the cursor of the next one (null on the last), and on the last page
     * the marker the next incremental run starts from.
     */
    record Page(List<Contacts.Imported> contacts, String nextCursor, String syncMarker) {
    }

    /** The provider no longer accepts the sync marker: read everything again. */
    static class MarkerExpired extends RuntimeException {
        MarkerExpired() {
            super("The provider's sync token expired", null, false, false);
        }
    }

    private final ProviderApis apis;
    private final JsonMapper json;

    ContactSources(ProviderApis apis, JsonMapper json) {
        this.apis = apis;
        this.json = json;
    }

    boolean supports(ProviderApis.Account account) {
        return List.of("google-people", "graph", "hubspot").contains(account.settings().contactsApi());
    }

    /**
     * One page of contacts after {@code cursor} (null: the first), changed since {@code marker} (null:
     * all of them); {@code startedAt} is when this run started.
     */
    Page page(ProviderApis.Account account, String cursor, String marker, int pageSize, Instant startedAt) {
        return switch (account.settings().contactsApi()) {
            case "google-people" -> google(account, cursor, marker, pageSize);
            case "graph" -> graph(account, cursor, marker, pageSize, startedAt);
            case "hubspot" -> hubspot(account, cursor, marker, pageSize, startedAt);
            default -> throw new IllegalStateException("No contacts API for " + account.connection().provider());
        };
    }

    private Page google(ProviderApis.Account account, String cursor, String marker, int pageSize) {
        StringBuilder uri = new StringBuilder(account.settings().contactsApiUri())
                .append("/v1/people/me/connections?personFields=names,emailAddresses&pageSize=").append(pageSize)
                .append("&requestSyncToken=true");
        if (cursor != null) {
            uri.append("&pageToken=").append(encode(cursor));
        }
        if (marker != null) {
            uri.append("&syncToken=").append(encode(marker));
        }
        ProviderResponse response = apis.call(account, "google.people.connections.list", Urgency.BACKGROUND,
                token -> get(URI.create(uri.toString()), token), 410);
        if (response.status() == 410) {
            throw new MarkerExpired();
        }
        JsonNode body = json.readTree(response.bodyText());
        List<Contacts.Imported> contacts = new ArrayList<>();
        for (JsonNode person : body.path("connections")) {
            if (person.path("metadata").path("deleted").asBoolean(false)) {
                continue;
            }
            String name = text(person.path("names").path(0).path("displayName"));
            for (JsonNode email : person.path("emailAddresses")) {
                contacts.add(new Contacts.Imported(text(email.path("value")), name, text(person.path("resourceName"))));
            }
        }
        String next = text(body.path("nextPageToken"));
        return new Page(contacts, next, next == null ? text(body.path("nextSyncToken")) : null);
    }

    private Page graph(ProviderApis.Account account, String cursor, String marker, int pageSize, Instant startedAt) {
        String base = account.settings().contactsApiUri();
        URI uri;
        if (cursor != null) {
            if (!cursor.startsWith(base + "/")) {
                throw new IllegalStateException("Graph's next link leaves the configured API address");
            }
            uri = URI.create(cursor);
        } else {
            String query = "$select=" + encode("displayName,emailAddresses,lastModifiedDateTime") + "&$top=" + pageSize;
            if (marker != null) {
                query += "&$filter=" + encode("lastModifiedDateTime ge " + marker);
            }
            uri = URI.create(base + "/v1.0/me/contacts?" + query);
        }
        ProviderResponse response = apis.call(account, "graph.contacts.list", Urgency.BACKGROUND, token -> get(uri, token));
        JsonNode body = json.readTree(response.bodyText());
        List<Contacts.Imported> contacts = new ArrayList<>();
        for (JsonNode contact : body.path("value")) {
            String name = text(contact.path("displayName"));
            for (JsonNode email : contact.path("emailAddresses")) {
                contacts.add(new Contacts.Imported(text(email.path("address")), name, text(contact.path("id"))));
            }
        }
        String next = text(body.path("@odata.nextLink"));
        return new Page(contacts, next, next == null ? startedAt.toString() : null);
    }

    private Page hubspot(ProviderApis.Account account, String cursor, String marker, int pageSize, Instant startedAt) {
        String base = account.settings().contactsApiUri();
        ProviderResponse response;
        if (marker == null) {
            URI uri = URI.create(base + "/crm/v3/objects/contacts?limit=" + pageSize
                    + "&properties=email,firstname,lastname" + (cursor == null ? "" : "&after=" + encode(cursor)));
            response = apis.call(account, "hubspot.contacts.list", Urgency.BACKGROUND, token -> get(uri, token));
        } else {
            Map<String, Object> search = new LinkedHashMap<>();
            search.put("filterGroups", List.of(Map.of("filters", List.of(Map.of("propertyName", "lastmodifieddate",
                    "operator", "GTE", "value", marker)))));
            search.put("sorts", List.of(Map.of("propertyName", "lastmodifieddate", "direction", "ASCENDING")));
            search.put("properties", List.of("email", "firstname", "lastname"));
            search.put("limit", pageSize);
            if (cursor != null) {
                search.put("after", cursor);
            }
            String body = json.writeValueAsString(search);
            URI uri = URI.create(base + "/crm/v3/objects/contacts/search");
            response = apis.call(account, "hubspot.contacts.search", Urgency.BACKGROUND,
                    token -> HttpRequest.newBuilder(uri).timeout(TIMEOUT).header("Authorization", "Bearer " + token)
                            .header("Content-Type", "application/json").header("Accept", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(body)).build());
        }
        JsonNode body = json.readTree(response.bodyText());
        List<Contacts.Imported> contacts = new ArrayList<>();
        for (JsonNode contact : body.path("results")) {
            JsonNode properties = contact.path("properties");
            String name = String.join(" ", java.util.stream.Stream.of(text(properties.path("firstname")),
                    text(properties.path("lastname"))).filter(s -> s != null && !s.isBlank()).toList());
            contacts.add(new Contacts.Imported(text(properties.path("email")), name, text(contact.path("id"))));
        }
        String next = text(body.path("paging").path("next").path("after"));
        return new Page(contacts, next, next == null ? Long.toString(startedAt.toEpochMilli()) : null);
    }

    private static HttpRequest get(URI uri, String token) {
        return HttpRequest.newBuilder(uri).timeout(TIMEOUT).header("Authorization", "Bearer " + token)
                .header("Accept", "application/json").GET().build();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String text(JsonNode node) {
        return node == null || node.isMissingNode() || node.isNull() ? null : node.asString();
    }
}
