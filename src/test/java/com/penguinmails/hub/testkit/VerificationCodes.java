package com.penguinmails.hub.testkit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The verification code the hub last emailed to an address, read from {@code system_emails} as the
 * person would read it in their inbox (the code line of the verification email).
 */
public final class VerificationCodes {

    private static final String LATEST = """
            select body_text from system_emails where kind = 'verify_email' and lower(to_address) = lower(?)
            order by created_at desc limit 1""";
    private static final Pattern CODE = Pattern.compile("enter this code in the app: (\\S+)");

    /** Opens a connection that may read {@code system_emails}. */
    @FunctionalInterface
    public interface Database {
        Connection open() throws SQLException;
    }

    private VerificationCodes() {
    }

    /** Answers the latest verification code sent to an address (fails when none was). */
    public static Function<String, String> from(Database database) {
        return email -> {
            try (Connection connection = database.open(); PreparedStatement select = connection.prepareStatement(LATEST)) {
                select.setString(1, email);
                try (ResultSet rows = select.executeQuery()) {
                    if (!rows.next()) {
                        throw new IllegalStateException("No verification email was sent to " + email);
                    }
                    Matcher code = CODE.matcher(rows.getString(1));
                    if (!code.find()) {
                        throw new IllegalStateException("The verification email to " + email + " has no code");
                    }
                    return TestSecrets.register(code.group(1));
                }
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        };
    }
}
