package io.burrow.mcp.server.http;

import io.burrow.mcp.core.protocol.Client;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.RequestLog;
import org.eclipse.jetty.server.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One log line per HTTP request ({@code BURROW_HTTP_ACCESS_LOG}), on the logger {@code burrow.access}:
 * method, path (never the query), status, duration and a hash of the client. The bearer token is never
 * logged, nor its digest: the client hash is made from the same identity per-client limits use. In JSON
 * logs the values are fields of their own ({@code http.request.method}, {@code url.path},
 * {@code http.response.status_code}, {@code duration_ms}, {@code client_hash}).
 */
final class AccessLog implements RequestLog {

    private static final Logger LOG = LoggerFactory.getLogger("burrow.access");

    @Override
    public void log(Request request, Response response) {
        if (!LOG.isInfoEnabled()) {
            return;
        }
        String method = request.getMethod();
        String path = printable(request.getHttpURI().getPath());
        int status = response.getStatus();
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - request.getBeginNanoTime());
        String client = new Client(AccessPolicy.clientId(request.getHeaders().get(HttpHeader.AUTHORIZATION),
                Request.getRemoteAddr(request)), true).hash();
        LOG.atInfo().addKeyValue("http.request.method", method).addKeyValue("url.path", path)
                .addKeyValue("http.response.status_code", status).addKeyValue("duration_ms", millis)
                .addKeyValue("client_hash", client)
                .log("{} {} {} {} ms client {}", method, path, status, millis, client);
    }

    private static String printable(String path) {
        if (path == null) {
            return "-";
        }
        String p = path.length() > 200 ? path.substring(0, 200) + "…" : path;
        return p.replaceAll("\\p{Cntrl}", "?");
    }
}
