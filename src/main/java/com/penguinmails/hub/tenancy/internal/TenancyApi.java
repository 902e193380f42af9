package com.penguinmails.hub.tenancy.internal;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import com.penguinmails.hub.tenancy.TenantRole;

/** The JSON shapes of the tenancy API. */
final class TenancyApi {

    private TenancyApi() {
    }

    static final String HOSTNAME = "^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)+$";

    record SignUpRequest(
            @NotBlank @Email @Size(max = 254) String email,
            @NotNull @Size(min = 10, max = 128) String password,
            @NotBlank @Size(max = 200) String name,
            @Size(max = 50) Map<String, Object> data) {
        @Override
        public String toString() {
            return "SignUpRequest[email=" + email + "]";
        }
    }

    record SignInRequest(@NotBlank @Size(max = 254) String email, @NotNull @Size(max = 128) String password) {
        @Override
        public String toString() {
            return "SignInRequest[email=" + email + "]";
        }
    }

    record VerifyEmailRequest(@NotBlank @Size(max = 128) String token) {
        @Override
        public String toString() {
            return "VerifyEmailRequest[]";
        }
    }

    record TenantRequest(
            @NotBlank @Size(max = 200) String name,
            @Size(max = 253) @Pattern(regexp = HOSTNAME, message = "must be a lower-case domain name") String domain,
            @Size(max = 100) Map<String, Object> settings) {
    }

    record MemberRequest(@NotNull @Pattern(regexp = "owner|admin|member|viewer",
            message = "must be one of owner, admin, member, viewer") String role) {
    }

    record InvitationRequest(
            @NotBlank @Email @Size(max = 254) String email,
            @NotNull @Pattern(regexp = "owner|admin|member|viewer",
                    message = "must be one of owner, admin, member, viewer") String role) {
        @Override
        public String toString() {
            return "InvitationRequest[role=" + role + "]";
        }
    }

    record AcceptInvitationRequest(@NotBlank @Size(max = 128) String token) {
        @Override
        public String toString() {
            return "AcceptInvitationRequest[]";
        }
    }

    /** An invitation as its tenant's owners and admins see it (never its token). */
    record InvitationView(UUID id, String email, String role, UUID invitedBy, Instant createdAt, Instant expiresAt) {
        static InvitationView of(Invitations.Invitation i) {
            return new InvitationView(i.id(), i.email(), i.role().value(), i.invitedBy(), i.createdAt(), i.expiresAt());
        }
    }

    record PreferencesRequest(
            @NotNull @Pattern(regexp = "light|dark|system", message = "must be one of light, dark, system") String theme,
            @NotNull @LanguageCode String language,
            @NotNull @IanaTimeZone String timezone,
            @NotNull Boolean emailNotifications,
            @NotNull Boolean pushNotifications,
            @NotNull Boolean weeklyReports,
            @NotNull Boolean marketingEmails) {
    }

    record UserView(UUID id, String email, String name, boolean emailVerified, String onboardingStep,
                    Map<String, Object> data, Instant createdAt) {
        static UserView of(UserAccount u) {
            return new UserView(u.id(), u.email(), u.name(), u.emailVerified(), u.onboardingStep(), u.data(),
                    u.createdAt());
        }
    }

    record SessionView(String token, String tokenType, Instant expiresAt, UserView user) {
        @Override
        public String toString() {
            return "SessionView[user=" + user.id() + "]";
        }
    }

    record PreferencesView(String theme, String language, String timezone, boolean emailNotifications,
                           boolean pushNotifications, boolean weeklyReports, boolean marketingEmails,
                           Instant updatedAt) {
        static PreferencesView of(Preferences p) {
            return new PreferencesView(p.theme(), p.language(), p.timezone(), p.emailNotifications(),
                    p.pushNotifications(), p.weeklyReports(), p.marketingEmails(), p.updatedAt());
        }
    }

    record MembershipView(UUID tenantId, String tenantName, List<String> roles, PreferencesView preferences) {
    }

    @Schema(name = "UserProfileView")
    record ProfileView(UserView user, List<MembershipView> memberships, boolean isPenguinMailsStaff,
                       String staffRole) {
    }

    record TenantView(UUID id, String name, String domain, Map<String, Object> settings, String status,
                      Instant createdAt, Instant updatedAt, List<String> yourRoles, boolean staffAccess) {
    }

    record MemberView(UUID userId, String email, String name, List<String> roles, Instant createdAt,
                      Instant updatedAt) {
        static MemberView of(Membership m) {
            return new MemberView(m.userId(), m.email(), m.userName(), roleNames(m.roles()), m.createdAt(),
                    m.updatedAt());
        }
    }

    static List<String> roleNames(List<TenantRole> roles) {
        return roles.stream().map(TenantRole::value).toList();
    }
}
