package com.penguinmails.hub.security.internal;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;

import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

/** AES-256-GCM from the JDK with a random 96-bit nonce per message, prefixed to the output. */
final class AesGcm {

    static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private AesGcm() {
    }

    /** {@code nonce | ciphertext and tag}. */
    static byte[] encrypt(SecretKey key, byte[] plaintext, byte[] associatedData) {
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(associatedData);
            byte[] sealed = cipher.doFinal(plaintext);
            return ByteBuffer.allocate(NONCE_BYTES + sealed.length).put(nonce).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM encryption failed", e);
        }
    }

    /** Reverses {@link #encrypt}; throws GeneralSecurityException when authentication fails. */
    static byte[] decrypt(SecretKey key, byte[] nonceAndCiphertext, int offset, byte[] associatedData)
            throws GeneralSecurityException {
        if (nonceAndCiphertext.length - offset < NONCE_BYTES + TAG_BITS / 8) {
            throw new GeneralSecurityException("Ciphertext too short");
        }
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonceAndCiphertext, offset, NONCE_BYTES));
        cipher.updateAAD(associatedData);
        return cipher.doFinal(nonceAndCiphertext, offset + NONCE_BYTES, nonceAndCiphertext.length - offset - NONCE_BYTES);
    }
}
