package com.penguinmails.hub.security.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MasterKeysUnitTests {

    private static final String KEY_A = "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=";
    private static final String KEY_B = "ZmVkY2JhOTg3NjU0MzIxMGZlZGNiYTk4NzY1NDMyMTA=";

    @Test
    void theFirstListedKeyIsActiveAndTheOthersStillUnwrap() {
        MasterKeys keys = MasterKeys.parse("new:" + KEY_B + ", old:" + KEY_A);
        assertThat(keys.activeId()).isEqualTo("new");
        assertThat(keys.ids()).containsExactly("new", "old");
        assertThat(keys.byId("old")).isPresent();
        assertThat(MasterKeys.parse(KEY_A).activeId()).isEqualTo("k1");
    }

    @Test
    void badKeysAreRefusedWithoutEchoingThem() {
        assertThatThrownBy(() -> MasterKeys.parse("k:c2hvcnQ=")).hasMessageContaining("32 bytes")
                .hasMessageNotContaining("c2hvcnQ=");
        assertThatThrownBy(() -> MasterKeys.parse("k:not base64!")).hasMessageContaining("base64");
        assertThatThrownBy(() -> MasterKeys.parse("a:" + KEY_A + ",a:" + KEY_B)).hasMessageContaining("twice");
        assertThatThrownBy(() -> MasterKeys.parse("bad id:" + KEY_A)).hasMessageContaining("ids");
        assertThatThrownBy(() -> MasterKeys.parse("# only a comment")).hasMessageContaining("No master key");
    }

    @Test
    void theEmbeddedDefaultCreatesAPrivateKeyFileOnceAndReusesIt(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("master.key");
        MasterKeys first = MasterKeys.load(new SecurityProperties.Keyring(null, null), Optional.of(file));
        MasterKeys second = MasterKeys.load(new SecurityProperties.Keyring(null, null), Optional.of(file));

        assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(second.active().getEncoded()).isEqualTo(first.active().getEncoded());
    }

    @Test
    void withNoKeyAndNoEmbeddedDatabaseTheHubRefusesToStart() {
        assertThatThrownBy(() -> MasterKeys.load(new SecurityProperties.Keyring("", null), Optional.empty()))
                .hasMessageContaining("HUB_MASTER_KEY");
        assertThatThrownBy(() -> MasterKeys.load(new SecurityProperties.Keyring(null, Path.of("/nonexistent/key")),
                Optional.empty())).hasMessageContaining("does not exist");
    }
}
