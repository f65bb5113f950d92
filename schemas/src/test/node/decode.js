// Decodes Confluent-wire-format records with @kafkajs/confluent-schema-registry, an independent
// (non-JVM, non-watchstream) implementation that fetches writer schemas from the registry by id.
// Input: a JSON file [{ "name": ..., "base64": ... }]. Output on stdout: JSON { name: decodedObject }.
const fs = require('fs');
const { SchemaRegistry } = require('@kafkajs/confluent-schema-registry');

async function main() {
  const [registryUrl, inputFile] = process.argv.slice(2);
  const registry = new SchemaRegistry({ host: registryUrl });
  const items = JSON.parse(fs.readFileSync(inputFile, 'utf8'));
  const out = {};
  for (const item of items) {
    out[item.name] = await registry.decode(Buffer.from(item.base64, 'base64'));
  }
  process.stdout.write(JSON.stringify(out, (k, v) => (typeof v === 'bigint' ? v.toString() : v)));
}

main().catch((e) => {
  console.error('decode failed: ' + (e && e.stack ? e.stack : e));
  process.exit(1);
});
