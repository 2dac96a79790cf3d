package com.example.myamazingapp.storage;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalFolderObjectStoreTest extends ObjectStoreContract {

    @TempDir
    Path folder;

    @Override
    ObjectStore store() {
        return new LocalFolderObjectStore(folder);
    }

    @Test
    void aKeyCannotEscapeTheFolder() {
        assertThatThrownBy(() -> store().put("../outside", new ByteArrayInputStream(new byte[1]), 1, "text/plain"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
