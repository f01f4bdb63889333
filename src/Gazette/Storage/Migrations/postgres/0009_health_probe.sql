-- One row per machine, rewritten by /healthz's write probe: proof that the
-- database still takes a write (a full disk or a read-only database fails it).
create table health_probes (
    node text primary key,
    probed_at timestamptz not null
);
