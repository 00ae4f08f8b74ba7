package fr.bts.referential.rest;

/** Example payloads shown in the OpenAPI document; each is valid against the schema of its answer (the lint checks it). */
final class OpenApiExamples {

    static final String CERTIFICATION_PAGE = """
            {"page":0,"size":20,"totalItems":2,"totalPages":1,"items":[
              {"id":"0d5c0a33-8f9e-5b4e-9d1a-2f8c7e6b5a41","code":"BTS-GPME","rncp":"RNCP38363",
               "intitule":"BTS - Gestion de la PME","niveau":"5","etat":"Active","currentVersion":1}]}""";

    static final String VERSION_DOCUMENT = """
            {"certification":{"id":"9f3f8deb-a3ef-5a83-aabd-7978087dae1c","code":"BTS-GPME","rncp":"RNCP38363","intitule":"BTS - Gestion de la PME"},
             "version":{"number":1,"status":"PUBLISHED","publishedAt":"2026-01-05T09:00:00Z","libelle":null,"sources":["[S000]"]},
             "blocs":[{"id":"d460c477-afd1-5ee4-815a-1f6c85bbcc26","code":"RNCP38363BC01","numero":1,"intitule":"Gérer la relation avec les clients et les fournisseurs de la PME"}],
             "epreuves":[{"id":"6bc5dbad-278f-5253-8804-a75a14e909ac","code":"E4","unite":"U4","coefficient":6}]}""";

    static final String SEARCH = """
            {"page":0,"size":20,"totalItems":1,"totalPages":1,"items":[
              {"id":"8b74315d-4c06-56f0-a395-a839a6125b71","kind":"tache","code":"T.1.1.1","libelle":"Organisation de la prospection et prospection clientèle",
               "certification":"BTS-GPME","version":1,"parentId":"84b8b01a-2948-5cf9-a462-9328930b2bd9","rank":2}]}""";

    static final String ITEM = """
            {"id":"6bc5dbad-278f-5253-8804-a75a14e909ac","kind":"epreuve","code":"E4","parentId":"9f3f8deb-a3ef-5a83-aabd-7978087dae1c","ordre":1,"certification":"BTS-GPME","version":1,
             "versionStatus":"PUBLISHED","element":{"id":"6bc5dbad-278f-5253-8804-a75a14e909ac","code":"E4","coefficient":6,"unite":"U4"}}""";

    static final String COMPLETENESS = """
            {"certification":"BTS-GPME","version":1,"missingCount":1,"missing":[
              {"path":"epreuves[1].coefficient","kind":"epreuve","code":"EP-U51","field":"coefficient"}],
             "conflits":[],"sansProvenance":0,"provenances":[
              {"path":"epreuves[0].coefficient","kind":"epreuve","code":"E4","field":"coefficient","value":6,
               "nature":"SOURCE","source":"[S004]","section":"Epreuve E4",
               "citation":"Epreuve E4 – Gérer la relation avec les clients et les fournisseurs (coefficient 6)"},
              {"path":"reglesResultat.seuilInclusif","kind":"section","code":"reglesResultat","field":"seuilInclusif",
               "value":true,"nature":"TEXTE_CITE","texte":"Code de l’éducation, article D643-13"}]}""";

    static final String DIFF = """
            {"certification":"BTS-GPME","from":1,"to":2,"added":[],"removed":[],"changed":[
              {"id":"2ce6641c-5219-56dc-8825-4571f9fe1950","kind":"epreuve","code":"EP-U51","changes":[{"field":"coefficient","from":null,"to":4},
               {"field":"provenance","from":[{"champs":["noteSur"],"nature":"DEFAUT","note":"…"}],
                "to":[{"champs":["noteSur"],"nature":"DEFAUT","note":"…"},
                      {"champs":["coefficient"],"nature":"TEXTE_CITE","texte":"Arrêté du 19 février 2018 modifié …"}]}]}]}""";

    static final String VALIDATION_PROBLEM = """
            {"type":"urn:bts:problem:validation","title":"Validation failed","status":422,"detail":"2 rules are violated",
             "violations":[{"field":"unites[0].bloc","message":"unknown bloc","rejectedValue":"BC09"},
                           {"field":"epreuves[0].coefficient","message":"must be greater than 0","rejectedValue":0}]}""";

    static final String NEW_CERTIFICATION = """
            {"code":"BTS-NDRC","rncp":"RNCP38368","intitule":"BTS - Négociation et digitalisation de la relation client",
             "type":"BTS","niveau":"5","nomenclatureNiveau":"NIVEAU_5","etat":"Active","nsf":[],"formacodes":[],"rome":[],
             "certificateurs":[],"datePublication":null,"dateDebutParcours":null,"dateEcheanceEnregistrement":null,
             "dateDerniereDelivrance":null,"baseLegale":null,"arretes":[],"certificationsAnterieures":[]}""";

    static final String ELEMENT_EDIT = """
            {"coefficient": 4}""";

    private OpenApiExamples() {
    }
}
