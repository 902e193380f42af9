package com.penguinmails.hub.tenancy.internal;

import java.util.List;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import com.penguinmails.hub.tenancy.CurrentUser;
import com.penguinmails.hub.tenancy.TenantAccess;
import com.penguinmails.hub.tenancy.TenantRole;
import com.penguinmails.hub.tenancy.internal.TenancyApi.AcceptInvitationRequest;
import com.penguinmails.hub.tenancy.internal.TenancyApi.InvitationRequest;
import com.penguinmails.hub.tenancy.internal.TenancyApi.InvitationView;
import com.penguinmails.hub.tenancy.internal.TenancyApi.MemberView;

/** Inviting people to a tenant by email address, and accepting an invitation. */
@RestController
@Tag(name = "Tenants")
class InvitationController {

    private final InvitingMembers inviting;

    InvitationController(InvitingMembers inviting) {
        this.inviting = inviting;
    }

    @PostMapping("/api/v1/tenants/{tenantId}/invitations")
    @ApiResponse(responseCode = "201", description = "Invited; the invitation is emailed")
    @Operation(operationId = "inviteMember", summary = "Invite an email address with a role (owners and admins); the invitation is emailed")
    ResponseEntity<InvitationView> invite(@PathVariable UUID tenantId, @Valid @RequestBody InvitationRequest body) {
        TenantRole role = TenantRole.parse(body.role()).orElseThrow();
        return ResponseEntity.status(HttpStatus.CREATED)
                .body(InvitationView.of(inviting.invite(TenantAccess.require(), body.email(), role)));
    }

    @GetMapping("/api/v1/tenants/{tenantId}/invitations")
    @Operation(operationId = "listInvitations", summary = "The tenant's pending invitations (owners and admins)")
    List<InvitationView> pending(@PathVariable UUID tenantId) {
        return inviting.open(TenantAccess.require()).stream().map(InvitationView::of).toList();
    }

    @DeleteMapping("/api/v1/tenants/{tenantId}/invitations/{invitationId}")
    @ApiResponse(responseCode = "204", description = "Revoked")
    @Operation(operationId = "revokeInvitation", summary = "Revoke a pending invitation (owners and admins)")
    ResponseEntity<Void> revoke(@PathVariable UUID tenantId, @PathVariable UUID invitationId) {
        inviting.revoke(TenantAccess.require(), invitationId);
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/api/v1/invitations/accept")
    @Operation(operationId = "acceptInvitation", summary = "Join the tenant of an invitation, signed in with the invited address, verified")
    MemberView accept(@Valid @RequestBody AcceptInvitationRequest body) {
        return MemberView.of(inviting.accept(CurrentUser.require(), body.token()));
    }
}
