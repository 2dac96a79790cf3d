-- Each account's file count, bytes and last upload, kept by the database as files come and go, so that the files page
-- and the API's list read one row instead of counting and summing all of the account's files on every view.
create table account_file_totals (
    account_id  bigint      primary key references accounts (id) on delete cascade,
    files       bigint      not null default 0 check (files >= 0),
    bytes       bigint      not null default 0 check (bytes >= 0),
    last_upload timestamptz
);

insert into account_file_totals (account_id, files, bytes, last_upload)
select owner_id, count(*), sum(size_bytes), max(created_at) from stored_files group by owner_id;

-- In the same transaction as the file's row: the totals never disagree with stored_files. The row lock on the
-- account's totals orders one account's concurrent uploads; other accounts do not wait.
create function maintain_account_file_totals() returns trigger language plpgsql as $$
begin
    if tg_op = 'INSERT' then
        insert into account_file_totals as t (account_id, files, bytes, last_upload)
        values (new.owner_id, 1, new.size_bytes, new.created_at)
        on conflict (account_id) do update
            set files = t.files + 1,
                bytes = t.bytes + excluded.bytes,
                last_upload = greatest(t.last_upload, excluded.last_upload);
        return new;
    end if;
    update account_file_totals
        set files = files - 1,
            bytes = bytes - old.size_bytes,
            -- the newest remaining file (stored_files_owner_created makes this one index probe)
            last_upload = (select max(created_at) from stored_files where owner_id = old.owner_id)
        where account_id = old.owner_id;
    return old;
end;
$$;

create trigger stored_files_account_totals
    after insert or delete on stored_files
    for each row execute function maintain_account_file_totals();
