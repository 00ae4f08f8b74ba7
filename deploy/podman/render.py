#!/usr/bin/env python3
"""The podman variant of deploy/k8s, derived from the production manifests at every deployment (never kept by hand).

    deploy/podman/render.py --out DIR [--gateway-port 28080] [--keycloak-port 28180] [--replicas-check-only]

First it checks the production manifests keep what production needs, and refuses to go on otherwise: every Deployment
has two replicas or more, startup/liveness/readiness probes on /q/health, resource requests and a memory limit, a
PodDisruptionBudget and an autoscaler of at least two, a Service, and takes every credential from a Secret.

Then it writes into DIR what `podman kube play` (podman 4.3) runs, with these differences, each forced by podman:
- each Deployment becomes one Pod named after its Service, so that the names of the production configuration
  (http://referential-service:8081, …) resolve on podman's network; podman plays one replica per Deployment;
- probes are left out: podman runs an httpGet probe as curl inside the container, and the images have no curl nor
  shell (deploy/podman/up.sh waits on the same /q/health endpoints from the host instead);
- secretKeyRef becomes configMapKeyRef on the generated map bts-suite-secrets (podman 4.3.1 cannot read a Kubernetes
  Secret through secretKeyRef, containers/podman#17071); its values are random, kept in DIR/secrets.json (mode 600);
- a Secret volume (evaluation-service's credential issuer keys) becomes a host directory DIR/<secret name> owned by the
  images' user, and the service generates each académie's key there on first use (CREDENTIALS_GENERATE_KEY=true), as
  the launcher's demo stack does; production mounts the keys made by tools/credentials/issuer-key.mjs;
- images registry.example.org/bts-suite/NAME become the local localhost/bts/NAME of deploy/images/build.sh;
- bts-suite-config keeps its keys, with the addresses of the podman stores (deploy/podman/stores.yaml) as values;
- Service, autoscaler, disruption budget, Ingress and Namespace have no podman counterpart and are left out.
"""
import argparse
import copy
import json
import os
import re
import secrets
import shutil
import sys
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
K8S = ROOT / "deploy" / "k8s"
PRODUCTION_REGISTRY = "registry.example.org/bts-suite/"
LOCAL_REGISTRY = "localhost/bts/"
CREDENTIAL = re.compile(r"PASSWORD|SECRET|_USER$|MONGODB_URL|REDIS_URL|TOKEN")
# Environment variables naming a directory of key material: it must be a read-only mount of a Secret.
KEY_DIRECTORIES = ("CREDENTIALS_KEY_DIR",)
IMAGE_USER = 10001

# The values bts-suite-config takes in the podman deployment; every key must exist in production (no drift).
LOCAL_CONFIG = {
    "oidc-auth-server-url": "http://keycloak:8080/realms/bts-suite",
    "referential-db-url": "jdbc:postgresql://postgres:5432/referential",
    "evaluation-db-url": "jdbc:postgresql://postgres:5432/evaluation",
    "otel-sdk-disabled": "true",
}
# Host ports: the gateway's public port and Keycloak's (the only two a client needs).
PUBLISHED = {("gateway", "http"): "gateway_port", ("keycloak", "http"): "keycloak_port"}


def load(path):
    with open(path) as f:
        return [doc for doc in yaml.safe_load_all(f) if doc]


def of_kind(docs, kind):
    return [d for d in docs if d.get("kind") == kind]


def selects(selector, labels):
    return all(labels.get(k) == v for k, v in (selector or {}).items())


