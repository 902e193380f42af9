package com.penguinmails.hub.security;

/**
 * Envelope encryption for every secret the hub stores (provider API keys, webhook signing secrets,
 * OAuth tokens, client secrets).
 *
 * <p>A secret is encrypted with AES-256-GCM under a data key; data keys are stored wrapped
 * (AES-256-GCM) by a master key that never touches the database. A sealed value is
 * {@code 0x01 | data key id (16 bytes) | nonce (12) | ciphertext and tag}; the header and the
 * {@link SecretContext} are its associated data.
 */
public interface Keyring {

    /** Encrypts {@code plaintext} for the given place. */
    byte[] seal(SecretContext context, String plaintext);

    /** Decrypts a value sealed for exactly this place, or throws {@link SecretTamperedException}. */
    String open(SecretContext context, byte[] sealed);
}
