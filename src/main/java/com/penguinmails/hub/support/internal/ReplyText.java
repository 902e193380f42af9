package com.penguinmails.hub.support.internal;

import java.util.regex.Pattern;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.TextNode;

/**
 * Keeps the new part of a reply: drops the quoted history below an "On … wrote:" line or an
 * "-----Original Message-----" separator, and trailing {@code >}-quoted lines. Mailgun does this
 * itself when it can ({@code stripped-text}); every other email goes through here.
 */
final class ReplyText {

    private static final Pattern HISTORY = Pattern.compile(
            "(?m)^(On .{1,300} wrote:\\s*$|-{2,}\\s*Original Message\\s*-{2,}|From: .+\\R(Sent|Date): )");

    private static final Pattern SPACES = Pattern.compile("[ \\t\\x0B\\f\\r]+");
    private static final Pattern BLANK_RUNS = Pattern.compile("\n{3,}");

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

    /**
     * The text a reader sees in an HTML body (jsoup): scripts, styles and the head are dropped, entities decoded,
     * line breaks kept at {@code <br>} and block ends, runs of blank lines closed up.
     */
    static String fromHtml(String html) {
        if (html == null || html.isBlank()) {
            return "";
        }
        Document document = Jsoup.parse(html);
        document.select("script, style, head, template, noscript").remove();
        for (Element end : document.select("p, div, li, tr, h1, h2, h3, h4, h5, h6, blockquote, pre, table")) {
            end.after(new TextNode("\n"));
        }
        String text = document.body() == null ? "" : document.body().wholeText();
        return BLANK_RUNS.matcher(SPACES.matcher(text.replace('\u00a0', ' ')).replaceAll(" ")
                .replaceAll("(?m)^ +| +$", "")).replaceAll("\n\n").strip();
    }
}
