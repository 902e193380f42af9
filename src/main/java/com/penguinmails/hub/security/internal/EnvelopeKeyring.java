package com.penguinmails.hub.security.internal;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.penguinmails.hub.platform.database.TenantTransactions;
import com.penguinmails.hub.security.Keyring;
import com.penguinmails.hub.security.SecretContext;
import com.penguinmails.hub.security.SecretTamperedException;

/**
 * The keyring: one active data key at a time (created on first use, shared by all nodes through
 * the database), unwrapped data keys cached in memory, master keys only in memory.
 */
class EnvelopeKeyring implements Keyring {

    private static final Logger log = LoggerFactory.getLogger(EnvelopeKeyring.class);
    private static final byte FORMAT = 1;
    private static final int HEADER = 1 + 16;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final MasterKeys masterKeys;
    private final DataKeys dataKeys;
    private final TenantTransactions transactions;
    private final Clock clock;
    private final Map<UUID, SecretKey> unwrapped = new ConcurrentHashMap<>();
    private volatile UUID activeDataKey;

    EnvelopeKeyring(MasterKeys masterKeys, DataKeys dataKeys, TenantTransactions transactions, Clock clock) {
        this.masterKeys = masterKeys;
        this.dataKeys = dataKeys;
        this.transactions = transactions;
        this.clock = clock;
    }

    @Override
    public byte[] seal(SecretContext context, String plaintext) {
        UUID keyId = activeDataKey();
        byte[] header = header(keyId);
        byte[] body = AesGcm.encrypt(dataKey(keyId), plaintext.getBytes(StandardCharsets.UTF_8),
                associatedData(header, context));
        return ByteBuffer.allocate(header.length + body.length).put(header).put(body).array();
    }

    @Override
    public String open(SecretContext context, byte[] sealed) {
        if (sealed == null || sealed.length < HEADER || sealed[0] != FORMAT) {
            throw tampered(context, null);
        }
        ByteBuffer buffer = ByteBuffer.wrap(sealed, 1, 16);
        UUID keyId = new UUID(buffer.getLong(), buffer.getLong());
        byte[] header = java.util.Arrays.copyOf(sealed, HEADER);
        try {
            byte[] plain = AesGcm.decrypt(dataKey(keyId), sealed, HEADER, associatedData(header, context));
            return new String(plain, StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalStateException e) {
            throw tampered(context, e);
        }
    }

    /** Starts sealing new values under a fresh data key; old values keep opening with theirs. */
    UUID rotateDataKey() {
        UUID id = transactions.inCurrentScope(() -> {
            dataKeys.retireActive(clock.instant());
            return createActive();
        });
        activeDataKey = id;
        return id;
    }

    /** Re-wraps every data key not under the active master key; returns how many. */
    int rewrapAll() {
        return transactions.inCurrentScope(() -> {
            int count = 0;
            for (DataKeys.WrappedKey key : dataKeys.lockAllNotUnder(masterKeys.activeId())) {
                SecretKey material = unwrap(key);
                dataKeys.rewrap(key.id(), masterKeys.activeId(), wrap(key.id(), masterKeys.activeId(), material),
                        clock.instant());
                count++;
            }
            return count;
        });
    }

    MasterKeys masterKeys() {
        return masterKeys;
    }

    Map<String, Long> dataKeysByMasterKey() {
        return dataKeys.countByMasterKey();
    }

    private UUID activeDataKey() {
        UUID id = activeDataKey;
        if (id == null) {
            id = transactions.inCurrentScope(() -> dataKeys.active().map(DataKeys.WrappedKey::id)
                    .orElseGet(this::createActive));
            activeDataKey = id;
        }
        return id;
    }

    private UUID createActive() {
        byte[] material = new byte[32];
        RANDOM.nextBytes(material);
        UUID id = UUID.randomUUID();
        SecretKey key = new SecretKeySpec(material, "AES");
        String master = masterKeys.activeId();
        if (dataKeys.insertActive(new DataKeys.WrappedKey(id, master, wrap(id, master, key)), clock.instant())) {
            unwrapped.put(id, key);
            return id;
        }
        return dataKeys.active().orElseThrow().id(); // another node created it first
    }

    private SecretKey dataKey(UUID id) {
        SecretKey key = unwrapped.get(id);
        if (key == null) {
            DataKeys.WrappedKey wrapped = transactions.inCurrentScope(() -> dataKeys.byId(id))
                    .orElseThrow(() -> new IllegalStateException("Unknown data key " + id));
            key = unwrap(wrapped);
            unwrapped.put(id, key);
        }
        return key;
    }

    private SecretKey unwrap(DataKeys.WrappedKey key) {
        SecretKey master = masterKeys.byId(key.masterKeyId()).orElseThrow(() -> new IllegalStateException(
                "Data key " + key.id() + " is wrapped by master key '" + key.masterKeyId()
                        + "', which this node does not have"));
        try {
            return new SecretKeySpec(AesGcm.decrypt(master, key.wrapped(), 0, wrapAad(key.id(), key.masterKeyId())), "AES");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Data key " + key.id() + " does not unwrap with master key '"
                    + key.masterKeyId() + "': wrong key material or a tampered row", e);
        }
    }

    private byte[] wrap(UUID id, String masterId, SecretKey key) {
        SecretKey master = masterKeys.byId(masterId).orElseThrow();
        return AesGcm.encrypt(master, key.getEncoded(), wrapAad(id, masterId));
    }

    private static byte[] wrapAad(UUID id, String masterId) {
        return ("pm-hub/data-key/v1|" + id + "|" + masterId).getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] header(UUID keyId) {
        return ByteBuffer.allocate(HEADER).put(FORMAT).putLong(keyId.getMostSignificantBits())
                .putLong(keyId.getLeastSignificantBits()).array();
    }

    private static byte[] associatedData(byte[] header, SecretContext context) {
        byte[] aad = context.associatedData();
        return ByteBuffer.allocate(header.length + aad.length).put(header).put(aad).array();
    }

    private static SecretTamperedException tampered(SecretContext context, Throwable cause) {
        log.error("A sealed secret failed to open: tenant {}, {}.{} of row {}", context.tenantId(), context.table(),
                context.field(), context.rowId());
        return new SecretTamperedException("The secret " + context.table() + "." + context.field() + " of row "
                + context.rowId() + " does not open: it was altered or moved", cause);
    }
}
