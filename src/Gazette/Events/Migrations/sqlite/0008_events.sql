-- The event log (SQLite): every change's consequences, written in the change's
-- own transaction (an outbox), replacing cache_evictions. Events carry ids,
-- never personal data.
-- tx: PostgreSQL's transaction id, by which readers know what has finished;
-- SQLite commits one writer at a time, in id order, so it is always 0 here.
create table events (
    id integer primary key autoincrement,
    tx integer not null default 0,
    type text not null,
    payload text not null,
    origin text not null,
    created_at text not null
);
create index events_position on events (tx, id);
create index events_created on events (created_at);

-- Where each once-per-cluster subscriber has read up to.
create table event_cursors (
    name text primary key,
    tx integer not null,
    event_id integer not null,
    updated_at text not null
);

drop table if exists cache_evictions;
