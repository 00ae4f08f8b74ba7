import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The grades-deliberation benchmark's helper, JDK only (plus the PostgreSQL driver from the devstack launcher jar
 * on the class path for the JDBC baseline):
 *
 * <ul>
 *   <li>{@code keys <dir>}: an RSA key pair that signs the benchmark's access tokens (RS256);</li>
 *   <li>{@code stub <port> <candidates> <epreuves> <keys>}: a small HTTP server playing the OIDC realm (discovery
 *       document and JWKS with the public key, so quarkus-oidc verifies signature, issuer, audience and expiry as
 *       with Keycloak), referential-service and dossier-service (shapes of docs/contracts.md: a version with N
 *       épreuves, a snapshot of N candidates — the snapshot only to a request carrying a bearer token);</li>
 *   <li>{@code run …}: the measured scenario, printing figures and the two ratio lines.</li>
 * </ul>
 */
public class BenchTool {

    /** The issuer: the stub's realm URL, whose discovery document and JWKS the service reads as it reads Keycloak's. */
    static String issuer;
    static final String AUDIENCE = "bts-suite";
    static final String CERTIFICATION = "BTS-BENCH";

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "keys" -> keys(Path.of(args[1]));
            case "stub" -> stub(Integer.parseInt(args[1]), Integer.parseInt(args[2]), Integer.parseInt(args[3]), Path.of(args[4]));
            case "run" -> {
                issuer = args[8];
                run(args[1], args[2], Path.of(args[3]), Integer.parseInt(args[4]), Integer.parseInt(args[5]),
                        Integer.parseInt(args[6]), Integer.parseInt(args[7]));
            }
            default -> throw new IllegalArgumentException(args[0]);
        }
    }

    // ---------------------------------------------------------------- keys and tokens

    static void keys(Path dir) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair pair = generator.generateKeyPair();
        Files.createDirectories(dir);
        Files.write(dir.resolve("private.der"), pair.getPrivate().getEncoded());
        Files.writeString(dir.resolve("public.b64"), Base64.getEncoder().encodeToString(pair.getPublic().getEncoded()));
    }

    static String token(Path keys, String username, String academie, String... roles) throws Exception {
        PrivateKey key = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Files.readAllBytes(keys.resolve("private.der"))));
        long now = Instant.now().getEpochSecond();
        String groups = String.join(",", Arrays.stream(roles).map(r -> "\"" + r + "\"").toList());
        String header = "{\"alg\":\"RS256\",\"typ\":\"JWT\",\"kid\":\"bench\"}";
        String claims = "{\"iss\":\"" + issuer + "\",\"aud\":\"" + AUDIENCE + "\",\"sub\":\"sub-" + username + "\","
                + "\"preferred_username\":\"" + username + "\",\"academie\":\"" + academie + "\",\"groups\":[" + groups + "],"
                + "\"iat\":" + now + ",\"exp\":" + (now + 3600) + "}";
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String signingInput = b64.encodeToString(header.getBytes(StandardCharsets.UTF_8)) + "." + b64.encodeToString(claims.getBytes(StandardCharsets.UTF_8));
        Signature signature = Signature.getInstance("SHA256withRSA");
        signature.initSign(key);
        signature.update(signingInput.getBytes(StandardCharsets.US_ASCII));
        return signingInput + "." + b64.encodeToString(signature.sign());
    }

    // ---------------------------------------------------------------- downstream stubs

    static String epreuve(int i) {
        return "E" + i;
    }

    static int coefficient(int i) {
        return 1 + (i % 4);
    }

    static void stub(int port, int candidates, int epreuves, Path keys) throws Exception {
        java.security.interfaces.RSAPrivateCrtKey priv = (java.security.interfaces.RSAPrivateCrtKey) KeyFactory.getInstance("RSA")
                .generatePrivate(new PKCS8EncodedKeySpec(Files.readAllBytes(keys.resolve("private.der"))));
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String realm = "http://127.0.0.1:" + port + "/realms/bts-suite";
        byte[] jwks = ("{\"keys\":[{\"kty\":\"RSA\",\"kid\":\"bench\",\"use\":\"sig\",\"alg\":\"RS256\",\"n\":\""
                + b64.encodeToString(unsigned(priv.getModulus())) + "\",\"e\":\"" + b64.encodeToString(unsigned(priv.getPublicExponent()))
                + "\"}]}").getBytes(StandardCharsets.UTF_8);
        byte[] discovery = ("{\"issuer\":\"" + realm + "\",\"jwks_uri\":\"" + realm + "/protocol/openid-connect/certs\","
                + "\"token_endpoint\":\"" + realm + "/protocol/openid-connect/token\","
                + "\"authorization_endpoint\":\"" + realm + "/protocol/openid-connect/auth\"}").getBytes(StandardCharsets.UTF_8);
        StringBuilder version = new StringBuilder();
        version.append("{\"certification\":{\"code\":\"").append(CERTIFICATION).append("\",\"intitule\":\"BTS de banc d'essai\",\"type\":\"BTS\"},")
                .append("\"version\":{\"number\":1,\"status\":\"PUBLISHED\"},\"categoriesCandidats\":[],\"voiesAcces\":[],\"blocs\":[");
        for (int i = 1; i <= epreuves; i++) {
            version.append(i > 1 ? "," : "").append("{\"code\":\"BC").append(i).append("\",\"numero\":").append(i)
                    .append(",\"intitule\":\"Bloc ").append(i).append("\",\"facultatif\":false,\"unites\":[\"U").append(i).append("\"],\"competences\":[]}");
        }
        version.append("],\"domaines\":[],\"unites\":[");
        for (int i = 1; i <= epreuves; i++) {
            version.append(i > 1 ? "," : "").append("{\"code\":\"U").append(i).append("\",\"intitule\":\"Unité ").append(i)
                    .append("\",\"bloc\":\"BC").append(i).append("\",\"facultative\":false}");
        }
        version.append("],\"epreuves\":[");
        for (int i = 1; i <= epreuves; i++) {
            version.append(i > 1 ? "," : "").append("{\"code\":\"").append(epreuve(i)).append("\",\"intitule\":\"Épreuve ").append(i)
                    .append("\",\"unite\":\"U").append(i).append("\",\"parent\":null,\"coefficient\":").append(coefficient(i))
                    .append(",\"facultative\":false,\"noteSur\":20,\"modalites\":[],\"situations\":[],\"exigencesDossier\":null}");
        }
        version.append("],\"reglesResultat\":{\"seuil\":10,\"seuilInclusif\":true,\"facultatives\":\"POINTS_AU_DESSUS_DE_10\",")
                .append("\"coefficientFacultatifParDefaut\":1},\"langues\":null,\"dispenses\":[],\"correspondances\":[]}");
        StringBuilder units = new StringBuilder();
        for (int i = 1; i <= epreuves; i++) {
            units.append(i > 1 ? "," : "").append("\"U").append(i).append("\"");
        }
        StringBuilder snapshot = new StringBuilder("{\"academie\":\"versailles\",\"session\":\"2026\",\"certification\":\"")
                .append(CERTIFICATION).append("\",\"referentialVersion\":1,\"generatedAt\":\"2026-06-01T08:00:00Z\",\"candidates\":[");
        for (int c = 1; c <= candidates; c++) {
            snapshot.append(c > 1 ? "," : "").append("{\"registrationId\":\"reg-").append(c).append("\",\"candidateNumber\":\"")
                    .append(number(c)).append("\",\"lastName\":\"Nom").append(c).append("\",\"firstName\":\"Prénom\",\"account\":\"cand-")
                    .append(c).append("\",\"status\":\"VALIDATED\",\"categorie\":\"CAT_A\",\"voie\":\"")
                    .append(c % 5 == 0 ? "FORMATION_CONTINUE" : "ELEVE_ETUDIANT")
                    .append("\",\"forme\":\"GLOBALE\",\"unites\":[").append(units).append("],\"unitesFacultatives\":[],\"dispenses\":[],\"benefices\":[],\"epreuves\":[]}");
        }
        snapshot.append("]}");
        byte[] versionBytes = version.toString().getBytes(StandardCharsets.UTF_8);
        byte[] snapshotBytes = snapshot.toString().getBytes(StandardCharsets.UTF_8);
        var server = com.sun.net.httpserver.HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        server.createContext("/api/referential/v1/certifications/" + CERTIFICATION + "/versions/1", ex -> answer(ex, 200, versionBytes));
        server.createContext("/api/dossiers/v1/snapshots/2026/" + CERTIFICATION, ex -> {
            String auth = ex.getRequestHeaders().getFirst("Authorization");
            answer(ex, auth != null && auth.startsWith("Bearer ") ? 200 : 401, auth != null ? snapshotBytes : new byte[0]);
        });
        server.createContext("/realms/bts-suite/.well-known/openid-configuration", ex -> answer(ex, 200, discovery));
        server.createContext("/realms/bts-suite/protocol/openid-connect/certs", ex -> answer(ex, 200, jwks));
        server.createContext("/", ex -> answer(ex, 404, "{}".getBytes(StandardCharsets.UTF_8)));
        server.start();
        System.out.println("stubs ready on 127.0.0.1:" + port);
    }

    static byte[] unsigned(java.math.BigInteger value) {
        byte[] bytes = value.toByteArray();
        return bytes[0] == 0 ? Arrays.copyOfRange(bytes, 1, bytes.length) : bytes;
    }

    static void answer(com.sun.net.httpserver.HttpExchange ex, int status, byte[] body) throws IOException {
        ex.getResponseHeaders().add("Content-Type", "application/json");
        ex.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(body);
        }
    }

    static String number(int c) {
        return String.format("BEN-2026-%05d", c);
    }

    // ---------------------------------------------------------------- scenario

    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    static HttpResponse<String> call(String method, String url, String token, String body, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").header("Accept", "application/json");
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> expect(int status, HttpResponse<String> response) {
        if (response.statusCode() != status) {
            throw new IllegalStateException(response.request().method() + " " + response.request().uri() + " → "
                    + response.statusCode() + ": " + response.body());
        }
        return response;
    }

    static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\"\\s*:\\s*\"?([^\",}]*)").matcher(json);
        if (!m.find()) {
            throw new IllegalStateException("no " + name + " in " + json);
        }
        return m.group(1);
    }

    static String mark(Random random) {
        int halves = random.nextInt(41);
        return (halves / 2) + (halves % 2 == 1 ? ".5" : "");
    }

    /** One grade row of the raw JDBC baseline, added to the statement's batch. */
    private static void bindRaw(PreparedStatement insert, UUID sessionId, java.util.Map<String, UUID> ids, String[] r) throws java.sql.SQLException {
        insert.setObject(1, UUID.randomUUID());
        insert.setObject(2, sessionId);
        insert.setObject(3, ids.get(r[0]));
        insert.setString(4, r[1]);
        insert.setBigDecimal(5, new java.math.BigDecimal(r[2]));
        insert.setTimestamp(6, Timestamp.from(Instant.now()));
        insert.addBatch();
    }

    static void run(String service, String jdbc, Path keys, int candidates, int epreuves, int batchSize, int clients) throws Exception {
        Class.forName("org.postgresql.Driver");
        String api = service + "/api/evaluations/v1";
        String rectorat = token(keys, "bench-rectorat", "versailles", "rectorat");
        String president = token(keys, "bench-president", "versailles", "jury-president");
        String grader = token(keys, "bench-grader", "versailles", "jury-member");

        long t0 = System.nanoTime();
        String session = field(expect(201, call("POST", api + "/sessions", rectorat,
                "{\"certification\":\"" + CERTIFICATION + "\",\"referentialVersion\":\"1\",\"year\":2026}")).body(), "id");
        String sessionUrl = api + "/sessions/" + session;
        expect(200, call("PUT", sessionUrl + "/jury", rectorat, "{\"president\":{\"account\":\"bench-president\",\"name\":\"P\",\"qualite\":\"IA_IPR\"},"
                + "\"members\":[{\"account\":\"bench-grader\",\"name\":\"G\",\"qualite\":\"ENSEIGNANT_CHERCHEUR\"},"
                + "{\"account\":\"bench-pro\",\"name\":\"Pro\",\"qualite\":\"PROFESSIONNEL_EMPLOYEUR\"}]}"));
        expect(200, call("POST", sessionUrl + "/transitions", rectorat, "{\"to\":\"GRADING\"}", "If-Match", "\"v0\""));
        StringBuilder all = new StringBuilder("[");
        for (int c = 1; c <= candidates; c++) {
            all.append(c > 1 ? "," : "").append('"').append(number(c)).append('"');
        }
        all.append(']');
        for (int i = 1; i <= epreuves; i++) {
            expect(201, call("POST", sessionUrl + "/commissions", rectorat,
                    "{\"code\":\"C" + i + "\",\"epreuve\":\"" + epreuve(i) + "\",\"members\":[\"bench-grader\"]}"));
            expect(200, call("PUT", sessionUrl + "/commissions/C" + i + "/candidates", rectorat, "{\"candidates\":" + all + "}"));
        }
        System.out.printf("setup: session, jury, snapshot of %d candidates, %d commissions in %.1f s%n",
                candidates, epreuves, (System.nanoTime() - t0) / 1e9);

        // the same rows for both paths
        Random random = new Random(42);
        List<String[]> rows = new ArrayList<>();
        for (int c = 1; c <= candidates; c++) {
            for (int i = 1; i <= epreuves; i++) {
                rows.add(new String[] {number(c), epreuve(i), mark(random)});
            }
        }
        List<String> batches = new ArrayList<>();
        for (int from = 0; from < rows.size(); from += batchSize) {
            StringBuilder b = new StringBuilder("{\"grades\":[");
            for (int k = from; k < Math.min(from + batchSize, rows.size()); k++) {
                String[] r = rows.get(k);
                b.append(k > from ? "," : "").append("{\"candidate\":\"").append(r[0]).append("\",\"epreuve\":\"").append(r[1])
                        .append("\",\"statut\":\"NOTE\",\"note\":").append(r[2]).append('}');
            }
            batches.add(b.append("]}").toString());
        }

        // Warm-up, not timed: each client sends two batches that the grading rules refuse (the first batch with its first
        // mark above the scale), so that the timed batches measure the service in its steady state, not its first-use
        // costs (the first interpretation of the grader's visibility query took seconds of CPU, JIT compilation).
        // A refused batch stores nothing and frees its key.
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        String refused = batches.get(0).replaceFirst("\"note\":[0-9.]+", "\"note\":25");
        List<Future<?>> warmUp = new ArrayList<>();
        for (int i = 0; i < 2 * clients; i++) {
            String key = "bench-warm-up-" + session + "-" + i;
            warmUp.add(pool.submit(() -> expect(422, call("POST", sessionUrl + "/grades", grader, refused, "Idempotency-Key", key))));
        }
        for (Future<?> f : warmUp) {
            f.get();
        }

        // 1. grades through the batch API
        Cpu apiCpu = Cpu.start();
        long a0 = System.nanoTime();
        List<Future<?>> futures = new ArrayList<>();
        for (int i = 0; i < batches.size(); i++) {
            String body = batches.get(i);
            String key = "bench-" + session + "-" + i;
            futures.add(pool.submit(() -> {
                expect(200, call("POST", sessionUrl + "/grades", grader, body, "Idempotency-Key", key));
                return null;
            }));
        }
        for (Future<?> f : futures) {
            f.get();
        }
        double apiSeconds = (System.nanoTime() - a0) / 1e9;
        apiCpu.stop();
        pool.shutdown();
        // one retried batch replays without a duplicate
        HttpResponse<String> replay = expect(200, call("POST", sessionUrl + "/grades", grader, batches.get(0), "Idempotency-Key", "bench-" + session + "-0"));
        double apiRate = rows.size() / apiSeconds;
        System.out.printf("grades via batch API : %d rows in %d batches of %d, %d clients: %.2f s = %.0f grades/s (replayed: %s)%n",
                rows.size(), batches.size(), batchSize, clients, apiSeconds, apiRate, replay.headers().firstValue("Idempotency-Replayed").orElse("?"));
        apiCpu.print("grades via batch API", rows.size(), "grade");

        // 2. the same rows by raw JDBC batch inserts into the same PostgreSQL (a copy of the grade table, same indexes)
        double jdbcSeconds = Double.NaN;
        Cpu jdbcCpu = null;
        boolean deliberationOnly = "deliberation".equals(System.getenv("BENCH_PART"));
        if (!deliberationOnly) try (Connection db = DriverManager.getConnection(jdbc, "postgres", "postgres")) {
            try (Statement s = db.createStatement()) {
                s.execute("drop table if exists grade_raw");
                s.execute("create table grade_raw (like grade including all)");
            }
            java.util.Map<String, UUID> ids = new java.util.HashMap<>();
            try (PreparedStatement q = db.prepareStatement("select candidate_number, id from session_candidate where session_id = ?")) {
                q.setObject(1, UUID.fromString(session));
                try (ResultSet rs = q.executeQuery()) {
                    while (rs.next()) {
                        ids.put(rs.getString(1), (UUID) rs.getObject(2));
                    }
                }
            }
            db.setAutoCommit(false);
            try (PreparedStatement insert = db.prepareStatement("insert into grade_raw (id, session_id, candidate_id, epreuve, statut, note, "
                    + "origine, grader, graded_at, version) values (?, ?, ?, ?, 'NOTE', ?, 'COMMISSION', 'bench-grader', ?, 0)")) {
                UUID sessionId = UUID.fromString(session);
                // Warm-up, not timed, as the API's: two batches inserted and rolled back, so that both sides are measured
                // warm (the driver's and this JVM's first-use costs out of the timed loop).
                for (int k = 0; k < Math.min(2 * batchSize, rows.size()); k++) {
                    bindRaw(insert, sessionId, ids, rows.get(k));
                    if ((k + 1) % batchSize == 0) {
                        insert.executeBatch();
                    }
                }
                insert.executeBatch();
                db.rollback();
                jdbcCpu = Cpu.start();
                long j0 = System.nanoTime();
                for (int k = 0; k < rows.size(); k++) {
                    bindRaw(insert, sessionId, ids, rows.get(k));
                    if ((k + 1) % batchSize == 0 || k == rows.size() - 1) {
                        insert.executeBatch();
                        db.commit();
                    }
                }
                jdbcSeconds = (System.nanoTime() - j0) / 1e9;
                jdbcCpu.stop();
            }
            db.setAutoCommit(true);
        }
        double jdbcRate = rows.size() / jdbcSeconds;
        if (!deliberationOnly) {
            System.out.printf("grades via raw JDBC  : %d rows, batches of %d, 1 connection: %.2f s = %.0f grades/s%n",
                    rows.size(), batchSize, jdbcSeconds, jdbcRate);
            jdbcCpu.print("grades via raw JDBC", rows.size(), "grade");
        }

        if ("grades".equals(System.getenv("BENCH_PART"))) {
            System.out.println("audit chain: " + expect(200, call("GET", api + "/audit/verify", rectorat, null)).body());
            System.out.printf("ratio grades_api_vs_jdbc %.3f%n", apiRate / jdbcRate);
            return;
        }
        // 3. deliberation of the whole session (the engine over every candidate, through the API) vs one SQL aggregation.
        // Both sides are warmed up alike, untimed (WARM_UPS runs each, 3 by default), so that the timed runs measure steady
        // code on both, not the service's first-use JIT work; then the median of 5 timed runs each.
        int warmUps = Integer.parseInt(System.getenv().getOrDefault("WARM_UPS", "3"));
        for (int i = 0; i < warmUps; i++) {
            expect(200, call("GET", sessionUrl + "/deliberations/preview?size=1", president, null));
        }
        double[] previews = new double[5];
        String previewBody = null;
        Cpu previewCpu = Cpu.start();
        for (int i = 0; i < previews.length; i++) {
            long p0 = System.nanoTime();
            previewBody = expect(200, call("GET", sessionUrl + "/deliberations/preview?size=1", president, null)).body();
            previews[i] = (System.nanoTime() - p0) / 1e9;
        }
        previewCpu.stop();
        previewCpu.print("deliberation via API preview", previews.length, "preview");
        StringBuilder coefs = new StringBuilder();
        for (int i = 1; i <= epreuves; i++) {
            coefs.append(i > 1 ? "," : "").append("('").append(epreuve(i)).append("',").append(coefficient(i)).append(')');
        }
        String sql = "select g.candidate_id, sum(g.note * c.coef) / sum(c.coef) as moyenne, sum(g.note * c.coef) >= 10 * sum(c.coef) as admis "
                + "from grade g join (values " + coefs + ") as c(epreuve, coef) on c.epreuve = g.epreuve "
                + "where g.session_id = '" + session + "' group by g.candidate_id";
        double[] sqls = new double[5];
        long admisSql = 0;
        try (Connection db = DriverManager.getConnection(jdbc, "postgres", "postgres"); Statement s = db.createStatement()) {
            try (ResultSet rs = s.executeQuery(sql)) {
                while (rs.next()) {
                    admisSql += rs.getBoolean(3) ? 1 : 0;
                }
            }
            for (int i = 1; i < warmUps; i++) {
                try (ResultSet rs = s.executeQuery(sql)) {
                    while (rs.next()) {
                        rs.getBigDecimal(2);
                    }
                }
            }
            for (int i = 0; i < sqls.length; i++) {
                long s0 = System.nanoTime();
                try (ResultSet rs = s.executeQuery(sql)) {
                    while (rs.next()) {
                        rs.getBigDecimal(2);
                    }
                }
                sqls[i] = (System.nanoTime() - s0) / 1e9;
            }
        }
        Arrays.sort(previews);
        Arrays.sort(sqls);
        String admisApi = previewBody.replaceAll("(?s).*\"ADMIS\":(\\d+).*", "$1");
        System.out.printf("deliberation (engine, %d candidates, via API preview, median of 5): %.3f s; admis %s%n", candidates, previews[2], admisApi);
        System.out.printf("deliberation (one SQL aggregation, median of 5)               : %.3f s; admis %d%n", sqls[2], admisSql);
        long s0 = System.nanoTime();
        String seal = expect(201, call("POST", sessionUrl + "/deliberations/seal", president, "{}")).body();
        System.out.printf("seal (engine + %d stored results + audit entry): %.3f s → %s%n", candidates, (System.nanoTime() - s0) / 1e9, seal);
        String verify = expect(200, call("GET", api + "/audit/verify", rectorat, null)).body();
        System.out.println("audit chain: " + verify);

        if (!deliberationOnly) {
            System.out.printf("ratio grades_api_vs_jdbc %.3f%n", apiRate / jdbcRate);
        }
        System.out.printf("ratio deliberation_time_vs_sql %.3f%n", previews[2] / sqls[2]);
    }

    /**
     * CPU time used by the service and by PostgreSQL (the launcher, the postmaster and its backends) during a phase,
     * from the process ids run.sh passes (BENCH_SVC_PID, BENCH_PG_PID); on a shared machine the CPU per item is a
     * steadier figure than the wall time. A backend that exits during the phase is not counted (the pooled and the
     * baseline's connections live through it).
     */
    record Cpu(long[] before, long[] after) {
        static Cpu start() {
            return new Cpu(nanos(), new long[2]);
        }

        void stop() {
            System.arraycopy(nanos(), 0, after, 0, 2);
        }

        void print(String phase, int items, String item) {
            if (before[0] < 0 && before[1] < 0) {
                return;
            }
            System.out.printf("%s: CPU per %s: service %s, PostgreSQL %s%n", phase, item, perItem(0, items), perItem(1, items));
        }

        private String perItem(int which, int items) {
            return before[which] < 0 ? "?" : String.format("%.1f µs", (after[which] - before[which]) / 1e3 / items);
        }

        private static long[] nanos() {
            return new long[] {treeNanos(System.getenv("BENCH_SVC_PID")), treeNanos(System.getenv("BENCH_PG_PID"))};
        }

        private static long treeNanos(String pid) {
            if (pid == null || pid.isBlank()) {
                return -1;
            }
            return ProcessHandle.of(Long.parseLong(pid.trim()))
                    .map(root -> java.util.stream.Stream.concat(java.util.stream.Stream.of(root), root.descendants())
                            .mapToLong(p -> p.info().totalCpuDuration().map(java.time.Duration::toNanos).orElse(0L)).sum())
                    .orElse(-1L);
        }
    }
}
