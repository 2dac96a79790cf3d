-- Personal access tokens for the API (Authorization: Bearer). Only the SHA-256 of a token is kept: the token itself
-- is 256 random bits, shown once, so its hash cannot be reversed or guessed and a slow hash (bcrypt) would only cost
-- CPU on every call. Revoking deletes the row. last_used_at moves at most about once a minute (accounts.ApiTokens).
create table api_tokens (
    id           bigserial   primary key,
    account_id   bigint      not null references accounts (id) on delete cascade,
    name         text        not null check (length(name) between 1 and 100),
    token_hash   bytea       not null unique check (length(token_hash) = 32),
    created_at   timestamptz not null default now(),
    last_used_at timestamptz
);
create index api_tokens_account on api_tokens (account_id, created_at);
