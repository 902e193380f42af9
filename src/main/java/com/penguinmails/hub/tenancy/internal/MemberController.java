package com.penguinmails.hub.tenancy.internal;

import java.util.List;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import com.penguinmails.hub.tenancy.TenantAccess;
import com.penguinmails.hub.tenancy.TenantRole;
import com.penguinmails.hub.tenancy.internal.TenancyApi.MemberRequest;
import com.penguinmails.hub.tenancy.internal.TenancyApi.MemberView;

@RestController
@RequestMapping("/api/v1/tenants/{tenantId}/members")
@Tag(name = "Tenants")
class MemberController {

    private final ManagingMembers members;

    MemberController(ManagingMembers members) {
        this.members = members;
    }

    @GetMapping
    @Operation(operationId = "listMembers", summary = "The tenant's members and their roles")
    List<MemberView> list(@PathVariable UUID tenantId) {
        TenantAccess.require();
        return members.list(tenantId).stream().map(MemberView::of).toList();
    }

    @PutMapping("/{userId}")
    @Operation(operationId = "putMember", summary = "Change a member's role (owners and admins); people join by invitation")
    MemberView put(@PathVariable UUID tenantId, @PathVariable UUID userId, @Valid @RequestBody MemberRequest body) {
        TenantRole role = TenantRole.parse(body.role()).orElseThrow();
        return MemberView.of(members.changeRole(TenantAccess.require(), userId, role));
    }

    @DeleteMapping("/{userId}")
    @ApiResponse(responseCode = "204", description = "Removed")
    @Operation(operationId = "removeMember", summary = "Remove a member (owners and admins; a member may remove themself)")
    ResponseEntity<Void> remove(@PathVariable UUID tenantId, @PathVariable UUID userId) {
        members.remove(TenantAccess.require(), userId);
        return ResponseEntity.noContent().build();
    }
}
