package dev.assistantkit.mock;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.assistantkit.mock.door.DoorRules;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import org.junit.jupiter.api.Test;

/** Every rule id the door answers with is a rule of the spec's catalogue. */
class DoorRulesTest {

  @Test
  void every_rule_the_door_names_is_in_the_catalogue() throws IllegalAccessException {
    int checked = 0;
    for (Field f : DoorRules.class.getFields()) {
      if (Modifier.isStatic(f.getModifiers()) && f.getType() == String.class) {
        String id = (String) f.get(null);
        assertTrue(TestContract.CONTRACT.rule(id).isPresent(), id + " is in no catalogue");
        checked++;
      }
    }
    assertTrue(checked >= 12, "too few rule ids found: " + checked);
  }
}
