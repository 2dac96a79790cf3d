package com.example.myamazingapp.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The behaviour both stores promise; each implementation's test supplies the store. */
abstract class ObjectStoreContract {

    abstract ObjectStore store();

    @Test
    void storesOpensAndDeletesAnObject() throws Exception {
        var key = "files/" + UUID.randomUUID();
        var content = new byte[256 * 1024 + 7];
        new Random(1).nextBytes(content);

        store().put(key, new ByteArrayInputStream(content), content.length, "application/octet-stream");
        try (var in = store().open(key)) {
            assertThat(in.readAllBytes()).isEqualTo(content);
        }
        store().delete(key);

        assertThatThrownBy(() -> store().open(key).readAllBytes()).isInstanceOf(Exception.class);
    }

    @Test
    void deletingAMissingObjectIsNotAnError() {
        assertThatCode(() -> store().delete("files/" + UUID.randomUUID())).doesNotThrowAnyException();
    }

    @Test
    void aStreamShorterThanItsDeclaredLengthIsRefusedAndNotStored() {
        var key = "files/" + UUID.randomUUID();

        assertThatThrownBy(() -> store().put(key, new ByteArrayInputStream(new byte[10]), 20, "text/plain"))
                .isInstanceOf(StorageUnavailableException.class);

        assertThatThrownBy(() -> store().open(key).readAllBytes()).isInstanceOf(Exception.class);
    }

    @Test
    void anObjectExistsFromItsPutUntilItsDelete() {
        var key = "contract/" + UUID.randomUUID();
        assertThat(store().exists(key)).isFalse();

        store().put(key, new ByteArrayInputStream(new byte[3]), 3, "text/plain", "public, max-age=300");
        assertThat(store().exists(key)).isTrue();

        store().delete(key);
        assertThat(store().exists(key)).isFalse();
    }

    @Test
    void aCopyHasTheSameBytesUnderItsOwnKeyAndLeavesTheSource() throws Exception {
        var from = "contract/" + UUID.randomUUID();
        var to = "contract/copies/" + UUID.randomUUID();
        var content = "the same bytes".getBytes(StandardCharsets.UTF_8);
        store().put(from, new ByteArrayInputStream(content), content.length, "text/plain", null);

        store().copy(from, to, "text/plain; charset=utf-8", "public, max-age=300");

        try (var in = store().open(to)) {
            assertThat(in.readAllBytes()).isEqualTo(content);
        }
        assertThat(store().exists(from)).isTrue();
        store().delete(from);
        store().delete(to);
    }

    @Test
    void copyingAMissingObjectIsRefusedAndWritesNothing() {
        var to = "contract/" + UUID.randomUUID();

        assertThatThrownBy(() -> store().copy("contract/" + UUID.randomUUID(), to, "text/plain", null))
                .isInstanceOf(StorageUnavailableException.class);

        assertThat(store().exists(to)).isFalse();
    }

    @Test
    void isReachable() {
        assertThatCode(() -> store().checkReachable()).doesNotThrowAnyException();
    }
}
