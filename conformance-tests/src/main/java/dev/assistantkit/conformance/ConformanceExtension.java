package dev.assistantkit.conformance;

import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.extension.DynamicTestInvocationContext;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.InvocationInterceptor;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives the check classes their {@link Session} (one per run, kept in the root store and closed
 * with it) and lets each dynamic test publish its result as a report entry of its own.
 */
public final class ConformanceExtension implements ParameterResolver, InvocationInterceptor {

  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(ConformanceExtension.class);

  private static final ThreadLocal<ExtensionContext> CURRENT = new ThreadLocal<>();

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == Session.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return context
        .getRoot()
        .getStore(NAMESPACE)
        .computeIfAbsent(
            Session.class,
            k -> Session.open(ConformanceSettings.from(context::getConfigurationParameter)),
            Session.class);
  }

  @Override
  public void interceptDynamicTest(
      Invocation<Void> invocation,
      DynamicTestInvocationContext invocationContext,
      ExtensionContext extensionContext)
      throws Throwable {
    CURRENT.set(extensionContext);
    try {
      invocation.proceed();
    } finally {
      CURRENT.remove();
    }
  }

  /** Publishes report entries for the dynamic test running on this thread. */
  static Consumer<Map<String, String>> currentPublisher() {
    ExtensionContext context = CURRENT.get();
    return context == null ? entries -> {} : context::publishReportEntry;
  }
}
