package fr.bts.dossier.service;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoCursor;
import fr.bts.commons.security.Caller;
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
    CampaignRepository campaigns;

    @Inject
    ReferentialVersions referential;

    @Inject
    Caller caller;

    @Inject
    ObjectMapper json;

    public StreamingOutput snapshot(String session, String certification) {
        String academie = caller.requireAcademie();
        Instant now = Instant.now();
        Campaign campaign = campaigns.of(academie, session, certification).orElse(null);
        DossierRepository.Criteria criteria = new DossierRepository.Criteria(academie, null, session, certification, null, null);
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
                    DossierCandidat d = cursor.next();
                    ReferentialVersion version = versions.computeIfAbsent(d.referentialVersion,
                            n -> referential.get(d.certification, n).orElse(null));
                    candidate(g, d, version, campaign, now);
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

    private static void candidate(JsonGenerator g, DossierCandidat d, ReferentialVersion version, Campaign campaign,
                                  Instant now) throws IOException {
        g.writeStartObject();
        g.writeStringField("registrationId", d.id);
        g.writeStringField("candidateNumber", d.candidateNumber);
        g.writeStringField("lastName", d.lastName);
        g.writeStringField("firstName", d.firstName);
        writeDate(g, "birthDate", d.birthDate);
        g.writeStringField("account", d.account);
        g.writeStringField("status", d.status.name());
        g.writeNumberField("referentialVersion", d.referentialVersion);
        g.writeStringField("categorie", d.categorie.name());
        g.writeStringField("voie", d.voie);
        g.writeStringField("forme", d.forme.name());
        g.writeArrayFieldStart("unites");
        for (String u : d.unites) {
            g.writeString(u);
        }
        g.writeEndArray();
        g.writeArrayFieldStart("unitesFacultatives");
        for (String u : d.unitesFacultatives) {
            g.writeString(u);
        }
        g.writeEndArray();
        g.writeObjectFieldStart("langues");
        for (Map.Entry<String, String> e : d.langues.entrySet()) {
            g.writeStringField(e.getKey(), e.getValue());
        }
        g.writeEndObject();
        g.writeArrayFieldStart("dispenses");
        for (DossierCandidat.Dispense x : d.dispenses) {
            g.writeStartObject();
            g.writeStringField("unite", x.unite);
            g.writeStringField("diplome", x.diplome);
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeArrayFieldStart("benefices");
        for (DossierCandidat.Benefice b : d.benefices) {
            g.writeStartObject();
            g.writeStringField("unite", b.unite);
            g.writeStringField("note", b.note);
            g.writeStringField("session", b.session);
            writeDate(g, "dateObtention", b.dateObtention);
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeArrayFieldStart("epreuves");
        for (DossierProfessionnel p : d.dossiers) {
            DossierStanding standing = DossierStanding.of(p, campaign, now, () -> version);
            g.writeStartObject();
            g.writeStringField("epreuve", p.epreuve);
            g.writeStringField("dossier", standing.status().name());
            g.writeBooleanField("nv", standing.nv());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
    }
}
