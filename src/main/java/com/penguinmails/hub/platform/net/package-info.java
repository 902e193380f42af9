/**
 * Rules for the hub's own outgoing connections: the {@link com.penguinmails.hub.platform.net.OutboundAddressPolicy}
 * that refuses non-public addresses, shared by the gateway (provider calls) and the webhook module
 * (deliveries to customers' endpoints).
 */
package com.penguinmails.hub.platform.net;
