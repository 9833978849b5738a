package io.burrow.mcp.core.internal;

import com.github.benmanes.caffeine.cache.Ticker;
import io.burrow.mcp.core.Telemetry;
import io.burrow.mcp.core.config.Settings;
import io.burrow.mcp.core.net.NameResolver;
import io.burrow.mcp.core.spi.Caches;
import io.burrow.mcp.core.spi.ModuleContext;
import io.burrow.mcp.core.spi.ServerEvents;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The context of one module. */
public record DefaultModuleContext(String module, List<Class<? extends Record>> declared, Settings allSettings,
        Caches caches, NameResolver resolver, Clock clock, Ticker ticker, ExecutorService executor,
        ScheduledExecutorService scheduler, ServerEvents events, Telemetry telemetry) implements ModuleContext {

    @Override
    public <T extends Record> T settings(Class<T> group) {
        if (!declared.contains(group)) {
            throw new IllegalArgumentException("module " + module + " did not declare settings group " + group.getName());
        }
        return allSettings.get(group);
    }

    @Override
    public Logger logger() {
        return LoggerFactory.getLogger("burrow." + module);
    }
}
