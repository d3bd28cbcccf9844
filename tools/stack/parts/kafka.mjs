// Kafka as a single KRaft node (broker and controller in one JVM): no
// ZooKeeper, no Kafka distribution tarball. Maven fetches the jars once and
// we start the server classes directly with the machine's Java.

import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { run, tcpExchange, which } from '../proc.mjs';

const VERSION = '3.9.1';

const home = (cfg) => path.join(cfg.cacheDir, `kafka-${VERSION}`);
const libs = (cfg) => path.join(home(cfg), 'libs');
const dataDir = (cfg) => path.join(cfg.dataDir, 'kafka');
const confDir = (cfg) => path.join(cfg.stackDir, 'conf', 'kafka');
const serverProperties = (cfg) => path.join(confDir(cfg), 'server.properties');

function java(env) {
  const fromHome = env.JAVA_HOME && path.join(env.JAVA_HOME, 'bin', 'java');
  return (fromHome && which(fromHome, env)) || which('java', env);
}

const POM = `<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>local.stack</groupId>
  <artifactId>kafka-runtime</artifactId>
  <version>1</version>
  <packaging>pom</packaging>
  <dependencies>
    <dependency><groupId>org.apache.kafka</groupId><artifactId>kafka_2.13</artifactId><version>${VERSION}</version></dependency>
    <!-- Kafka logs through slf4j; this binding routes it to the log4j config we write. -->
    <dependency><groupId>org.slf4j</groupId><artifactId>slf4j-reload4j</artifactId><version>1.7.36</version></dependency>
  </dependencies>
</project>
`;

export default {
  name: 'kafka',
  // Usually ready in ~3 s; after an unclean stop (SIGKILL) ~15 s, because the
  // controller first waits out the dead broker's session.
  readyTimeoutMs: 90_000,
  ports: (cfg) => [cfg.ports.kafka, cfg.ports.kafkaController],
  dataPaths: (cfg) => [dataDir(cfg)],
  // log4j writes kafka.log; the JVM's own stdout/stderr (crashes, OOM) land in kafka.stdout.log.
  logFiles: (cfg) => [path.join(cfg.logsDir, 'kafka.log'), path.join(cfg.logsDir, 'kafka.stdout.log')],
  binary: 'java',
  markers: (cfg) => ['kafka.Kafka', serverProperties(cfg)],

  installed: (cfg) => fs.existsSync(libs(cfg)),

  async install(cfg, env, logFile) {
    if (!java(env)) throw new Error('java not found (Kafka needs Java 11 or newer)');
    const mvn = which('mvn', env);
    if (!mvn) throw new Error('mvn not found (needed once to download the Kafka jars)');
    // Resolve into a scratch dir and rename at the end: a half-filled libs/ must never look installed.
    const scratch = `${home(cfg)}.tmp-${process.pid}`;
    fs.rmSync(scratch, { recursive: true, force: true });
    fs.mkdirSync(scratch, { recursive: true });
    try {
      fs.writeFileSync(path.join(scratch, 'pom.xml'), POM);
      await run(mvn, ['-q', '-B', 'dependency:copy-dependencies', `-DoutputDirectory=${path.join(scratch, 'libs')}`, '-DincludeScope=runtime'], {
        cwd: scratch,
        env,
        logFile,
      }).catch((err) => {
        throw new Error(`downloading jars failed: ${err.message}`);
      });
      fs.rmSync(home(cfg), { recursive: true, force: true });
      fs.renameSync(scratch, home(cfg));
    } finally {
      fs.rmSync(scratch, { recursive: true, force: true });
    }
  },

  async prepare(cfg, env, logFile) {
    const javaBin = java(env);
    if (!javaBin) throw new Error('java not found (Kafka needs Java 11 or newer: install it or set JAVA_HOME)');
    fs.mkdirSync(confDir(cfg), { recursive: true });
    fs.mkdirSync(dataDir(cfg), { recursive: true });
    const log4j = path.join(confDir(cfg), 'log4j.properties');
    fs.writeFileSync(serverProperties(cfg), serverConfig(cfg));
    fs.writeFileSync(log4j, log4jConfig(path.join(cfg.logsDir, 'kafka.log')));

    const jvm = [
      '-Xms256m', '-Xmx512m',
      '-XX:+UseG1GC', '-XX:MaxGCPauseMillis=20',
      '-XX:+ExitOnOutOfMemoryError',
      '-Djava.awt.headless=true',
      `-Dlog4j.configuration=${pathToFileURL(log4j).href}`,
      '-cp', path.join(libs(cfg), '*'),
    ];

    // KRaft refuses to start on an unformatted log dir; formatting twice would
    // fail too, so do it exactly once per data dir.
    if (!fs.existsSync(path.join(dataDir(cfg), 'meta.properties'))) {
      await run(javaBin, [...jvm, 'kafka.tools.StorageTool', 'format', '-t', clusterId(), '-c', serverProperties(cfg)], {
        env,
        logFile,
      }).catch((err) => {
        throw new Error(`formatting storage failed: ${err.message}`);
      });
    }
    return { cmd: javaBin, args: [...jvm, 'kafka.Kafka', serverProperties(cfg)], logFile: path.join(cfg.logsDir, 'kafka.stdout.log') };
  },

  async ready(cfg) {
    // The broker only serves requests once it has caught up with the metadata
    // log, so an answered ApiVersions request means producers and consumers work.
    const correlationId = 0x5eed;
    const clientId = Buffer.from('hub-stack');
    const request = Buffer.alloc(4 + 2 + 2 + 4 + 2 + clientId.length);
    request.writeInt32BE(request.length - 4, 0);
    request.writeInt16BE(18, 4); // api key: ApiVersions
    request.writeInt16BE(0, 6); // version 0: no tagged fields, simplest framing
    request.writeInt32BE(correlationId, 8);
    request.writeInt16BE(clientId.length, 12);
    clientId.copy(request, 14);

    const reply = await tcpExchange(cfg.ports.kafka, request, (buf) => buf.length >= 4 && buf.length >= 4 + buf.readInt32BE(0));
    return reply !== null && reply.length >= 10 && reply.readInt32BE(4) === correlationId && reply.readInt16BE(8) === 0;
  },
};

