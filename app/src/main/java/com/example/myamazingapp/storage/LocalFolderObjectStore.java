package com.example.myamazingapp.storage;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The embedded default's store: one file per object under a local folder, so no AWS account is needed. A folder serves
 * no response headers: Content-Type and Cache-Control are not kept (a browser opening the files guesses the type).
 */
public class LocalFolderObjectStore implements ObjectStore {

    private final Path root;

    public LocalFolderObjectStore(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    @Override
    public void put(String key, InputStream content, long length, String contentType, String cacheControl) {
        var target = resolve(key);
        Path partial = null;
        try {
            Files.createDirectories(target.getParent());
            // Written beside the target and moved in place, so a reader never sees half an object.
            partial = Files.createTempFile(target.getParent(), ".upload-", ".part");
            long copied = Files.copy(content, partial, StandardCopyOption.REPLACE_EXISTING);
            if (copied != length) {
                throw new IOException("expected " + length + " bytes, received " + copied);
            }
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | UncheckedIOException e) {
            deleteQuietly(partial);
            throw new StorageUnavailableException("Could not store the file in " + root, e);
        }
    }

    @Override
    public InputStream open(String key) {
        try {
            return Files.newInputStream(resolve(key));
        } catch (IOException e) {
            throw new StorageUnavailableException("Could not read the file from " + root, e);
        }
    }

    @Override
    public boolean exists(String key) {
        return Files.exists(resolve(key));
    }

    @Override
    public void copy(String from, String to, String contentType, String cacheControl) {
        var source = resolve(from);
        try (var content = Files.newInputStream(source)) {
            put(to, content, Files.size(source), contentType, cacheControl);
        } catch (IOException e) {
            throw new StorageUnavailableException("Could not copy " + from + " in " + root, e);
        }
    }

    @Override
    public void delete(String key) {
        try {
            Files.deleteIfExists(resolve(key));
        } catch (IOException e) {
            throw new StorageUnavailableException("Could not delete the file from " + root, e);
        }
    }

    @Override
    public void checkReachable() {
        try {
            Files.createDirectories(root);
            if (!Files.isWritable(root)) {
                throw new IOException(root + " is not writable");
            }
        } catch (IOException e) {
            throw new StorageUnavailableException("The local object folder is not usable", e);
        }
    }

    private Path resolve(String key) {
        var path = root.resolve(key).normalize();
        if (!path.startsWith(root) || path.equals(root)) {
            throw new IllegalArgumentException("Invalid object key: " + key);
        }
        return path;
    }

    private static void deleteQuietly(Path path) {
        if (path == null) {
            return;
        }
        try {
            Files.deleteIfExists(path);
        } catch (NoSuchFileException ignored) {
            // already gone
        } catch (IOException ignored) {
            // a leftover .part file is harmless: it never becomes an object
        }
    }
}
