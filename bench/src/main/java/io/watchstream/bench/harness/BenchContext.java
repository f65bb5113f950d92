package io.watchstream.bench.harness;

import io.watchstream.sandbox.ApicurioRegistry;
import io.watchstream.sandbox.EmbeddedKafka;
import io.watchstream.sandbox.MotoServer;
import io.watchstream.sandbox.SlackStandIn;
import io.watchstream.schemas.HttpSchemaRegistryClient;
import io.watchstream.schemas.TopicNames;
import io.watchstream.schemas.Topics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The real parts of one benchmark run — the in-JVM KRaft broker and the Apicurio registry — plus the topic
 * catalogue, the heap sampler and the result table shared by all phases. Each phase uses its own topic prefix so
 * phases never see each other's records.
 */
public final class BenchContext implements AutoCloseable {

  private final BenchSettings settings;
  private final EmbeddedKafka kafka;
  private final ApicurioRegistry registry;
  private final HttpSchemaRegistryClient registryClient;
  private final HeapSampler heap = new HeapSampler();
  private final ResultTable table = new ResultTable();
  private final Path workDir;
  private SlackStandIn slack;
  private MotoServer moto;

  private BenchContext(BenchSettings settings, EmbeddedKafka kafka, ApicurioRegistry registry, Path workDir) {
    this.settings = settings;
    this.kafka = kafka;
    this.registry = registry;
    this.registryClient = new HttpSchemaRegistryClient(registry.ccompatUrl());
    this.workDir = workDir;
  }

  public static BenchContext start(BenchSettings settings) {
    try {
      Path work = Files.createTempDirectory("watchstream-bench");
      return new BenchContext(settings, EmbeddedKafka.start(), ApicurioRegistry.start(), work);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public BenchSettings settings() {
    return settings;
  }

  public EmbeddedKafka kafka() {
    return kafka;
  }

  public String bootstrap() {
    return kafka.bootstrapServers();
  }

  public ApicurioRegistry registry() {
    return registry;
  }

  /** The catalogue with every topic name prefixed, e.g. {@code tp.metrics}. */
  public Topics topics(String prefix) {
    return new Topics(TopicNames.withPrefix(prefix), registryClient);
  }

  /** The Slack stand-in every phase delivers to, started on first use. */
  public synchronized SlackStandIn slack() {
    if (slack == null) {
      slack = SlackStandIn.start();
    }
    return slack;
  }

  /** moto_server, started on first use. */
  public synchronized MotoServer moto() {
    if (moto == null) {
      moto = MotoServer.start();
    }
    return moto;
  }

  public HeapSampler heap() {
    return heap;
  }

  public ResultTable table() {
    return table;
  }

  /** A fresh directory under this run's work dir (state dirs, files). */
  public Path dir(String name) {
    try {
      return Files.createDirectories(workDir.resolve(name));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    heap.close();
    if (slack != null) {
      slack.close();
    }
    if (moto != null) {
      moto.close();
    }
    registry.close();
    kafka.close();
  }
}
