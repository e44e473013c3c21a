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
   * the traffic holds, and what it makes of it is kept with it ({@link #view}). Its record is made
   * when first asked for ({@link #get}), once.
   */
  interface Entry extends Supplier<ExchangeRecord> {
    /** The exchange's id (the journal entry's). */
    UUID id();

    /** Whether its id is this one. */
    boolean is(UUID id);

    /** What the journal made of it, once, kept with it (null: nothing yet). */
    Object view();

    /** Keeps what the journal made of it. */
    void view(Object made);
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
