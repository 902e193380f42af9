package com.penguinmails.hub.platform.net;

import java.net.UnknownHostException;

/**
 * A host that resolves to an address the hub may not call (see {@link OutboundAddressPolicy}).
 * An {@link UnknownHostException} so that HTTP clients treat it as a failed resolution and never
 * connect.
 */
public class RefusedAddressException extends UnknownHostException {

    public RefusedAddressException(String reason) {
        super(reason);
    }
}
