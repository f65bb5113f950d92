package io.watchstream.runtime.kafka;

import io.watchstream.runtime.config.ConfigException;
import io.watchstream.runtime.config.ConfigProblem;
import io.watchstream.runtime.config.FieldProblem;
import io.watchstream.schemas.HttpSchemaRegistryClient;
import io.watchstream.schemas.RegistryAccess;
import io.watchstream.schemas.RegistryRetryPolicy;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.apache.kafka.clients.CommonClientConfigs;

/**
 * How every service and command connects to Kafka and the schema registry, resolved once at start: the bootstrap
 * servers, the client properties every producer, consumer, admin client and Kafka Streams instance gets
 * ({@code security.protocol}, {@code sasl.*}, {@code ssl.*}, any other client setting), and the registry's URL,
 * credentials and TLS trust. The one piece of plumbing all clients are built through: {@link #clientConfig()}.
 *
 * <p>Where the settings come from, later winning: the service file's {@code kafka.properties} and
 * {@code kafka.registry} (values inline or as {@code {env: VAR}} / {@code {file: PATH}} references), then the
 * environment, the same variables for every service and command:
 * <pre>
 * WATCHSTREAM_KAFKA_PROPERTIES_FILE         a Java properties file of client properties (like Kafka's --command-config)
 * WATCHSTREAM_KAFKA_SECURITY_PROTOCOL       security.protocol
 * WATCHSTREAM_KAFKA_SASL_MECHANISM          sasl.mechanism; any WATCHSTREAM_KAFKA_SASL_* / _SSL_* likewise
 * WATCHSTREAM_KAFKA_SASL_JAAS_CONFIG        sasl.jaas.config (a secret: give it here or by file, never in the YAML)
 * WATCHSTREAM_SCHEMA_REGISTRY_USERNAME      registry basic auth user (with _PASSWORD)
 * WATCHSTREAM_SCHEMA_REGISTRY_PASSWORD      registry basic auth password
 * WATCHSTREAM_SCHEMA_REGISTRY_BEARER_TOKEN  registry bearer token
 * WATCHSTREAM_SCHEMA_REGISTRY_CA_FILE       PEM certificates to trust for an https registry
 * </pre>
 * Secrets are held only here and in the clients; {@link #toString()} and every message name where a value came
 * from, never the value.
 */
public final class KafkaConnection {

  public static final String PROPERTIES_FILE_ENV = "WATCHSTREAM_KAFKA_PROPERTIES_FILE";
  public static final String PROPERTY_ENV_PREFIX = "WATCHSTREAM_KAFKA_";
  public static final String REGISTRY_USERNAME_ENV = "WATCHSTREAM_SCHEMA_REGISTRY_USERNAME";
  public static final String REGISTRY_PASSWORD_ENV = "WATCHSTREAM_SCHEMA_REGISTRY_PASSWORD";
  public static final String REGISTRY_BEARER_TOKEN_ENV = "WATCHSTREAM_SCHEMA_REGISTRY_BEARER_TOKEN";
  public static final String REGISTRY_CA_FILE_ENV = "WATCHSTREAM_SCHEMA_REGISTRY_CA_FILE";

  private static final Pattern JAAS_USERNAME = Pattern.compile("username\\s*=\\s*\"([^\"]*)\"");

  private final String bootstrapServers;
  private final Map<String, String> properties;
  private final String registryUrl;
  private final RegistryAccess registryAccess;

  private KafkaConnection(String bootstrapServers, Map<String, String> properties, String registryUrl,
      RegistryAccess registryAccess) {
    this.bootstrapServers = bootstrapServers;
    this.properties = Collections.unmodifiableMap(new TreeMap<>(properties));
    this.registryUrl = registryUrl;
    this.registryAccess = registryAccess;
  }

  /** Unsecured: just the servers and the registry URL (tests, the local mode). */
  public static KafkaConnection plain(String bootstrapServers, String registryUrl) {
    return new KafkaConnection(bootstrapServers, Map.of(), registryUrl, RegistryAccess.NONE);
  }

