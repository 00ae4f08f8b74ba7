package fr.bts.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import fr.bts.devstack.CsvRecords;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The bad-input corpus of issue 11, driven by the three services' OpenAPI documents: every write operation that
 * takes a body gets at least 15 hostile variants of it (malformed JSON, wrong types, nulls, empty body, a 1 MiB
 * string, 10,000-deep nesting, 1e309 / -0 / NaN, NUL / CR / ESC in strings, unknown fields, duplicate keys, trailing
 * garbage, wrong content types; CSV formula payloads and broken CSV for the import; hostile XML for the RNCP import;
 * hostile files and names for attachments), and every GET gets the path-encoding cases ({@code %00}, {@code %22},
 * {@code %zz}, overlong UTF-8, {@code ..}, a 5,000-character segment…). Each request goes through the gateway and
 * directly to the service, with a real Keycloak token of a role the operation allows (reads of the rectorat as its service account, which
 * has its own rate budget at the gateway) and real ids in its path.
 *
 * <p>It asserts: no answer is a 5xx or a dropped connection; every 4xx is {@code application/problem+json} with a
 * problem body; after every error answer the fingerprint of what the operation could change (lists, ETags, the
 * audit chain's length, read through the API) is what it was before; a CSV export neutralises the formula cells
 * that an import let in. It prints the number of requests and the status histogram.
 *
 * <p>Everything it may change lives in its own BTS-SAM session year of académie versailles (the first year down
 * from 2100 that no session or registration uses; the demo takes years up from 2026), so that it runs again on the same stack and leaves other
 * tests' data alone.
 */
class BadInputCorpusE2ETest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String SAM = "BTS-SAM";
    private static final String REFERENTIAL = "/api/referential/v1";
    private static final String DOSSIERS = "/api/dossiers/v1";
    private static final String EVALUATIONS = "/api/evaluations/v1";
    private static final String JSON = "application/json";
    private static final byte[] PDF = "%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);
    private static final int MIB = 1024 * 1024;
    private static final int DEPTH = 10_000;
    private static final Map<String, String> USER_OF_ROLE = Map.of(
            "referential-admin", "referentiel-admin",
            "rectorat", "rectorat-versailles",
            "candidate", "candidat-versailles",
            "jury-member", "jury-versailles",
            "jury-president", "president-versailles");
    private static final List<String> PATH_CASES = List.of(
            "%00", "%22", "%zz", "%C0%AE%C0%AE", "%FF", "..", "%2e%2e", "a%2F..%2F..", "a".repeat(5000));
    private static final String FORMULA_LEADS = "=+-@\t\r";
    /**
     * Variants that are never a valid request, whatever the operation: not JSON (or not one JSON document), a key
     * given twice, a control character in a text field (issue 11: refused at the API boundary), a broken CSV or XML
     * document, a file that is not what its type says. The others (unknown fields, -0, 1e40, a missing
     * Content-Type…) may be accepted where the operation's rules allow it; they must still never give a 5xx.
     */
    private static final java.util.Set<String> MUST_REFUSE = java.util.Set.of(
            "json-malformed", "json-empty", "json-wrong-top-type", "json-scalar", "json-wrong-types", "json-deep-nesting",
            "json-nan", "json-1e309", "json-nul-in-strings", "json-cr-in-strings", "json-esc-in-strings",
            "json-raw-control-byte", "json-duplicate-key", "json-trailing-garbage", "json-two-documents", "json-invalid-utf8",
            "csv-unclosed-quote", "csv-nul", "csv-esc", "csv-invalid-utf8", "csv-binary",
            "xml-malformed", "xml-empty", "xml-external-entity", "xml-entity-expansion", "xml-deep-nesting", "xml-nul",
            "xml-control-char-reference", "xml-trailing-garbage", "xml-duplicate-attribute", "xml-invalid-utf8",
            "bin-empty-pdf", "bin-text-as-pdf", "bin-executable-as-pdf", "bin-json-malformed", "bin-1mib-junk-as-pdf",
            "bin-zeros", "bin-name-nul", "bin-name-crlf");

    /** A request body: a name, its Content-Type (null: no header) and its bytes. */
    record Variant(String name, String contentType, byte[] body) {
    }

    /** An operation of an OpenAPI document: method, path template, the document's description of it. */
    record Operation(String service, String method, String path, JsonNode spec) {

        String label() {
            return method + " " + path;
        }
    }

    /** One answer the corpus found wrong. */
    record Failure(String operation, String variant, String target, int status, String detail) {

        @Override
        public String toString() {
            return operation + " [" + variant + "] via " + target + " → " + status + ": " + detail;
        }
    }

    private final Map<String, String> tokens = new LinkedHashMap<>();
    private final Map<String, String> bases = new LinkedHashMap<>();
    private final Map<String, Map<String, Integer>> histogram = new TreeMap<>();
    private final List<Failure> failures = new ArrayList<>();
    private final List<String> accepted = new ArrayList<>();
    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final ExecutorService readers = Executors.newFixedThreadPool(4);
    private int requests;
    private int sequence;

    // real ids, from the fixture this test sets up
    private int year;
    private int version;
    private String dossierId;
    private String candidateNumber;
    private String attachmentId;
    private String sessionId;
    private String commission;
    private String elementId;
    private String documentId;

    @Test
    void hostileInputNeverGetsA5xxAnythingButAProblemOrAnyStoredChange() {
        Instant started = Instant.now();
        bases.put("gateway", Stack.GATEWAY);
        bases.put("referential", Stack.REFERENTIAL);
        bases.put("dossier", Stack.DOSSIER);
        bases.put("evaluation", Stack.EVALUATION);
        USER_OF_ROLE.values().forEach(user -> tokens.put(user, Stack.freshUserToken(user)));
        tokens.put("platform-demo", Stack.freshClientToken("platform-demo"));
        tokens.put("rectorat-versailles-api", Stack.freshClientToken("rectorat-versailles-api"));
        try {
            setUp();
            corpus(started);
        } finally {
            readers.shutdownNow();
        }
    }

    private void corpus(Instant started) {

        List<Operation> operations = new ArrayList<>();
        for (String service : List.of("referential", "dossier", "evaluation")) {
            operations.addAll(operations(service));
        }
        operations.sort((a, b) -> Integer.compare(order(a), order(b)));
        int writes = 0;
        int gets = 0;
        for (Operation op : operations) {
            if (op.method().equals("get")) {
                gets++;
                probePaths(op);
            } else if (op.spec().has("requestBody")) {
                writes++;
                probeBodies(op);
            }
        }
        checkTheExportNeutralisesFormulas();

        Duration took = Duration.between(started, Instant.now());
        System.out.printf("%nBad-input corpus: %d requests (%d write operations with a body, %d GET operations, "
                        + "each through the gateway and direct) in %ds%n", requests, writes, gets, took.toSeconds());
        histogram.forEach((way, statuses) -> System.out.printf("  %-7s %5d requests, status histogram %s%n", way,
                statuses.values().stream().mapToInt(Integer::intValue).sum(), statuses));
        if (histogram.values().stream().anyMatch(h -> h.containsKey("429"))) {
            System.out.println("  WARNING: the gateway rate-limited some probes (429): they did not reach the service");
        }
        System.out.println("  accepted (2xx) variants: " + accepted.size());
        accepted.forEach(a -> System.out.println("    " + a));
        System.out.println("  failures: " + failures.size());
        failures.forEach(f -> System.out.println("    " + f));
        assertTrue(writes >= 20, "the documents describe the write operations: " + writes);
        assertTrue(gets >= 40, "the documents describe the reads: " + gets);
        if (!failures.isEmpty()) {
            fail(failures.size() + " bad answers out of " + requests + " requests:\n"
                    + failures.stream().map(Failure::toString).collect(Collectors.joining("\n")));
        }
    }

    // ---- the fixture: a SAM registration, a session in GRADING with jury and commission ------------------

    private void setUp() {
        JsonNode current = json(call("gateway", "GET", REFERENTIAL + "/certifications/" + SAM + "/current", "platform-demo", null, null), 200);
        version = current.path("version").path("number").asInt();
        elementId = current.path("epreuves").path(0).path("id").asText();
        JsonNode documents = json(call("gateway", "GET", "/ims/case/v1p1/CFDocuments", "platform-demo", null, null), 200);
        for (JsonNode d : documents.path("CFDocuments")) {
            if (d.path("title").asText().contains("manag")) {
                documentId = d.path("identifier").asText();
            }
        }
        year = freeYear();
        candidateNumber = "VER-" + year + "-90001";
        commission = "CORPUS-E4";

        List<String> compulsory = new ArrayList<>();
        current.path("unites").forEach(u -> {
            if (!u.path("facultative").asBoolean()) {
                compulsory.add(u.path("code").asText());
            }
        });
        Map<String, Object> registration = Fixtures.samRegistration(Integer.toString(year), version,
                new Fixtures.Candidate(candidateNumber, "Corpus", "Camille", "2004-11-20", "corpus@example.org", "candidat-versailles"), compulsory);
        RawHttp.Answer created = call("gateway", "POST", DOSSIERS + "/dossiers", "rectorat-versailles",
                Map.of("Idempotency-Key", run + "-registration"), new Variant("fixture", JSON, bytes(registration)));
        dossierId = json(created, 201).path("id").asText();
        String file = DOSSIERS + "/dossiers/" + dossierId;
        String tag = call("gateway", "POST", file + "/registration/submit", "rectorat-versailles",
                Map.of("If-Match", etag("dossier", file)), null).header("ETag");
        json(call("gateway", "POST", file + "/registration/validate", "rectorat-versailles", Map.of("If-Match", tag), null), 200);
        RawHttp.Answer upload = call("gateway", "POST", file + "/attachments?epreuve=E4&fileName=corpus.pdf", "candidat-versailles",
                Map.of(), new Variant("fixture", "application/pdf", PDF));
        attachmentId = upload.status() == 201 ? json(upload, 201).path("id").asText() : UUID.randomUUID().toString();

        Map<String, Object> open = Map.of("certification", SAM, "referentialVersion", Integer.toString(version), "year", year);
        sessionId = json(call("gateway", "POST", EVALUATIONS + "/sessions", "rectorat-versailles", Map.of(),
                new Variant("fixture", JSON, bytes(open))), 201).path("id").asText();
        String session = EVALUATIONS + "/sessions/" + sessionId;
        Map<String, Object> jury = Map.of(
                "president", person("president-versailles", "ENSEIGNANT_CHERCHEUR"),
                "members", List.of(person("jury-versailles", "PROFESSEUR_PUBLIC"), person("ec-corpus", "ENSEIGNANT_CHERCHEUR"),
                        person("pro-corpus-1", "PROFESSIONNEL_EMPLOYEUR"), person("pro-corpus-2", "PROFESSIONNEL_SALARIE")));
        json(call("gateway", "PUT", session + "/jury", "rectorat-versailles", Map.of(), new Variant("fixture", JSON, bytes(jury))), 200);
        json(call("gateway", "POST", session + "/transitions", "rectorat-versailles", Map.of("If-Match", etag("evaluation", session)),
                new Variant("fixture", JSON, bytes(Map.of("to", "GRADING")))), 200);
        json(call("gateway", "POST", session + "/commissions", "rectorat-versailles", Map.of(), new Variant("fixture", JSON,
                bytes(Map.of("code", commission, "epreuve", "E4", "members", List.of("jury-versailles"))))), 201);
        json(call("gateway", "PUT", session + "/commissions/" + commission + "/candidates", "rectorat-versailles", Map.of(),
                new Variant("fixture", JSON, bytes(Map.of("candidates", List.of(candidateNumber))))), 200);
    }

    private static Map<String, Object> person(String account, String qualite) {
        return Map.of("account", account, "name", account, "qualite", qualite);
    }

    /** The first year from 2100 down with neither a versailles SAM session nor any registration. */
    private int freeYear() {
        JsonNode sessions = json(call("gateway", "GET", EVALUATIONS + "/sessions?size=100", "rectorat-versailles", null, null), 200);
        List<Integer> taken = new ArrayList<>();
        for (int page = 0; page < sessions.path("totalPages").asInt(1); page++) {
            JsonNode p = page == 0 ? sessions
                    : json(call("gateway", "GET", EVALUATIONS + "/sessions?size=100&page=" + page, "rectorat-versailles", null, null), 200);
            p.path("items").forEach(s -> {
                if (SAM.equals(s.path("certification").asText())) {
                    taken.add(s.path("year").asInt());
                }
            });
        }
        for (int y = 2100; y > 2030; y--) {
            if (!taken.contains(y) && json(call("gateway", "GET", DOSSIERS + "/dossiers?session=" + y,
                    "rectorat-versailles", null, null), 200).path("totalItems").asInt() == 0) {
                return y;
            }
        }
        throw new AssertionError("no free SAM session year between 2031 and 2100");
    }

    // ---- the operations of the documents ---------------------------------------------------------------------

    private List<Operation> operations(String service) {
        JsonNode doc = json(call(service, "GET", "/q/openapi?format=json", null, null, null), 200);
        List<Operation> out = new ArrayList<>();
        doc.path("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(op -> {
            if (List.of("get", "post", "put", "patch", "delete").contains(op.getKey())) {
                out.add(new Operation(service, op.getKey(), path.getKey(), resolve(doc, op.getValue())));
            }
        }));
        return out;
    }

    /** Writes that could end the session's grading run last, so that an accepted variant spoils no other probe. */
    private static int order(Operation op) {
        if (op.method().equals("get")) {
            return 0;
        }
        return op.path().endsWith("/transitions") || op.path().contains("/deliberations") || op.path().endsWith("/reject") ? 2 : 1;
    }

    /** The operation with every {@code $ref} of its request body replaced by the schema it names. */
    private static JsonNode resolve(JsonNode doc, JsonNode node) {
        if (node.isObject()) {
            if (node.has("$ref")) {
                String[] parts = node.path("$ref").asText().substring(2).split("/");
                JsonNode target = doc;
                for (String p : parts) {
                    target = target.path(p);
                }
                return resolve(doc, target);
            }
            ObjectNode copy = MAPPER.createObjectNode();
            node.fields().forEachRemaining(e -> copy.set(e.getKey(), resolve(doc, e.getValue())));
            return copy;
        }
        if (node.isArray()) {
            ArrayNode copy = MAPPER.createArrayNode();
            node.forEach(n -> copy.add(resolve(doc, n)));
            return copy;
        }
        return node;
    }

    /** The caller of an operation: a demo user with the first role its document names (x-bts-roles), or a platform client. */
    private static String caller(Operation op) {
        JsonNode roles = op.spec().path("x-bts-roles");
        return roles.isArray() && !roles.isEmpty() ? USER_OF_ROLE.get(roles.path(0).asText()) : "platform-demo";
    }

    /** The path with the fixture's ids in place of its parameters; {@code last} replaces the last one when given. */
    private String fill(Operation op, String last) {
        String path = op.path();
        List<String> names = new ArrayList<>();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\{([^}]+)}").matcher(path);
        while (m.find()) {
            names.add(m.group(1));
        }
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            String value = last != null && i == names.size() - 1 ? last : id(path, name);
            path = path.replace("{" + name + "}", value);
        }
        if (last != null && names.isEmpty()) {
            path = path + (path.endsWith("/") ? "" : "/") + last;
        }
        return path;
    }

    private String id(String path, String name) {
        boolean evaluation = path.startsWith(EVALUATIONS);
        return switch (name) {
            case "id" -> evaluation ? sessionId : path.startsWith(DOSSIERS) ? dossierId
                    : path.contains("CFDocuments") || path.contains("CFPackages") ? documentId : elementId;
            case "code" -> evaluation ? commission : SAM;
            case "version", "other" -> Integer.toString(version);
            case "element", "epreuve" -> "E4";
            case "session" -> Integer.toString(year);
            case "certification" -> SAM;
            case "candidate" -> candidateNumber;
            case "attachmentId" -> attachmentId;
            case "revision" -> "1";
            case "academie" -> "versailles";
            case "list" -> "1";
            case "bloc" -> "SAM-BC01";
            default -> throw new AssertionError("no fixture id for {" + name + "} in " + path);
        };
    }

    // ---- GET: the path-encoding cases -----------------------------------------------------------------------

    private void probePaths(Operation op) {
        for (String c : PATH_CASES) {
            String path = fill(op, c);
            for (String target : List.of("gateway", op.service())) {
                String user = caller(op).equals("rectorat-versailles") ? "rectorat-versailles-api" : caller(op);
                RawHttp.Answer answer = call(target, "GET", path, user, Map.of(), null);
                check(op, c.length() > 20 ? "long-segment" : c, target, answer);
            }
        }
    }

    // ---- writes: the body variants ----------------------------------------------------------------------------

    private void probeBodies(Operation op) {
        JsonNode content = op.spec().path("requestBody").path("content");
        List<Variant> variants = new ArrayList<>();
        List<String> types = new ArrayList<>();
        content.fieldNames().forEachRemaining(types::add);
        String jsonType = types.stream().filter(t -> t.contains("json")).findFirst().orElse(null);
        if (jsonType != null) {
            variants.addAll(jsonVariants(jsonType, base(content.path(jsonType))));
        }
        if (types.contains("text/csv")) {
            variants.addAll(csvVariants());
        }
        if (types.stream().anyMatch(t -> t.contains("xml"))) {
            variants.addAll(xmlVariants(types.stream().filter(t -> t.contains("xml")).findFirst().orElseThrow()));
        }
        boolean upload = types.contains("*/*");
        if (upload) {
            variants.addAll(uploadVariants());
        }
        assertTrue(variants.size() >= 15, op.label() + " has " + variants.size() + " variants");
        String service = op.service();
        for (String target : List.of("gateway", service)) {
            String before = fingerprint(service);
            for (Variant v : variants) {
                String path = fill(op, null);
                if (upload) {
                    path = path + "?epreuve=" + (v.name().equals("bin-epreuve-unknown") ? "E99" : "E4") + "&fileName=" + fileName(v);
                }
                Map<String, String> headers = new LinkedHashMap<>();
                if (parameter(op, "If-Match")) {
                    headers.put("If-Match", ifMatch(op));
                }
                if (parameter(op, "Idempotency-Key")) {
                    headers.put("Idempotency-Key", run + "-" + (++sequence));
                }
                RawHttp.Answer answer = call(target, op.method().toUpperCase(Locale.ROOT), path, caller(op), headers, v);
                check(op, v.name(), target, answer);
                String after = fingerprint(service);
                if (answer.status() >= 400 && !after.equals(before)) {
                    failures.add(new Failure(op.label(), v.name(), target, answer.status(), "data changed after an error answer"));
                }
                if (stored(op, answer)) {
                    accepted.add(op.label() + " [" + v.name() + "] via " + target + " → " + answer.status() + " " + excerpt(answer));
                    if (MUST_REFUSE.contains(v.name())) {
                        failures.add(new Failure(op.label(), v.name(), target, answer.status(), "accepted: " + excerpt(answer)));
                    }
                }
                before = after;
            }
        }
    }

    /** Whether a 2xx stored something: an import answers 200 with a report that may have refused every row. */
    private static boolean stored(Operation op, RawHttp.Answer answer) {
        if (answer.status() / 100 != 2) {
            return false;
        }
        if (!op.path().endsWith("/imports")) {
            return true;
        }
        try {
            JsonNode report = MAPPER.readTree(answer.body());
            return report.path("created").asInt() + report.path("updated").asInt() > 0;
        } catch (java.io.IOException e) {
            return true;
        }
    }

    private static boolean parameter(Operation op, String name) {
        for (JsonNode p : op.spec().path("parameters")) {
            if (name.equalsIgnoreCase(p.path("name").asText())) {
                return true;
            }
        }
        return false;
    }

    /** The current tag of what an update names, so that the variant reaches the body's validation. */
    private String ifMatch(Operation op) {
        String path = fill(op, null);
        if (path.startsWith(DOSSIERS)) {
            return etag("dossier", DOSSIERS + "/dossiers/" + dossierId);
        }
        if (path.startsWith(EVALUATIONS)) {
            return etag("evaluation", EVALUATIONS + "/sessions/" + sessionId);
        }
        return etag("referential", REFERENTIAL + "/certifications/" + SAM + "/versions/" + version);
    }

    /** A body the operation's document describes: its first example, else one built from its schema. */
    private JsonNode base(JsonNode media) {
        JsonNode example = media.path("examples").elements().hasNext() ? media.path("examples").elements().next().path("value")
                : media.path("example");
        JsonNode body = example.isMissingNode() || example.isNull() ? fromSchema(media.path("schema"), 0) : example.deepCopy();
        return ours(body);
    }

    private JsonNode fromSchema(JsonNode schema, int depth) {
        if (schema.has("enum")) {
            return schema.path("enum").path(0);
        }
        String type = schema.path("type").asText(schema.has("properties") ? "object" : "string");
        return switch (type) {
            case "object" -> {
                ObjectNode o = MAPPER.createObjectNode();
                if (depth < 6) {
                    schema.path("properties").fields().forEachRemaining(p -> o.set(p.getKey(), fromSchema(p.getValue(), depth + 1)));
                    if (o.isEmpty() && schema.has("additionalProperties") && schema.path("additionalProperties").isObject()) {
                        o.set("A", fromSchema(schema.path("additionalProperties"), depth + 1));
                    }
                }
                yield o;
            }
            case "array" -> MAPPER.createArrayNode().add(fromSchema(schema.path("items"), depth + 1));
            case "integer" -> MAPPER.getNodeFactory().numberNode(1);
            case "number" -> MAPPER.getNodeFactory().numberNode(10);
            case "boolean" -> MAPPER.getNodeFactory().booleanNode(true);
            default -> switch (schema.path("format").asText()) {
                case "date" -> TextNode.valueOf("2004-11-20");
                case "date-time" -> TextNode.valueOf(Instant.now().plus(Duration.ofDays(30)).toString());
                case "uuid" -> TextNode.valueOf(UUID.randomUUID().toString());
                default -> TextNode.valueOf("corpus");
            };
        };
    }

    /** The body moved onto this test's own year, certification and candidate, whatever the example said. */
    private JsonNode ours(JsonNode node) {
        if (node.isArray()) {
            node.forEach(this::ours);
        } else if (node.isObject()) {
            ObjectNode o = (ObjectNode) node;
            if (o.has("session") && o.path("session").isTextual()) {
                o.put("session", Integer.toString(year));
            }
            if (o.has("year")) {
                o.put("year", year);
            }
            if (o.has("certification")) {
                o.put("certification", SAM);
            }
            if (o.has("candidateNumber")) {
                o.put("candidateNumber", candidateNumber);
            }
            if (o.has("code") && o.has("rncp")) {
                o.put("code", "BTS-CORPUS").put("rncp", "RNCP99999");
            }
            o.fields().forEachRemaining(e -> ours(e.getValue()));
        }
        return node;
    }

    // ---- the variants --------------------------------------------------------------------------------------

    private static List<Variant> jsonVariants(String type, JsonNode base) {
        String text = MAPPER.valueToTree(base).toString();
        ObjectNode first = firstObject(base);
        String firstKey = first != null && first.fieldNames().hasNext() ? first.fieldNames().next() : "x";
        List<Variant> v = new ArrayList<>();
        v.add(new Variant("json-malformed", type, utf8(text.substring(0, Math.max(1, text.length() / 2)))));
        v.add(new Variant("json-empty", type, new byte[0]));
        v.add(new Variant("json-null", type, utf8("null")));
        v.add(new Variant("json-wrong-top-type", type, utf8(base.isArray() ? "{\"" + firstKey + "\":1}" : "[\"" + firstKey + "\"]")));
        v.add(new Variant("json-scalar", type, utf8("\"corpus\"")));
        v.add(new Variant("json-all-null", type, utf8(edit(base, o -> o.fieldNames().forEachRemaining(k -> o.putNull(k))).toString())));
        v.add(new Variant("json-wrong-types", type, utf8(edit(base, BadInputCorpusE2ETest::wrongTypes).toString())));
        v.add(new Variant("json-1mib-string", type, utf8(strings(base, "A".repeat(MIB), true))));
        v.add(new Variant("json-deep-nesting", type, utf8(edit(base, o -> o.set(firstKey, TextNode.valueOf("@DEEP@"))).toString()
                .replace("\"@DEEP@\"", "[".repeat(DEPTH) + "]".repeat(DEPTH)))));
        v.add(new Variant("json-1e309", type, utf8(numbers(base, "1e309"))));
        v.add(new Variant("json-minus-zero", type, utf8(numbers(base, "-0"))));
        v.add(new Variant("json-nan", type, utf8(numbers(base, "NaN"))));
        v.add(new Variant("json-1e40", type, utf8(numbers(base, "1e40"))));
        v.add(new Variant("json-huge-integer", type, utf8(numbers(base, "123456789012345678901234567890"))));
        v.add(new Variant("json-nul-in-strings", type, utf8(strings(base, "a\u0000b", false))));
        v.add(new Variant("json-cr-in-strings", type, utf8(strings(base, "a\r=1+2", false))));
        v.add(new Variant("json-esc-in-strings", type, utf8(strings(base, "a\u001b[2Jb", false))));
        v.add(new Variant("json-raw-control-byte", type, utf8(strings(base, "@RAW@", false).replace("@RAW@", "a\u0001b"))));
        v.add(new Variant("json-unknown-field", type, utf8(edit(base, o -> o.put("corpusUnknownField", "x")).toString())));
        v.add(new Variant("json-duplicate-key", type, utf8(duplicateKey(text, firstKey))));
        v.add(new Variant("json-trailing-garbage", type, utf8(text + " }garbage")));
        v.add(new Variant("json-two-documents", type, utf8(text + text)));
        v.add(new Variant("json-invalid-utf8", type, invalidUtf8(strings(base, "@BAD@", false))));
        v.add(new Variant("json-as-text-plain", "text/plain", utf8(text)));
        v.add(new Variant("json-as-form", "application/x-www-form-urlencoded", utf8(text)));
        v.add(new Variant("json-without-content-type", null, utf8(text)));
        return v;
    }

    private List<Variant> csvVariants() {
        String header = "session,certification,referentialVersion,candidateNumber,lastName,firstName,birthDate,email,account,"
                + "categorie,voie,forme,unites,unitesFacultatives,langues,dispenses,benefices";
        List<Variant> v = new ArrayList<>();
        Map<String, String> formulas = new LinkedHashMap<>();
        formulas.put("csv-formula-equals", "\"=HYPERLINK(\"\"http://corpus.invalid\"\",\"\"x\"\")\"");
        formulas.put("csv-formula-plus", "+SUM(1;1)");
        formulas.put("csv-formula-minus", "-2+3");
        formulas.put("csv-formula-at", "@SUM(1+1)");
        formulas.put("csv-formula-tab", "\"\t=1+1\"");
        formulas.put("csv-formula-cr", "\"\r=1+1\"");
        formulas.put("csv-formula-dde", "\"=cmd|' /C calc'!A0\"");
        int n = 0;
        for (Map.Entry<String, String> f : formulas.entrySet()) {
            v.add(new Variant(f.getKey(), "text/csv", utf8(header + "\r\n" + csvRow(++n, f.getValue(), "Camille") + "\r\n")));
        }
        v.add(new Variant("csv-formula-first-name", "text/csv", utf8(header + "\r\n" + csvRow(++n, "Corpus", "=1+1") + "\r\n")));
        v.add(new Variant("csv-unclosed-quote", "text/csv", utf8(header + "\r\n" + csvRow(++n, "\"Corpus", "Camille") + "\r\n")));
        v.add(new Variant("csv-nul", "text/csv", utf8(header + "\r\n" + csvRow(++n, "Cor\u0000pus", "Camille") + "\r\n")));
        v.add(new Variant("csv-esc", "text/csv", utf8(header + "\r\n" + csvRow(++n, "Cor\u001bpus", "Camille") + "\r\n")));
        v.add(new Variant("csv-header-only", "text/csv", utf8(header + "\r\n")));
        v.add(new Variant("csv-empty", "text/csv", new byte[0]));
        v.add(new Variant("csv-wrong-column-count", "text/csv", utf8(header + "\r\n" + year + "," + SAM + ",1\r\n")));
        v.add(new Variant("csv-unknown-column", "text/csv", utf8(header + ",corpus\r\n" + csvRow(++n, "Corpus", "Camille") + ",x\r\n")));
        v.add(new Variant("csv-duplicate-column", "text/csv", utf8(header + ",lastName\r\n" + csvRow(++n, "Corpus", "Camille") + ",Autre\r\n")));
        v.add(new Variant("csv-1mib-field", "text/csv", utf8(header + "\r\n" + csvRow(++n, "A".repeat(MIB), "Camille") + "\r\n")));
        v.add(new Variant("csv-invalid-utf8", "text/csv", invalidUtf8(header + "\r\n" + csvRow(++n, "@BAD@", "Camille") + "\r\n")));
        v.add(new Variant("csv-binary", "text/csv", new byte[]{0, (byte) 0xff, 0x1b, 0x7f, (byte) 0x80, 0, 0x0d, 0x0a}));
        v.add(new Variant("csv-as-json", JSON, utf8(header + "\r\n" + csvRow(++n, "Corpus", "Camille") + "\r\n")));
        return v;
    }

    private String csvRow(int n, String lastName, String firstName) {
        return year + "," + SAM + "," + version + ",VER-" + year + "-8" + String.format("%04d", n) + ","
                + lastName + "," + firstName + ",2004-11-20,corpus" + n + "@example.org,corpus-csv,CAT_C,"
                + "FORMATION_CONTINUE,PROGRESSIVE,U1|U3|U6,,,,";
    }

    private static List<Variant> xmlVariants(String type) {
        List<Variant> v = new ArrayList<>();
        v.add(new Variant("xml-malformed", type, utf8("<fiche><intitule>BTS</fiche>")));
        v.add(new Variant("xml-empty", type, new byte[0]));
        v.add(new Variant("xml-external-entity", type, utf8("<?xml version=\"1.0\"?><!DOCTYPE fiche [<!ENTITY e SYSTEM "
                + "\"file:///etc/passwd\">]><fiche><intitule>&e;</intitule></fiche>")));
        StringBuilder laughs = new StringBuilder("<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol0 \"lol\">");
        for (int i = 1; i <= 9; i++) {
            laughs.append("<!ENTITY lol").append(i).append(" \"").append(("&lol" + (i - 1) + ";").repeat(10)).append("\">");
        }
        v.add(new Variant("xml-entity-expansion", type, utf8(laughs + "]><fiche>&lol9;</fiche>")));
        v.add(new Variant("xml-external-dtd", type, utf8("<?xml version=\"1.0\"?><!DOCTYPE fiche SYSTEM \"http://127.0.0.1:9/x.dtd\"><fiche/>")));
        v.add(new Variant("xml-deep-nesting", type, utf8("<a>".repeat(DEPTH) + "</a>".repeat(DEPTH))));
        v.add(new Variant("xml-1mib-text", type, utf8("<fiche><intitule>" + "A".repeat(MIB) + "</intitule></fiche>")));
        v.add(new Variant("xml-nul", type, utf8("<fiche><intitule>a\u0000b</intitule></fiche>")));
        v.add(new Variant("xml-control-char-reference", type, utf8("<fiche><intitule>a&#27;b</intitule></fiche>")));
        v.add(new Variant("xml-trailing-garbage", type, utf8("<fiche/>garbage")));
        v.add(new Variant("xml-duplicate-attribute", type, utf8("<fiche a=\"1\" a=\"2\"/>")));
        v.add(new Variant("xml-invalid-utf8", type, invalidUtf8("<fiche><intitule>@BAD@</intitule></fiche>")));
        v.add(new Variant("xml-unexpected-root", type, utf8("<html><script>alert(1)</script></html>")));
        v.add(new Variant("xml-number-1e309", type, utf8("<fiche><niveau>1e309</niveau></fiche>")));
        v.add(new Variant("xml-as-json", JSON, utf8("<fiche/>")));
        v.add(new Variant("xml-as-text-plain", "text/plain", utf8("<fiche/>")));
        return v;
    }

    private static List<Variant> uploadVariants() {
        List<Variant> v = new ArrayList<>();
        v.add(new Variant("bin-empty-pdf", "application/pdf", new byte[0]));
        v.add(new Variant("bin-text-as-pdf", "application/pdf", utf8("not a pdf at all")));
        v.add(new Variant("bin-executable-as-pdf", "application/pdf", new byte[]{'M', 'Z', (byte) 0x90, 0, 3, 0, 0, 0}));
        v.add(new Variant("bin-html", "text/html", utf8("<html><script>alert(1)</script></html>")));
        v.add(new Variant("bin-svg-script", "image/svg+xml", utf8("<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>")));
        v.add(new Variant("bin-json-malformed", JSON, utf8("{\"a\":")));
        v.add(new Variant("bin-1mib-junk-as-pdf", "application/pdf", utf8("A".repeat(MIB))));
        v.add(new Variant("bin-zeros", "application/octet-stream", new byte[1024]));
        v.add(new Variant("bin-without-content-type", null, PDF));
        v.add(new Variant("bin-garbage-content-type", "///;;;", PDF));
        v.add(new Variant("bin-pdf-javascript", "application/pdf", utf8("%PDF-1.4\n1 0 obj << /Type /Catalog /OpenAction << /S /JavaScript "
                + "/JS (app.alert(1)) >> >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n")));
        v.add(new Variant("bin-name-nul", "application/pdf", PDF));
        v.add(new Variant("bin-name-crlf", "application/pdf", PDF));
        v.add(new Variant("bin-name-traversal", "application/pdf", PDF));
        v.add(new Variant("bin-name-formula", "application/pdf", PDF));
        v.add(new Variant("bin-name-long", "application/pdf", PDF));
        v.add(new Variant("bin-name-malformed-escape", "application/pdf", PDF));
        v.add(new Variant("bin-epreuve-unknown", "application/pdf", PDF));
        return v;
    }

    private static String fileName(Variant v) {
        return switch (v.name()) {
            case "bin-name-nul" -> "a%00.pdf";
            case "bin-name-crlf" -> "a%0d%0aSet-Cookie:%20x.pdf";
            case "bin-name-traversal" -> "..%2F..%2F..%2Fetc%2Fpasswd";
            case "bin-name-formula" -> "%3DHYPERLINK(1).pdf";
            case "bin-name-long" -> "a".repeat(2000) + ".pdf";
            case "bin-name-malformed-escape" -> "a%zz.pdf";
            default -> "corpus.pdf";
        };
    }

    private static ObjectNode firstObject(JsonNode node) {
        if (node.isObject()) {
            return (ObjectNode) node;
        }
        if (node.isArray() && !node.isEmpty()) {
            return firstObject(node.path(0));
        }
        return null;
    }

    /** A copy of the body with its (first) object edited. */
    private static JsonNode edit(JsonNode base, Consumer<ObjectNode> change) {
        JsonNode copy = base.deepCopy();
        ObjectNode o = firstObject(copy);
        if (o != null) {
            change.accept(o);
            return copy;
        }
        ObjectNode wrapper = MAPPER.createObjectNode();
        change.accept(wrapper);
        return wrapper;
    }

    private static void wrongTypes(ObjectNode o) {
        List<String> keys = new ArrayList<>();
        o.fieldNames().forEachRemaining(keys::add);
        for (String k : keys) {
            JsonNode value = o.path(k);
            if (value.isTextual()) {
                o.putObject(k).put("$ne", 1);
            } else if (value.isNumber()) {
                o.put(k, "douze");
            } else if (value.isBoolean()) {
                o.put(k, "oui");
            } else if (value.isArray()) {
                o.put(k, "pas une liste");
            } else {
                o.put(k, 17);
            }
        }
        if (keys.isEmpty()) {
            o.put("x", 17);
        }
    }

    /** The body with its string leaves (or only the first one) set to {@code value}; a new field when it has none. */
    private static String strings(JsonNode base, String value, boolean firstOnly) {
        JsonNode copy = base.deepCopy();
        int[] changed = {0};
        replaceLeaves(copy, JsonNode::isTextual, TextNode.valueOf(value), firstOnly, changed);
        if (changed[0] == 0) {
            copy = edit(copy, o -> o.put("corpusText", value));
        }
        return copy.toString();
    }

    /** The body with its number leaves written as the raw token {@code number}; a new field when it has none. */
    private static String numbers(JsonNode base, String number) {
        JsonNode copy = base.deepCopy();
        int[] changed = {0};
        replaceLeaves(copy, JsonNode::isNumber, TextNode.valueOf("@NUMBER@"), false, changed);
        if (changed[0] == 0) {
            ObjectNode o = firstObject(copy);
            String key = o != null && o.fieldNames().hasNext() ? o.fieldNames().next() : "x";
            copy = edit(copy, x -> x.put(key, "@NUMBER@"));
        }
        return copy.toString().replace("\"@NUMBER@\"", number);
    }

    private static void replaceLeaves(JsonNode node, java.util.function.Predicate<JsonNode> leaf, JsonNode value, boolean firstOnly,
                                      int[] changed) {
        if (node.isObject()) {
            ObjectNode o = (ObjectNode) node;
            List<String> keys = new ArrayList<>();
            o.fieldNames().forEachRemaining(keys::add);
            for (String k : keys) {
                if (firstOnly && changed[0] > 0) {
                    return;
                }
                if (leaf.test(o.path(k))) {
                    o.set(k, value);
                    changed[0]++;
                } else {
                    replaceLeaves(o.path(k), leaf, value, firstOnly, changed);
                }
            }
        } else if (node.isArray()) {
            ArrayNode a = (ArrayNode) node;
            for (int i = 0; i < a.size(); i++) {
                if (firstOnly && changed[0] > 0) {
                    return;
                }
                if (leaf.test(a.path(i))) {
                    a.set(i, value);
                    changed[0]++;
                } else {
                    replaceLeaves(a.path(i), leaf, value, firstOnly, changed);
                }
            }
        }
    }

    private static String duplicateKey(String text, String key) {
        int brace = text.indexOf('{');
        if (brace < 0) {
            return "{\"" + key + "\":1,\"" + key + "\":2}";
        }
        return text.substring(0, brace + 1) + "\"" + key + "\":{\"duplicate\":true}," + text.substring(brace + 1);
    }

    private static byte[] invalidUtf8(String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String[] parts = text.split("@BAD@", -1);
        for (int i = 0; i < parts.length; i++) {
            out.writeBytes(utf8(parts[i]));
            if (i < parts.length - 1) {
                out.writeBytes(new byte[]{'a', (byte) 0xC3, 0x28, (byte) 0xFF, 'b'});
            }
        }
        return out.toByteArray();
    }

    // ---- the checks --------------------------------------------------------------------------------------------

    private void check(Operation op, String variant, String target, RawHttp.Answer answer) {
        if (answer.status() < 0) {
            failures.add(new Failure(op.label(), variant, target, answer.status(), "no answer: " + answer.error()));
            return;
        }
        if (answer.status() >= 500) {
            failures.add(new Failure(op.label(), variant, target, answer.status(), answer.header("Content-Type") + " " + excerpt(answer)));
            return;
        }
        if (answer.status() >= 400) {
            String type = Objects.requireNonNullElse(answer.header("Content-Type"), "");
            if (!type.startsWith("application/problem+json")) {
                failures.add(new Failure(op.label(), variant, target, answer.status(), "Content-Type '" + type + "' " + excerpt(answer)));
                return;
            }
            try {
                JsonNode problem = MAPPER.readTree(answer.body());
                if (problem == null || !problem.isObject() || !problem.hasNonNull("type") || problem.path("status").asInt() != answer.status()) {
                    failures.add(new Failure(op.label(), variant, target, answer.status(), "not a problem body: " + excerpt(answer)));
                }
            } catch (java.io.IOException e) {
                failures.add(new Failure(op.label(), variant, target, answer.status(), "unreadable problem body: " + excerpt(answer)));
            }
        }
    }

    /** Cells an import let in start with a formula character nowhere in the registration export. */
    private void checkTheExportNeutralisesFormulas() {
        RawHttp.Answer export = call("gateway", "GET", DOSSIERS + "/dossiers/export.csv?session=" + year + "&certification=" + SAM,
                "rectorat-versailles", Map.of(), null);
        assertEquals(200, export.status(), export.text());
        for (List<String> row : CsvRecords.parse(export.text())) {
            for (String cell : row) {
                if (!cell.isEmpty() && FORMULA_LEADS.indexOf(cell.charAt(0)) >= 0) {
                    failures.add(new Failure("GET " + DOSSIERS + "/dossiers/export.csv", "formula cell", "gateway", 200,
                            "cell not neutralised: " + cell.substring(0, Math.min(60, cell.length())).replace("\r", "\\r").replace("\t", "\\t")));
                }
            }
        }
    }

    /**
     * What an operation of {@code service} could change, read through the service's API (in parallel): the lists
     * and tags the corpus's writes could touch, and for evaluation the audit chain's length (every write of it
     * appends an entry in the same transaction).
     */
    private String fingerprint(String service) {
        List<String> reads = switch (service) {
            case "referential" -> List.of(REFERENTIAL + "/certifications?size=100", REFERENTIAL + "/certifications/" + SAM,
                    REFERENTIAL + "/certifications/" + SAM + "/versions/" + version);
            case "dossier" -> List.of(DOSSIERS + "/dossiers?size=100&session=" + year, DOSSIERS + "/dossiers?size=1",
                    DOSSIERS + "/dossiers/" + dossierId, DOSSIERS + "/campaigns/" + year + "/" + SAM);
            default -> List.of(EVALUATIONS + "/sessions?size=1", EVALUATIONS + "/sessions/" + sessionId,
                    EVALUATIONS + "/sessions/" + sessionId + "/grades?size=100", EVALUATIONS + "/audit/verify");
        };
        String user = service.equals("referential") ? "referentiel-admin" : "rectorat-versailles";
        List<CompletableFuture<String>> prints = reads.stream().map(read -> CompletableFuture.supplyAsync(() -> {
            RawHttp.Answer a = RawHttp.send(bases.get(service), "GET", read, Map.of("Authorization", "Bearer " + tokens.get(user)), null);
            return read + ' ' + a.status() + ' ' + a.header("ETag") + ' ' + sha(a.body());
        }, readers)).toList();
        return prints.stream().map(CompletableFuture::join).collect(Collectors.joining("\n"));
    }

    private String etag(String service, String path) {
        RawHttp.Answer a = RawHttp.send(bases.get(service), "GET", path, Map.of("Authorization", "Bearer " + tokens.get(
                service.equals("referential") ? "referentiel-admin" : "rectorat-versailles")), null);
        assertEquals(200, a.status(), path + ": " + a.text());
        return a.header("ETag");
    }

    // ---- HTTP --------------------------------------------------------------------------------------------------

    /** A request of the corpus (counted), to the gateway or a service, as {@code user} (null: anonymous). */
    private RawHttp.Answer call(String target, String method, String path, String user, Map<String, String> headers, Variant body) {
        Map<String, String> all = new LinkedHashMap<>();
        if (user != null) {
            all.put("Authorization", "Bearer " + tokens.get(user));
        }
        all.put("Accept", "application/json, application/problem+json, */*");
        if (headers != null) {
            all.putAll(headers);
        }
        if (body != null && body.contentType() != null) {
            all.put("Content-Type", body.contentType());
        }
        RawHttp.Answer answer = RawHttp.send(bases.get(target), method, path, all, body == null ? null : body.body());
        requests++;
        histogram.computeIfAbsent(target.equals("gateway") ? "gateway" : "direct", k -> new TreeMap<>())
                .merge(answer.status() < 0 ? "closed" : Integer.toString(answer.status()), 1, Integer::sum);
        return answer;
    }

    private static JsonNode json(RawHttp.Answer answer, int expected) {
        assertEquals(expected, answer.status(), () -> "fixture step: " + answer.text());
        try {
            return MAPPER.readTree(answer.body());
        } catch (java.io.IOException e) {
            throw new AssertionError("not JSON: " + answer.text(), e);
        }
    }

    private static byte[] bytes(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String excerpt(RawHttp.Answer a) {
        String text = a.text().replace("\n", " ");
        return text.isEmpty() ? "(empty body)" : text.substring(0, Math.min(160, text.length()));
    }

    private static String sha(byte[] body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body)).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
