package fr.bts.dossier.model;

import org.bson.codecs.pojo.annotations.BsonIgnore;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The professional dossier of one épreuve (SAM E4 missions, SAM E5 projects and veille report, GPME E4 context
 * and analysis fiches): its fiches, its context elements, its status and the last conformity decision with the
 * report it was based on.
 */
public class DossierProfessionnel {

    public String epreuve;
    public StatutDossier status;
    public List<Fiche> fiches = new ArrayList<>();
    public Map<String, String> elementsContexte = new LinkedHashMap<>();
    public Instant submittedAt;
    public Decision decision;
    /**
     * Never stored, set on reads only (fr.bts.dossier.service.DossierStanding): true when the dossier reads as ABSENT
     * and its absence makes the épreuve NV.
     */
    @BsonIgnore
    public boolean nv;
    /** Never stored, set on reads only: the campaign deadline an ABSENT dossier missed, else null. */
    @BsonIgnore
    public Instant deadline;

    /** A mission, analysis fiche, project fiche or veille report; {@code type} is a kind of the épreuve's requirements. */
    public static class Fiche {
        public String id;
        public String type;
        public List<String> activites = new ArrayList<>();
        public List<String> drapeaux = new ArrayList<>();
        public Map<String, String> champs = new LinkedHashMap<>();
        /** The id of the fiche this one refers to (a veille report → its project). */
        public String lien;
    }

    /** The rectorat's conformity decision and the report the check produced at that moment. */
    public static class Decision {
        public StatutDossier decision;
        public String reason;
        public String decidedBy;
        public Instant decidedAt;
        public StoredReport report;
    }

    /** A conformity report as stored with a decision. */
    public static class StoredReport {
        public boolean conforme;
        public boolean penalite;
        public List<StoredRule> results = new ArrayList<>();
    }

    public static class StoredRule {
        public String code;
        public String type;
        public boolean passed;
        public String consequence;
        public String message;
        public String detail;
        public String source;
    }
}
