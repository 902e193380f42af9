/**
 * The registry of each tenant's integrations (the guide's {@code Integration}): category, provider,
 * status lifecycle, per-provider validated configuration with write-only encrypted credentials,
 * endpoints, webhook configs, rate-limit, error-handling and monitoring settings. Other modules
 * read integrations and their credentials through {@link com.penguinmails.hub.integration.IntegrationRegistry}.
 */
package com.penguinmails.hub.integration;
