package dev.featurewatch.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** With a certificate and key, the server speaks only HTTPS. */
class TlsIT {
  @TempDir Path folder;

  @Test
  void theApiIsServedOverTls() throws Exception {
    Path cert = folder.resolve("cert.pem");
    Path key = folder.resolve("key.pem");
    Process openssl;
    try {
      openssl = new ProcessBuilder("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key.toString(),
          "-out", cert.toString(), "-days", "1", "-subj", "/CN=localhost", "-addext", "subjectAltName=IP:127.0.0.1").redirectErrorStream(true).start();
    } catch (java.io.IOException e) {
      assumeTrue(false, "openssl is needed to make a test certificate");
      return;
    }
    openssl.getInputStream().readAllBytes();
    assertEquals(0, openssl.waitFor(60, TimeUnit.SECONDS) ? openssl.exitValue() : -1);
    try (TestServer server = TestServer.start(folder, Map.of(),
        Map.of("server.tls_cert_path", cert.toString(), "server.tls_key_path", key.toString()))) {
      SSLContext trustAll = SSLContext.getInstance("TLS");
      trustAll.init(null, new TrustManager[] {new X509TrustManager() {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) { }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) { }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
          return new X509Certificate[0];
        }
      }}, null);
      HttpClient https = HttpClient.newBuilder().sslContext(trustAll).build();
      String base = "127.0.0.1:" + server.server().port() + "/v1/models";
      HttpResponse<String> r = https.send(HttpRequest.newBuilder(URI.create("https://" + base)).GET().build(),
          HttpResponse.BodyHandlers.ofString());
      assertEquals(200, r.statusCode());
      assertThrows(java.io.IOException.class, () -> HttpClient.newHttpClient().send(
          HttpRequest.newBuilder(URI.create("http://" + base)).GET().build(), HttpResponse.BodyHandlers.ofString()),
          "plain HTTP gets no answer");
    }
  }
}
