package com.penguinmails.hub.security.internal;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where the master keys come from, bound from {@code hub.keyring.*}.
 *
 * @param masterKey master keys as {@code id:base64[,id:base64…]}, the first one active; a bare
 *                  base64 value is key {@code k1} (environment {@code HUB_MASTER_KEY})
 * @param keyFile   a file with the same entries, one per line (environment {@code HUB_MASTER_KEY_FILE});
 *                  with the embedded database and nothing configured, {@code master.key} beside
 *                  its data folder is created on first start
 */
@ConfigurationProperties("hub.keyring")
public record KeyringProperties(String masterKey, Path keyFile) {
}
