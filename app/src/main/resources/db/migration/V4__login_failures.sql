-- Failed sign-ins, kept in PostgreSQL so that every instance behind the load balancer applies the same throttle.
CREATE TABLE login_failures (
    email     text        NOT NULL,
    failed_at timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX login_failures_email_failed_at ON login_failures (email, failed_at);