  /**
   * Resolves a service file's settings with the environment. {@code prefix} is where they sit in the file
   * ({@code kafka}), for messages. Any unreadable reference, unknown property or contradiction is a
   * {@link ConfigException} listing every problem (exit 2).
   */
  public static KafkaConnection resolve(String prefix, String bootstrapServers, Map<String, PropertyValue> properties,
      String registryUrl, RegistrySettings registry, Map<String, String> env) {
    List<ConfigProblem> problems = new ArrayList<>();
    Map<String, String> resolved = new HashMap<>();
    (properties == null ? Map.<String, PropertyValue>of() : properties).forEach((name, value) -> {
      String field = prefix + ".properties." + name;
      if (value == null) {
        problems.add(new ConfigProblem("config", 0, 0, field, "has no value"));
        return;
      }
      try {
        resolved.put(name, value.resolve(env));
      } catch (PropertyValue.Unavailable e) {
        problems.add(new ConfigProblem("config", 0, 0, field, e.getMessage()));
      }
    });
    String file = env.get(PROPERTIES_FILE_ENV);
    if (file != null && !file.isBlank()) {
      Properties fromFile = new Properties();
      try (Reader r = Files.newBufferedReader(Path.of(file), StandardCharsets.UTF_8)) {
        fromFile.load(r);
        for (String name : fromFile.stringPropertyNames()) {
          String problem = nameProblem(name);
          if (problem != null) {
            problems.add(new ConfigProblem("env " + PROPERTIES_FILE_ENV, 0, 0, name, problem));
          }
          resolved.put(name, fromFile.getProperty(name));
        }
      } catch (IOException | IllegalArgumentException e) {
        problems.add(new ConfigProblem("env " + PROPERTIES_FILE_ENV, 0, 0, "",
            "cannot read the properties file " + file + " (" + e.getClass().getSimpleName() + ")"));
      }
    }
    new TreeMap<>(env).forEach((variable, value) -> {
      String name = propertyOf(variable);
      if (name == null || value == null || value.isEmpty()) {
        return;
      }
      String problem = nameProblem(name);
      if (problem != null) {
        problems.add(new ConfigProblem("env " + variable, 0, 0, name, problem));
      }
      resolved.put(name, value);
    });
    RegistryAccess access = registryAccess(prefix + ".registry", registry == null ? RegistrySettings.NONE : registry,
        env, problems);
    if (!problems.isEmpty()) {
      throw new ConfigException(problems);
    }
    return new KafkaConnection(bootstrapServers, resolved, registryUrl, access);
  }

  /**
   * What a service's validator reports about the file's part (load time, with {@code file:line:col}): references of
   * the wrong shape, properties no Kafka client knows or that the services set themselves, both basic auth and a
   * bearer token.
   */
  public static List<FieldProblem> problems(String prefix, Map<String, PropertyValue> properties, RegistrySettings registry) {
    List<FieldProblem> out = new ArrayList<>();
    if (properties != null) {
      new TreeMap<>(properties).forEach((name, value) -> {
        String field = prefix + ".properties." + name;
        String problem = nameProblem(name);
        if (problem == null && value == null) {
          problem = "has no value";
        }
        if (problem == null) {
          problem = value.shapeProblem();
        }
        if (problem != null) {
          out.add(new FieldProblem(field, problem));
        }
      });
    }
    if (registry != null) {
      String at = prefix + ".registry";
      if (registry.basicAuth() != null && registry.bearerToken() != null) {
        out.add(new FieldProblem(at, "give basicAuth or bearerToken, not both"));
      }
      if (registry.basicAuth() != null) {
        if (registry.basicAuth().username() == null || registry.basicAuth().password() == null) {
          out.add(new FieldProblem(at + ".basicAuth", "needs both username and password"));
        } else {
          shape(out, at + ".basicAuth.username", registry.basicAuth().username());
          shape(out, at + ".basicAuth.password", registry.basicAuth().password());
        }
      }
      shape(out, at + ".bearerToken", registry.bearerToken());
    }
    return out;
  }

