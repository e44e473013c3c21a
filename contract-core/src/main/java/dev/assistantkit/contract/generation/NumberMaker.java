package dev.assistantkit.contract.generation;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * Numbers for a value's numeric facets: the bounds (3.0 boolean and 3.1 numeric exclusive forms),
 * {@code multipleOf}, and the int32/int64 formats. Under a twist it makes a number just across the
 * twisted bound, the bound itself for an exclusive one, or one that is no multiple.
 */
final class NumberMaker {

  private static final JsonNodeFactory F = JsonNodeFactory.instance;
  private static final BigDecimal INT32_MIN = BigDecimal.valueOf(Integer.MIN_VALUE);
  private static final BigDecimal INT32_MAX = BigDecimal.valueOf(Integer.MAX_VALUE);
  private static final BigDecimal INT64_MIN = BigDecimal.valueOf(Long.MIN_VALUE);
  private static final BigDecimal INT64_MAX = BigDecimal.valueOf(Long.MAX_VALUE);
  private static final BigDecimal HALF = new BigDecimal("0.5");

  /** One end of the allowed range. */
  private record Bound(BigDecimal value, boolean exclusive) {}

  /** A number for the facets, or null when the range is empty. */
  JsonNode make(Conjunction c, boolean integer, SplittableRandom r) {
    Bound lower = null;
    Bound upper = null;
    Semantics sem = c.semantics();
    for (SchemaAt m : c.members()) {
      JsonNode min = c.value(m, "minimum");
      JsonNode max = c.value(m, "maximum");
      JsonNode xmin = c.value(m, "exclusiveMinimum");
      JsonNode xmax = c.value(m, "exclusiveMaximum");
      if (min != null && min.isNumber()) {
        boolean excl = sem.v30() && xmin != null && xmin.asBoolean(false);
        lower = tighterLower(lower, new Bound(min.decimalValue(), excl));
      }
      if (max != null && max.isNumber()) {
        boolean excl = sem.v30() && xmax != null && xmax.asBoolean(false);
        upper = tighterUpper(upper, new Bound(max.decimalValue(), excl));
      }
      if (!sem.v30() && xmin != null && xmin.isNumber()) {
        lower = tighterLower(lower, new Bound(xmin.decimalValue(), true));
      }
      if (!sem.v30() && xmax != null && xmax.isNumber()) {
        upper = tighterUpper(upper, new Bound(xmax.decimalValue(), true));
      }
      JsonNode format = c.value(m, "format");
      if (integer && format != null && format.isString()) {
        if (format.asString().equals("int32")) {
          lower = tighterLower(lower, new Bound(INT32_MIN, false));
          upper = tighterUpper(upper, new Bound(INT32_MAX, false));
        } else if (format.asString().equals("int64")) {
          lower = tighterLower(lower, new Bound(INT64_MIN, false));
          upper = tighterUpper(upper, new Bound(INT64_MAX, false));
        }
      }
    }
    BigDecimal exact = null;
    Optional<SchemaAt> tm = c.twistedMember();
    Twist t = c.twist();
    if (t != null && tm.isPresent()) {
      JsonNode v = c.has(tm.get(), t.keyword());
      JsonNode own = null;
      switch (t.keyword()) {
        case "minimum":
          upper = tighterUpper(upper, new Bound(v.decimalValue(), true));
          break;
        case "maximum":
          lower = tighterLower(lower, new Bound(v.decimalValue(), true));
          break;
        case "exclusiveMinimum":
          own = sem.v30() ? c.has(tm.get(), "minimum") : v;
          if (own != null && own.isNumber()) {
            upper = tighterUpper(upper, new Bound(own.decimalValue(), false));
            exact = own.decimalValue();
          }
          break;
        case "exclusiveMaximum":
          own = sem.v30() ? c.has(tm.get(), "maximum") : v;
          if (own != null && own.isNumber()) {
            lower = tighterLower(lower, new Bound(own.decimalValue(), false));
            exact = own.decimalValue();
          }
          break;
        default:
          break;
      }
    }
    List<BigDecimal> multiples = new ArrayList<>();
    for (JsonNode m : c.all("multipleOf")) {
      if (m.isNumber() && m.decimalValue().signum() > 0) {
        multiples.add(m.decimalValue());
      }
    }
    BigDecimal notMultiple =
        c.twistedOn("multipleOf")
            .filter(JsonNode::isNumber)
            .map(JsonNode::decimalValue)
            .orElse(null);
    BigDecimal value = pick(lower, upper, multiples, integer, exact, r);
    if (value == null) {
      return null;
    }
    if (notMultiple != null && isMultiple(value, notMultiple)) {
      value = offset(value, notMultiple, lower, upper, integer);
      if (value == null) {
        return null;
      }
    }
    return node(value);
  }

