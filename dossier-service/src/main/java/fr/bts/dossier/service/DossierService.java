package fr.bts.dossier.service;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import fr.bts.commons.http.ETags;
import fr.bts.commons.http.Page;
import fr.bts.commons.http.PageRequest;
import fr.bts.commons.problem.Problem;
import fr.bts.commons.problem.ProblemException;
import fr.bts.commons.problem.ProblemType;
import fr.bts.commons.security.Caller;
import fr.bts.commons.security.Roles;
import fr.bts.dossier.client.ReferentialVersion;
import fr.bts.dossier.client.ReferentialVersions;
import fr.bts.dossier.conformity.ConformityEngine;
import fr.bts.dossier.conformity.ConformityReport;
import fr.bts.dossier.conformity.ExigencesDossier;
import fr.bts.dossier.model.Campaign;
import fr.bts.dossier.model.DossierCandidat;
import fr.bts.dossier.model.DossierProfessionnel;
import fr.bts.dossier.model.StatutDossier;
import fr.bts.dossier.model.StatutInscription;
import fr.bts.dossier.repository.CampaignRepository;
import fr.bts.dossier.repository.DossierRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.EntityTag;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Registrations and professional dossiers: creation and updates validated against the referential version,
 * the two workflows with their history, the campaign deadline, conformity checks and decisions. Every read is
 * scoped to the caller's académie (another académie's dossier is "not found"), and a candidate sees only the
 * file naming their account.
 */
@ApplicationScoped
public class DossierService {

    public static final String REGISTRATION = "registration";

    @Inject
    DossierRepository dossiers;

    @Inject
    CampaignRepository campaigns;

    @Inject
    ReferentialVersions referential;

    @Inject
    Caller caller;

    @Inject
    DossierReads reads;

    private final ConformityEngine engine = new ConformityEngine();

    // ---- reads -------------------------------------------------------------------------------------------

    /** The file if the caller may see it; else 404, whether it exists elsewhere or not. */
    public DossierCandidat get(String id) {
        String academie = caller.requireAcademie();
        DossierCandidat file = dossiers.findInAcademie(id, academie).orElseThrow(() -> DossierProblems.notFound(id));
        if (!caller.hasRole(Roles.RECTORAT) && !caller.username().equals(file.account)) {
            throw DossierProblems.notFound(id);
        }
        return file;
    }

    public Page<DossierCandidat> search(String session, String certification, String status, String candidateNumber,
                                        PageRequest page) {
        if (status != null) {
            try {
                StatutInscription.valueOf(status);
            } catch (IllegalArgumentException e) {
                throw ProblemException.invalid("status", "must be one of " + List.of(StatutInscription.values())).withStatus400();
            }
        }
        String account = caller.hasRole(Roles.RECTORAT) ? null : caller.username();
        DossierRepository.Criteria criteria = new DossierRepository.Criteria(caller.requireAcademie(), account, session,
                certification, status, candidateNumber);
        return Page.of(page, dossiers.count(criteria), dossiers.search(criteria, page));
    }

    // ---- registration ------------------------------------------------------------------------------------

