package com.penguinmails.hub.support.internal;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.penguinmails.hub.platform.database.TenantTransactions;
import com.penguinmails.hub.platform.web.ApiProblem;
import com.penguinmails.hub.support.internal.SupportApi.ArticleBody;
import com.penguinmails.hub.support.internal.SupportApi.ArticleHit;
import com.penguinmails.hub.support.internal.SupportApi.ArticleView;
import com.penguinmails.hub.tenancy.CurrentUser;

/**
 * The knowledge base: search and published articles for any signed-in user; the editor (drafts,
 * create, change, delete) for staff — the table's policies enforce the same split in the database.
 */
@RestController
@Tag(name = "Knowledge base", description = "Help-center articles with full-text search")
class KnowledgeBaseController {

    private final KnowledgeBase knowledgeBase;
    private final TicketDesk desk;
    private final TenantTransactions transactions;
    private final Clock clock;

    KnowledgeBaseController(KnowledgeBase knowledgeBase, TicketDesk desk, TenantTransactions transactions, Clock clock) {
        this.knowledgeBase = knowledgeBase;
        this.desk = desk;
        this.transactions = transactions;
        this.clock = clock;
    }

    @GetMapping("/api/v1/support/kb/search")
    @Operation(operationId = "searchKnowledgeBase", summary = "Published articles matching any word of q, with relevance in [0, 1)")
    List<ArticleHit> search(@RequestParam @NotBlank @Size(max = 2000) String q,
                            @RequestParam(required = false) @Pattern(regexp = SupportApi.CATEGORY) String category,
                            @RequestParam(defaultValue = "10") @Min(1) @Max(50) int limit) {
        CurrentUser.require();
        return transactions.inCurrentScope(() -> knowledgeBase.search(q, category, limit)).stream()
                .map(h -> new ArticleHit(h.article().id(), h.article().slug(), h.article().title(), h.article().category(),
                        desk.articleUrl(h.article().slug()), h.snippet(), h.score())).toList();
    }

    @GetMapping("/api/v1/support/kb/articles/{slug}")
    @Operation(operationId = "getKnowledgeBaseArticleBySlug", summary = "A published article (staff also see drafts)")
    ArticleView bySlug(@PathVariable @Size(max = 200) String slug) {
        CurrentUser.require();
        return transactions.inCurrentScope(() -> knowledgeBase.bySlug(slug)).map(ArticleView::of)
                .orElseThrow(KnowledgeBaseController::notFound);
    }

    @GetMapping("/api/v1/support/desk/kb/articles")
    @Operation(operationId = "listKnowledgeBaseArticles", summary = "Every article, drafts included, most recently changed first (staff)")
    List<ArticleView> list(@RequestParam(required = false) Boolean published,
                           @RequestParam(defaultValue = "100") @Min(1) @Max(500) int limit) {
        DeskController.requireStaff();
        return transactions.inCurrentScope(() -> knowledgeBase.list(published, limit)).stream().map(ArticleView::of).toList();
    }

    @PostMapping("/api/v1/support/desk/kb/articles")
    @ApiResponse(responseCode = "201", description = "Created")
    @Operation(operationId = "createKnowledgeBaseArticle", summary = "Write an article (staff); the slug is unique")
    ResponseEntity<ArticleView> create(@Valid @RequestBody ArticleBody body) {
        DeskController.requireStaff();
        Instant now = clock.instant();
        KnowledgeBase.Article article = new KnowledgeBase.Article(UUID.randomUUID(), body.slug(), body.title(), body.body(),
                body.category(), Boolean.TRUE.equals(body.published()), now, now);
        try {
            transactions.inCurrentScope(() -> knowledgeBase.insert(article));
        } catch (DuplicateKeyException taken) {
            throw slugTaken(body.slug());
        }
        return ResponseEntity.created(URI.create("/api/v1/support/desk/kb/articles/" + article.id()))
                .body(ArticleView.of(article));
    }

    @GetMapping("/api/v1/support/desk/kb/articles/{id}")
    @Operation(operationId = "getKnowledgeBaseArticle", summary = "One article by id (staff)")
    ArticleView get(@PathVariable UUID id) {
        DeskController.requireStaff();
        return transactions.inCurrentScope(() -> knowledgeBase.find(id)).map(ArticleView::of)
                .orElseThrow(KnowledgeBaseController::notFound);
    }

    @PutMapping("/api/v1/support/desk/kb/articles/{id}")
    @Operation(operationId = "updateKnowledgeBaseArticle", summary = "Change an article (staff)")
    ArticleView update(@PathVariable UUID id, @Valid @RequestBody ArticleBody body) {
        DeskController.requireStaff();
        Instant now = clock.instant();
        try {
            return transactions.inCurrentScope(() -> {
                KnowledgeBase.Article existing = knowledgeBase.find(id).orElseThrow(KnowledgeBaseController::notFound);
                KnowledgeBase.Article changed = new KnowledgeBase.Article(id, body.slug(), body.title(), body.body(),
                        body.category(), Boolean.TRUE.equals(body.published()), existing.createdAt(), now);
                knowledgeBase.update(changed, now);
                return ArticleView.of(knowledgeBase.find(id).orElseThrow());
            });
        } catch (DuplicateKeyException taken) {
            throw slugTaken(body.slug());
        }
    }

    @DeleteMapping("/api/v1/support/desk/kb/articles/{id}")
    @ApiResponse(responseCode = "204", description = "Deleted")
    @Operation(operationId = "deleteKnowledgeBaseArticle", summary = "Delete an article (staff)")
    ResponseEntity<Void> delete(@PathVariable UUID id) {
        DeskController.requireStaff();
        if (!transactions.inCurrentScope(() -> knowledgeBase.delete(id))) {
            throw notFound();
        }
        return ResponseEntity.noContent().build();
    }

    private static ApiProblem notFound() {
        return ApiProblem.notFound("article_not_found", "No such article");
    }

    private static ApiProblem slugTaken(String slug) {
        return ApiProblem.conflict("slug_taken", "Another article already has the slug " + slug);
    }
}
