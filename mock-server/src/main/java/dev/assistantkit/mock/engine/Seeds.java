package dev.assistantkit.mock.engine;

import dev.assistantkit.contract.Contract;
import dev.assistantkit.contract.rules.Profile;
import dev.assistantkit.contract.spec.JsonMappers;
import dev.assistantkit.contract.spec.ResourceModel;
import dev.assistantkit.contract.spec.ResourceState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The resources the mock starts with: each resource's seed from the spec, or, with {@code --seed
 * FILE}, a JSON array of the first resource's objects. Every entry is created as an update of a new
 * resource, so it keeps the contract; a broken seed stops the start with the rule it breaks.
 */
public final class Seeds {

  private Seeds() {}

  public static Map<String, List<ResourceState>> load(
      Contract contract, Profile profile, Optional<Path> seedFile) {
    Map<String, List<ResourceState>> out = new LinkedHashMap<>();
    for (ResourceModel m : contract.resources()) {
      out.put(m.name(), contract.seed(m, profile));
    }
    if (seedFile.isPresent() && !contract.resources().isEmpty()) {
      ResourceModel first = contract.resources().iterator().next();
      out.put(first.name(), fromFile(contract, profile, seedFile.get(), first));
    }
    return out;
  }

  private static List<ResourceState> fromFile(
      Contract contract, Profile profile, Path file, ResourceModel model) {
    JsonNode entries;
    try {
      entries = JsonMappers.plain().readTree(Files.readAllBytes(file));
    } catch (IOException | JacksonException e) {
      throw new IllegalArgumentException(
          "cannot read the seed file "
              + file
              + ": it must be a JSON array of "
              + model.name()
              + " objects");
    }
    if (entries == null || !entries.isArray()) {
      throw new IllegalArgumentException(
          "the seed file " + file + " is not a JSON array of " + model.name() + " objects");
    }
    List<ResourceState> out = new ArrayList<>();
    for (JsonNode e : entries) {
      if (!e.isObject()) {
        throw new IllegalArgumentException("every seed entry must be a JSON object");
      }
      dev.assistantkit.contract.evaluation.Creator.Creation c =
          contract.create(model, (ObjectNode) e, profile);
      out.add(
          c.state()
              .orElseThrow(
                  () ->
                      new IllegalArgumentException(
                          "seed "
                              + model.name()
                              + " "
                              + e.path(model.idProperty()).asString("?")
                              + ": "
                              + c.report())));
    }
    return out;
  }
}
