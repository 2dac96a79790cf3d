package com.example.myamazingapp.support;

import com.example.myamazingapp.storage.ObjectStore;
import java.io.InputStream;

/** A real store passing every call through; fault tests override the calls they watch, refuse or break. */
public class DelegatingObjectStore implements ObjectStore {

    private final ObjectStore delegate;

    public DelegatingObjectStore(ObjectStore delegate) {
        this.delegate = delegate;
    }

    @Override
    public void put(String key, InputStream content, long length, String contentType) {
        delegate.put(key, content, length, contentType);
    }

    @Override
    public void put(String key, InputStream content, long length, String contentType, String cacheControl) {
        delegate.put(key, content, length, contentType, cacheControl);
    }

    @Override
    public InputStream open(String key) {
        return delegate.open(key);
    }

    @Override
    public boolean exists(String key) {
        return delegate.exists(key);
    }

    @Override
    public void copy(String from, String to, String contentType, String cacheControl) {
        delegate.copy(from, to, contentType, cacheControl);
    }

    @Override
    public void delete(String key) {
        delegate.delete(key);
    }

    @Override
    public void checkReachable() {
        delegate.checkReachable();
    }
}
