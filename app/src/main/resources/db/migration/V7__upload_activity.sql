-- An upload makes its owner active on that UTC day. Recorded by the database when the file's row is inserted, so
-- every upload path (page, API, chunked) counts, in the same transaction as the row, without the files code knowing
-- about reports.
create function record_upload_activity() returns trigger language plpgsql as $$
begin
    insert into account_activity (account_id, day)
    values (new.owner_id, (new.created_at at time zone 'UTC')::date)
    on conflict do nothing;
    return new;
end;
$$;

create trigger stored_files_upload_activity
    after insert on stored_files
    for each row execute function record_upload_activity();
