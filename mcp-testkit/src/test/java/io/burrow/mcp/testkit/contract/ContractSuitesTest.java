package io.burrow.mcp.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import io.burrow.mcp.core.InvalidRequestException;
import io.burrow.mcp.core.spi.BurrowModule;
import io.burrow.mcp.core.spi.Contributions;
import io.burrow.mcp.core.spi.ModuleContext;
import io.burrow.mcp.core.spi.ProtocolClient;
import io.burrow.mcp.core.spi.ReadLimits;
import io.burrow.mcp.core.spi.ResourceData;
import io.burrow.mcp.core.spi.ResourceProvider;
import io.burrow.mcp.core.spi.ToolDefinition;
import io.burrow.mcp.core.spi.ToolResult;
import io.burrow.mcp.testkit.examples.EchoModule;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

/** The contract suites pass a good module and fail broken ones, naming the rule broken. */
final class ContractSuitesTest {

    private static Events run(Class<?> contract) {
        return EngineTestKit.engine("junit-jupiter").selectors(selectClass(contract)).execute().testEvents();
    }

    private static Set<String> failed(Events events) {
        return events.failed().stream().map(e -> e.getTestDescriptor().getLegacyReportingName())
                .map(n -> n.replaceAll("\\(.*", "")).collect(Collectors.toSet());
    }

    static final class GoodModuleContract extends ModuleContract {
        @Override
        protected BurrowModule module() {
            return new EchoModule();
        }
    }

    @Test
    void aGoodModule_passesEveryCheck() {
        Events events = run(GoodModuleContract.class);
        assertThat(failed(events)).isEmpty();
        assertThat(events.succeeded().count()).isGreaterThanOrEqualTo(9);
    }

    /** Upper-case name, not listed for the service loader, a tool that takes anything, a resource that crashes. */
    public static final class BrokenModule implements BurrowModule {
        @Override
        public String name() {
            return "Broken";
        }

        @Override
        public void contribute(ModuleContext context, Contributions out) {
            out.tool(ToolDefinition.builder("lenient").description("Takes anything.")
                    .inputSchema("{\"type\":\"object\",\"properties\":{\"n\":{}}}")
                    .handler(call -> ToolResult.of(Map.of("ok", true))).build());
            out.resources(new ResourceProvider() {
                @Override
                public Set<String> schemes() {
                    return Set.of("broken");
                }

                @Override
                public ResourceData read(String uri, ReadLimits limits) {
                    throw new IllegalStateException("crashed reading /home/someone/data");
                }
            });
        }
    }

    static final class BrokenModuleContract extends ModuleContract {
        @Override
        protected BurrowModule module() {
            return new BrokenModule();
        }

        @Override
        protected String missingResourceUri() {
            return "broken://nothing";
        }
    }

    @Test
    void aBrokenModule_failsTheRulesItBreaks() {
        assertThat(failed(run(BrokenModuleContract.class))).contains("module_hasAShortLowerCaseName",
                "module_isDiscoverableWithServiceLoader", "tools_followBurrowConventions",
                "tools_answerWrongArgumentsWithInvalidRequest", "resources_unknownUriIsACleanNotFound");
    }

    /** Throws IllegalArgumentException for bad URIs and never refuses an address. */
    static final class SloppyClient implements ProtocolClient<String> {
        @Override
        public Set<String> schemes() {
            return Set.of("Sloppy");
        }

        @Override
        public String fetch(String uri) {
            if (uri.startsWith("sloppy://ok")) {
                return "fine";
            }
            if (uri.contains(" ")) {
                throw new InvalidRequestException("spaces");
            }
            throw new IllegalArgumentException("bad uri " + uri);
        }
    }

    static final class SloppyClientContract extends ProtocolClientContract {
        @Override
        protected ProtocolClient<?> client() {
            return new SloppyClient();
        }

        @Override
        protected String reachableUri() {
            return "sloppy://ok/";
        }
    }

    @Test
    void aSloppyClient_failsTheRulesItBreaks() {
        Events events = run(SloppyClientContract.class);
        assertThat(failed(events)).containsExactlyInAnyOrder("schemes_areLowerCase", "fetch_anotherScheme_isInvalid",
                "fetch_malformedUris_areInvalid", "fetch_cloudMetadataAddress_isRefused", "fetch_closedPort_isUnavailable");
        assertThat(events.succeeded().stream().map(e -> e.getTestDescriptor().getDisplayName()).toList())
                .containsAll(List.of("fetch_reachableUri_givesAResult()", "fetch_fromEightThreadsAtOnce_givesEveryoneAResult()"));
    }
}
