package com.example.myamazingapp.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
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
    void isReachable() {
        assertThatCode(() -> store().checkReachable()).doesNotThrowAnyException();
    }
}
