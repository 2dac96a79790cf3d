-- The client address of each failed sign-in: the throttle counts per e-mail and address, and per address, so that
-- nobody can lock another person out of their account from elsewhere. Older rows (none survive 15 minutes) get ''.
ALTER TABLE login_failures ADD COLUMN client text NOT NULL DEFAULT '';

CREATE INDEX login_failures_client_failed_at ON login_failures (client, failed_at);
