-- The newsroom's images. name is the file's name under the media folder
-- (the first 32 hex digits of content_hash and the type's extension), so the
-- same bytes uploaded twice are one file and one row. original_name is shown
-- to editors only, never used to find a file. variant_widths lists the WebP
-- widths made beside the original ("480,960"), never wider than it.
-- alt_text is required from the upload on, so any image can go into an
-- article. focal_x and focal_y are 0..1 from the left and top.
create table media (
    id integer primary key,
    content_hash text not null,
    name text not null,
    original_name text not null,
    mime_type text not null,
    width integer not null,
    height integer not null,
    byte_size integer not null,
    variant_widths text not null,
    alt_text text not null,
    caption text not null,
    credit text not null,
    usage_rights text not null,
    focal_x real not null default 0.5,
    focal_y real not null default 0.5,
    uploaded_by integer null references users (id) on delete set null,
    uploaded_at text not null
);
create unique index media_content_hash on media (content_hash);
create unique index media_name on media (name);
create index media_uploaded on media (uploaded_at desc, id desc);
