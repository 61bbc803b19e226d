package io.sealgate.proxy.it;

import io.sealgate.fixtures.webdav.ApacheWebDav;
import io.sealgate.proxy.SealgateServer;
import io.sealgate.proxy.cli.PassThroughConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * WebDAV passes through Sealgate untouched: the same scenario runs against Apache httpd directly and through the
 * proxy, and status codes, PROPFIND listings and the files on disk must come out the same.
 */
class WebDavPassThroughTest {
    private static final Pattern HREF = Pattern.compile("<D:href>([^<]*)</D:href>");

    private static ApacheWebDav dav;
    private static SealgateServer proxy;
    private static URI proxyUri;
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @BeforeAll
    static void start() throws Exception {
        dav = ApacheWebDav.start();
        proxy = SealgateServer.start(PassThroughConfig.of("127.0.0.1", 0, dav.baseUri()));
        proxyUri = URI.create("http://127.0.0.1:" + proxy.boundAddresses().get(0).getPort() + "/");
    }

    @AfterAll
    static void stop() {
        if (proxy != null) {
            proxy.close();
        }
        if (dav != null) {
            dav.close();
        }
    }

    @ParameterizedTest(name = "{0} bytes, {1}")
    @MethodSource("io.sealgate.proxy.it.Bodies#sizesAndFramings")
    void putThenGetThroughTheProxyIsByteExact(int size, Bodies.Framing framing) throws Exception {
        byte[] body = Bodies.random(size);
        String name = "doc-" + size + "-" + framing + ".bin";

        Bodies.PutThenGet sent = Bodies.putThenGet(client, proxyUri.resolve("/dav/" + name), body, framing);
        HttpResponse<String> put = sent.put();
        HttpResponse<byte[]> get = sent.get();

        assertThat(put.statusCode()).isEqualTo(201);
        assertThat(Bodies.sha256(Files.readAllBytes(dav.davDirectory().resolve(name)))).isEqualTo(Bodies.sha256(body));
        assertThat(get.statusCode()).isEqualTo(200);
        assertThat(Bodies.sha256(get.body())).isEqualTo(Bodies.sha256(body));
    }

    @Test
    void webDavMethodsGiveTheSameStatusesAndEffectsThroughTheProxyAsDirectly() throws Exception {
        Scenario direct = new Scenario(dav.baseUri(), "direct");
        Scenario proxied = new Scenario(proxyUri, "proxied");

        direct.run();
        proxied.run();

        assertThat(direct.statuses).containsExactly(
                "MKCOL / 201", "PUT a.txt 201", "PUT a.txt again 204", "GET a.txt 200", "HEAD a.txt 200",
                "PROPFIND / 207", "MKCOL sub/ 201", "COPY a.txt sub/b.txt 201", "MOVE a.txt c.txt 201",
                "LOCK c.txt 200", "PUT c.txt without lock token 423", "PUT c.txt with lock token 204",
                "UNLOCK c.txt 204", "PROPFIND sub/ 207", "DELETE sub/ 204", "GET a.txt 404", "OPTIONS / 200");
        assertThat(proxied.statuses).containsExactlyElementsOf(direct.statuses);
        assertThat(proxied.bodies).isEqualTo(direct.bodies);
        assertThat(proxied.hrefs).isEqualTo(direct.hrefs);
        assertThat(tree(dav.davDirectory().resolve("proxied"))).isEqualTo(tree(dav.davDirectory().resolve("direct")))
                .containsOnlyKeys("c.txt");
    }

