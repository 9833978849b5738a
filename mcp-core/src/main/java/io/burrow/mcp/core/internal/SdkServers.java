package io.burrow.mcp.core.internal;

import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.schema.JsonSchemaValidator;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpServerFeatures;
import io.modelcontextprotocol.server.McpStatelessServerFeatures;
import io.modelcontextprotocol.server.McpStatelessSyncServer;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpStatelessServerTransport;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds MCP SDK servers from a {@link Dispatcher}, for stateful transports (stdio, Streamable HTTP)
 * and for the stateless HTTP transport, and relays module events to the stateful ones.
 */
public final class SdkServers {

    private static final Logger LOG = LoggerFactory.getLogger(SdkServers.class);

    private final Dispatcher dispatcher;
    private final McpJsonMapper mapper;
    private final JsonSchemaValidator validator;
    private final String name;
    private final String version;
    private final String instructions;
    private final UriTemplates templates;
    private final List<McpSyncServer> live = new CopyOnWriteArrayList<>();
    private final WireTrees wire = new WireTrees();

    public SdkServers(Dispatcher dispatcher, McpJsonMapper mapper, JsonSchemaValidator validator, String name,
            String version, String instructions, Set<String> routedSchemes) {
        this.dispatcher = dispatcher;
        this.mapper = mapper;
        this.validator = validator;
        this.name = name;
        this.version = version;
        this.instructions = instructions;
        this.templates = new UriTemplates(routedSchemes);
    }

    /** Configures a stateful SDK server specification and builds it. */
    public <S extends McpServer.SyncSpecification<S>> McpSyncServer stateful(McpServer.SyncSpecification<S> spec) {
        spec.serverInfo(name, version)
                .instructions(instructions)
                .jsonMapper(mapper)
                .jsonSchemaValidator(validator)
                .validateToolInputs(false) // the dispatcher validates and answers with a structured error
                .uriTemplateManagerFactory(templates)
                .capabilities(McpSchema.ServerCapabilities.builder()
                        .tools(false)
                        .resources(true, true)
                        .prompts(false)
                        .completions()
                        .logging()
                        .build());
        for (McpSchema.Tool tool : dispatcher.sdkTools()) {
            spec.tools(McpServerFeatures.SyncToolSpecification.builder().tool(tool)
                    .callHandler((exchange, request) -> wire.wire(dispatcher.callTool(tool.name(), request.arguments(),
                            new Dispatcher.Origin(exchange, exchange.transportContext(), progressToken(request)))))
                    .build());
        }
        spec.resources(dispatcher.sdkResources().stream().map(this::resourceSpec).toList());
        spec.resourceTemplates(dispatcher.sdkTemplates().stream()
                .map(t -> new McpServerFeatures.SyncResourceTemplateSpecification(t,
                        (exchange, request) -> dispatcher.readResource(request.uri())))
                .toList());
        spec.prompts(dispatcher.sdkPrompts().stream()
                .map(p -> new McpServerFeatures.SyncPromptSpecification(p,
                        (exchange, request) -> dispatcher.getPrompt(p.name(), request.arguments())))
                .toList());
        spec.completions(dispatcher.completionReferences().stream()
                .map(ref -> new McpServerFeatures.SyncCompletionSpecification(ref,
                        (exchange, request) -> dispatcher.complete(request)))
                .toList());
        McpSyncServer server = spec.build();
        live.add(server);
        return server;
    }

    /** Builds a stateless SDK server: no logging, progress, subscriptions or list-changed notifications. */
    public McpStatelessSyncServer stateless(McpStatelessServerTransport transport) {
        McpServer.StatelessSyncSpecification spec = McpServer.sync(transport)
                .serverInfo(name, version)
                .instructions(instructions)
                .jsonMapper(mapper)
                .jsonSchemaValidator(validator)
                .validateToolInputs(false)
                .uriTemplateManagerFactory(templates)
                .capabilities(McpSchema.ServerCapabilities.builder()
                        .tools(false)
                        .resources(false, false)
                        .prompts(false)
                        .completions()
                        .build());
        for (McpSchema.Tool tool : dispatcher.sdkTools()) {
            spec.tools(McpStatelessServerFeatures.SyncToolSpecification.builder().tool(tool)
                    .callHandler((context, request) -> wire.wire(dispatcher.callTool(tool.name(), request.arguments(),
                            new Dispatcher.Origin(null, context, null))))
                    .build());
        }
        spec.resources(dispatcher.sdkResources().stream()
                .map(r -> new McpStatelessServerFeatures.SyncResourceSpecification(r,
                        (context, request) -> dispatcher.readResource(request.uri())))
                .toList());
        spec.resourceTemplates(dispatcher.sdkTemplates().stream()
                .map(t -> new McpStatelessServerFeatures.SyncResourceTemplateSpecification(t,
                        (context, request) -> dispatcher.readResource(request.uri())))
                .toList());
        spec.prompts(dispatcher.sdkPrompts().stream()
                .map(p -> new McpStatelessServerFeatures.SyncPromptSpecification(p,
                        (context, request) -> dispatcher.getPrompt(p.name(), request.arguments())))
                .toList());
        spec.completions(dispatcher.completionReferences().stream()
                .map(ref -> new McpStatelessServerFeatures.SyncCompletionSpecification(ref,
                        (context, request) -> dispatcher.complete(request)))
                .toList());
        return spec.build();
    }

    private McpServerFeatures.SyncResourceSpecification resourceSpec(McpSchema.Resource r) {
        return new McpServerFeatures.SyncResourceSpecification(r,
                (exchange, request) -> dispatcher.readResource(request.uri()));
    }

    private static Object progressToken(McpSchema.CallToolRequest request) {
        return request.meta() == null ? null : request.meta().get("progressToken");
    }

    /** Re-lists the modules' resources on every live server; the SDK notifies clients of the change. */
    public void resourcesChanged() {
        List<McpSchema.Resource> now = dispatcher.sdkResources();
        Set<String> nowUris = new HashSet<>();
        now.forEach(r -> nowUris.add(r.uri()));
        for (McpSyncServer server : live) {
            try {
                Set<String> before = new HashSet<>();
                server.listResources().forEach(r -> before.add(r.uri()));
                for (String uri : before) {
                    if (!nowUris.contains(uri)) {
                        server.removeResource(uri);
                    }
                }
                for (McpSchema.Resource r : now) {
                    if (!before.contains(r.uri())) {
                        server.addResource(resourceSpec(r));
                    }
                }
            } catch (RuntimeException e) {
                LOG.debug("could not update the resource list of a server", e);
            }
        }
    }

    /** Tells subscribed clients that a resource changed. */
    public void resourceUpdated(String uri) {
        for (McpSyncServer server : live) {
            try {
                server.notifyResourcesUpdated(new McpSchema.ResourcesUpdatedNotification(uri));
            } catch (RuntimeException e) {
                LOG.debug("resource update notification failed", e);
            }
        }
    }

    /** Forgets a server that was closed. */
    public void closed(McpSyncServer server) {
        live.remove(server);
    }
}