  private static void shape(List<FieldProblem> out, String field, PropertyValue value) {
    String problem = value == null ? null : value.shapeProblem();
    if (problem != null) {
      out.add(new FieldProblem(field, problem));
    }
  }

  /** Why {@code name} may not be a connection property, or null. */
  static String nameProblem(String name) {
    String owned = ClientPropertyNames.ownedByService(name);
    if (owned != null) {
      return owned;
    }
    return ClientPropertyNames.isKnown(name) ? null
        : "is not a property of the Kafka producer, consumer or admin client (see the Kafka client configuration docs)";
  }

  /** The property a {@code WATCHSTREAM_KAFKA_SECURITY_PROTOCOL} / {@code _SASL_*} / {@code _SSL_*} variable sets, or null. */
  static String propertyOf(String variable) {
    if (!variable.startsWith(PROPERTY_ENV_PREFIX) || variable.equals(PROPERTIES_FILE_ENV)) {
      return null;
    }
    String rest = variable.substring(PROPERTY_ENV_PREFIX.length());
    if (!rest.equals("SECURITY_PROTOCOL") && !rest.startsWith("SASL_") && !rest.startsWith("SSL_")) {
      return null;
    }
    return rest.toLowerCase(Locale.ROOT).replace('_', '.');
  }

  private static RegistryAccess registryAccess(String at, RegistrySettings settings, Map<String, String> env,
      List<ConfigProblem> problems) {
    String authorization = null;
    String identity = "no credentials";
    String user = env.get(REGISTRY_USERNAME_ENV);
    String password = env.get(REGISTRY_PASSWORD_ENV);
    String token = env.get(REGISTRY_BEARER_TOKEN_ENV);
    boolean userSet = user != null && !user.isEmpty();
    boolean passwordSet = password != null && !password.isEmpty();
    if (userSet != passwordSet) {
      problems.add(new ConfigProblem("env " + (userSet ? REGISTRY_USERNAME_ENV : REGISTRY_PASSWORD_ENV), 0, 0, "",
          "set both " + REGISTRY_USERNAME_ENV + " and " + REGISTRY_PASSWORD_ENV + ", or neither"));
    }
    boolean envBasic = userSet && passwordSet;
    boolean envBearer = token != null && !token.isEmpty();
    boolean basic = envBasic || (!envBearer && settings.basicAuth() != null);
    boolean bearer = envBearer || (!envBasic && settings.bearerToken() != null);
    if (basic && bearer) {
      problems.add(new ConfigProblem(envBasic && envBearer ? "env " + REGISTRY_BEARER_TOKEN_ENV : "config", 0, 0, at,
          "registry basic auth and a bearer token are both set; give one"));
    } else if (basic) {
      if (!envBasic) {
        user = read(at + ".basicAuth.username", settings.basicAuth().username(), env, problems);
        password = read(at + ".basicAuth.password", settings.basicAuth().password(), env, problems);
      }
      if (user != null && password != null) {
        authorization = "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        identity = "user " + user + " (basic auth)";
      }
    } else if (bearer) {
      if (!envBearer) {
        token = read(at + ".bearerToken", settings.bearerToken(), env, problems);
      }
      if (token != null) {
        authorization = "Bearer " + token;
        identity = "a bearer token";
      }
    }
    String caFile = env.get(REGISTRY_CA_FILE_ENV);
    String caSource = "env " + REGISTRY_CA_FILE_ENV;
    if (caFile == null || caFile.isBlank()) {
      caFile = settings.caFile() == null ? null : settings.caFile().toString();
      caSource = "config";
    }
    SSLContext ssl = null;
    if (caFile != null) {
      try {
        ssl = trusting(Path.of(caFile));
      } catch (IOException | GeneralSecurityException | IllegalArgumentException e) {
        problems.add(new ConfigProblem(caSource, 0, 0, at + ".caFile",
            "cannot read PEM certificates from " + caFile + " (" + e.getClass().getSimpleName() + ")"));
      }
    }
    return new RegistryAccess(authorization, ssl, identity);
  }

