CREATE TABLE stored_files (
    id            uuid PRIMARY KEY,
    owner_id      bigint      NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    original_name text        NOT NULL,
    content_type  text        NOT NULL,
    size_bytes    bigint      NOT NULL CHECK (size_bytes > 0),
    sha256        text        NOT NULL,
    storage_key   text        NOT NULL UNIQUE,
    created_at    timestamptz NOT NULL DEFAULT now()
);

-- "My files", newest first, one page at a time.
CREATE INDEX stored_files_owner_created ON stored_files (owner_id, created_at DESC, id);
