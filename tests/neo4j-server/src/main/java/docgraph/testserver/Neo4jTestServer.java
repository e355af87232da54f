/*
 * Neo4j 5.26 (LTS, Community) test server for the docgraph test suite.
 *
 * Approach: org.neo4j.test:neo4j-harness (Neo4jBuilders.newInProcessBuilder). The harness builds
 * the same Community DBMS as the packaged server (DatabaseManagementServiceFactory with
 * DbmsInfo.COMMUNITY) with Bolt (+ HTTP) connectors. Two harness defaults are overridden
 * because the test suite needs a server that behaves like a real one:
 *   - the harness always works in a random, md5-named folder that it deletes on close();
 *     GraphDatabaseSettings.data_directory is therefore pointed at the caller's --data DIR, so
 *     the stores, transaction logs and system database (users/passwords) live outside that
 *     throw-away folder and survive a stop/start. Only the harness' own log files live in the
 *     throw-away folder (--work DIR).
 *   - the harness disables authentication; it is re-enabled here, and the password of user
 *     neo4j is set on every start (ALTER USER ... CHANGE NOT REQUIRED) from the environment
 *     variable NEO4J_TEST_PASSWORD before the server reports READY.
 *
 * Usage (normally via ../neo4j-test-server):
 *   NEO4J_TEST_PASSWORD=... java -cp ... docgraph.testserver.Neo4jTestServer \
 *       --data DIR --work DIR --port BOLT_PORT [--http-port N] [--pid-file FILE] [--page-cache 256m]
 *
 * Prints "NEO4J-TEST-SERVER READY bolt://127.0.0.1:PORT" once the DBMS is up and the password is
 * set. SIGTERM (or Ctrl-C) runs a shutdown hook that shuts the DBMS down cleanly (checkpoint);
 * "NEO4J-TEST-SERVER STOPPED" is printed when that is done.
 */
package docgraph.testserver;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import org.neo4j.configuration.GraphDatabaseInternalSettings;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.connectors.HttpsConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.harness.Neo4j;
import org.neo4j.harness.Neo4jBuilders;
import org.neo4j.io.ByteUnit;

public final class Neo4jTestServer {
    private static final String HOST = "127.0.0.1";
    private static final String USER = "neo4j";

    private Neo4jTestServer() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> opts = parseArgs(args);
        Path data = Path.of(require(opts, "--data")).toAbsolutePath().normalize();
        Path work = Path.of(require(opts, "--work")).toAbsolutePath().normalize();
        int boltPort = Integer.parseInt(require(opts, "--port"));
        int httpPort = Integer.parseInt(opts.getOrDefault("--http-port", "0"));
        long pageCache = parseBytes(opts.getOrDefault("--page-cache", "256m"));
        String password = System.getenv("NEO4J_TEST_PASSWORD");
        if (password == null || password.length() < 8) {
            fail("NEO4J_TEST_PASSWORD must be set (at least 8 characters)");
        }
        Files.createDirectories(data);
        Files.createDirectories(work);

        long t0 = System.nanoTime();
        Neo4j neo4j = Neo4jBuilders.newInProcessBuilder(work)
                // persistent store outside the harness' throw-away folder
                .withConfig(GraphDatabaseSettings.data_directory, data)
                .withConfig(GraphDatabaseSettings.auth_enabled, true)
                .withConfig(GraphDatabaseSettings.pagecache_memory, pageCache)
                .withConfig(GraphDatabaseSettings.shutdown_transaction_end_timeout, Duration.ofSeconds(10))
                // netty's default graceful shutdown (quiet period per event loop group) makes a clean stop take ~10 s
                .withConfig(GraphDatabaseInternalSettings.netty_server_shutdown_quiet_period, 0)
                .withConfig(GraphDatabaseInternalSettings.netty_server_shutdown_timeout, Duration.ofSeconds(5))
                .withConfig(BoltConnector.enabled, true)
                .withConfig(BoltConnector.listen_address, new SocketAddress(HOST, boltPort))
                .withConfig(BoltConnector.advertised_address, new SocketAddress(HOST, boltPort))
                .withConfig(BoltConnector.encryption_level, BoltConnector.EncryptionLevel.DISABLED)
                .withConfig(HttpConnector.enabled, true)
                .withConfig(HttpConnector.listen_address, new SocketAddress(HOST, httpPort))
                .withConfig(HttpsConnector.enabled, false)
                .build();

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("NEO4J-TEST-SERVER STOPPING");
            System.out.flush();
            try {
                neo4j.close();
            } catch (Throwable t) {
                t.printStackTrace();
            }
            System.out.println("NEO4J-TEST-SERVER STOPPED");
            System.out.flush();
            stopped.countDown();
        }, "neo4j-test-server-shutdown"));

        setPassword(neo4j, password);

        if (opts.containsKey("--pid-file")) {
            Path pidFile = Path.of(opts.get("--pid-file"));
            Files.writeString(pidFile, ProcessHandle.current().pid() + "\n", StandardCharsets.US_ASCII);
        }
        long ms = (System.nanoTime() - t0) / 1_000_000;
        System.out.println("NEO4J-TEST-SERVER HTTP " + neo4j.httpURI());
        System.out.println("NEO4J-TEST-SERVER READY " + neo4j.boltURI() + " (started in " + ms + " ms, data " + data + ")");
        System.out.flush();

        stopped.await();
    }

    /** Sets the password of user neo4j, with no forced change; a no-op if it is already that. */
    private static void setPassword(Neo4j neo4j, String password) {
        GraphDatabaseService system = neo4j.databaseManagementService().database(GraphDatabaseSettings.SYSTEM_DATABASE_NAME);
        try {
            system.executeTransactionally(
                    "ALTER USER " + USER + " SET PASSWORD $password CHANGE NOT REQUIRED", Map.of("password", password));
        } catch (RuntimeException e) {
            // 5.x refuses to "change" a password to the value it already has: that is the restart case.
            if (!String.valueOf(messages(e)).toLowerCase().contains("cannot be the same")) {
                throw e;
            }
            system.executeTransactionally("ALTER USER " + USER + " SET PASSWORD CHANGE NOT REQUIRED");
        }
    }

    private static String messages(Throwable t) {
        StringBuilder sb = new StringBuilder();
        for (Throwable c = t; c != null; c = c.getCause()) {
            sb.append(c.getMessage()).append(" | ");
        }
        return sb.toString();
    }

    private static long parseBytes(String s) {
        String v = s.trim().toLowerCase();
        long mult = 1;
        if (v.endsWith("k")) { mult = ByteUnit.kibiBytes(1); v = v.substring(0, v.length() - 1); }
        else if (v.endsWith("m")) { mult = ByteUnit.mebiBytes(1); v = v.substring(0, v.length() - 1); }
        else if (v.endsWith("g")) { mult = ByteUnit.gibiBytes(1); v = v.substring(0, v.length() - 1); }
        return Long.parseLong(v) * mult;
    }

    private static Map<String, String> parseArgs(String[] args) {
        Map<String, String> opts = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (!a.startsWith("--") || i + 1 >= args.length) {
                fail("bad argument: " + a);
            }
            opts.put(a, args[++i]);
        }
        return opts;
    }

    private static String require(Map<String, String> opts, String key) {
        String v = opts.get(key);
        if (v == null) {
            fail("missing required option " + key);
        }
        return v;
    }

    private static void fail(String msg) {
        System.err.println("neo4j-test-server: " + msg);
        System.exit(2);
    }
}
