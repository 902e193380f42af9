-- Data keys of the keyring, wrapped by a master key that never reaches the database.
create table data_keys (
    id             uuid primary key,
    master_key_id  text not null,
    wrapped_key    bytea not null,
    created_at     timestamptz not null,
    rewrapped_at   timestamptz,
    retired_at     timestamptz
);
-- one active data key across all nodes
create unique index data_keys_one_active on data_keys ((retired_at is null)) where retired_at is null;

grant select, insert, update on data_keys to ${app_role};
