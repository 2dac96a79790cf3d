package com.example.myamazingapp.files;

import java.util.List;

/** One page of a user's files, newest first; {@code page} counts from 0. */
public record FilePage(List<StoredFile> items, int page, int size, long total) {

    public boolean hasPrevious() {
        return page > 0;
    }

    public boolean hasNext() {
        return (long) (page + 1) * size < total;
    }
}
