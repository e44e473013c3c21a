package dev.assistantkit.mock.gate;

import dev.assistantkit.contract.Contract;
import dev.assistantkit.mock.door.Downstream;
import dev.assistantkit.mock.door.Exchange;
import dev.assistantkit.mock.door.Reply;
import dev.assistantkit.mock.door.Surface;
import dev.assistantkit.mock.proxy.ProxyRoad;
import dev.assistantkit.mock.recorder.Recorder;
import dev.assistantkit.mock.recorder.Road;
import dev.assistantkit.mock.tools.Tools;
import dev.assistantkit.mock.wiremock.OwnAnswers;
import dev.assistantkit.mock.wiremock.WireMockRoad;
import java.util.EnumMap;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

/**
 * The one place that decides who answers a request the door let through, and the one place that
 * starts keeping it: the admin API is WireMock's; in proxy mode the API goes upstream; while
 * WireMock could answer otherwise than the contract (a user's stub, listener or delay) it answers
 * everything; else the mock's own endpoints answer theirs and the engine the rest.
 *
 * <p>It holds the contract serving, with its engine and endpoints ({@link Served}), and reads it
 * once per exchange: a contract reloaded ({@code --watch}) while an exchange is under way takes the
 * exchanges that come after; the one under way is judged, answered and recorded by the contract it
 * came under.
 */
public final class Gate implements Downstream {

  /** The contract serving, and the roads bound to it: swapped whole. */
  private record ServedRoads(Served served, EngineRoad engine) {}

  private final AtomicReference<ServedRoads> serving = new AtomicReference<>();
  private final int minDelayMillis;
  private final int maxDelayMillis;
  private final Optional<ProxyRoad> proxy;
  private final WireMockRoad wiremock;
  private final Recorder recorder;
  private final EnumMap<Road, LongAdder> answered = new EnumMap<>(Road.class);

  /**
   * @param minDelayMillis the least delay added to the contract's answers ({@code --latency})
   * @param maxDelayMillis the most
   */
  public Gate(
      Served served,
      int minDelayMillis,
      int maxDelayMillis,
      Optional<ProxyRoad> proxy,
      WireMockRoad wiremock,
      Recorder recorder) {
    this.minDelayMillis = minDelayMillis;
    this.maxDelayMillis = maxDelayMillis;
    serve(served);
    this.proxy = proxy;
    this.wiremock = wiremock;
    this.recorder = recorder;
    for (Road r : Road.values()) {
      answered.put(r, new LongAdder());
    }
  }

  /**
   * From now on, exchanges are judged by this contract; those under way finish with the one they
   * came under.
   */
  public void serve(Served next) {
    serving.set(
        new ServedRoads(next, new EngineRoad(next.engine(), minDelayMillis, maxDelayMillis)));
  }

  /** The contract serving now, with its engine and endpoints. */
  public Served served() {
    return serving.get().served();
  }

  /** How many exchanges each road was given so far. */
  public long answered(Road road) {
    return answered.get(road).sum();
  }

  @Override
  public boolean doorSpeaksCors(Surface surface, String path) {
    return !(surface == Surface.API && proxy.isPresent() && proxy.get().forwards(path));
  }

  /** The road an exchange takes. */
  Road road(Exchange x) {
    if (x.surface() == Surface.ADMIN) {
      return Road.WIREMOCK;
    }
    String path = x.rawPath();
    if (x.surface() == Surface.API && proxy.isPresent() && proxy.get().forwards(path)) {
      return Road.PROXY;
    }
    if (wiremock.mustAnswer()) {
      return Road.WIREMOCK;
    }
    return Tools.serves(x.method(), path) ? Road.TOOLS : Road.ENGINE;
  }

  @Override
  public void answer(Exchange x) {
    // read once: the whole exchange is judged by this contract, whatever is reloaded meanwhile
    ServedRoads roads = serving.get();
    EngineRoad engine = roads.engine();
    Tools tools = roads.served().tools();
    Contract contract = roads.served().contract();
    Road road = road(x);
    answered.get(road).increment();
    Recorder.Recording recording = recorder.begin(x, road, inTraffic(x.rawPath()), contract);
    switch (road) {
      case ENGINE -> engine.answer(x, recording);
      case TOOLS -> x.replyOwn(tools.reply(x));
      case PROXY -> proxy.orElseThrow().answer(x, recording, contract);
      case WIREMOCK ->
          wiremock.answer(
              x,
              new OwnAnswers() {
                @Override
                public Delayed contract(Optional<String> authorization) {
                  return engine.decide(x, recording, authorization);
                }

                @Override
                public Reply tools() {
                  return tools.reply(x);
                }
              });
    }
  }

  /** Whether an exchange is the API's (the traffic shows those): not admin, state or docs. */
  static boolean inTraffic(String path) {
    return !path.startsWith("/__admin") && !path.startsWith("/__mock") && !Tools.isDocs(path);
  }
}
