package dev.assistantkit.mock.recorder;

import java.util.UUID;
import java.util.function.Supplier;

/**
 * Where exchanges are journaled for WireMock's request journal ({@code /__admin/requests},
 * verification). The WireMock adapter implements it; whether an entry shows an event WireMock made
 * itself or one made from the record is its business.
 */
public interface Journal {

  /**
   * One exchange as the recorder keeps it, journaled as it is: the journal holds the very object
   * the traffic holds until it makes its own entry of it. Its record is made when first asked for
   * ({@link #get}), once.
   */
  interface Entry extends Supplier<ExchangeRecord> {
    /** The exchange's id (the journal entry's). */
    UUID id();

    /** Whether its id is this one. */
    boolean is(UUID id);
  }

  /**
   * Journals an exchange.
   *
   * @param road who answered it
   */
  void keep(Road road, Entry entry);

  /** Forgets every entry. */
  void clear();
}