    @Test
    void cadaverAStockWebDavClientWorksThroughTheProxy(@TempDir Path work) throws Exception {
        Path local = Files.writeString(work.resolve("report.txt"), "quarterly figures\n");
        Path back = work.resolve("back.txt");
        String script = "mkcol cadaver\n"
                + "put " + local + " cadaver/report.txt\n"
                + "ls cadaver\n"
                + "get cadaver/report.txt " + back + "\n"
                + "quit\n";

        Process cadaver = new ProcessBuilder("cadaver", proxyUri.resolve("/dav/").toString())
                .redirectErrorStream(true).start();
        cadaver.getOutputStream().write(script.getBytes(StandardCharsets.UTF_8));
        cadaver.getOutputStream().close();
        String output = new String(cadaver.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(cadaver.waitFor(30, TimeUnit.SECONDS)).isTrue();

        assertThat(output).contains("Creating `cadaver': succeeded.", "report.txt", "succeeded.");
        assertThat(dav.davDirectory().resolve("cadaver/report.txt")).hasContent("quarterly figures");
        assertThat(back).hasContent("quarterly figures");
    }

    /** One run of the WebDAV scenario in its own collection, recording what a client sees. */
    private final class Scenario {
        final URI base;
        final String collection;
        final List<String> statuses = new ArrayList<>();
        final Map<String, String> bodies = new TreeMap<>();
        final Map<String, TreeSet<String>> hrefs = new TreeMap<>();

        Scenario(URI base, String collection) {
            this.base = base;
            this.collection = collection;
        }

        void run() throws Exception {
            send("MKCOL /", request("").method("MKCOL", HttpRequest.BodyPublishers.noBody()));
            send("PUT a.txt", request("a.txt").PUT(HttpRequest.BodyPublishers.ofString("alpha")));
            send("PUT a.txt again", request("a.txt").PUT(HttpRequest.BodyPublishers.ofString("alpha, revised")));
            bodies.put("GET a.txt", send("GET a.txt", request("a.txt").GET()).body());
            HttpResponse<String> head = send("HEAD a.txt", request("a.txt").method("HEAD",
                    HttpRequest.BodyPublishers.noBody()));
            bodies.put("HEAD a.txt Content-Length", head.headers().firstValue("Content-Length").orElse("none"));
            propfind("/", "");
            send("MKCOL sub/", request("sub/").method("MKCOL", HttpRequest.BodyPublishers.noBody()));
            send("COPY a.txt sub/b.txt", request("a.txt").header("Destination", url("sub/b.txt"))
                    .method("COPY", HttpRequest.BodyPublishers.noBody()));
            send("MOVE a.txt c.txt", request("a.txt").header("Destination", url("c.txt"))
                    .method("MOVE", HttpRequest.BodyPublishers.noBody()));
            HttpResponse<String> lock = send("LOCK c.txt", request("c.txt").header("Timeout", "Second-60")
                    .header("Content-Type", "application/xml").method("LOCK", HttpRequest.BodyPublishers.ofString(
                            "<?xml version=\"1.0\" encoding=\"utf-8\"?><D:lockinfo xmlns:D=\"DAV:\">"
                                    + "<D:lockscope><D:exclusive/></D:lockscope><D:locktype><D:write/></D:locktype>"
                                    + "<D:owner>sealgate-test</D:owner></D:lockinfo>")));
            String token = lock.headers().firstValue("Lock-Token").orElse("<none>");
            send("PUT c.txt without lock token", request("c.txt").PUT(HttpRequest.BodyPublishers.ofString("gamma")));
            send("PUT c.txt with lock token", request("c.txt").header("If", "(" + token + ")")
                    .PUT(HttpRequest.BodyPublishers.ofString("gamma")));
            send("UNLOCK c.txt", request("c.txt").header("Lock-Token", token)
                    .method("UNLOCK", HttpRequest.BodyPublishers.noBody()));
            propfind("sub/", "sub/");
            send("DELETE sub/", request("sub/").DELETE());
            send("GET a.txt", request("a.txt").GET());
            HttpResponse<String> options = send("OPTIONS /", request("").method("OPTIONS",
                    HttpRequest.BodyPublishers.noBody()));
            bodies.put("OPTIONS DAV", options.headers().firstValue("DAV").orElse("none"));
        }

        private void propfind(String label, String path) throws Exception {
            HttpResponse<String> response = send("PROPFIND " + label, request(path).header("Depth", "1")
                    .method("PROPFIND", HttpRequest.BodyPublishers.noBody()));
            TreeSet<String> found = new TreeSet<>();
            Matcher m = HREF.matcher(response.body());
            while (m.find()) {
                found.add(m.group(1).replace("/dav/" + collection + "/", "/dav/COLLECTION/"));
            }
            hrefs.put(label, found);
        }

        private HttpRequest.Builder request(String path) {
            return HttpRequest.newBuilder(URI.create(url(path)));
        }

        private String url(String path) {
            return base.resolve("/dav/" + collection + "/" + path).toString();
        }

        private HttpResponse<String> send(String step, HttpRequest.Builder request)
                throws IOException, InterruptedException {
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            statuses.add(step + " " + response.statusCode());
            return response;
        }
    }

    private static Map<String, String> tree(Path root) throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : (Iterable<Path>) paths::iterator) {
                if (!path.equals(root)) {
                    files.put(root.relativize(path).toString(), Files.isDirectory(path) ? "<dir>" : Files.readString(path));
                }
            }
        }
        return files;
    }
}
