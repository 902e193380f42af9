package com.penguinmails.hub.reliability;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** What the database says happened, read as the owner role (all rows, no RLS). */
final class Ledger {

    /** One inbox row: its processing state and how many times processing finished or failed. */
    record InboxRow(String state, int attempts) {
    }

    private final ReliabilityDatabase database;

    Ledger(ReliabilityDatabase database) {
        this.database = database;
    }

    /** Inbox rows of one integration by de-duplication key (unique per tenant and provider). */
    Map<String, InboxRow> inbox(UUID tenant, UUID integration) throws SQLException {
        Map<String, InboxRow> rows = new HashMap<>();
        try (Connection c = database.owner(); PreparedStatement ps = c.prepareStatement("""
                select dedup_key, state, attempts from webhook_inbox where tenant_id = ? and integration_id = ?""")) {
            ps.setObject(1, tenant);
            ps.setObject(2, integration);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.put(rs.getString(1), new InboxRow(rs.getString(2), rs.getInt(3)));
                }
            }
        }
        return rows;
    }

    /** Normalised email events recorded per provider event id (the inbox de-duplication key). */
    Map<String, Integer> emailEvents(UUID tenant) throws SQLException {
        Map<String, Integer> counts = new HashMap<>();
        try (Connection c = database.owner(); PreparedStatement ps = c.prepareStatement("""
                select provider_event_id, count(*) from email_events where tenant_id = ? group by provider_event_id""")) {
            ps.setObject(1, tenant);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    counts.put(rs.getString(1), rs.getInt(2));
                }
            }
        }
        return counts;
    }

    /** The webhook-ids ({@code msg_} + event id) of the outbound events of a type published for the tenant. */
    Set<String> outboundMessages(UUID tenant, String type) throws SQLException {
        Set<String> ids = new HashSet<>();
        try (Connection c = database.owner(); PreparedStatement ps = c.prepareStatement("""
                select id from webhook_events where tenant_id = ? and event_type = ?""")) {
            ps.setObject(1, tenant);
            ps.setString(2, type);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add("msg_" + rs.getObject(1, UUID.class).toString().replace("-", ""));
                }
            }
        }
        return ids;
    }

    /** Deliveries of an endpoint by state. */
    Map<String, Integer> deliveries(UUID tenant, UUID endpoint) throws SQLException {
        Map<String, Integer> counts = new HashMap<>();
        try (Connection c = database.owner(); PreparedStatement ps = c.prepareStatement("""
                select state, count(*) from webhook_deliveries where tenant_id = ? and endpoint_id = ? group by state""")) {
            ps.setObject(1, tenant);
            ps.setObject(2, endpoint);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    counts.put(rs.getString(1), rs.getInt(2));
                }
            }
        }
        return counts;
    }
}
