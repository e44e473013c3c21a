package dev.assistantkit.contract.spec;

import java.util.AbstractMap;
import java.util.Collection;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * The values of a path that names one, as most do: one small immutable map, which keeps no view of
 * itself once asked for one (a decision kept in a journal holds its route's values, and every
 * object it holds is one more that each collection copies).
 */
final class OnePathValue extends AbstractMap<String, String> {

  private final String name;
  private final String value;

  OnePathValue(String name, String value) {
    this.name = name;
    this.value = value;
  }

  @Override
  public Set<Map.Entry<String, String>> entrySet() {
    return Collections.singleton(new AbstractMap.SimpleImmutableEntry<>(name, value));
  }

  @Override
  public Set<String> keySet() {
    return Collections.singleton(name);
  }

  @Override
  public Collection<String> values() {
    return Collections.singletonList(value);
  }

  @Override
  public int size() {
    return 1;
  }

  @Override
  public boolean isEmpty() {
    return false;
  }

  @Override
  public boolean containsKey(Object key) {
    return Objects.equals(name, key);
  }

  @Override
  public boolean containsValue(Object v) {
    return Objects.equals(value, v);
  }

  @Override
  public String get(Object key) {
    return Objects.equals(name, key) ? value : null;
  }

  @Override
  public String getOrDefault(Object key, String otherwise) {
    return Objects.equals(name, key) ? value : otherwise;
  }

  @Override
  public void forEach(BiConsumer<? super String, ? super String> action) {
    action.accept(name, value);
  }
}
