-- Sign-ups per client address, so that nobody can try e-mails at will to learn which have an account (the answer says
-- "already exists"). Kept in PostgreSQL so every instance counts together; rows older than the window are deleted as
-- new ones arrive.
CREATE TABLE sign_up_attempts (
    client       text        NOT NULL,
    attempted_at timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX sign_up_attempts_client_attempted_at ON sign_up_attempts (client, attempted_at);
