package com.penguinmails.hub.integration;

/**
 * Who asks for a status change. Only the system (a health check, the gateway) may put an
 * integration in {@code error}; only a successful health check or an admin may take it out.
 */
public enum StatusChanger {
    /** any member allowed to change the tenant's data */
    MEMBER,
    /** a tenant owner or admin, or PenguinMails staff acting as operator */
    ADMIN,
    /** the hub itself after a failure (gateway, token refresh) */
    SYSTEM,
    /** a health check that just succeeded */
    HEALTH_CHECK
}
