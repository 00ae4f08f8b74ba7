package fr.bts.dossier.service;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoCursor;
import fr.bts.dossier.client.ReferentialVersion;
import fr.bts.dossier.client.ReferentialVersions;
import fr.bts.dossier.model.Campaign;
import fr.bts.dossier.model.DossierCandidat;
import fr.bts.dossier.model.DossierProfessionnel;
import fr.bts.dossier.repository.CampaignRepository;
import fr.bts.dossier.repository.DossierRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.StreamingOutput;

import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The registration snapshot of docs/contracts.md for the evaluation service: every registration of an académie,
 * session and certification with its units, languages, dispenses, bénéfices and, per épreuve with a dossier, the
 * dossier status as every other read shows it ({@link DossierStanding}: a dossier still in DRAFT once the campaign's
 * deadline has passed is ABSENT, and NV when the épreuve's requirements say so, domain-brief R13). Streamed from a cursor, one candidate at a time.
 */
@ApplicationScoped
public class SnapshotService {

    @Inject
    DossierRepository dossiers;

    @Inject
    DossierAccess access;

    @Inject
    CampaignRepository campaigns;

    @Inject
    ReferentialVersions referential;

    @Inject
    ObjectMapper json;

    public StreamingOutput snapshot(String session, String certification) {
        DossierRepository.Criteria criteria = access.academieWide(session, certification, null);
        String academie = criteria.academie();
        Instant now = Instant.now();
        Campaign campaign = campaigns.of(academie, session, certification).orElse(null);
        Optional<ReferentialVersion> current = referential.get(certification, null);
        return out -> {
            Map<Integer, ReferentialVersion> versions = new HashMap<>();
            try (JsonGenerator g = json.getFactory().createGenerator(out, JsonEncoding.UTF8);
                 MongoCursor<DossierCandidat> cursor = dossiers.stream(criteria)) {
                g.writeStartObject();
                g.writeStringField("academie", academie);
                g.writeStringField("session", session);
                g.writeStringField("certification", certification);
                if (current.isPresent()) {
                    g.writeNumberField("referentialVersion", current.get().number());
                } else {
                    g.writeNullField("referentialVersion");
                }
                g.writeStringField("generatedAt", now.toString());
                g.writeArrayFieldStart("candidates");
                while (cursor.hasNext()) {
                    DossierCandidat candidat = cursor.next();
                    ReferentialVersion version = versions.computeIfAbsent(candidat.referentialVersion,
                            n -> referential.get(candidat.certification, n).orElse(null));
                    candidate(g, candidat, version, campaign, now);
                }
                g.writeEndArray();
                g.writeEndObject();
            }
        };
    }

    /** An ISO date, or JSON null when the registration has none (never the string "null"). */
    private static void writeDate(JsonGenerator g, String field, LocalDate date) throws IOException {
        if (date == null) {
            g.writeNullField(field);
        } else {
            g.writeStringField(field, date.toString());
        }
    }

    private static void writeStrings(JsonGenerator g, String field, List<String> values) throws IOException {
        g.writeArrayFieldStart(field);
        for (String value : values) {
            g.writeString(value);
        }
        g.writeEndArray();
    }

    /** Writes the fields of one element of an array of objects. */
    @FunctionalInterface
    private interface Fields<T> {
        void write(T element) throws IOException;
    }

    /** {@code field}: an array with one object per element, its fields written by {@code fields}. */
    private static <T> void writeObjects(JsonGenerator g, String field, List<T> elements, Fields<? super T> fields) throws IOException {
        g.writeArrayFieldStart(field);
        for (T element : elements) {
            g.writeStartObject();
            fields.write(element);
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    private static void candidate(JsonGenerator g, DossierCandidat candidat, ReferentialVersion version, Campaign campaign,
                                  Instant now) throws IOException {
        g.writeStartObject();
        g.writeStringField("registrationId", candidat.id);
        g.writeStringField("candidateNumber", candidat.candidateNumber);
        g.writeStringField("lastName", candidat.lastName);
        g.writeStringField("firstName", candidat.firstName);
        writeDate(g, "birthDate", candidat.birthDate);
        g.writeStringField("account", candidat.account);
        g.writeStringField("status", candidat.status.name());
        g.writeNumberField("referentialVersion", candidat.referentialVersion);
        g.writeStringField("categorie", candidat.categorie.name());
        g.writeStringField("voie", candidat.voie);
        g.writeStringField("forme", candidat.forme.name());
        writeStrings(g, "unites", candidat.unites);
        writeStrings(g, "unitesFacultatives", candidat.unitesFacultatives);
        g.writeObjectFieldStart("langues");
        for (Map.Entry<String, String> e : candidat.langues.entrySet()) {
            g.writeStringField(e.getKey(), e.getValue());
        }
        g.writeEndObject();
        writeObjects(g, "dispenses", candidat.dispenses, x -> {
            g.writeStringField("unite", x.unite);
            g.writeStringField("diplome", x.diplome);
        });
        writeObjects(g, "benefices", candidat.benefices, b -> {
            g.writeStringField("unite", b.unite);
            g.writeStringField("note", b.note);
            g.writeStringField("session", b.session);
            writeDate(g, "dateObtention", b.dateObtention);
        });
        writeObjects(g, "epreuves", candidat.dossiers, p -> {
            DossierStanding standing = DossierStanding.of(p, campaign, now, () -> version);
            g.writeStringField("epreuve", p.epreuve);
            g.writeStringField("dossier", standing.status().name());
            g.writeBooleanField("nv", standing.nv());
        });
        g.writeEndObject();
    }
}
