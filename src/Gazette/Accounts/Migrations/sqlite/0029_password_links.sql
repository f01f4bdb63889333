-- One-time links to set a password (an imported author has none; an
-- administrator can send anyone one). id is the SHA-256 (hex) of the token in
-- the link: the token itself is never stored. A link works once, until
-- expires_at; used_at marks it spent.
create table password_links (
    id text primary key,
    user_id integer not null references users (id) on delete cascade,
    created_at text not null,
    expires_at text not null,
    used_at text null
);
create index password_links_user on password_links (user_id);
