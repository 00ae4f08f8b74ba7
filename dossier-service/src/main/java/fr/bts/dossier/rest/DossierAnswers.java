package fr.bts.dossier.rest;

import fr.bts.dossier.model.DossierCandidat;
import fr.bts.dossier.service.DossierReads;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;

/** The answer to a conditional write of a file: the file as shown after it, with its ETag (the next write's If-Match). */
@ApplicationScoped
public class DossierAnswers {

    @Inject
    DossierReads reads;

    Response written(DossierCandidat candidat) {
        DossierReads.Shown shown = reads.now().show(candidat);
        return Response.ok(shown.candidat()).tag(shown.tag()).build();
    }
}
