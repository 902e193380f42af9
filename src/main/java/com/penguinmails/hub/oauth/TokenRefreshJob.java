package com.penguinmails.hub.oauth;

/** Runs one pass of the refresh of connections due for it (it also runs on a schedule on every node). */
public interface TokenRefreshJob {

    /** Refreshes the due connections no other node is refreshing; answers how many it refreshed. */
    int run();
}
