package com.penguinmails.hub.testkit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The codes the hub last emailed to an address — the verification code of the verification email,
 * the invitation code of an invitation — read from {@code system_emails} as the person would read them
 * in their inbox.
 */
public final class EmailedCodes {

    private static final String LATEST = """
            select body_text from system_emails where kind = ? and lower(to_address) = lower(?)
            order by created_at desc limit 1""";
    private static final Pattern VERIFICATION = Pattern.compile("enter this code in the app: (\\S+)");
    private static final Pattern INVITATION = Pattern.compile("enter this invitation code in the app: (\\S+)");

    /** Opens a connection that may read {@code system_emails}. */
    @FunctionalInterface
    public interface Database {
        Connection open() throws SQLException;
    }

    private final Database database;

    public EmailedCodes(Database database) {
        this.database = database;
    }

    /** The code of the latest verification email to the address. */
    public String verification(String email) {
        return code("verify_email", email, VERIFICATION);
    }

    /** The code of the latest invitation email to the address. */
    public String invitation(String email) {
        return code("tenant_invitation", email, INVITATION);
    }

    private String code(String kind, String email, Pattern pattern) {
        try (Connection connection = database.open(); PreparedStatement select = connection.prepareStatement(LATEST)) {
            select.setString(1, kind);
            select.setString(2, email);
            try (ResultSet rows = select.executeQuery()) {
                if (!rows.next()) {
                    throw new IllegalStateException("No " + kind + " email was sent to " + email);
                }
                Matcher code = pattern.matcher(rows.getString(1));
                if (!code.find()) {
                    throw new IllegalStateException("The " + kind + " email to " + email + " has no code");
                }
                return TestSecrets.register(code.group(1));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
