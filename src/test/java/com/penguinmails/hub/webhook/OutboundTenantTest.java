package com.penguinmails.hub.webhook;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;

import com.penguinmails.hub.platform.database.TenantTransactions;
import com.penguinmails.hub.testkit.HubIntegrationTest;

/**
 * A test of outbound delivery with a fresh {@link OutboundTenant} per test and local receivers that
 * are closed after it.
 */
abstract class OutboundTenantTest extends HubIntegrationTest {

    @Autowired
    OutboundEvents events;

    @Autowired
    TenantTransactions transactions;

    OutboundTenant tenant;
    private final List<WebhookReceiver> receivers = new ArrayList<>();

    /** The name the test's tenant gets. */
    abstract String tenantName();

    @BeforeEach
    void aTenant() {
        tenant = new OutboundTenant(hub(), events, transactions, tenantName());
    }

    @AfterEach
    void closeReceivers() {
        receivers.forEach(WebhookReceiver::close);
        receivers.clear();
    }

    /** A receiver on 127.0.0.1 answering as told, closed after the test. */
    WebhookReceiver receiver(WebhookReceiver.Answer answer) {
        WebhookReceiver receiver = new WebhookReceiver(answer);
        receivers.add(receiver);
        return receiver;
    }
}
