-- Invitations to join a tenant, by email address: an owner or admin invites an address with a role,
-- the hub emails a single-use token (only its SHA-256 is stored here), and the person accepts it while
-- signed in with that verified address. Nothing here refers to a user until the invitation is accepted,
-- so inviting an address says nothing about whether an account with it exists.
create table tenant_invitations (
    tenant_id    uuid not null references tenants (id) on delete cascade,
    id           uuid not null,
    token_hash   bytea not null unique,
    email        text not null check (char_length(email) between 3 and 254),
    role         text not null check (role in ('owner', 'admin', 'member', 'viewer')),
    invited_by   uuid references users (id) on delete set null,
    created_at   timestamptz not null,
    expires_at   timestamptz not null,
    accepted_at  timestamptz,
    accepted_by  uuid references users (id) on delete set null,
    revoked_at   timestamptz,
    primary key (tenant_id, id)
);
-- one open invitation per address and tenant: inviting again revokes the earlier one first
create unique index tenant_invitations_open on tenant_invitations (tenant_id, lower(email))
    where accepted_at is null and revoked_at is null;

alter table tenant_invitations enable row level security;
create policy tenant_isolation on tenant_invitations
    using (tenant_id = hub_current_tenant()) with check (tenant_id = hub_current_tenant());

-- Accepting starts from the token alone: this owner-defined function finds the invitation's tenant
-- (keys only); the rest runs in that tenant's scope.
create function find_tenant_invitation(p_hash bytea)
    returns table (tenant_id uuid, id uuid)
    language sql stable security definer set search_path = public
    as $$
        select i.tenant_id, i.id from tenant_invitations i where i.token_hash = p_hash
    $$;
revoke all on function find_tenant_invitation(bytea) from public;
grant execute on function find_tenant_invitation(bytea) to ${app_role};

grant select, insert, update, delete on tenant_invitations to ${app_role};
