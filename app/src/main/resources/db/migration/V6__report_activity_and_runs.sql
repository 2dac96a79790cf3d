-- Reports feature: activity per account and day, and one row per report run.

-- One row per account and UTC day on which the account signed in or uploaded: the "active users" series.
-- Only (account, day) is kept, not times or addresses: enough for a daily count, nothing more.
create table account_activity (
    account_id bigint not null references accounts (id) on delete cascade,
    day        date   not null,
    primary key (account_id, day)
);
create index account_activity_day on account_activity (day);

-- One row per report run that published (or deliberately skipped). The primary key is the scheduled slot,
-- so when two instances fire for the same slot, or one starts after the other finished, only one row can exist.
-- A run that fails rolls its row back, so the slot can be tried again.
create table report_runs (
    slot         timestamptz primary key,
    trigger      text        not null check (trigger in ('schedule', 'manual')),
    report_date  date        not null,
    outcome      text        not null check (outcome in ('published', 'already-published')),
    requested_by text,
    finished_at  timestamptz not null default now()
);
create index report_runs_report_date on report_runs (report_date) where outcome = 'published';