    /** Registers a candidate under {@code id} (from the request's idempotent run, see {@link DossierCommands}). */
    public DossierCandidat create(RegistrationInput input, String id) {
        String academie = caller.requireAcademie();
        ReferentialVersion version = versionFor(input);
        List<Problem.Violation> violations = RegistrationValidator.validate(input, version);
        if (!violations.isEmpty()) {
            throw ProblemException.invalid("The registration does not fit " + input.certification() + " version "
                    + version.number(), violations);
        }
        Instant now = stamp();
        DossierCandidat file = newFile(id, academie, input, version, caller.username(), now);
        try {
            dossiers.persist(file);
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
                throw new ProblemException(DossierProblems.DUPLICATE_CANDIDATE, "Candidate number " + input.candidateNumber()
                        + " is already registered for session " + input.session());
            }
            throw e;
        }
        return file;
    }

    public DossierCandidat updateRegistration(String id, String ifMatch, RegistrationInput input) {
        return mutate(id, ifMatch, file -> {
            if (file.status == StatutInscription.VALIDATED) {
                throw DossierProblems.wrongState("A validated registration cannot be changed");
            }
            if (!file.session.equals(input.session()) || !file.candidateNumber.equals(input.candidateNumber())) {
                throw ProblemException.invalid("session", "session and candidate number of a registration cannot change");
            }
            ReferentialVersion version = versionFor(input);
            List<Problem.Violation> violations = RegistrationValidator.validate(input, version);
            if (!violations.isEmpty()) {
                throw ProblemException.invalid("The registration does not fit " + input.certification() + " version "
                        + version.number(), violations);
            }
            apply(file, input, version);
            file.record(caller.username(), REGISTRATION, file.status.name(), file.status.name(), "registration updated", stamp());
        });
    }

    /** DRAFT → SUBMITTED, written as the version of the idempotent run {@code run} ({@link DossierCommands}). */
    public DossierCandidat submitRegistration(String id, String ifMatch, String run) {
        return mutate(id, ifMatch, run, file -> transition(file, StatutInscription.DRAFT, StatutInscription.SUBMITTED, null));
    }

    public DossierCandidat validateRegistration(String id, String ifMatch) {
        return mutate(id, ifMatch, file -> transition(file, StatutInscription.SUBMITTED, StatutInscription.VALIDATED, null));
    }

    public DossierCandidat rejectRegistration(String id, String ifMatch, String reason) {
        return mutate(id, ifMatch, file -> {
            transition(file, StatutInscription.SUBMITTED, StatutInscription.REJECTED, reason);
            file.rejectionReason = reason;
        });
    }

    private void transition(DossierCandidat file, StatutInscription from, StatutInscription to, String reason) {
        if (file.status != from) {
            throw DossierProblems.wrongState("The registration is " + file.status + "; only a " + from
                    + " registration can become " + to);
        }
        file.status = to;
        file.record(caller.username(), REGISTRATION, from.name(), to.name(), reason, stamp());
    }

    // ---- professional dossiers ---------------------------------------------------------------------------

    /** One professional dossier as shown to its readers (ABSENT past the deadline, see {@link DossierStanding}). */
    public DossierProfessionnel dossier(String id, String epreuve) {
        DossierCandidat file = get(id);
        return reads.now().show(file, dossierOf(file, epreuve));
    }

    /** The candidate's edit of a dossier's content: only while DRAFT and before the campaign's deadline. */
    public DossierCandidat editDossier(String id, String epreuve, String ifMatch, DossierEdit edit) {
        return mutate(id, ifMatch, file -> {
            DossierProfessionnel dossier = dossierOf(file, epreuve);
            requireEditable(file, dossier);
            ExigencesDossier exigences = exigencesOf(file, epreuve);
            checkContent(edit, exigences);
            dossier.fiches = new ArrayList<>();
            for (DossierEdit.FicheInput f : edit.fiches()) {
                DossierProfessionnel.Fiche fiche = new DossierProfessionnel.Fiche();
                fiche.id = f.id();
                fiche.type = f.type();
                fiche.activites = f.activites() == null ? new ArrayList<>() : new ArrayList<>(f.activites());
                fiche.drapeaux = f.drapeaux() == null ? new ArrayList<>() : new ArrayList<>(f.drapeaux());
                fiche.champs = f.champs() == null ? new LinkedHashMap<>() : new LinkedHashMap<>(f.champs());
                fiche.lien = f.lien();
                dossier.fiches.add(fiche);
            }
            dossier.elementsContexte = new LinkedHashMap<>(edit.elementsContexte());
        });
    }

    /** DRAFT → SUBMITTED before the deadline, written as the version of the idempotent run {@code run}. */
    public DossierCandidat submitDossier(String id, String epreuve, String ifMatch, String run) {
        return mutate(id, ifMatch, run, file -> {
            DossierProfessionnel dossier = dossierOf(file, epreuve);
            requireEditable(file, dossier);
            Instant now = stamp();
            dossier.status = StatutDossier.SUBMITTED;
            dossier.submittedAt = now;
            file.record(caller.username(), epreuve, StatutDossier.DRAFT.name(), StatutDossier.SUBMITTED.name(), null, now);
        });
    }

    /** The conformity report of every professional dossier of the file, as it stands now. */
    public Map<String, ConformityReport> conformity(String id) {
        DossierCandidat file = get(id);
        ReferentialVersion version = versionOf(file);
        Map<String, ConformityReport> reports = new LinkedHashMap<>();
        for (DossierProfessionnel dossier : file.dossiers) {
            reports.put(dossier.epreuve, check(file, dossier, version));
        }
        return reports;
    }

    /** The rectorat's decision on a submitted dossier, stored with the report it is based on. */
    public DossierCandidat decide(String id, String epreuve, String ifMatch, DecisionInput input) {
        if (input.decision() != StatutDossier.CONFORME && input.decision() != StatutDossier.NON_CONFORME) {
            throw ProblemException.invalid("decision", "must be CONFORME or NON_CONFORME");
        }
        return mutate(id, ifMatch, file -> {
            DossierProfessionnel dossier = dossierOf(file, epreuve);
            if (dossier.status == StatutDossier.DRAFT) {
                throw DossierProblems.wrongState("The dossier of " + epreuve + " has not been submitted");
            }
            ConformityReport report = check(file, dossier, versionOf(file));
            boolean againstCheck = report.conforme() != (input.decision() == StatutDossier.CONFORME);
            if (againstCheck && (input.reason() == null || input.reason().isBlank())) {
                throw ProblemException.invalid("reason", "a reason is required for a decision that differs from the check ("
                        + (report.conforme() ? "conforme" : "non conforme") + ")");
            }
            Instant now = stamp();
            DossierProfessionnel.Decision decision = new DossierProfessionnel.Decision();
            decision.decision = input.decision();
            decision.reason = input.reason();
            decision.decidedBy = caller.username();
            decision.decidedAt = now;
            decision.report = DossierContents.stored(report);
            file.record(caller.username(), epreuve, dossier.status.name(), input.decision().name(), input.reason(), now);
            dossier.status = input.decision();
            dossier.decision = decision;
        });
    }

    ConformityReport check(DossierCandidat file, DossierProfessionnel dossier, ReferentialVersion version) {
        ExigencesDossier exigences = exigencesOf(version, dossier.epreuve);
        return engine.check(exigences, DossierContents.of(file, dossier, version));
    }

    void requireEditable(DossierCandidat file, DossierProfessionnel dossier) {
        if (dossier.status != StatutDossier.DRAFT) {
            throw DossierProblems.wrongState("The dossier of " + dossier.epreuve + " is " + dossier.status + "; it can no longer be edited");
        }
        Campaign campaign = campaigns.of(file.academie, file.session, file.certification).orElse(null);
        if (campaign != null && campaign.isPast(Instant.now())) {
            throw new ProblemException(DossierProblems.DEADLINE_PASSED, "The dossier deadline of session " + file.session
                    + " was " + campaign.dossierDeadline);
        }
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

    // ---- campaign ----------------------------------------------------------------------------------------

    public Campaign setCampaign(String session, String certification, Instant deadline) {
        String academie = caller.requireAcademie();
        Campaign campaign = campaigns.of(academie, session, certification).orElseGet(Campaign::new);
        campaign.id = Campaign.idOf(academie, session, certification);
        campaign.academie = academie;
        campaign.session = session;
        campaign.certification = certification;
        campaign.dossierDeadline = deadline;
        campaign.setBy = caller.username();
        campaign.updatedAt = Instant.now();
        campaigns.persistOrUpdate(campaign);
        return campaign;
    }

    public Campaign campaign(String session, String certification) {
        return campaigns.of(caller.requireAcademie(), session, certification)
                .orElseThrow(() -> ProblemException.notFound("No campaign for " + session + " " + certification));
    }

    // ---- shared with imports -----------------------------------------------------------------------------

    ReferentialVersion versionFor(RegistrationInput input) {
        return referential.get(input.certification(), input.referentialVersion())
                .orElseThrow(() -> ProblemException.invalid(input.referentialVersion() == null ? "certification" : "referentialVersion",
                        "the referential has no " + (input.referentialVersion() == null ? "published version of " + input.certification()
                                : "version " + input.referentialVersion() + " of " + input.certification())));
    }

    ReferentialVersion versionOf(DossierCandidat file) {
        return referential.get(file.certification, file.referentialVersion)
                .orElseThrow(() -> new ProblemException(ProblemType.BAD_GATEWAY, "The referential no longer has "
                        + file.certification + " version " + file.referentialVersion));
    }

    static DossierCandidat newFile(String id, String academie, RegistrationInput input, ReferentialVersion version, String by, Instant now) {
        DossierCandidat file = new DossierCandidat();
        file.id = id;
        file.academie = academie;
        file.session = input.session();
        file.candidateNumber = input.candidateNumber();
        file.status = StatutInscription.DRAFT;
        file.createdAt = now;
        apply(file, input, version);
        file.updatedAt = now;
        file.version = 1;
        file.record(by, REGISTRATION, null, StatutInscription.DRAFT.name(), "registered", now);
        return file;
    }

    /** Copies the registration into the file and opens a DRAFT dossier for each épreuve taken that needs one. */
    static void apply(DossierCandidat file, RegistrationInput input, ReferentialVersion version) {
        file.certification = version.certification().code();
        file.referentialVersion = version.number();
        file.ine = input.ine();
        file.lastName = input.lastName().strip();
        file.firstName = input.firstName().strip();
        file.birthDate = input.birthDate();
        file.email = input.email();
        file.account = input.account();
        file.categorie = input.categorie();
        file.voie = input.voie();
        file.forme = input.forme();
        file.unites = new ArrayList<>(RegistrationValidator.unitesOf(input, version));
        file.unitesFacultatives = new ArrayList<>(new LinkedHashSet<>(input.unitesFacultatives()));
        file.langues = new LinkedHashMap<>();
        input.langues().forEach((unit, langue) -> file.langues.put(unit, langue.name()));
        file.dispenses = new ArrayList<>(input.dispenses().stream()
                .map(d -> new DossierCandidat.Dispense(d.unite(), d.diplome().strip())).toList());
        file.benefices = new ArrayList<>(input.benefices().stream()
                .map(b -> new DossierCandidat.Benefice(b.unite(), new BigDecimal(b.note()).stripTrailingZeros().toPlainString(),
                        b.session(), b.dateObtention())).toList());
        Set<String> notSat = new HashSet<>();
        file.dispenses.forEach(d -> notSat.add(d.unite));
        file.benefices.forEach(b -> notSat.add(b.unite));
        Set<String> needed = new HashSet<>();
        for (ReferentialVersion.Epreuve e : version.epreuves()) {
            boolean taken = file.unites.contains(e.unite()) || file.unitesFacultatives.contains(e.unite());
            if (e.hasDossier() && taken && !notSat.contains(e.unite())) {
                needed.add(e.code());
                if (file.dossier(e.code()).isEmpty()) {
                    DossierProfessionnel dossier = new DossierProfessionnel();
                    dossier.epreuve = e.code();
                    dossier.status = StatutDossier.DRAFT;
                    file.dossiers.add(dossier);
                }
            }
        }
        file.dossiers.removeIf(d -> !needed.contains(d.epreuve) && d.status == StatutDossier.DRAFT && d.fiches.isEmpty());
    }

    /** Whether applying {@code input} would change nothing of the registration (re-imports). */
    static boolean sameRegistration(DossierCandidat file, RegistrationInput input, ReferentialVersion version) {
        DossierCandidat probe = new DossierCandidat();
        apply(probe, input, version);
        return Objects.equals(file.certification, probe.certification) && file.referentialVersion == probe.referentialVersion
                && Objects.equals(file.ine, probe.ine) && Objects.equals(file.lastName, probe.lastName)
                && Objects.equals(file.firstName, probe.firstName) && Objects.equals(file.birthDate, probe.birthDate)
                && Objects.equals(file.email, probe.email) && Objects.equals(file.account, probe.account)
                && file.categorie == probe.categorie && Objects.equals(file.voie, probe.voie) && file.forme == probe.forme
                && file.unites.equals(probe.unites) && file.unitesFacultatives.equals(probe.unitesFacultatives)
                && file.langues.equals(probe.langues)
                && file.dispenses.stream().map(d -> d.unite + "|" + d.diplome).toList()
                .equals(probe.dispenses.stream().map(d -> d.unite + "|" + d.diplome).toList())
                && file.benefices.stream().map(b -> b.unite + "|" + b.note + "|" + b.session + "|" + b.dateObtention).toList()
                .equals(probe.benefices.stream().map(b -> b.unite + "|" + b.note + "|" + b.session + "|" + b.dateObtention).toList());
    }

    // ---- plumbing ----------------------------------------------------------------------------------------

    private DossierCandidat mutate(String id, String ifMatch, Consumer<DossierCandidat> change) {
        return mutate(id, ifMatch, null, change);
    }

    /** Reads, checks {@code If-Match}, changes and replaces the file at the version read, as a write of {@code run}. */
    private DossierCandidat mutate(String id, String ifMatch, String run, Consumer<DossierCandidat> change) {
        DossierCandidat file = get(id);
        requireIfMatch(ifMatch, file);
        long read = file.version;
        change.accept(file);
        file.updatedAt = stamp();
        if (!dossiers.replaceIfVersion(file, read, run)) {
            throw new ProblemException(ProblemType.PRECONDITION_FAILED, "The dossier changed while this request ran; read it again");
        }
        return file;
    }

    /**
     * The time of a write, to the millisecond: what MongoDB keeps of an instant. So the answer to a write shows the
     * file exactly as every later read shows it, and a retry answered from the stored file (a takeover, see
     * {@link DossierCommands}) gives the same bytes as the first answer.
     */
    static Instant stamp() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }

    /**
     * {@code If-Match} against the file: the ETag it is shown with, or its stored version's tag. Both name the same
     * stored document (a passing deadline changes what is shown, not what is stored), so no write can be lost by
     * accepting the older one; an edit then meets the deadline itself (409 dossier-deadline-passed), not a 412.
     */
    private void requireIfMatch(String ifMatch, DossierCandidat file) {
        ETags.requireIfMatch(ifMatch, reads.now().tag(file), ETags.ofVersion(file.version));
    }

    private static DossierProfessionnel dossierOf(DossierCandidat file, String epreuve) {
        return file.dossier(epreuve).orElseThrow(() -> ProblemException.notFound("No professional dossier for épreuve "
                + epreuve + " in this registration"));
    }

    ExigencesDossier exigencesOf(DossierCandidat file, String epreuve) {
        return exigencesOf(versionOf(file), epreuve);
    }

    private static ExigencesDossier exigencesOf(ReferentialVersion version, String epreuve) {
        return version.epreuve(epreuve).flatMap(ReferentialVersions::exigences)
                .orElseThrow(() -> new ProblemException(ProblemType.BAD_GATEWAY, "The referential version "
                        + version.number() + " has no dossier requirements for " + epreuve));
    }
}
