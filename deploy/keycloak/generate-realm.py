#!/usr/bin/env python3
"""Writes bts-suite-realm.json, the Keycloak realm of the suite (imported by ./suite up and in
production). Kept as a generator so that the embedded user-profile JSON stays readable and the
protocol mappers are written once for every client. Run it after editing; commit both files."""
import json
import pathlib

AUDIENCE = "bts-suite"
ROLES = {
    "referential-admin": "National administrator of the competency referential",
    "rectorat": "Rectorat of one académie: sessions, registrations, juries, results of that académie",
    "jury-member": "Member of an examination jury or commission",
    "jury-president": "President of a jury: deliberation, adjustments, seal",
    "candidate": "Candidate: own dossier, own results once published",
    "platform-reader": "Learning platform service account reading the referential",
}
LOCAL_PASSWORD = "demo"  # local/demo only; documented in README.md
# The gateway's public origin (scheme://host[:port]), where its Swagger UI runs. Keycloak resolves the placeholder
# from its own environment when it imports the realm (BTS_GATEWAY_ORIGIN; ./suite up sets it to the local
# gateway's port, production to the public address); the default is the local stack's gateway.
GATEWAY_ORIGIN = "${BTS_GATEWAY_ORIGIN:http://localhost:8080}"

USERS = [
    ("referentiel-admin", ["referential-admin"], None, "Référentiel", "Admin"),
    ("rectorat-versailles", ["rectorat"], "versailles", "Rectorat", "Versailles"),
    ("rectorat-lyon", ["rectorat"], "lyon", "Rectorat", "Lyon"),
    ("jury-versailles", ["jury-member"], "versailles", "Juliette", "Jury"),
    ("president-versailles", ["jury-president", "jury-member"], "versailles", "Paul", "Président"),
    ("candidat-versailles", ["candidate"], "versailles", "Camille", "Candidat"),
    ("candidat-lyon", ["candidate"], "lyon", "Léo", "Candidat"),
    # Further candidates of the end-to-end demo session (./suite demo).
    ("candidat-versailles-2", ["candidate"], "versailles", "Inès", "Candidate"),
    ("candidat-versailles-3", ["candidate"], "versailles", "Hugo", "Candidat"),
]


def mappers():
    return [
        {
            "name": "academie",
            "protocol": "openid-connect",
            "protocolMapper": "oidc-usermodel-attribute-mapper",
            "consentRequired": False,
            "config": {
                "user.attribute": "academie",
                "claim.name": "academie",
                "jsonType.label": "String",
                "access.token.claim": "true",
                "id.token.claim": "true",
                "introspection.token.claim": "true",
                "userinfo.token.claim": "true",
                "multivalued": "false",
            },
        },
        {
            "name": "audience-bts-suite",
            "protocol": "openid-connect",
            "protocolMapper": "oidc-audience-mapper",
            "consentRequired": False,
            "config": {
                "included.custom.audience": AUDIENCE,
                "access.token.claim": "true",
                "id.token.claim": "false",
                "introspection.token.claim": "true",
            },
        },
    ]


def client(client_id, description, **overrides):
    base = {
        "clientId": client_id,
        "name": client_id,
        "description": description,
        "enabled": True,
        "protocol": "openid-connect",
        "standardFlowEnabled": False,
        "implicitFlowEnabled": False,
        "directAccessGrantsEnabled": False,
        "serviceAccountsEnabled": False,
        "publicClient": False,
        "frontchannelLogout": True,
        "fullScopeAllowed": True,
        "attributes": {},
        "protocolMappers": mappers(),
        "defaultClientScopes": ["web-origins", "acr", "profile", "roles", "basic", "email"],
        "optionalClientScopes": ["address", "phone", "offline_access", "microprofile-jwt"],
    }
    base.update(overrides)
    return base


def user_profile():
    def person_attr(name, display, validations):
        return {
            "name": name,
            "displayName": display,
            "validations": validations,
            "required": {"roles": ["user"]},
            "permissions": {"view": ["admin", "user"], "edit": ["admin", "user"]},
            "multivalued": False,
        }

    return {
        "attributes": [
            {
                "name": "username",
                "displayName": "${username}",
                "validations": {"length": {"min": 3, "max": 255}, "username-prohibited-characters": {},
                                "up-username-not-idn-homograph": {}},
                "permissions": {"view": ["admin", "user"], "edit": ["admin", "user"]},
                "multivalued": False,
            },
            person_attr("email", "${email}", {"email": {}, "length": {"max": 255}}),
            person_attr("firstName", "${firstName}", {"length": {"max": 255}, "person-name-prohibited-characters": {}}),
            person_attr("lastName", "${lastName}", {"length": {"max": 255}, "person-name-prohibited-characters": {}}),
            {
                "name": "academie",
                "displayName": "Académie",
                "validations": {"length": {"min": 2, "max": 64},
                                "pattern": {"pattern": "^[a-z][a-z-]*$",
                                            "error-message": "académie: lower-case letters and hyphens"}},
                "annotations": {},
                "permissions": {"view": ["admin", "user"], "edit": ["admin"]},
                "multivalued": False,
            },
        ],
        "groups": [{"name": "user-metadata", "displayHeader": "User metadata",
                    "displayDescription": "Attributes, which refer to user metadata"}],
    }


