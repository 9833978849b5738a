package io.burrow.mcp.zim.cli;

import io.burrow.mcp.zim.IntegrityReport;
import io.burrow.mcp.zim.ZimArchive;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;

/** {@code zim verify FILE}: checksum and structural checks; exit status 1 on any failure. */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = "Check the MD5 checksum and the structure (libzim's integrity checks); exit 1 on failure.")
final class ZimVerify extends ZimSubcommand {

    @Override
    int run(ZimArchive zim) {
        IntegrityReport r = zim.checkIntegrity(true);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("ok", r.passed());
        List<Map<String, Object>> checks = r.checks().stream().map(c -> {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("name", c.name());
            x.put("passed", c.passed());
            x.put("message", c.message());
            return x;
        }).toList();
        m.put("checks", checks);
        out.println(ZimJson.write(m));
        return r.passed() ? 0 : 1;
    }
}
