package com.penguinmails.hub.support.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import com.penguinmails.hub.platform.database.SqlValues;

/**
 * Knowledge-base articles and their full-text search. The {@code search} column weighs the title A,
 * the category B and the body C. A search turns the text into an OR of its words (letters and digits,
 * three or more, at most 32) stemmed by the {@code english} configuration, and scores each article
 * with {@code ts_rank_cd(search, query, 32)}: cover density ranking with normalisation 32, which
 * maps the raw rank r to {@code r / (r + 1)}, so the relevance is always in [0, 1) and grows with
 * how many query words occur, how close together and in which part of the article.
 */
@Repository
class KnowledgeBase {

    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]{3,}");
    private static final int MAX_WORDS = 32;

    private static final String INSERT = """
            insert into kb_articles (id, slug, title, body, category, published, created_at, updated_at)
            values (:id, :slug, :title, :body, :category, :published, :now, :now)""";
    private static final String UPDATE = """
            update kb_articles set slug = :slug, title = :title, body = :body, category = :category,
                published = :published, updated_at = :now
            where id = :id""";
    private static final String DELETE = "delete from kb_articles where id = :id";
    private static final String BY_ID = "select * from kb_articles where id = :id";
    private static final String BY_SLUG = "select * from kb_articles where slug = :slug";
    private static final String LIST = """
            select * from kb_articles where (cast(:published as boolean) is null or published = :published)
            order by updated_at desc, id limit :limit""";
    private static final String SEARCH = """
            select a.*, ts_rank_cd(a.search, q.query, 32) as score
            from kb_articles a, to_tsquery('english', :query) as q(query)
            where a.published and a.search @@ q.query
              and (cast(:category as text) is null or a.category = :category)
            order by score desc, a.id
            limit :limit""";

    /** The passage of each text (an article as a reader sees it) that best matches the query, without marks. */
    private static final String SNIPPETS = """
            select ts_headline('english', t.text, to_tsquery('english', :query),
                               'MaxWords=30, MinWords=10, StartSel="", StopSel=""')
            from unnest(cast(:texts as text[])) with ordinality as t(text, n)
            order by t.n""";

    record Article(UUID id, String slug, String title, String body, String category, boolean published,
                   Instant createdAt, Instant updatedAt) {
    }

    record Hit(Article article, double score, String snippet) {
    }

    private final JdbcClient jdbc;

    KnowledgeBase(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(Article a) {
        jdbc.sql(INSERT).param("id", a.id()).param("slug", a.slug()).param("title", a.title()).param("body", a.body())
                .param("category", a.category()).param("published", a.published())
                .param("now", SqlValues.timestamp(a.createdAt())).update();
    }

    boolean update(Article a, Instant now) {
        return jdbc.sql(UPDATE).param("id", a.id()).param("slug", a.slug()).param("title", a.title())
                .param("body", a.body()).param("category", a.category()).param("published", a.published())
                .param("now", SqlValues.timestamp(now)).update() == 1;
    }

    boolean delete(UUID id) {
        return jdbc.sql(DELETE).param("id", id).update() == 1;
    }

    Optional<Article> find(UUID id) {
        return jdbc.sql(BY_ID).param("id", id).query(this::article).optional();
    }

    Optional<Article> bySlug(String slug) {
        return jdbc.sql(BY_SLUG).param("slug", slug).query(this::article).optional();
    }

    List<Article> list(Boolean published, int limit) {
        return jdbc.sql(LIST).param("published", published).param("limit", limit).query(this::article).list();
    }

    /** Published articles matching any word of {@code text}, best first, with relevance in [0, 1). */
    List<Hit> search(String text, String category, int limit) {
        String query = orQuery(text);
        if (query.isEmpty()) {
            return List.of();
        }
        List<Hit> found = jdbc.sql(SEARCH).param("query", query).param("category", category).param("limit", limit)
                .query((rs, row) -> new Hit(article(rs, row), rs.getDouble("score"), null)).list();
        if (found.isEmpty()) {
            return found;
        }
        // snippets are cut from the text a reader sees, not from the Markdown, whose marks a cut would leave half-open
        String[] texts = found.stream().map(hit -> plainText(hit.article().body())).toArray(String[]::new);
        List<String> snippets = jdbc.sql(SNIPPETS).param("query", query).param("texts", texts).query(String.class).list();
        List<Hit> hits = new java.util.ArrayList<>(found.size());
        for (int i = 0; i < found.size(); i++) {
            hits.add(new Hit(found.get(i).article(), found.get(i).score(), snippets.get(i)));
        }
        return hits;
    }

    /** {@code word1 | word2 | ...}: only letters and digits reach to_tsquery, so no input can break its syntax. */
    static String orQuery(String text) {
        Set<String> words = new LinkedHashSet<>();
        Matcher m = WORD.matcher(text == null ? "" : text.toLowerCase(Locale.ROOT));
        while (m.find() && words.size() < MAX_WORDS) {
            words.add(m.group());
        }
        return String.join(" | ", words);
    }

    private Article article(ResultSet rs, int row) throws SQLException {
        return new Article(rs.getObject("id", UUID.class), rs.getString("slug"), rs.getString("title"),
                rs.getString("body"), rs.getString("category"), rs.getBoolean("published"),
                SqlValues.instant(rs, "created_at"), SqlValues.instant(rs, "updated_at"));
    }

    private static final org.commonmark.parser.Parser MARKDOWN = org.commonmark.parser.Parser.builder().build();
    private static final org.commonmark.renderer.html.HtmlRenderer HTML =
            org.commonmark.renderer.html.HtmlRenderer.builder().escapeHtml(true).build();

    /** An article's Markdown as the reader sees it (commonmark, then jsoup): no emphasis marks, headings' #, link targets. */
    static String plainText(String markdown) {
        return markdown == null ? "" : org.jsoup.Jsoup.parse(HTML.render(MARKDOWN.parse(markdown))).text();
    }
}
