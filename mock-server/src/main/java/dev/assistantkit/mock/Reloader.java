package dev.assistantkit.mock;

import dev.assistantkit.contract.Contract;
import dev.assistantkit.contract.masking.QuotedSources;
import dev.assistantkit.contract.spec.ResourceState;
import dev.assistantkit.contract.spec.SpecDocument;
import dev.assistantkit.contract.spec.SpecLimits;
import dev.assistantkit.contract.spec.SpecLoadException;
import dev.assistantkit.mock.door.Door;
import dev.assistantkit.mock.engine.MockEngine;
import dev.assistantkit.mock.engine.ResourceStore;
import dev.assistantkit.mock.engine.Seeds;
import dev.assistantkit.mock.gate.Gate;
import dev.assistantkit.mock.gate.Served;
import dev.assistantkit.mock.tools.Readiness;
import dev.assistantkit.mock.tools.Tools;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the spec again ({@code --watch}, on the watcher's thread) and makes the mock serve it. A
 * spec that loads serves from the next exchange on, over the same store, traffic and stubs: a
 * resource it adds starts at its seed, every one held is kept as stored, and resets go back to its
 * seed. One that does not load leaves the last contract that did serving; the log and {@code GET
 * /__mock/health} (503) say what is wrong and where, until an edit loads.
 */
final class Reloader {

  private static final Logger LOG = LoggerFactory.getLogger("assistant-mock");

  private final MockConfig config;
  private final Path main;
  private final ResourceStore store;
  private final Door door;
  private final Gate gate;
  private final Function<Contract, Tools> tools;
  private final Readiness readiness;

  /**
   * @param main the spec's main file, as given
   * @param tools the mock's own endpoints on a contract (reporting to the readiness given)
   */
  Reloader(
      MockConfig config,
      Path main,
      ResourceStore store,
      Door door,
      Gate gate,
      Function<Contract, Tools> tools,
      Readiness readiness) {
    this.config = config;
    this.main = main;
    this.store = store;
    this.door = door;
    this.gate = gate;
    this.tools = tools;
    this.readiness = readiness;
  }

  /**
   * Loads the spec from its files and serves it if it loads. Never throws.
   *
   * @return the files the attempt read or looked for, to watch from now on
   */
  synchronized List<Path> reload() {
    String name = main.getFileName().toString();
    SpecDocument doc;
    try {
      doc = SpecDocument.fromFile(main);
    } catch (SpecLoadException e) {
      String where = e.where();
      int hash = where.indexOf('#');
      List<Path> files =
          e.files().isEmpty() ? List.of(main.toAbsolutePath().normalize()) : e.files();
      refused(
          new Readiness.Failure(
              where.isEmpty() ? name : hash < 0 ? where : where.substring(0, hash),
              where,
              e.reason().name().toLowerCase(Locale.ROOT).replace('_', '-'),
              e.getMessage()),
          files);
      return files;
    } catch (RuntimeException | StackOverflowError e) {
      List<Path> files = List.of(main.toAbsolutePath().normalize());
      refused(new Readiness.Failure(name, "", "not-a-spec", messageOf(e)), files);
      return files;
    }
    try {
      Contract next = Contract.of(doc, MockServer.resources(config));
      serve(next, Seeds.load(next, config.profile(), config.seed()));
      int n = next.operations().size();
      // logged before the health check says so: whoever waits on the one finds the other written
      LOG.info(
          "spec reloaded from {} ({} operation{}), the state kept", name, n, n == 1 ? "" : "s");
      readiness.loaded();
    } catch (RuntimeException | StackOverflowError e) {
      refused(new Readiness.Failure(name, "", "not-a-contract", messageOf(e)), doc.files());
    }
    return doc.files();
  }

  /**
   * The new contract serves: the store takes its seed and the door its secrets before the gate
   * hands it the next exchange, so that no exchange it judges meets a store without its resources.
   */
  private void serve(Contract next, Map<String, List<ResourceState>> seed) {
    store.reseed(seed);
    door.follow(next.masker(), MockServer.maxBodyBytes(next));
    MockEngine engine = new MockEngine(next, store, config.apiKeys(), config.profile());
    gate.serve(new Served(next, engine, tools.apply(next)));
  }

  /**
   * Reports a reload that failed, masked: the loader's reason may quote the spec's text, and the
   * spec may hold a key the mock was given (an example, a test fixture), whole or, in a quote cut
   * short, in part. Neither the health check nor the log shows it.
   *
   * @param files the files the attempt read, whose quotes the reason may hold
   */
  private void refused(Readiness.Failure f, List<Path> files) {
    List<Path> quotable = new java.util.ArrayList<>(files);
    config.seed().ifPresent(quotable::add); // a seed that breaks the contract is quoted too
    QuotedSources quoted =
        QuotedSources.read(door.known(), quotable, SpecLimits.DEFAULT.maxBytes());
    Readiness.Failure shown =
        new Readiness.Failure(
            quoted.mask(f.file()), quoted.mask(f.where()), f.reason(), quoted.mask(f.message()));
    // logged before the health check says so: whoever waits on the one finds the other written
    LOG.warn(
        door.maskLog(
            "spec not reloaded, the last contract that loaded keeps answering: "
                + shown.message()
                + " [reason "
                + shown.reason()
                + ", file "
                + shown.file()
                + "]"));
    readiness.failed(shown);
  }

  private static String messageOf(Throwable e) {
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }
}
