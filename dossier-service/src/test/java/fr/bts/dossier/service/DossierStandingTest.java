package fr.bts.dossier.service;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.bts.dossier.client.ReferentialVersion;
import fr.bts.dossier.model.Campaign;
import fr.bts.dossier.model.DossierProfessionnel;
import fr.bts.dossier.model.StatutDossier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * One row per rule of {@link DossierStanding}, each citing its source, on the referential's real seeds (SAM
 * [S002], GPME [S004]): how a professional dossier reads at an instant, given its stored status, its campaign's
 * deadline and the épreuve's requirements.
 */
class DossierStandingTest {

    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    private static final Path SEEDS = Path.of("..", "referential-service", "src", "main", "resources", "seed");
    private static final ReferentialVersion SAM = seed("bts-sam");
    private static final ReferentialVersion GPME = seed("bts-gpme");

    private static final Instant DEADLINE = Instant.parse("2026-03-31T22:00:00Z");
    private static final Instant BEFORE = DEADLINE.minusSeconds(1);
    private static final Instant AFTER = DEADLINE.plusSeconds(1);

    /** Expected: status shown, NV, and whether the missed deadline is shown. */
    record Row(String rule, StatutDossier stored, String epreuve, Instant deadline, Instant now, ReferentialVersion version,
               StatutDossier shown, boolean nv, boolean showsDeadline) {
        @Override
        public String toString() {
            return rule;
        }
    }

    static Stream<Row> rows() {
        return Stream.of(
                // Campaign (README "The deadline on reads"): before the deadline a DRAFT is a DRAFT.
                new Row("DRAFT before the deadline stays DRAFT", StatutDossier.DRAFT, "E4", DEADLINE, BEFORE, SAM,
                        StatutDossier.DRAFT, false, false),
                // The deadline is the last instant a dossier may be edited (Campaign.isPast: strictly after it).
                new Row("DRAFT at the deadline itself stays DRAFT", StatutDossier.DRAFT, "E4", DEADLINE, DEADLINE, SAM,
                        StatutDossier.DRAFT, false, false),
                new Row("DRAFT without a campaign stays DRAFT", StatutDossier.DRAFT, "E4", null, AFTER, SAM,
                        StatutDossier.DRAFT, false, false),
                // R13 ([S002] II.D E4 §3.1): a missing SAM E4 dossier ⇒ the candidate cannot be examined ⇒ NV.
                new Row("R13 SAM E4 still DRAFT after the deadline is ABSENT and NV", StatutDossier.DRAFT, "E4", DEADLINE, AFTER, SAM,
                        StatutDossier.ABSENT, true, true),
                // R13 ([S002] II.D E5 §3.1): the same for E5.
                new Row("R13 SAM E5 still DRAFT after the deadline is ABSENT and NV", StatutDossier.DRAFT, "E5", DEADLINE, AFTER, SAM,
                        StatutDossier.ABSENT, true, true),
                // R14 ([S004]): GPME E4 shortfalls are penalties, not NV; its requirements name no consequence of absence.
                new Row("R14 GPME E4 still DRAFT after the deadline is ABSENT, not NV", StatutDossier.DRAFT, "E4", DEADLINE, AFTER, GPME,
                        StatutDossier.ABSENT, false, true),
                // DossierStanding: a version the referential no longer has ⇒ the absence counts as NV (as the snapshot always did).
                new Row("absence against an unknown version counts as NV", StatutDossier.DRAFT, "E4", DEADLINE, AFTER, null,
                        StatutDossier.ABSENT, true, true),
                // … and so does an épreuve the version gives no requirements for.
                new Row("absence of an épreuve without requirements counts as NV", StatutDossier.DRAFT, "E6", DEADLINE, AFTER, SAM,
                        StatutDossier.ABSENT, true, true),
                // StatutDossier: only a DRAFT can be missing; a submitted or decided dossier keeps its status.
                new Row("SUBMITTED after the deadline stays SUBMITTED", StatutDossier.SUBMITTED, "E4", DEADLINE, AFTER, SAM,
                        StatutDossier.SUBMITTED, false, false),
                new Row("CONFORME after the deadline stays CONFORME", StatutDossier.CONFORME, "E4", DEADLINE, AFTER, SAM,
                        StatutDossier.CONFORME, false, false),
                new Row("NON_CONFORME after the deadline stays NON_CONFORME", StatutDossier.NON_CONFORME, "E5", DEADLINE, AFTER, SAM,
                        StatutDossier.NON_CONFORME, false, false));
    }

    @ParameterizedTest
    @MethodSource("rows")
    void eachRuleGivesTheStandingRead(Row row) {
        DossierStanding standing = DossierStanding.of(dossier(row.stored(), row.epreuve()), campaign(row.deadline()), row.now(),
                row::version);

        assertEquals(row.shown(), standing.status(), row.rule());
        assertEquals(row.nv(), standing.nv(), row.rule());
        assertEquals(row.showsDeadline() ? row.deadline() : null, standing.deadline(), row.rule());
        assertEquals(row.shown() == StatutDossier.ABSENT, standing.absent(), row.rule());
    }

    @Test
    void theVersionIsReadOnlyForAnAbsentDossier() {
        AtomicInteger asked = new AtomicInteger();
        DossierStanding.of(dossier(StatutDossier.DRAFT, "E4"), campaign(DEADLINE), BEFORE, () -> {
            asked.incrementAndGet();
            return SAM;
        });
        assertEquals(0, asked.get());

        DossierStanding.of(dossier(StatutDossier.DRAFT, "E4"), campaign(DEADLINE), AFTER, () -> {
            asked.incrementAndGet();
            return SAM;
        });
        assertEquals(1, asked.get());
    }

    private static DossierProfessionnel dossier(StatutDossier status, String epreuve) {
        DossierProfessionnel dossier = new DossierProfessionnel();
        dossier.epreuve = epreuve;
        dossier.status = status;
        return dossier;
    }

    private static Campaign campaign(Instant deadline) {
        if (deadline == null) {
            return null;
        }
        Campaign campaign = new Campaign();
        campaign.dossierDeadline = deadline;
        return campaign;
    }

    private static ReferentialVersion seed(String name) {
        try {
            return JSON.readValue(SEEDS.resolve(name + ".json").toFile(), ReferentialVersion.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
