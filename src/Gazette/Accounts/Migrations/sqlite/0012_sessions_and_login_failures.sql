-- Server-side sessions behind the newsroom's cookie, so that logging out or
-- changing a password ends them for real; and failed logins counted per
-- account and address, in the database so every node sees them.
-- sessions.id is the SHA-256 (hex) of the token in the cookie: the token
-- itself is never stored.
create table sessions (
    id text primary key,
    user_id integer not null references users (id) on delete cascade,
    created_at text not null,
    last_seen_at text not null,
    expires_at text not null,
    ip text null,
    user_agent text null
);
create index sessions_user on sessions (user_id);

create table login_failures (
    login text not null,
    address text not null,
    failures integer not null,
    last_failed_at text not null,
    primary key (login, address)
);