  private static BigDecimal offset(
      BigDecimal v, BigDecimal step, Bound lower, Bound upper, boolean integer) {
    List<BigDecimal> tries = new ArrayList<>();
    if (integer && step.compareTo(BigDecimal.ONE) > 0) {
      tries.add(v.add(BigDecimal.ONE));
      tries.add(v.subtract(BigDecimal.ONE));
    }
    tries.add(v.add(step.multiply(HALF)));
    tries.add(v.subtract(step.multiply(HALF)));
    tries.add(v.add(HALF));
    for (BigDecimal x : tries) {
      if (inside(x, lower, upper) && !isMultiple(x, step)) {
        return x;
      }
    }
    return null;
  }

  private static BigDecimal pick(
      Bound lower,
      Bound upper,
      List<BigDecimal> multiples,
      boolean integer,
      BigDecimal exact,
      SplittableRandom r) {
    BigDecimal step = step(multiples, integer);
    if (exact != null && inside(exact, lower, upper) && (!integer || isIntegral(exact))) {
      if (step == null || isMultiple(exact, step)) {
        return exact;
      }
    }
    if (step == null) {
      return integer ? anyInteger(lower, upper, r) : anyNumber(lower, upper, r);
    }
    // values k * step with k in [kLo, kHi]
    BigInteger kLo = lower == null ? null : ceilDiv(lower.value(), step);
    BigInteger kHi = upper == null ? null : floorDiv(upper.value(), step);
    if (kLo != null
        && lower.exclusive()
        && new BigDecimal(kLo).multiply(step).compareTo(lower.value()) == 0) {
      kLo = kLo.add(BigInteger.ONE);
    }
    if (kHi != null
        && upper.exclusive()
        && new BigDecimal(kHi).multiply(step).compareTo(upper.value()) == 0) {
      kHi = kHi.subtract(BigInteger.ONE);
    }
    BigInteger k = between(kLo, kHi, r);
    if (k == null) {
      return null;
    }
    BigDecimal v = new BigDecimal(k).multiply(step);
    for (BigDecimal m : multiples) {
      if (!isMultiple(v, m)) {
        return null;
      }
    }
    return inside(v, lower, upper) ? v : null;
  }

  /** The step all values must be multiples of: the first multipleOf, made integral if needed. */
  private static BigDecimal step(List<BigDecimal> multiples, boolean integer) {
    if (multiples.isEmpty()) {
      return integer ? BigDecimal.ONE : null;
    }
    BigDecimal step = multiples.get(0);
    for (BigDecimal m : multiples.subList(1, multiples.size())) {
      if (isIntegral(step) && isIntegral(m)) {
        BigInteger a = step.toBigInteger();
        BigInteger b = m.toBigInteger();
        step = new BigDecimal(a.divide(a.gcd(b)).multiply(b));
      }
    }
    if (integer && !isIntegral(step)) {
      for (int n = 2; n <= 1000; n++) {
        BigDecimal s = step.multiply(BigDecimal.valueOf(n));
        if (isIntegral(s)) {
          return s.stripTrailingZeros();
        }
      }
      return null;
    }
    return step;
  }

