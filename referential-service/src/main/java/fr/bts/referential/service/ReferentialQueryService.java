package fr.bts.referential.service;

import fr.bts.commons.http.Page;
import fr.bts.commons.http.PageRequest;
import fr.bts.commons.problem.ProblemException;
import fr.bts.referential.api.Views;
import fr.bts.referential.document.DocumentDiff;
import fr.bts.referential.document.DocumentJson;
import fr.bts.referential.document.ElementKind;
import fr.bts.referential.document.MissingFacts;
import fr.bts.referential.document.RuleValues;
import fr.bts.referential.document.TextNormalizer;
import fr.bts.referential.document.VersionDocument;
import fr.bts.referential.model.Certification;
import fr.bts.referential.model.ReferentialElement;
import fr.bts.referential.model.ReferentialVersion;
import fr.bts.referential.model.VersionStatus;
import fr.bts.referential.moodle.MoodleCsv;
import io.quarkus.panache.common.Parameters;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/**
 * Reads of the referential. Anonymous callers and every role but {@code referential-admin} see only public
 * (published or deprecated) versions; a draft is invisible to them (404, as if it did not exist).
 */
@ApplicationScoped
@Transactional
public class ReferentialQueryService {

    public static final String CURRENT = "current";

    @Inject
    EntityManager em;

    @Inject
    RepresentationCache cache;

    @Inject
    VersionWrites writes;

    public Page<Views.CertificationSummary> certifications(String q, String level, String status, PageRequest page,
                                                           Visibility visibility) {
        StringBuilder where = new StringBuilder("1 = 1");
        Parameters params = new Parameters();
        if (!visibility.seesDrafts()) {
            where.append(" and exists (select 1 from ReferentialVersion v where v.certification = c and v.status in :public)");
            params.and("public", visibility.statuses());
        }
        if (q != null && !q.isBlank()) {
            where.append(" and c.searchText like :q");
            params.and("q", "%" + likeEscape(TextNormalizer.normalize(q)) + "%");
        }
        if (level != null && !level.isBlank()) {
            where.append(" and c.niveau = :level");
            params.and("level", level.trim());
        }
        if (status != null && !status.isBlank()) {
            where.append(" and lower(c.etat) = :status");
            params.and("status", status.trim().toLowerCase(Locale.ROOT));
        }
        long total = Certification.count("from Certification c where " + where, params);
        // one query for the page and the current version number of each certification (no query per row)
        var select = em.createQuery("select c, (select max(v.number) from ReferentialVersion v where v.certification = c"
                + " and v.status = :published) from Certification c where " + where + " order by c.code", Object[].class)
                .setParameter("published", VersionStatus.PUBLISHED);
        params.map().forEach(select::setParameter);
        List<Views.CertificationSummary> items = new ArrayList<>();
        for (Object[] row : select.setFirstResult(page.offset()).setMaxResults(page.size()).getResultList()) {
            Certification c = (Certification) row[0];
            items.add(new Views.CertificationSummary(c.id, c.code, c.rncp, c.intitule, c.niveau, c.etat, (Integer) row[1]));
        }
        return Page.of(page, total, items);
    }

    public Views.CertificationDetail certification(String codeOrRncp, Visibility visibility) {
        Certification c = certificationOrThrow(codeOrRncp);
        List<ReferentialVersion> all = ReferentialVersion.ofCertification(c);
        List<Views.VersionSummary> versions = all.stream()
                .filter(v -> visibility.sees(v.status))
                .map(Views.VersionSummary::of)
                .toList();
        if (!visibility.seesDrafts() && versions.isEmpty()) {
            throw ProblemException.notFound("No certification " + codeOrRncp);
        }
        // the latest published version, as ReferentialVersion.latestPublished, from the rows already read
        Integer current = all.stream().filter(v -> v.status == VersionStatus.PUBLISHED)
                .map(v -> v.number).max(Integer::compare).orElse(null);
        return new Views.CertificationDetail(c.id, c.code, c.rncp, c.intitule, c.niveau, c.etat, current, versions);
    }

    /** The canonical bytes of a version ({@code current} or a number), remembered when public. */
    public Representation representation(String codeOrRncp, String versionRef, Visibility visibility) {
        long generation = writes.generation();
        ReferentialVersion version = version(codeOrRncp, versionRef, visibility);
        Representation representation = VersionStorage.representation(version);
        if (CURRENT.equalsIgnoreCase(versionRef)) {
            cache.putCurrent(representation, version.certification.rncp, generation);
        }
        cache.putVersion(representation, version.certification.rncp, generation);
        return representation;
    }

    /** The Moodle CSV of a version, built here because the document is read lazily, inside the transaction. */
    public Views.Export moodle(String codeOrRncp, String versionRef, Visibility visibility) {
        ReferentialVersion v = version(codeOrRncp, versionRef, visibility);
        byte[] csv = MoodleCsv.export(DocumentJson.fromCanonical(v.document)).getBytes(StandardCharsets.UTF_8);
        return new Views.Export(v.certification.code, v.number, v.status, VersionStorage.lastChange(v), csv);
    }

    public VersionDocument document(String codeOrRncp, String versionRef, Visibility visibility) {
        return DocumentJson.fromCanonical(version(codeOrRncp, versionRef, visibility).document);
    }

    public ReferentialVersion version(String codeOrRncp, String versionRef, Visibility visibility) {
        Certification c = certificationOrThrow(codeOrRncp);
        Optional<ReferentialVersion> found;
        if (versionRef == null || CURRENT.equalsIgnoreCase(versionRef)) {
            found = ReferentialVersion.latestPublished(c);
        } else {
            found = ReferentialVersion.byNumber(c, parseNumber(versionRef));
        }
        return found.filter(v -> visibility.sees(v.status))
                .orElseThrow(() -> ProblemException.notFound("No version " + versionRef + " of " + codeOrRncp));
    }

