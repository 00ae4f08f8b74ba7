package fr.bts.dossier.service;

import com.mongodb.client.model.Filters;
import fr.bts.devstack.MongoTestResource;
import fr.bts.dossier.ReferentialWireMock;
import fr.bts.dossier.model.DossierCandidat;
import fr.bts.dossier.model.StatutInscription;
import fr.bts.dossier.repository.DossierRepository;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * An import's new files go in several {@code insertMany} commands in flight together (the test profile's
 * {@code dossier.imports.insert-batch} is 8): a file refused as a duplicate is still reported by its index in the
 * whole list, whichever command carried it, and every other file is stored.
 */
@QuarkusTest
@QuarkusTestResource(value = MongoTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = OidcWiremockTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = ReferentialWireMock.class, restrictToAnnotatedClass = false)
class ImportStoreTest {

    private static final String SESSION = "2081";

    @Inject
    ImportStore store;

    @Inject
    DossierRepository dossiers;

    @Test
    void refusedFilesAreReportedByTheirIndexInTheWholeList() {
        // already registered: the numbers of rows 3 (first command), 10 (second) and 17 (third, shorter)
        for (int taken : List.of(3, 10, 17)) {
            dossiers.persist(file("earlier-" + taken, taken));
        }
        List<DossierCandidat> files = new ArrayList<>();
        IntStream.range(0, 20).forEach(i -> files.add(file("import-" + i, i)));

        Set<Integer> refused = store.insertAll(files);

        assertEquals(Set.of(3, 10, 17), refused);
        assertEquals(20, dossiers.count("academie = ?1 and session = ?2", "versailles", SESSION));
        for (int i = 0; i < 20; i++) {
            String expectedId = refused.contains(i) ? "earlier-" + i : "import-" + i;
            DossierCandidat stored = dossiers.mongoCollection().find(Filters.and(Filters.eq("session", SESSION),
                    Filters.eq("candidateNumber", number(i)))).first();
            assertEquals(expectedId, stored.id, "row " + i);
        }
    }

    private static DossierCandidat file(String id, int row) {
        DossierCandidat file = new DossierCandidat();
        file.id = id;
        file.academie = "versailles";
        file.session = SESSION;
        file.certification = "BTS-SAM";
        file.referentialVersion = 1;
        file.candidateNumber = number(row);
        file.status = StatutInscription.DRAFT;
        return file;
    }

    private static String number(int row) {
        return "INS-" + SESSION + "-" + row;
    }
}