  private static BigInteger between(BigInteger lo, BigInteger hi, SplittableRandom r) {
    BigInteger small = BigInteger.valueOf(1 + r.nextInt(50));
    if (lo != null && hi != null) {
      if (lo.compareTo(hi) > 0) {
        return null;
      }
      BigInteger span = hi.subtract(lo);
      if (span.compareTo(BigInteger.valueOf(1000)) <= 0) {
        return lo.add(BigInteger.valueOf(r.nextLong(span.longValueExact() + 1)));
      }
      // a wide range (an int64 format, say): a small value in it, as people would write
      if (small.compareTo(lo) >= 0 && small.compareTo(hi) <= 0) {
        return small;
      }
      return lo.signum() > 0
          ? lo.add(small).subtract(BigInteger.ONE)
          : hi.subtract(small).add(BigInteger.ONE);
    }
    if (lo != null) {
      return lo.signum() <= 0 ? small : lo.add(small).subtract(BigInteger.ONE);
    }
    if (hi != null) {
      return hi.signum() > 0 ? small.min(hi) : hi.subtract(small).add(BigInteger.ONE);
    }
    return BigInteger.valueOf(1 + r.nextInt(100));
  }

  private static BigDecimal anyInteger(Bound lower, Bound upper, SplittableRandom r) {
    return pick(lower, upper, List.of(BigDecimal.ONE), true, null, r);
  }

  private static BigDecimal anyNumber(Bound lower, Bound upper, SplittableRandom r) {
    BigDecimal cents = BigDecimal.valueOf(1, 2);
    BigDecimal v = pick(lower, upper, List.of(cents), false, null, r);
    if (v == null) {
      // a range narrower than a cent: its middle
      if (lower != null && upper != null && lower.value().compareTo(upper.value()) < 0) {
        BigDecimal mid = lower.value().add(upper.value()).divide(BigDecimal.valueOf(2));
        return inside(mid, lower, upper) ? mid : null;
      }
      if (lower != null && upper != null && lower.value().compareTo(upper.value()) == 0) {
        return inside(lower.value(), lower, upper) ? lower.value() : null;
      }
      return null;
    }
    if (lower == null && upper == null) {
      // a realistic amount with a fraction: 1.00 .. 999.99
      v = BigDecimal.valueOf(100 + r.nextInt(99_900), 2);
    }
    return v;
  }

  private static boolean inside(BigDecimal v, Bound lower, Bound upper) {
    if (lower != null) {
      int c = v.compareTo(lower.value());
      if (c < 0 || (c == 0 && lower.exclusive())) {
        return false;
      }
    }
    if (upper != null) {
      int c = v.compareTo(upper.value());
      return !(c > 0 || (c == 0 && upper.exclusive()));
    }
    return true;
  }

  private static Bound tighterLower(Bound a, Bound b) {
    if (a == null) {
      return b;
    }
    int c = b.value().compareTo(a.value());
    return c > 0 || (c == 0 && b.exclusive()) ? b : a;
  }

  private static Bound tighterUpper(Bound a, Bound b) {
    if (a == null) {
      return b;
    }
    int c = b.value().compareTo(a.value());
    return c < 0 || (c == 0 && b.exclusive()) ? b : a;
  }

  static boolean isMultiple(BigDecimal v, BigDecimal step) {
    return v.remainder(step).signum() == 0;
  }

  static boolean isIntegral(BigDecimal v) {
    return v.signum() == 0 || v.stripTrailingZeros().scale() <= 0;
  }

  private static BigInteger ceilDiv(BigDecimal a, BigDecimal b) {
    return a.divide(b, 0, RoundingMode.CEILING).toBigIntegerExact();
  }

  private static BigInteger floorDiv(BigDecimal a, BigDecimal b) {
    return a.divide(b, 0, RoundingMode.FLOOR).toBigIntegerExact();
  }

  /** The number as JSON: an integer node when it is integral, a decimal one otherwise. */
  static JsonNode node(BigDecimal v) {
    if (isIntegral(v)) {
      BigInteger i = v.toBigIntegerExact();
      return i.bitLength() < 64 ? F.numberNode(i.longValue()) : F.numberNode(i);
    }
    return F.numberNode(v.stripTrailingZeros());
  }
}
