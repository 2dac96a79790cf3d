package com.example.myamazingapp.files;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
public class StoredFileRepository {

    private static final String COLUMNS =
            "id, owner_id, original_name, content_type, size_bytes, sha256, storage_key, created_at";

    private final JdbcClient jdbc;

    public StoredFileRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public StoredFile insert(StoredFile file) {
        return jdbc.sql("""
                        INSERT INTO stored_files
                            (id, owner_id, original_name, content_type, size_bytes, sha256, storage_key)
                        VALUES (:id, :ownerId, :originalName, :contentType, :sizeBytes, :sha256, :storageKey)
                        RETURNING\s""" + COLUMNS).paramSource(file).query(StoredFile.class).single();
    }

    /** The owner is part of every lookup: another user's id is simply not found. */
    public Optional<StoredFile> find(UUID id, long ownerId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM stored_files WHERE id = :id AND owner_id = :ownerId")
                .param("id", id)
                .param("ownerId", ownerId)
                .query(StoredFile.class)
                .optional();
    }

    public List<StoredFile> newestFirst(long ownerId, long offset, int limit) {
        return jdbc.sql("SELECT " + COLUMNS + """
                         FROM stored_files WHERE owner_id = :ownerId
                        ORDER BY created_at DESC, id
                        OFFSET :offset LIMIT :limit""")
                .param("ownerId", ownerId)
                .param("offset", offset)
                .param("limit", limit)
                .query(StoredFile.class)
                .list();
    }

    /**
     * One page of the owner's files in {@code order}, optionally only those whose name contains {@code search} (any
     * case; % and _ are taken literally). The owner's index narrows the rows, the order's index serves the sort.
     */
    public List<StoredFile> page(long ownerId, String search, FileOrder order, long offset, int limit) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM stored_files WHERE owner_id = :ownerId" + nameFilter(search)
                        + " ORDER BY " + order.orderBy + " OFFSET :offset LIMIT :limit")
                .param("ownerId", ownerId)
                .param("pattern", pattern(search))
                .param("offset", offset)
                .param("limit", limit)
                .query(StoredFile.class)
                .list();
    }

    public long count(long ownerId, String search) {
        if (search.isEmpty()) {
            return count(ownerId);
        }
        return jdbc.sql("SELECT count(*) FROM stored_files WHERE owner_id = :ownerId" + nameFilter(search))
                .param("ownerId", ownerId)
                .param("pattern", pattern(search))
                .query(Long.class)
                .single();
    }

    private static String nameFilter(String search) {
        return search.isEmpty() ? "" : " AND original_name ILIKE :pattern ESCAPE '\\'";
    }

    private static String pattern(String search) {
        return "%" + search.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    }

    public long count(long ownerId) {
        // Kept by the database as files come and go (migration V9): one row, however many files.
        return jdbc.sql("SELECT coalesce((SELECT files FROM account_file_totals WHERE account_id = :ownerId), 0)")
                .param("ownerId", ownerId)
                .query(Long.class)
                .single();
    }

    public boolean delete(UUID id, long ownerId) {
        return jdbc.sql("DELETE FROM stored_files WHERE id = :id AND owner_id = :ownerId")
                        .param("id", id)
                        .param("ownerId", ownerId)
                        .update()
                == 1;
    }
}
