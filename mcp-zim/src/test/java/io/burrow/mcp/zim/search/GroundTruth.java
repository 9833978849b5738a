package io.burrow.mcp.zim.search;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The python3-libzim ground truth committed under fixtures/zim. */
final class GroundTruth {

    record Query(String query, Long fulltextEstimate, List<String> fulltextTop, long suggestEstimate,
                 List<String> suggestTop) {
    }

    private GroundTruth() {
    }

    static Path fixture(String name) {
        Path p = Path.of("..", "fixtures", "zim", name);
        if (!Files.exists(p)) {
            p = Path.of("fixtures", "zim", name);
        }
        return p.toAbsolutePath().normalize();
    }

    static List<Query> queries(Path json) {
        try {
            JsonNode root = new ObjectMapper().readTree(json.toFile());
            List<Query> out = new ArrayList<>();
            for (JsonNode q : root.get("queries")) {
                Long est = q.has("fulltext_estimated_matches") ? q.get("fulltext_estimated_matches").asLong() : null;
                out.add(new Query(q.get("query").asText(), est, paths(q.get("fulltext_top10")),
                        q.get("suggest_estimated_matches").asLong(), paths(q.get("suggest_top10"))));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> paths(JsonNode arr) {
        List<String> out = new ArrayList<>();
        if (arr != null) {
            for (JsonNode n : arr) {
                out.add(n.get("path").asText());
            }
        }
        return out;
    }
}
