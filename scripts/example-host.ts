// npm run example:host
// Serves the example partner page (scripts/example-host/server.ts) on http://127.0.0.1:$EXAMPLE_HOST_PORT
// (default 3390), a different site than Latchkey at $LATCHKEY_URL (default http://localhost:3000).
// The partner's private key is read from $EXAMPLE_HOST_PRIVATE_KEY_FILE; without one, a new RSA key
// is generated into .data/example-host-private-key.pem and its public half printed, to paste into
// Settings → Embedding. Add http://127.0.0.1:<port> to the allowed frame origins too.
// A partner's own program: it reads its configuration from the environment itself.
import { generateKeyPairSync, createPublicKey } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { startExampleHost } from "./example-host/server";

function privateKey(): string {
  const file =
    process.env.EXAMPLE_HOST_PRIVATE_KEY_FILE ??
    path.join(process.env.LATCHKEY_DATA_DIR ?? ".data", "example-host-private-key.pem");
  if (!existsSync(file)) {
    if (process.env.EXAMPLE_HOST_PRIVATE_KEY_FILE) throw new Error(`No private key at ${file}`);
    mkdirSync(path.dirname(file), { recursive: true });
    const { privateKey: key } = generateKeyPairSync("rsa", { modulusLength: 2048 });
    writeFileSync(file, key.export({ type: "pkcs8", format: "pem" }), { mode: 0o600 });
    console.info(`[example-host] generated a new private key in ${file}`);
  }
  return readFileSync(file, "utf8");
}

async function main() {
  const latchkeyUrl = (process.env.LATCHKEY_URL ?? `http://localhost:${process.env.PORT ?? 3000}`).replace(/\/+$/, "");
  const pem = privateKey();
  const host = await startExampleHost({
    latchkeyUrl,
    audience: process.env.EXAMPLE_HOST_AUDIENCE ?? "demo",
    privateKeyPem: pem,
    port: Number(process.env.EXAMPLE_HOST_PORT ?? 3390),
    accent: process.env.EXAMPLE_HOST_ACCENT,
  });
  console.info(`[example-host] partner page on ${host.url} embedding ${latchkeyUrl}`);
  console.info(
    `[example-host] in Latchkey, Settings → Embedding: allow the frame origin ${host.url} and register this public key:\n`,
  );
  console.info(createPublicKey(pem).export({ type: "spki", format: "pem" }).toString());
  const stop = () => void host.close().then(() => process.exit(0));
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

main().catch((error: unknown) => {
  console.error(`[example-host] ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
