package fr.bts.dossier.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.quarkus.mongodb.panache.common.MongoEntity;
import org.bson.codecs.pojo.annotations.BsonId;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One candidate × session × certification: the registration, the professional dossiers of the épreuves whose
 * referential entry has dossier requirements, the attachments and the history of every transition. The whole
 * file is one MongoDB document, so that every change is a single-document atomic replace guarded by
 * {@link #version} (the ETag); no multi-document transaction is ever needed.
 */
@MongoEntity(collection = "dossiers")
public class DossierCandidat {

    @BsonId
    public String id;
    /** The tenant, from the rectorat's token at creation; never from the request. */
    public String academie;
    public String session;
    public String certification;
    public int referentialVersion;

    public String candidateNumber;
    public String ine;
    public String lastName;
    public String firstName;
    public LocalDate birthDate;
    public String email;
    /** Keycloak username allowed to see and edit this file as a candidate. */
    public String account;
    public CategorieCandidat categorie;
    public String voie;
    public FormeInscription forme;
    /** Compulsory units taken this session (all of them in forme globale). */
    public List<String> unites = new ArrayList<>();
    public List<String> unitesFacultatives = new ArrayList<>();
    /** Language chosen per language unit, e.g. {@code U21 → ANGLAIS}. */
    public Map<String, String> langues = new LinkedHashMap<>();
    public List<Dispense> dispenses = new ArrayList<>();
    public List<Benefice> benefices = new ArrayList<>();

    public StatutInscription status;
    public String rejectionReason;

    public List<DossierProfessionnel> dossiers = new ArrayList<>();
    public List<PieceJointe> attachments = new ArrayList<>();
    public List<Transition> history = new ArrayList<>();

    public long version;
    /**
     * The idempotent run of the import that last created or changed this registration ({@code Execution.runId}): a
     * retry taking over a crashed import recognises its own writes by it. Stored, never shown.
     */
    @JsonIgnore
    public String importRun;
    /**
     * The idempotent run of the submit that wrote the stored version ({@code Execution.runId}), null when another
     * write produced it: every replace sets it ({@code DossierRepository.replaceIfVersion}), so it names a run only
     * while nothing was written after that run's submit. A retry taking over a submit whose worker died after the
     * write recognises that write by it. Stored, never shown.
     */
    @JsonIgnore
    public String versionRun;
    public Instant createdAt;
    public Instant updatedAt;

    public Optional<DossierProfessionnel> dossier(String epreuve) {
        return dossiers.stream().filter(d -> d.epreuve.equals(epreuve)).findFirst();
    }

    public void record(String by, String target, String from, String to, String reason, Instant at) {
        Transition t = new Transition();
        t.at = at;
        t.by = by;
        t.target = target;
        t.from = from;
        t.to = to;
        t.reason = reason;
        history.add(t);
    }

    /** A requested dispense: the unit and the diploma that justifies it (domain-brief §3.6). */
    public static class Dispense {
        public String unite;
        public String diplome;

        public Dispense() {
        }

        public Dispense(String unite, String diplome) {
            this.unite = unite;
            this.diplome = diplome;
        }
    }

    /** A kept grade (bénéfice, domain-brief R9): unit, grade ≥ 10 as a decimal string, session and date obtained. */
    public static class Benefice {
        public String unite;
        public String note;
        public String session;
        public LocalDate dateObtention;

        public Benefice() {
        }

        public Benefice(String unite, String note, String session, LocalDate dateObtention) {
            this.unite = unite;
            this.note = note;
            this.session = session;
            this.dateObtention = dateObtention;
        }
    }

    /** One transition of the registration or of a professional dossier: who, when, from, to, why. */
    public static class Transition {
        public Instant at;
        public String by;
        /** {@code registration} or the épreuve code of a professional dossier. */
        public String target;
        public String from;
        public String to;
        public String reason;
    }
}
