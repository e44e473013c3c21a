package dev.assistantkit.mock.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Starts the contract mock in-process for a test class, on a free port of 127.0.0.1, and stops it
 * after the class. Before each test the mock's state (the seeded resources) and its traffic are
 * reset; after each test, with {@link #failOnViolations()}, the test fails if a request it sent
 * broke a rule of the contract, the message naming each request and the rules it broke.
 *
 * <p>A test method, a constructor or a lifecycle method takes a {@link ContractMockInfo} parameter
 * for the mock's address, the current test's violations and its judged traffic. Tests of one class
 * share one mock and run one at a time. For a fixed port or several mocks, register a {@link
 * ContractMockExtension} instead.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(ContractMockExtension.class)
public @interface ContractMockTest {

  /**
   * The OpenAPI document to serve, a file path (relative to the working directory: a Maven module's
   * directory); empty: the kit's own contract.
   */
  String spec() default "";

  /**
   * The bearer tokens (or API keys) the mock accepts; none: the development key {@code
   * mock-dev-key}.
   */
  String[] apiKeys() default {};

  /**
   * {@code strict} (the page and the kit's decisions, the mock's default) or {@code documented}
   * (only what the page states), as the mock's {@code --profile}.
   */
  String profile() default "strict";

  /** Whether a test whose requests broke a rule of the profile fails after it ran. */
  boolean failOnViolations() default true;
}
