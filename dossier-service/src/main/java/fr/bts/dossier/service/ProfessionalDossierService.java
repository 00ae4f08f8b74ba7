package fr.bts.dossier.service;

import fr.bts.commons.problem.Problem;
import fr.bts.commons.problem.ProblemException;
import fr.bts.commons.security.Caller;
import fr.bts.dossier.api.DecisionInput;
import fr.bts.dossier.api.DossierEdit;
import fr.bts.dossier.client.ReferentialVersion;
import fr.bts.dossier.conformity.ConformityEngine;
import fr.bts.dossier.conformity.ConformityReport;
import fr.bts.dossier.conformity.ExigencesDossier;
import fr.bts.dossier.mapping.DossierContents;
import fr.bts.dossier.mapping.ProfessionalDossierMapping;
import fr.bts.dossier.model.DossierCandidat;
import fr.bts.dossier.model.DossierProfessionnel;
import fr.bts.dossier.model.StatutDossier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The professional dossiers of a file (one per épreuve whose referential entry has dossier requirements): the
 * candidate's edits and submission while DRAFT and before the campaign's deadline, the conformity check
 * ({@link ConformityEngine}) and the rectorat's decision with the report it is based on. Who sees which file is
 * {@link DossierAccess}'s; how a dossier reads past the deadline is {@link DossierStanding}'s.
 */
@ApplicationScoped
public class ProfessionalDossierService {

    @Inject
    DossierAccess access;

    @Inject
    DossierUpdates updates;

    @Inject
    DossierVersions versions;

    @Inject
    CampaignService campaigns;

    @Inject
    DossierReads reads;

    @Inject
    Caller caller;

    private final ConformityEngine engine = new ConformityEngine();

    /** One professional dossier as shown to its readers (ABSENT past the deadline, see {@link DossierStanding}). */
    public DossierProfessionnel dossier(String id, String epreuve) {
        DossierCandidat candidat = access.visible(id);
        return reads.now().show(candidat, dossierOf(candidat, epreuve));
    }

    /** The candidate's edit of a dossier's content: only while DRAFT and before the campaign's deadline. */
    public DossierCandidat editDossier(String id, String epreuve, String ifMatch, DossierEdit edit) {
        return updates.update(id, ifMatch, candidat -> {
            DossierProfessionnel dossier = dossierOf(candidat, epreuve);
            requireEditable(candidat, dossier);
            checkContent(edit, versions.exigencesOf(candidat, epreuve));
            ProfessionalDossierMapping.apply(dossier, edit);
        });
    }

    /** DRAFT → SUBMITTED before the deadline, written as the version of the idempotent run {@code run}. */
    public DossierCandidat submitDossier(String id, String epreuve, String ifMatch, String run) {
        return updates.update(id, ifMatch, run, candidat -> {
            DossierProfessionnel dossier = dossierOf(candidat, epreuve);
            requireEditable(candidat, dossier);
            Instant now = DossierUpdates.stamp();
            dossier.status = StatutDossier.SUBMITTED;
            dossier.submittedAt = now;
            candidat.record(caller.username(), epreuve, StatutDossier.DRAFT.name(), StatutDossier.SUBMITTED.name(), null, now);
        });
    }

    /** The conformity report of every professional dossier of the file, as it stands now. */
    public Map<String, ConformityReport> conformity(String id) {
        DossierCandidat candidat = access.visible(id);
        ReferentialVersion version = versions.versionOf(candidat);
        Map<String, ConformityReport> reports = new LinkedHashMap<>();
        for (DossierProfessionnel dossier : candidat.dossiers) {
            reports.put(dossier.epreuve, check(candidat, dossier, version));
        }
        return reports;
    }

    /** The rectorat's decision on a submitted dossier, stored with the report it is based on. */
    public DossierCandidat decide(String id, String epreuve, String ifMatch, DecisionInput input) {
        if (input.decision() != StatutDossier.CONFORME && input.decision() != StatutDossier.NON_CONFORME) {
            throw ProblemException.invalid("decision", "must be CONFORME or NON_CONFORME");
        }
        return updates.update(id, ifMatch, candidat -> {
            DossierProfessionnel dossier = dossierOf(candidat, epreuve);
            if (dossier.status == StatutDossier.DRAFT) {
                throw DossierProblems.wrongState("The dossier of " + epreuve + " has not been submitted");
            }
            ConformityReport report = check(candidat, dossier, versions.versionOf(candidat));
            boolean againstCheck = report.conforme() != (input.decision() == StatutDossier.CONFORME);
            if (againstCheck && (input.reason() == null || input.reason().isBlank())) {
                throw ProblemException.invalid("reason", "a reason is required for a decision that differs from the check ("
                        + (report.conforme() ? "conforme" : "non conforme") + ")");
            }
            Instant now = DossierUpdates.stamp();
            candidat.record(caller.username(), epreuve, dossier.status.name(), input.decision().name(), input.reason(), now);
            dossier.status = input.decision();
            dossier.decision = ProfessionalDossierMapping.decision(input, report, caller.username(), now);
        });
    }

    /** 409 unless the dossier is DRAFT and its campaign's deadline has not passed: the candidate may still change it. */
    void requireEditable(DossierCandidat candidat, DossierProfessionnel dossier) {
        if (dossier.status != StatutDossier.DRAFT) {
            throw DossierProblems.wrongState("The dossier of " + dossier.epreuve + " is " + dossier.status + "; it can no longer be edited");
        }
        campaigns.requireOpen(candidat);
    }

    private ConformityReport check(DossierCandidat candidat, DossierProfessionnel dossier, ReferentialVersion version) {
        ExigencesDossier exigences = DossierVersions.exigencesOf(version, dossier.epreuve);
        return engine.check(exigences, DossierContents.of(candidat, dossier, version));
    }

    private static DossierProfessionnel dossierOf(DossierCandidat candidat, String epreuve) {
        return candidat.dossier(epreuve).orElseThrow(() -> ProblemException.notFound("No professional dossier for épreuve "
                + epreuve + " in this registration"));
    }

    private static void checkContent(DossierEdit edit, ExigencesDossier exigences) {
        Set<String> kinds = new HashSet<>();
        exigences.typesFiche().forEach(t -> kinds.add(t.code()));
        Set<String> contexts = new HashSet<>();
        exigences.elementsContexte().forEach(e -> contexts.add(e.code()));
        List<Problem.Violation> violations = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < edit.fiches().size(); i++) {
            DossierEdit.FicheInput f = edit.fiches().get(i);
            if (!kinds.contains(f.type())) {
                violations.add(new Problem.Violation("fiches[" + i + "].type", "is not a kind of fiche of this épreuve " + kinds, f.type()));
            }
            if (!ids.add(f.id())) {
                violations.add(new Problem.Violation("fiches[" + i + "].id", "is used twice", f.id()));
            }
        }
        for (String code : edit.elementsContexte().keySet()) {
            if (!contexts.contains(code)) {
                violations.add(new Problem.Violation("elementsContexte." + code, "is not a context element of this épreuve", code));
            }
        }
        if (!violations.isEmpty()) {
            throw ProblemException.invalid("The dossier content does not fit the épreuve's requirements", violations);
        }
    }
}