def person(username, roles, academie, first, last):
    user = {
        "username": username,
        "enabled": True,
        "emailVerified": True,
        "email": f"{username}@bts-suite.test",
        "firstName": first,
        "lastName": last,
        "credentials": [{"type": "password", "value": LOCAL_PASSWORD, "temporary": False}],
        "realmRoles": ["default-roles-bts-suite"] + roles,
        "requiredActions": [],
    }
    if academie:
        user["attributes"] = {"academie": [academie]}
    return user


def service_account(client_id, roles, academie=None):
    user = {
        "username": f"service-account-{client_id}",
        "enabled": True,
        "serviceAccountClientId": client_id,
        "realmRoles": ["default-roles-bts-suite"] + roles,
    }
    if academie:
        user["attributes"] = {"academie": [academie]}
    return user


realm = {
    "realm": "bts-suite",
    "displayName": "BTS referential & assessment suite",
    "enabled": True,
    "sslRequired": "external",
    "registrationAllowed": False,
    "loginWithEmailAllowed": True,
    "bruteForceProtected": True,
    "accessTokenLifespan": 900,
    "accessTokenLifespanForImplicitFlow": 900,
    "ssoSessionIdleTimeout": 1800,
    "roles": {"realm": [{"name": name, "description": desc} for name, desc in ROLES.items()]},
    "clients": [
        client("jury-app", "Jury tablets and candidate front ends: authorization code + PKCE. Direct access "
               "grants are enabled for the local/demo stack only (./suite token); disable them in production.",
               publicClient=True, standardFlowEnabled=True, directAccessGrantsEnabled=True,
               redirectUris=["http://localhost:*", "https://jury.bts-suite.test/*"],
               webOrigins=["+"],
               attributes={"pkce.code.challenge.method": "S256", "post.logout.redirect.uris": "+"}),
        # Swagger UI of the gateway: a client of its own rather than jury-app, so that the documentation page
        # gets exactly one redirect URI and one web origin (the gateway's), no password grant, and tokens that
        # name it (azp=api-docs); an operator switches it off without touching the jury front ends.
        client("api-docs", "Swagger UI of the gateway (/q/swagger-ui): authorization code + PKCE (S256) for a person "
               "trying the API in a browser. Redirect URI and web origin are the gateway's public origin "
               "(BTS_GATEWAY_ORIGIN in Keycloak's environment at import).",
               publicClient=True, standardFlowEnabled=True,
               redirectUris=[GATEWAY_ORIGIN + "/q/swagger-ui/oauth2-redirect.html"],
               webOrigins=[GATEWAY_ORIGIN],
               attributes={"pkce.code.challenge.method": "S256", "post.logout.redirect.uris": "+"}),
        client("platform-demo", "Demo learning platform: client credentials, reads the referential",
               serviceAccountsEnabled=True, secret="platform-demo-secret"),
        client("rectorat-versailles-api", "Rectorat de Versailles integration: client credentials",
               serviceAccountsEnabled=True, secret="rectorat-versailles-secret"),
        client("rectorat-lyon-api", "Rectorat de Lyon integration: client credentials",
               serviceAccountsEnabled=True, secret="rectorat-lyon-secret"),
    ],
    "users": [person(*u) for u in USERS] + [
        service_account("platform-demo", ["platform-reader"]),
        service_account("rectorat-versailles-api", ["rectorat"], "versailles"),
        service_account("rectorat-lyon-api", ["rectorat"], "lyon"),
    ],
    "components": {
        "org.keycloak.userprofile.UserProfileProvider": [{
            "providerId": "declarative-user-profile",
            "subComponents": {},
            "config": {"kc.user.profile.config": [json.dumps(user_profile(), ensure_ascii=False)]},
        }]
    },
}

out = pathlib.Path(__file__).with_name("bts-suite-realm.json")
out.write_text(json.dumps(realm, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
print(f"wrote {out}")
