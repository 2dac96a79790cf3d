-- The files list sorts by name and by size as well as by date (V2's index): one index per order, each starting with
-- the owner, so a page of one user's files is read in index order (forwards or backwards) however many they have.
CREATE INDEX stored_files_owner_name ON stored_files (owner_id, lower(original_name), id);
CREATE INDEX stored_files_owner_size ON stored_files (owner_id, size_bytes, id);