  private static String read(String field, PropertyValue value, Map<String, String> env, List<ConfigProblem> problems) {
    if (value == null) {
      problems.add(new ConfigProblem("config", 0, 0, field, "is missing"));
      return null;
    }
    try {
      return value.resolve(env);
    } catch (PropertyValue.Unavailable e) {
      problems.add(new ConfigProblem("config", 0, 0, field, e.getMessage()));
      return null;
    }
  }

  /** A TLS context trusting exactly the certificates in a PEM file. */
  static SSLContext trusting(Path pem) throws IOException, GeneralSecurityException {
    KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
    store.load(null, null);
    try (InputStream in = Files.newInputStream(pem)) {
      int i = 0;
      for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
        store.setCertificateEntry("ca-" + i++, c);
      }
      if (i == 0) {
        throw new IllegalArgumentException("no certificate in " + pem);
      }
    }
    TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(store);
    SSLContext ssl = SSLContext.getInstance("TLS");
    ssl.init(null, tmf.getTrustManagers(), null);
    return ssl;
  }

  /** A new, mutable client config: {@code bootstrap.servers} and every connection property. */
  public Map<String, Object> clientConfig() {
    Map<String, Object> config = new HashMap<>(properties);
    config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    return config;
  }

  /** {@link #clientConfig()} with a client's own settings on top (they win: they carry its guarantees). */
  public Properties clientProperties(Map<String, ?> own) {
    Properties p = new Properties();
    p.putAll(clientConfig());
    p.putAll(own);
    return p;
  }

  public String bootstrapServers() {
    return bootstrapServers;
  }

  public String registryUrl() {
    return registryUrl;
  }

  public RegistryAccess registryAccess() {
    return registryAccess;
  }

  /** A registry client with this connection's credentials and trust. */
  public HttpSchemaRegistryClient registryClient(RegistryRetryPolicy retry) {
    return new HttpSchemaRegistryClient(registryUrl, retry, registryAccess);
  }

  /** A registry client that waits out outages (services). */
  public HttpSchemaRegistryClient registryClient() {
    return registryClient(RegistryRetryPolicy.untilAvailable());
  }

  /** Who the clients authenticate as: {@code user alice (SASL/SCRAM-SHA-512)}; never a secret. */
  public String identity() {
    return identity(clientConfig());
  }

  /** {@link #identity()} of any client config. */
  public static String identity(Map<String, ?> config) {
    Object protocolSetting = config.get(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG);
    String protocol = (protocolSetting == null ? "PLAINTEXT" : protocolSetting.toString()).toUpperCase(Locale.ROOT);
    if (protocol.startsWith("SASL")) {
      Object mechanismSetting = config.get("sasl.mechanism");
      String mechanism = mechanismSetting == null ? "GSSAPI" : mechanismSetting.toString();
      Object jaas = config.get("sasl.jaas.config");
      if (mechanism.equals("AWS_MSK_IAM") || (jaas != null && jaas.toString().contains("IAMLoginModule"))) {
        return "AWS IAM credentials (SASL/" + mechanism + ")";
      }
      Matcher m = JAAS_USERNAME.matcher(jaas == null ? "" : jaas.toString());
      return (m.find() ? "user " + m.group(1) : "an unnamed principal") + " (SASL/" + mechanism + ")";
    }
    return protocol.equals("SSL") ? "a TLS client (SSL)" : "no credentials (" + protocol + ")";
  }

  /** Names where the values came from, never the values. */
  @Override
  public String toString() {
    return "KafkaConnection[" + bootstrapServers + ", properties " + properties.keySet() + ", " + identity()
        + ", registry " + registryUrl + " " + registryAccess + "]";
  }
}
