package com.penguinmails.hub.security.internal;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import com.penguinmails.hub.platform.web.ApiProblem;
import com.penguinmails.hub.tenancy.CurrentUser;

/**
 * Operator commands for the keyring, for PenguinMails staff with the {@code admin} role. Master-key
 * rotation: configure the new key first in {@code HUB_MASTER_KEY} on every node, call
 * {@code rewrap}, check that {@code dataKeysByMasterKey} names only the new key, then remove the
 * old key from the configuration.
 */
@RestController
@RequestMapping("/api/v1/admin/keyring")
@Tag(name = "Operations")
class KeyringAdminController {

    private final EnvelopeKeyring keyring;

    KeyringAdminController(EnvelopeKeyring keyring) {
        this.keyring = keyring;
    }

    record KeyringStatus(String activeMasterKey, List<String> configuredMasterKeys,
                         Map<String, Long> dataKeysByMasterKey) {
    }

    record Rewrapped(int rewrapped, KeyringStatus status) {
    }

    record DataKeyRotated(UUID activeDataKey) {
    }

    @GetMapping
    @Operation(operationId = "getKeyringStatus", summary = "Which master keys are configured and which wrap the stored data keys")
    KeyringStatus status() {
        requireStaffAdmin();
        return currentStatus();
    }

    @PostMapping("/rewrap")
    @Operation(operationId = "rewrapKeyring", summary = "Re-wrap every data key under the active master key (online)")
    Rewrapped rewrap() {
        requireStaffAdmin();
        int count = keyring.rewrapAll();
        return new Rewrapped(count, currentStatus());
    }

    @PostMapping("/rotate-data-key")
    @Operation(operationId = "rotateDataKey", summary = "Seal new secrets under a fresh data key")
    DataKeyRotated rotateDataKey() {
        requireStaffAdmin();
        return new DataKeyRotated(keyring.rotateDataKey());
    }

    private KeyringStatus currentStatus() {
        return new KeyringStatus(keyring.masterKeys().activeId(), keyring.masterKeys().ids(),
                keyring.dataKeysByMasterKey());
    }

    private static void requireStaffAdmin() {
        CurrentUser user = CurrentUser.require();
        if (!user.staff() || !"admin".equals(user.staffRole())) {
            throw ApiProblem.forbidden("staff_admin_required", "Only PenguinMails staff admins run keyring commands");
        }
    }
}
