package com.penguinmails.hub.support.internal;

import java.util.regex.Pattern;

/**
 * Keeps the new part of a reply: drops the quoted history below an "On … wrote:" line or an
 * "-----Original Message-----" separator, and trailing {@code >}-quoted lines. Mailgun does this
 * itself ({@code stripped-text}); raw and SendGrid emails go through here.
 */
final class ReplyText {

    private static final Pattern HISTORY = Pattern.compile(
            "(?m)^(On .{1,300} wrote:\\s*$|-{2,}\\s*Original Message\\s*-{2,}|From: .+\\R(Sent|Date): )");
    private static final Pattern TAGS = Pattern.compile("<[^>]*>");

    private ReplyText() {
    }

    static String strip(String text) {
        if (text == null) {
            return "";
        }
        String normalised = text.replace("\r\n", "\n");
        var m = HISTORY.matcher(normalised);
        String kept = m.find() && m.start() > 0 ? normalised.substring(0, m.start()) : normalised;
        String[] lines = kept.split("\n", -1);
        int end = lines.length;
        while (end > 0 && (lines[end - 1].isBlank() || lines[end - 1].startsWith(">"))) {
            end--;
        }
        String result = String.join("\n", java.util.Arrays.copyOf(lines, end)).strip();
        return result.isEmpty() ? normalised.strip() : result;
    }

    static String fromHtml(String html) {
        return TAGS.matcher(html.replaceAll("(?i)<br\\s*/?>|</p>", "\n")).replaceAll("")
                .replace("&nbsp;", " ").replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&").strip();
    }
}