def check_production(docs):
    problems = []
    deployments = of_kind(docs, "Deployment")
    if not deployments:
        problems.append("no Deployment in deploy/k8s")
    for dep in deployments:
        name = dep["metadata"]["name"]
        labels = dep["spec"]["template"]["metadata"]["labels"]
        if dep["spec"].get("replicas", 1) < 2:
            problems.append(f"{name}: replicas < 2")
        if not any(selects(s["spec"].get("selector"), labels) for s in of_kind(docs, "Service")):
            problems.append(f"{name}: no Service selects it")
        if not any(selects(p["spec"]["selector"].get("matchLabels"), labels) for p in of_kind(docs, "PodDisruptionBudget")):
            problems.append(f"{name}: no PodDisruptionBudget")
        if not any(h["spec"]["scaleTargetRef"]["name"] == name and h["spec"].get("minReplicas", 1) >= 2
                   for h in of_kind(docs, "HorizontalPodAutoscaler")):
            problems.append(f"{name}: no autoscaler with minReplicas >= 2")
        for c in dep["spec"]["template"]["spec"]["containers"]:
            where = f"{name}/{c['name']}"
            for probe in ("startupProbe", "livenessProbe", "readinessProbe"):
                path = c.get(probe, {}).get("httpGet", {}).get("path", "")
                if not path.startswith("/q/health"):
                    problems.append(f"{where}: {probe} is not an httpGet on /q/health")
            res = c.get("resources", {})
            if not res.get("requests", {}).get("cpu") or not res.get("requests", {}).get("memory"):
                problems.append(f"{where}: no cpu/memory requests")
            if not res.get("limits", {}).get("memory"):
                problems.append(f"{where}: no memory limit")
            for env in c.get("env", []):
                if CREDENTIAL.search(env["name"]) and "secretKeyRef" not in env.get("valueFrom", {}):
                    problems.append(f"{where}: {env['name']} is not taken from a Secret")
                if env["name"] == "CREDENTIALS_GENERATE_KEY" and env.get("value") != "false":
                    problems.append(f"{where}: CREDENTIALS_GENERATE_KEY must be \"false\" in production")
                if env["name"] in KEY_DIRECTORIES:
                    problems += key_directory_problems(where, env, c, dep["spec"]["template"]["spec"])
    return problems


def key_directory_problems(where, env, container, pod_spec):
    mount = next((m for m in container.get("volumeMounts", []) if m["mountPath"] == env.get("value")), None)
    if mount is None:
        return [f"{where}: {env['name']} ({env.get('value')}) is not a mounted volume"]
    volume = next((v for v in pod_spec.get("volumes", []) if v["name"] == mount["name"]), {})
    problems = []
    if "secret" not in volume:
        problems.append(f"{where}: {env['name']} is not mounted from a Secret")
    if not mount.get("readOnly"):
        problems.append(f"{where}: {env['name']} is not mounted read-only")
    return problems


def secret_keys(example):
    for doc in example:
        if doc.get("kind") == "Secret" and doc["metadata"]["name"] == "bts-suite-secrets":
            return set(doc.get("stringData", {}))
    raise SystemExit("render: secrets.example.yaml has no bts-suite-secrets")


def local_secrets(out, keys):
    """Random values, made once per deployment directory and kept (the PostgreSQL volume was made with them)."""
    path = out / "secrets.json"
    values = json.loads(path.read_text()) if path.exists() else {}
    for key in sorted(keys):
        if key in values:
            continue
        if key.endswith("-db-user"):
            values[key] = key[: -len("-db-user")]
        elif key == "keycloak-admin-password":
            # The console login the README and the smoke test use on a local deployment; set it to change it.
            values[key] = os.environ.get("KEYCLOAK_ADMIN_PASSWORD", "admin")
        else:
            values[key] = secrets.token_urlsafe(24)
    values["dossier-mongodb-url"] = "mongodb://mongo:27017"  # the wire server has no accounts
    values["gateway-rate-limit-redis-url"] = f"redis://:{values['redis-password']}@redis:6379/0"
    path.write_text(json.dumps(values, indent=2, sort_keys=True) + "\n")
    path.chmod(0o600)
    return values


def pod_of(dep, pod_name, ports, used_keys, out):
    spec = copy.deepcopy(dep["spec"]["template"]["spec"])
    spec["restartPolicy"] = "Always"
    generated_keys = False
    for volume in spec.get("volumes", []):
        secret = volume.pop("secret", None)
        if secret:
            volume["hostPath"] = {"path": str(local_key_directory(out, secret["secretName"])), "type": "Directory"}
            generated_keys = True
    for c in spec["containers"]:
        for probe in ("startupProbe", "livenessProbe", "readinessProbe"):
            c.pop(probe, None)
        if c["image"].startswith(PRODUCTION_REGISTRY):
            c["image"] = LOCAL_REGISTRY + c["image"][len(PRODUCTION_REGISTRY):]
        for env in c.get("env", []):
            ref = env.get("valueFrom", {}).pop("secretKeyRef", None)
            if ref:
                env["valueFrom"]["configMapKeyRef"] = ref
                used_keys.add(ref["key"])
            if generated_keys and env["name"] == "CREDENTIALS_GENERATE_KEY":
                env["value"] = "true"
        for mount in c.get("volumeMounts", []):
            if generated_keys and mount["mountPath"] in {e.get("value") for e in c.get("env", []) if e["name"] in KEY_DIRECTORIES}:
                mount["readOnly"] = False
        for port in c.get("ports", []):
            host = ports.get((pod_name, port["name"]))
            if host:
                port["hostPort"] = host
    return {
        "apiVersion": "v1",
        "kind": "Pod",
        "metadata": {"name": pod_name, "labels": dep["spec"]["template"]["metadata"]["labels"]},
        "spec": spec,
    }


