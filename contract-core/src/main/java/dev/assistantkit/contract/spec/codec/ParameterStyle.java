package dev.assistantkit.contract.spec.codec;

import java.util.EnumSet;
import java.util.Set;

/**
 * A {@code style} value (OpenAPI "Style Values"), with the locations it is defined for. A Parameter
 * Object without {@code style} has its location's default: {@code simple} for path and header,
 * {@code form} for query and cookie.
 */
public enum ParameterStyle {
  MATRIX("matrix", EnumSet.of(ParameterLocation.PATH)),
  LABEL("label", EnumSet.of(ParameterLocation.PATH)),
  FORM("form", EnumSet.of(ParameterLocation.QUERY, ParameterLocation.COOKIE)),
  SIMPLE("simple", EnumSet.of(ParameterLocation.PATH, ParameterLocation.HEADER)),
  SPACE_DELIMITED("spaceDelimited", EnumSet.of(ParameterLocation.QUERY)),
  PIPE_DELIMITED("pipeDelimited", EnumSet.of(ParameterLocation.QUERY)),
  DEEP_OBJECT("deepObject", EnumSet.of(ParameterLocation.QUERY));

  private final String wireName;
  private final Set<ParameterLocation> locations;

  ParameterStyle(String wireName, Set<ParameterLocation> locations) {
    this.wireName = wireName;
    this.locations = locations;
  }

  /** The value of {@code style} as the spec spells it. */
  public String wireName() {
    return wireName;
  }

  /** Whether the OpenAPI "Style Values" table defines this style for a location. */
  public boolean definedFor(ParameterLocation in) {
    return locations.contains(in);
  }

  /** The default {@code explode}: true for form, false for every other style. */
  public boolean defaultExplode() {
    return this == FORM;
  }

  /** The default style of a location. */
  public static ParameterStyle defaultFor(ParameterLocation in) {
    return in == ParameterLocation.PATH || in == ParameterLocation.HEADER ? SIMPLE : FORM;
  }

  /** The style a spec spells so, or null for a name the OpenAPI Specification does not define. */
  public static ParameterStyle of(String wireName) {
    for (ParameterStyle s : values()) {
      if (s.wireName.equals(wireName)) {
        return s;
      }
    }
    return null;
  }

  /** Whether the style reads name=value pairs (a query string, a form body, cookies). */
  boolean readsPairs() {
    return this == FORM || this == SPACE_DELIMITED || this == PIPE_DELIMITED || this == DEEP_OBJECT;
  }
}