/** Kafka cluster ids are 16 random bytes in unpadded base64url; one starting with '-' would look like a CLI flag. */
function clusterId() {
  for (;;) {
    const id = crypto.randomBytes(16).toString('base64url');
    if (!id.startsWith('-')) return id;
  }
}

function serverConfig(cfg) {
  const { kafka: port, kafkaController: controllerPort } = cfg.ports;
  return `# Written by tools/stack on every start; edit tools/stack/parts/kafka.mjs instead.
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:${controllerPort}
listeners=PLAINTEXT://127.0.0.1:${port},CONTROLLER://127.0.0.1:${controllerPort}
advertised.listeners=PLAINTEXT://127.0.0.1:${port}
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
inter.broker.listener.name=PLAINTEXT
controller.listener.names=CONTROLLER
log.dirs=${dataDir(cfg).replaceAll('\\', '\\\\')}

# One node: every internal topic must accept a single replica.
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
# Fewer internal partitions than the default 50 make the first consumer group join fast.
offsets.topic.num.partitions=10
transaction.state.log.num.partitions=10

# Tests create topics by producing to them and want consumers to join at once.
auto.create.topics.enable=true
num.partitions=3
group.initial.rebalance.delay.ms=0

# A laptop-sized broker: few threads, small buffers.
num.network.threads=2
num.io.threads=2
background.threads=2
num.recovery.threads.per.data.dir=1
num.replica.fetchers=1
log.cleaner.threads=1
log.cleaner.dedupe.buffer.size=33554432
`;
}

function log4jConfig(logFile) {
  return `log4j.rootLogger=INFO, file
log4j.appender.file=org.apache.log4j.RollingFileAppender
log4j.appender.file.File=${logFile.replaceAll('\\', '\\\\')}
log4j.appender.file.MaxFileSize=10MB
log4j.appender.file.MaxBackupIndex=2
log4j.appender.file.layout=org.apache.log4j.PatternLayout
log4j.appender.file.layout.ConversionPattern=[%d] %p %m (%c)%n

# Per-request and per-partition chatter drowns the lines that explain a failure.
log4j.logger.kafka.request.logger=WARN
log4j.logger.state.change.logger=WARN
log4j.logger.kafka.log.LogCleaner=WARN
log4j.logger.org.apache.kafka.storage.internals.log=WARN
`;
}
