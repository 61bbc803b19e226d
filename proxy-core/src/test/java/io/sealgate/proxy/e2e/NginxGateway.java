package io.sealgate.proxy.e2e;

import io.sealgate.proxy.actions.Tools;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real nginx on a free loopback port as the authenticating gateway in front of Sealgate: HTTP basic authentication
 * against an htpasswd file, then everything proxied to Sealgate with the user in {@value #USER_HEADER} (the
 * {@code authentication.trusted-header} deployment of docs/configuration.md) and the client's own
 * {@code Authorization} removed. Clients that speak only basic authentication (cadaver) reach the signing routes
 * this way, as they would in production. Runs as one process ({@code master_process off}) so it never switches user.
 */
final class NginxGateway implements AutoCloseable {

    static final String USER_HEADER = "X-Authenticated-User";
    private static final Path NGINX = Path.of("/usr/sbin/nginx");

    private final Process process;
    private final int port;

    private NginxGateway(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Starts nginx in front of {@code backend} with one user, and waits until it listens. */
    static NginxGateway start(Path dir, URI backend, String user, String password) throws Exception {
        if (!Files.isExecutable(NGINX)) {
            throw new IOException("cannot start the gateway: " + NGINX + " not found (expected: Debian package nginx)");
        }
        Files.createDirectories(dir);
        Tools.Result hash = Tools.run(List.of("openssl", "passwd", "-apr1", password));
        if (hash.exitCode() != 0) {
            throw new IOException("openssl passwd failed: " + hash.output());
        }
        Files.writeString(dir.resolve("htpasswd"), user + ":" + hash.output().strip() + "\n");
        int port = freePort();
        Files.writeString(dir.resolve("nginx.conf"), """
                daemon off;
                master_process off;
                pid %1$s/nginx.pid;
                error_log %1$s/error.log warn;
                events { worker_connections 64; }
                http {
                  access_log off;
                  client_body_temp_path %1$s/body;
                  proxy_temp_path %1$s/proxy;
                  fastcgi_temp_path %1$s/fastcgi;
                  uwsgi_temp_path %1$s/uwsgi;
                  scgi_temp_path %1$s/scgi;
                  client_max_body_size 0;
                  server {
                    listen 127.0.0.1:%2$d;
                    location / {
                      auth_basic "sealgate";
                      auth_basic_user_file %1$s/htpasswd;
                      proxy_pass http://%3$s:%4$d;
                      proxy_http_version 1.1;
                      proxy_set_header Host $http_host;
                      proxy_set_header %5$s $remote_user;
                      proxy_set_header Authorization "";
                    }
                  }
                }
                """.formatted(dir, port, backend.getHost(), backend.getPort(), USER_HEADER), StandardCharsets.UTF_8);
        Process process = new ProcessBuilder(NGINX.toString(), "-p", dir.toString(), "-c",
                dir.resolve("nginx.conf").toString()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("stdout.log").toFile()).start();
        NginxGateway gateway = new NginxGateway(process, port);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (true) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 500);
                return gateway;
            } catch (IOException notYet) {
                if (!process.isAlive() || System.nanoTime() > deadline) {
                    gateway.close();
                    throw new IOException("nginx did not start: " + Files.readString(dir.resolve("stdout.log"))
                            + readIfExists(dir.resolve("error.log")));
                }
                Thread.sleep(50);
            }
        }
    }

    URI baseUri() {
        return URI.create("http://127.0.0.1:" + port + "/");
    }

    int port() {
        return port;
    }

    private static String readIfExists(Path file) throws IOException {
        return Files.exists(file) ? Files.readString(file) : "";
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
