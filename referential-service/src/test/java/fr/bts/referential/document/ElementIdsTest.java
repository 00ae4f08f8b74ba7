package fr.bts.referential.document;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Element ids are RFC 9562 UUIDv5: the expected values were computed independently with Python's uuid.uuid5. */
class ElementIdsTest {

    @Test
    void idsAreUuidV5OfCertificationKindAndCodeInTheSuiteNamespace() {
        assertEquals("8b74315d-4c06-56f0-a395-a839a6125b71", ElementIds.of("BTS-GPME", ElementKind.TACHE, "T.1.1.1").toString());
        assertEquals("9f3f8deb-a3ef-5a83-aabd-7978087dae1c",
                ElementIds.of("BTS-GPME", ElementKind.CERTIFICATION, "BTS-GPME").toString());
    }

    @Test
    void idsAreValidCaseIdentifiers() {
        String id = ElementIds.of("BTS-SAM", ElementKind.UNITE, "U4").toString();
        assertTrue(id.matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[8-9a-b][0-9a-f]{3}-[0-9a-f]{12}"), id);
    }

    @Test
    void accentsCaseAndApostrophesNormaliseAlike() {
        assertEquals("traitement et suivi des reclamations", TextNormalizer.normalize("Traitement  et suivi des RÉCLAMATIONS"));
        assertEquals("appel d'offres", TextNormalizer.normalize("appel d’offres"));
        assertEquals("oeuvre", TextNormalizer.normalize("Œuvre"));
    }
}
