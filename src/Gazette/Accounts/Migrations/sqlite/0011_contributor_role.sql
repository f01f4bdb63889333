-- gazette: rebuilds-table
-- WordPress's fourth role: a contributor writes drafts and submits them for
-- review. SQLite cannot change a CHECK constraint, so the table is rebuilt with
-- every row and id kept. Foreign keys are on while this runs (and cannot be
-- turned off inside its transaction), so dropping the old table sets bylines'
-- user_id to null: they are kept aside first and put back after.
create temp table byline_users as
select article_id, position, user_id from bylines where user_id is not null;

create table users_new (
    id integer primary key autoincrement,
    login text not null,
    display_name text not null,
    slug text not null,
    email text not null,
    password_hash text not null,
    role text not null check (role in ('administrator', 'editor', 'author', 'contributor')),
    failed_logins integer not null default 0,
    locked_until text null,
    created_at text not null
);
insert into users_new (id, login, display_name, slug, email, password_hash, role, failed_logins, locked_until, created_at)
select id, login, display_name, slug, email, password_hash, role, failed_logins, locked_until, created_at from users;
drop table users;
alter table users_new rename to users;
create unique index users_login on users (login);
create unique index users_email on users (email);
create unique index users_slug on users (slug);

update bylines
set user_id = (select kept.user_id from byline_users kept where kept.article_id = bylines.article_id and kept.position = bylines.position)
where exists (select 1 from byline_users kept where kept.article_id = bylines.article_id and kept.position = bylines.position);
drop table byline_users;
