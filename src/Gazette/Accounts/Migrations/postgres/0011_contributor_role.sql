-- WordPress's fourth role: a contributor writes drafts and submits them for review.
alter table users drop constraint users_role_check;
alter table users add constraint users_role_check check (role in ('administrator', 'editor', 'author', 'contributor'));