    /** An element by its UUID, from the latest public version holding it (admins: the latest version). */
    public Views.Item item(UUID id, Visibility visibility) {
        List<ReferentialElement> rows = ReferentialElement.find(
                "from ReferentialElement e join fetch e.version v join fetch v.certification "
                        + "where e.elementId = ?1 and v.status in ?2 order by v.number desc",
                id, visibility.statuses())
                .page(0, 1).list();
        if (rows.isEmpty()) {
            throw ProblemException.notFound("No element " + id);
        }
        return item(rows.get(0));
    }

    /** An element of a version by its human code; {@code kind} picks among elements sharing a code. */
    public Views.Item itemByCode(String codeOrRncp, String versionRef, String elementCode, String kind, Visibility visibility) {
        ReferentialVersion version = version(codeOrRncp, versionRef, visibility);
        List<ReferentialElement> rows = kind == null || kind.isBlank()
                ? ReferentialElement.list("version = ?1 and code = ?2", version, elementCode)
                : ReferentialElement.list("version = ?1 and code = ?2 and kind = ?3", version, elementCode,
                        kindKey(kind));
        if (rows.isEmpty()) {
            throw ProblemException.notFound("No element " + elementCode + " in version " + version.number);
        }
        if (rows.size() > 1) {
            throw ProblemException.badRequest("Several elements have the code " + elementCode
                    + "; say which with ?kind= (" + rows.stream().map(r -> r.kind).toList() + ")");
        }
        return item(rows.get(0));
    }

    /**
     * The elements below a bloc or a domain (any element): its children, or with {@code kind} every descendant
     * of that kind (e.g. the tasks of a domain).
     */
    public List<Views.Item> children(String codeOrRncp, String versionRef, String elementCode, String kind,
                                     Visibility visibility) {
        Views.Item parent = itemByCode(codeOrRncp, versionRef, elementCode, null, visibility);
        ReferentialVersion version = version(codeOrRncp, versionRef, visibility);
        String wanted = kind == null || kind.isBlank() ? null : kindKey(kind);
        @SuppressWarnings("unchecked")
        List<Long> pks = em.createNativeQuery("""
                with recursive below(pk, element_id, kind, depth) as (
                    select pk, element_id, kind, 1 from referential_element where version_id = :v and parent_id = :p
                    union all
                    select e.pk, e.element_id, e.kind, b.depth + 1 from referential_element e
                    join below b on e.parent_id = b.element_id where e.version_id = :v and b.depth < 4)
                select pk from below where (cast(:k as varchar) is null and depth = 1) or kind = cast(:k as varchar)
                """).setParameter("v", version.id).setParameter("p", parent.id()).setParameter("k", wanted)
                .getResultList().stream().map(n -> ((Number) n).longValue()).toList();
        if (pks.isEmpty()) {
            return List.of();
        }
        return ReferentialElement.<ReferentialElement>list("pk in ?1 order by pk", pks).stream().map(this::item).toList();
    }

    public Views.Completeness completeness(String codeOrRncp, String versionRef, Visibility visibility) {
        ReferentialVersion version = version(codeOrRncp, versionRef, visibility);
        VersionDocument document = DocumentJson.fromCanonical(version.document);
        List<MissingFacts.Missing> missing = MissingFacts.of(document);
        List<Views.Provenance> provenances = new ArrayList<>();
        int without = 0;
        for (RuleValues.RuleValue v : RuleValues.of(document)) {
            VersionDocument.Provenance p = v.provenance();
            if (p == null) {
                without++;
            }
            provenances.add(p == null
                    ? new Views.Provenance(v.path(), v.kind(), v.code(), v.field(), v.value(), null, null, null, null, null, null)
                    : new Views.Provenance(v.path(), v.kind(), v.code(), v.field(), v.value(), p.nature(), p.source(),
                    p.section(), p.citation(), p.texte(), p.note()));
        }
        return new Views.Completeness(version.certification.code, version.number, missing.size(), missing,
                document.conflits() == null ? List.of() : document.conflits(), without, provenances);
    }

    public Views.Diff diff(String codeOrRncp, String fromRef, String toRef, Visibility visibility) {
        ReferentialVersion from = version(codeOrRncp, fromRef, visibility);
        ReferentialVersion to = version(codeOrRncp, toRef, visibility);
        DocumentDiff.Result result = DocumentDiff.between(DocumentJson.fromCanonical(from.document),
                DocumentJson.fromCanonical(to.document));
        return new Views.Diff(from.certification.code, from.number, to.number, result.added(), result.removed(),
                result.changed());
    }

    Certification certificationOrThrow(String codeOrRncp) {
        return Certification.findByCodeOrRncp(codeOrRncp)
                .orElseThrow(() -> ProblemException.notFound("No certification " + codeOrRncp));
    }

    private Views.Item item(ReferentialElement e) {
        return new Views.Item(e.elementId, e.kind, e.code, e.parentId, e.ordre, e.version.certification.code,
                e.version.number, e.version.status.name(), e.payload);
    }

    static int parseNumber(String versionRef) {
        try {
            int n = Integer.parseInt(versionRef.trim());
            if (n < 1) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw ProblemException.invalid("version", "must be a positive whole number or 'current'").withStatus400();
        }
    }

    static String kindKey(String kind) {
        return ElementKind.fromKey(kind).map(ElementKind::key).orElseThrow(() -> ProblemException.invalid("kind",
                "must be one of certification, bloc, competence, domaine, activite, tache, unite, epreuve")
                .withStatus400());
    }

    static String likeEscape(String s) {
        return s.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
