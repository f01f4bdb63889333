-- What editors put on the fronts (decision 141): the home page's (section_id null) and each section's lead
-- (position 0) and featured stories (1 and on, in order); a story appears once per front.
create table front_picks (
    section_id integer null references sections (id) on delete cascade,
    position integer not null check (position >= 0),
    article_id integer not null references articles (id) on delete cascade,
    picked_by integer null references users (id) on delete set null,
    picked_at text not null
);
create unique index front_picks_place on front_picks (coalesce(section_id, 0), position);
create unique index front_picks_article on front_picks (coalesce(section_id, 0), article_id);
create index front_picks_story on front_picks (article_id);

-- The breaking-news banner every page shows (decision 142): the newest row not ended and not expired.
-- Rows are kept, so the newsroom can see what ran and who ended it.
create table breaking_news (
    id integer primary key,
    text text not null,
    url text not null,
    expires_at text null,
    created_by integer null references users (id) on delete set null,
    created_at text not null,
    ended_by integer null references users (id) on delete set null,
    ended_at text null
);
