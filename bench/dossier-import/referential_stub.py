#!/usr/bin/env python3
"""A fixed referential for the benchmark: serves version 1 (also `current`) of BTS-SAM and BTS-GPME, as
docs/contracts.md shapes them, from the dossier-service test fixtures; anything else is a 404 problem."""
import http.server
import pathlib
import sys

FIXTURES = pathlib.Path(sys.argv[2])
DOCS = {}
for code in ("BTS-SAM", "BTS-GPME"):
    body = (FIXTURES / f"{code}-1.json").read_bytes()
    for version in ("1", "current"):
        DOCS[f"/api/referential/v1/certifications/{code}/versions/{version}"] = body


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_GET(self):
        body = DOCS.get(self.path)
        status, ctype = (200, "application/json") if body else (404, "application/problem+json")
        if body is None:
            body = b'{"type":"urn:bts:problem:not-found","title":"Not found","status":404}'
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


http.server.ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), Handler).serve_forever()
