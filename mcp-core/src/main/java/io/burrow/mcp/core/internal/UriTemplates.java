package io.burrow.mcp.core.internal;

import io.modelcontextprotocol.util.McpUriTemplateManager;
import io.modelcontextprotocol.util.McpUriTemplateManagerFactory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * RFC 6570 matching for resource templates, level 2: {@code {name}} matches one path segment,
 * {@code {+name}} (reserved expansion) matches anything including {@code /}. The SDK's default
 * manager knows only the first form, which cannot express {@code zim://{archive}/{+path}}.
 *
 * <p>For the schemes a {@link io.burrow.mcp.core.spi.ResourceProvider} serves, every template of that
 * scheme also matches any URI of the scheme: the read handlers route by scheme, and a provider decides
 * itself which URIs exist, so a read is never refused only because no advertised template fits it.
 * URIs of schemes that no provider serves are routed too, so the error can list the served schemes.
 */
final class UriTemplates implements McpUriTemplateManagerFactory {

    private static final Pattern SCHEME = Pattern.compile("([A-Za-z][A-Za-z0-9+.-]*):.*", Pattern.DOTALL);

    private final Set<String> routedSchemes;

    UriTemplates(Set<String> routedSchemes) {
        this.routedSchemes = Set.copyOf(routedSchemes);
    }

    private static String scheme(String uri) {
        Matcher m = SCHEME.matcher(uri);
        return m.matches() ? m.group(1).toLowerCase(java.util.Locale.ROOT) : null;
    }

    private static final Pattern VARIABLE = Pattern.compile("\\{(\\+?)([A-Za-z0-9_]+)\\}");

    @Override
    public McpUriTemplateManager create(String template) {
        List<String> names = new ArrayList<>();
        StringBuilder regex = new StringBuilder("^");
        Matcher m = VARIABLE.matcher(template);
        int last = 0;
        while (m.find()) {
            regex.append(Pattern.quote(template.substring(last, m.start())));
            regex.append(m.group(1).isEmpty() ? "([^/?#]+)" : "(.+)");
            names.add(m.group(2));
            last = m.end();
        }
        regex.append(Pattern.quote(template.substring(last))).append('$');
        Pattern pattern = Pattern.compile(regex.toString(), Pattern.DOTALL);
        boolean isTemplate = !names.isEmpty();
        String templateScheme = scheme(template);
        boolean routed = isTemplate && templateScheme != null && routedSchemes.contains(templateScheme);
        return new McpUriTemplateManager() {
            @Override
            public List<String> getVariableNames() {
                return List.copyOf(names);
            }

            @Override
            public Map<String, String> extractVariableValues(String uri) {
                Map<String, String> values = new LinkedHashMap<>();
                Matcher mm = pattern.matcher(uri == null ? "" : uri);
                if (mm.matches()) {
                    for (int i = 0; i < names.size(); i++) {
                        values.put(names.get(i), mm.group(i + 1));
                    }
                }
                return values;
            }

            @Override
            public boolean matches(String uri) {
                if (uri == null) {
                    return false;
                }
                if (!isTemplate) {
                    return uri.equals(template);
                }
                if (pattern.matcher(uri).matches()) {
                    return true;
                }
                // route by scheme; a scheme nobody serves reaches the dispatcher too, which names the served ones
                String s = scheme(uri);
                return routed && (templateScheme.equals(s) || s == null || !routedSchemes.contains(s));
            }

            @Override
            public boolean isUriTemplate(String uri) {
                return uri != null && VARIABLE.matcher(uri).find();
            }
        };
    }
}
