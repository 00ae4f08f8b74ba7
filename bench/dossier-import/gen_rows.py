#!/usr/bin/env python3
"""Writes N valid registrations (JSON array) for session S: SAM and GPME, globale and progressive, with
languages, dispenses and bénéfices, so that every validation path of the import runs."""
import json
import sys

n, session, prefix = int(sys.argv[1]), sys.argv[2], sys.argv[3]
langs = ["ESPAGNOL", "ALLEMAND", "ITALIEN", "PORTUGAIS", "ARABE"]
rows = []
for i in range(n):
    number = f"{prefix}-{session}-{i:05d}"
    base = {"session": session, "candidateNumber": number, "ine": f"{100000000 + i:09d}{i % 10}A",
            "lastName": f"Nom{i}", "firstName": f"Prénom{i}", "birthDate": f"{2000 + i % 6}-0{1 + i % 9}-1{i % 9}",
            "email": f"c{i}@example.org", "account": f"cand-{prefix.lower()}-{i}"}
    if i % 3 == 2:
        base.update({"certification": "BTS-GPME", "referentialVersion": 1, "categorie": "CAT_C",
                     "voie": "CANDIDATURE_INDIVIDUELLE", "forme": "PROGRESSIVE", "unites": ["U4", "U51", "U6"]})
    else:
        base.update({"certification": "BTS-SAM", "referentialVersion": 1, "categorie": ["CAT_A", "CAT_B"][i % 2],
                     "voie": "ELEVE_ETUDIANT", "forme": "GLOBALE", "unitesFacultatives": ["UF1"],
                     "langues": {"U21": "ANGLAIS", "U22": langs[i % 5], "UF1": "RUSSE"}})
        if i % 4 == 0:
            base["dispenses"] = [{"unite": "U1", "diplome": "BTS Comptabilité et gestion"}]
        if i % 5 == 0:
            base["benefices"] = [{"unite": "U3", "note": "12.5", "session": str(int(session) - 1),
                                  "dateObtention": f"{int(session) - 1}-07-04"}]
    rows.append(base)
json.dump(rows, sys.stdout, ensure_ascii=False)
