package io.sealgate.proxy.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sealgate.config.ServerSettings;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One line per request on the SLF4J logger {@code sealgate.access}, as {@code key=value} text or as a JSON object.
 * The query string is left out on purpose: it often carries tokens. The logback configuration makes this logger
 * asynchronous so logging never blocks an event loop.
 */
public final class AccessLog {

    private static final Logger LOG = LoggerFactory.getLogger("sealgate.access");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ServerSettings.LogFormat format;

    public AccessLog(ServerSettings.LogFormat format) {
        this.format = format;
    }

    public void log(Exchange exchange, long durationNanos) {
        if (!LOG.isInfoEnabled()) {
            return;
        }
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("route", exchange.routeName());
        fields.put("method", exchange.method());
        fields.put("path", exchange.path());
        fields.put("status", exchange.status());
        fields.put("bytesIn", exchange.bytesIn());
        fields.put("bytesOut", exchange.bytesOut());
        fields.put("durationMs", Math.round(durationNanos / 10_000.0) / 100.0);
        fields.put("requestId", exchange.requestId());
        fields.put("client", exchange.clientAddress());
        LOG.info(format == ServerSettings.LogFormat.JSON ? json(fields) : text(fields));
    }

    private static String json(Map<String, Object> fields) {
        try {
            return JSON.writeValueAsString(fields);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise the access log line", e);
        }
    }

    private static String text(Map<String, Object> fields) {
        StringBuilder line = new StringBuilder(160);
        for (Map.Entry<String, Object> field : fields.entrySet()) {
            if (line.length() > 0) {
                line.append(' ');
            }
            String value = String.valueOf(field.getValue());
            line.append(field.getKey()).append('=');
            if (value.isEmpty() || value.indexOf(' ') >= 0 || value.indexOf('"') >= 0) {
                line.append('"').append(value.replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
            } else {
                line.append(value);
            }
        }
        return line.toString();
    }
}