def local_key_directory(out, name):
    """The host directory standing for a Secret of key material: kept across deployments, readable by the images' user only."""
    path = (out / name).resolve()
    path.mkdir(mode=0o700, exist_ok=True)
    path.chmod(0o700)
    if os.geteuid() == 0:
        os.chown(path, IMAGE_USER, IMAGE_USER)
    return path


def write(path, docs, mode=0o644):
    path.write_text("".join("---\n" + yaml.safe_dump(d, sort_keys=False) for d in docs))
    path.chmod(mode)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path)
    parser.add_argument("--gateway-port", type=int, default=28080)
    parser.add_argument("--keycloak-port", type=int, default=28180)
    parser.add_argument("--check-only", action="store_true", help="only check the production manifests")
    args = parser.parse_args()

    production = load(K8S / "namespace-config.yaml") + load(K8S / "services.yaml")
    problems = check_production(production)
    if problems:
        sys.exit("render: deploy/k8s lacks what production needs:\n  " + "\n  ".join(problems))
    if args.check_only:
        print("render: deploy/k8s keeps probes, resources, replicas >= 2, disruption budgets and Secrets")
        return

    out = args.out
    if out is None:
        parser.error("--out is required")
    out.mkdir(parents=True, exist_ok=True)
    keycloak_url = f"http://localhost:{args.keycloak_port}"
    ports = {key: getattr(args, attr) for key, attr in PUBLISHED.items()}

    config = copy.deepcopy(of_kind(production, "ConfigMap")[0])
    unknown = set(LOCAL_CONFIG) - set(config["data"])
    if unknown:
        sys.exit(f"render: bts-suite-config has no key {sorted(unknown)} any more: update LOCAL_CONFIG")
    config["data"].update(LOCAL_CONFIG)
    # links name the gateway as a podman client reaches it (podman's network lies in production's trusted-proxies)
    config["data"]["public-base-url"] = f"http://localhost:{args.gateway_port}"
    config["metadata"].pop("namespace", None)

    used_keys = set()
    services = []
    for dep in of_kind(production, "Deployment"):
        labels = dep["spec"]["template"]["metadata"]["labels"]
        service = next(s for s in of_kind(production, "Service") if selects(s["spec"]["selector"], labels))
        services.append(pod_of(dep, service["metadata"]["name"], ports, used_keys, out))

    stores_text = (HERE / "stores.yaml").read_text()
    realm_dir = out / "realm"
    realm_dir.mkdir(exist_ok=True)
    realm = (ROOT / "deploy" / "keycloak" / "bts-suite-realm.json").read_text()
    # Redirects written for the launcher's gateway (localhost:8080) follow the deployed gateway's port.
    realm = realm.replace("http://localhost:8080", f"http://localhost:{args.gateway_port}")
    (realm_dir / "bts-suite-realm.json").write_text(realm)
    stores_text = stores_text.replace("@KEYCLOAK_URL@", keycloak_url).replace("@REALM_DIR@", str(realm_dir.resolve()))
    stores = [pod_of(dep, dep["metadata"]["name"], ports, used_keys, out) for dep in yaml.safe_load_all(stores_text) if dep]

    values = local_secrets(out, secret_keys(load(K8S / "secrets.example.yaml")) | used_keys)
    missing = used_keys - set(values)
    if missing:
        sys.exit(f"render: no value for the secret keys {sorted(missing)}")
    secret_map = {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "bts-suite-secrets"},
                  "data": {k: values[k] for k in sorted(used_keys)}}

    write(out / "config.yaml", [config])
    write(out / "secrets.yaml", [secret_map], 0o600)
    write(out / "stores.yaml", stores)
    write(out / "services.yaml", services)
    print(f"render: {len(stores)} store pods and {len(services)} service pods written to {out}")


if __name__ == "__main__":
    main()
