package fr.bts.referential.service;

import fr.bts.commons.http.Page;
import fr.bts.commons.http.PageRequest;
import fr.bts.commons.problem.ProblemException;
import fr.bts.referential.api.Views;
import fr.bts.referential.document.TextNormalizer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import static fr.bts.referential.service.ReferentialQueryService.kindKey;
import static fr.bts.referential.service.ReferentialQueryService.likeEscape;

/** Full-text search over the current published versions (public: drafts are never searched). */
@ApplicationScoped
@Transactional
public class SearchService {

    private static final List<String> SEARCHABLE = List.of("competence", "activite", "tache");

    @Inject
    EntityManager em;

    /**
     * Searches competencies, activities and tasks of the current version of every certification (or of one),
     * accent- and case-insensitively; every word of {@code q} must appear. Ranked: exact code, then label
     * starting with the query, then the query as a whole word group, then the others by where the query sits.
     */
    public Page<Views.SearchHit> search(String q, String certification, String kind, PageRequest page) {
        String normalized = TextNormalizer.normalize(q);
        if (normalized.isEmpty()) {
            throw ProblemException.invalid("q", "must contain at least one letter or digit");
        }
        List<String> kinds = kind == null || kind.isBlank() ? SEARCHABLE : List.of(kindKey(kind));
        StringBuilder where = new StringBuilder("""
                from referential_element e
                join referential_version v on v.id = e.version_id
                join certification c on c.id = v.certification_id
                where v.status = 'PUBLISHED'
                  and v.number = (select max(v2.number) from referential_version v2
                                  where v2.certification_id = v.certification_id and v2.status = 'PUBLISHED')
                  and e.kind in (:kinds)
                """);
        String[] words = normalized.split(" ");
        for (int i = 0; i < words.length; i++) {
            where.append(" and e.search_text like :w").append(i).append(" escape '\\'");
        }
        if (certification != null && !certification.isBlank()) {
            where.append(" and (upper(c.code) = :cert or upper(c.rncp) = :cert)");
        }
        String rank = """
                case when lower(e.code) = :exact then 0
                     when e.search_text like :prefix escape '\\' then 1
                     when e.search_text like :word escape '\\' then 2
                     else 3 end""";
        var count = em.createNativeQuery("select count(*) " + where);
        var select = em.createNativeQuery("select e.element_id, e.kind, e.code, e.libelle, c.code as cert, v.number, "
                + "e.parent_id, " + rank + " as rank " + where
                + " order by rank, position(:phrase in e.search_text), c.code, e.pk");
        for (var query : List.of(count, select)) {
            query.setParameter("kinds", kinds);
            for (int i = 0; i < words.length; i++) {
                query.setParameter("w" + i, "%" + likeEscape(words[i]) + "%");
            }
            if (certification != null && !certification.isBlank()) {
                query.setParameter("cert", certification.trim().toUpperCase(Locale.ROOT));
            }
        }
        select.setParameter("exact", normalized)
                .setParameter("prefix", likeEscape(normalized) + "%")
                .setParameter("word", "% " + likeEscape(normalized) + "%")
                .setParameter("phrase", normalized);
        long total = ((Number) count.getSingleResult()).longValue();
        @SuppressWarnings("unchecked")
        List<Object[]> rows = select.setFirstResult(page.offset()).setMaxResults(page.size()).getResultList();
        List<Views.SearchHit> hits = new ArrayList<>();
        for (Object[] r : rows) {
            hits.add(new Views.SearchHit((UUID) r[0], (String) r[1], (String) r[2], (String) r[3], (String) r[4],
                    ((Number) r[5]).intValue(), (UUID) r[6], ((Number) r[7]).intValue()));
        }
        return Page.of(page, total, hits);
    }
}
