package fr.bts.dossier.contract;

import au.com.dius.pact.provider.junitsupport.Provider;
import au.com.dius.pact.provider.junitsupport.State;
import au.com.dius.pact.provider.junitsupport.loader.PactFolder;
import fr.bts.devstack.MongoTestResource;
import fr.bts.devstack.TestTokens;
import fr.bts.devstack.pact.ProviderPacts;
import fr.bts.dossier.ReferentialWireMock;
import fr.bts.dossier.model.CategorieCandidat;
import fr.bts.dossier.model.DossierCandidat;
import fr.bts.dossier.model.DossierProfessionnel;
import fr.bts.dossier.model.FormeInscription;
import fr.bts.dossier.model.StatutDossier;
import fr.bts.dossier.model.StatutInscription;
import fr.bts.dossier.repository.DossierRepository;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import jakarta.inject.Inject;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * dossier-service verifies the committed pacts of its consumers (contracts/pacts: evaluation-service, gateway) against
 * the running application on the MongoDB wire server. A field renamed or dropped in what a consumer reads fails this
 * test, in this module's build. The consumers propagate their caller's token, which the pact matches as
 * {@code Bearer .+}: each replayed request gets a real token of the académie {@code contrat}, signed as in every
 * other test of this module. The provider states write their registrations through the service's repository.
 */
@QuarkusTest
@QuarkusTestResource(value = MongoTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = OidcWiremockTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = ReferentialWireMock.class, restrictToAnnotatedClass = false)
@Provider("dossier-service")
@PactFolder("../contracts/pacts")
class DossierProviderPactTest implements ProviderPacts {

    static final String RECTORAT = TestTokens.token("rectorat-contrat", "contrat", "rectorat");

    @Inject
    DossierRepository dossiers;

    @Override
    public String token() {
        return RECTORAT;
    }

    @State("registrations of BTS-SAM 2031 exist in the académie contrat")
    void samRegistrations() {
        DossierCandidat d = new DossierCandidat();
        d.id = "pact-contrat-2031-1";
        d.academie = "contrat";
        d.session = "2031";
        d.certification = "BTS-SAM";
        d.referentialVersion = 1;
        d.candidateNumber = "CTR-2031-00001";
        d.lastName = "Martin";
        d.firstName = "Léa";
        d.birthDate = LocalDate.of(2005, 3, 1);
        d.email = "candidat-contrat@example.org";
        d.account = "candidat-contrat";
        d.categorie = CategorieCandidat.CAT_A;
        d.voie = "ELEVE_ETUDIANT";
        d.forme = FormeInscription.GLOBALE;
        d.unites.addAll(List.of("U1", "U21", "U22", "U3", "U4", "U5", "U6"));
        d.unitesFacultatives.add("UF1");
        d.langues.putAll(Map.of("U21", "ANGLAIS", "U22", "ESPAGNOL"));
        d.dispenses.add(new DossierCandidat.Dispense("U1", "BTS Comptabilité et gestion"));
        d.benefices.add(new DossierCandidat.Benefice("U3", "12.5", "2025", LocalDate.of(2025, 7, 4)));
        DossierProfessionnel e4 = new DossierProfessionnel();
        e4.epreuve = "E4";
        e4.status = StatutDossier.CONFORME;
        d.dossiers.add(e4);
        d.status = StatutInscription.VALIDATED;
        d.createdAt = Instant.now();
        d.updatedAt = d.createdAt;
        dossiers.persistOrUpdate(d);
    }
}
